import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The module specifiers the instrumentations patch (test/setup.test.ts holds this to their
 * definitions): the SDKs, and `@anthropic-ai/sdk/client`, the one file of `@anthropic-ai/sdk`
 * that the Bedrock and Vertex AI SDKs import (they never import its main module).
 */
export const INSTRUMENTED_MODULES: readonly string[] = ['openai', '@anthropic-ai/sdk', '@anthropic-ai/sdk/client'];

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
