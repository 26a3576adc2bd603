import { describe } from 'node:test';
import { COHERE_SCOPE, cohereClients, cohereSurfaces, type CohereModule } from './cohere.ts';
import { COHERE_SDK, installedVersion, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * `cohere-ai`, in a row that installs it, loaded with `require` (every release is CommonJS): every
 * surface that CohereInstrumentation traces, on the v2 client (`CohereClientV2`) and the v1 client
 * (`CohereClient`), called once against its fixture, gives one span of this package, as `cohere`,
 * with the billed units and the cost that ./cohere.ts works out.
 */

const version = installedVersion(COHERE_SDK);
const recording = await startRecording();
const sdk = requireFromApp(COHERE_SDK) as CohereModule;

describe(`${COHERE_SDK} ${version} (require)`, () =>
  testSurfaces(recording, cohereClients(sdk, recording), version, COHERE_SCOPE, cohereSurfaces(sdk, recording, version)));
