import { register } from 'node:module';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { assertConverseStreamTraced, assertConverseTraced, assertInvokeModelStreamTraced, assertInvokeModelTraced, type BedrockRuntimeModule, type HttpHandlerModule } from './bedrock-runtime.ts';
import { BEDROCK_RUNTIME, installedVersion, requireFromApp, startRecording } from './row.ts';

/**
 * `@aws-sdk/client-bedrock-runtime` imported by an ESM app, which registers the loader hook of
 * @opentelemetry/instrumentation for it before importing it, as for the other SDKs: traced as
 * through `require`, one span per command (./bedrock-runtime.ts). The package has no `exports`
 * map and no `"type": "module"`, so `import` loads the same dist-cjs build as `require` (its
 * dist-es, with extensionless relative imports, is for bundlers), through Node's CommonJS interop.
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: [BEDROCK_RUNTIME] },
});
const recording = await startRecording();
const sdk = (await import(BEDROCK_RUNTIME)) as BedrockRuntimeModule;
const handlers = (await import('@smithy/node-http-handler')) as HttpHandlerModule;
const version = installedVersion(BEDROCK_RUNTIME);

describe('imported as ESM', () => {
  it(`traces a ConverseCommand of ${BEDROCK_RUNTIME} ${version} imported as ESM`, async () => {
    await assertConverseTraced(sdk, handlers, recording);
  });

  it(`traces a ConverseStreamCommand of ${BEDROCK_RUNTIME} ${version} imported as ESM`, async () => {
    await assertConverseStreamTraced(sdk, handlers, recording);
  });

  it(`traces an InvokeModelCommand of ${BEDROCK_RUNTIME} ${version} imported as ESM`, async () => {
    await assertInvokeModelTraced(sdk, handlers, recording);
  });

  it(`traces an InvokeModelWithResponseStreamCommand of ${BEDROCK_RUNTIME} ${version} imported as ESM`, async () => {
    await assertInvokeModelStreamTraced(sdk, handlers, recording);
  });
});
