import { register } from 'node:module';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CEREBRAS_SCOPE, cerebrasClient, cerebrasSurfaces, type CerebrasModule } from './cerebras.ts';
import { CEREBRAS_SDK, installedVersion, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * The ESM build of `@cerebras/cerebras_cloud_sdk` (its index.mjs, which `import` loads) is traced as
 * its CommonJS build is, once the app registers the loader hook of @opentelemetry/instrumentation
 * for it before importing it: every surface, one span each (./cerebras.ts).
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: [CEREBRAS_SDK] },
});
const version = installedVersion(CEREBRAS_SDK);
const recording = await startRecording();
const sdk = (await import(CEREBRAS_SDK)) as CerebrasModule;
const client = cerebrasClient(sdk, recording);

describe(`${CEREBRAS_SDK} ${version} imported as ESM`, () => testSurfaces(recording, client, version, CEREBRAS_SCOPE, cerebrasSurfaces(sdk, recording, client, version)));
