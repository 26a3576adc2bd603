import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { INSTRUMENTED_MODULES as PROVIDER_MODULES } from './providers.js';

/**
 * The module specifiers the instrumentations patch (test/setup.test.ts holds this to their
 * definitions): each provider's SDK, and the files of it that other packages import alone (the
 * Bedrock and Vertex AI SDKs import `@anthropic-ai/sdk/client`, never its main module).
 */
export const INSTRUMENTED_MODULES: readonly string[] = PROVIDER_MODULES;

/**
 * Registers import-in-the-middle's loader hook, which lets the instrumentations patch the SDKs
 * that an ESM app imports. Call it before the app imports them (the register module does).
 *
 * The hook wraps only the SDKs' modules: wrapping every module costs each import, and the ESM
 * builds of some SDK versions (openai 4.x, @anthropic-ai/sdk before 0.50) break when their
 * platform shims are wrapped.
 */
export function registerLoaderHook(): void {
  register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(__filename), {
    data: { include: INSTRUMENTED_MODULES },
  });
}
