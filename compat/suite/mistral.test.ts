import { describe } from 'node:test';
import { MISTRAL_SCOPE, mistralClient, mistralSurfaces, type MistralModule } from './mistral.ts';
import { installedVersion, MISTRAL_SDK, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * `@mistralai/mistralai`, in a row that installs it, loaded with `require` (1.x: its CommonJS build;
 * 2.x, ESM only: `require(esm)`): every surface that MistralInstrumentation traces, called once
 * against its fixture, gives one span of this package, as `mistral_ai`, with the usage and the cost
 * that ./mistral.ts works out.
 */

const version = installedVersion(MISTRAL_SDK);
const recording = await startRecording();
const sdk = requireFromApp(MISTRAL_SDK) as MistralModule;
const client = mistralClient(sdk, recording);

describe(`${MISTRAL_SDK} ${version} (require)`, () => testSurfaces(recording, client, version, MISTRAL_SCOPE, mistralSurfaces(client)));
