import { register } from 'node:module';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { COHERE_SCOPE, cohereClients, cohereSurfaces, type CohereModule } from './cohere.ts';
import { COHERE_SDK, installedVersion, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * `cohere-ai` loaded with `import` (CommonJS only: its one build, through Node's CommonJS interop)
 * is traced as it is with `require`, once the app registers the loader hook of
 * @opentelemetry/instrumentation for it before importing it: every surface, one span each
 * (./cohere.ts).
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: [COHERE_SDK] },
});
const version = installedVersion(COHERE_SDK);
const recording = await startRecording();
const sdk = (await import(COHERE_SDK)) as CohereModule;

describe(`${COHERE_SDK} ${version} imported as ESM`, () =>
  testSurfaces(recording, cohereClients(sdk, recording), version, COHERE_SCOPE, cohereSurfaces(sdk, recording, version)));
