import { describe } from 'node:test';
import { CEREBRAS_SCOPE, cerebrasClient, cerebrasSurfaces, type CerebrasModule } from './cerebras.ts';
import { CEREBRAS_SDK, installedVersion, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * `@cerebras/cerebras_cloud_sdk`, in a row that installs it, loaded with `require` (its CommonJS
 * build, index.js): every surface that CerebrasInstrumentation traces, called once against its
 * fixture, gives one span of this package, as `cerebras`, with the usage and the cost that
 * ./cerebras.ts works out; a surface the release does not have (`completions` before 1.14.0) is
 * checked absent.
 */

const version = installedVersion(CEREBRAS_SDK);
const recording = await startRecording();
const sdk = requireFromApp(CEREBRAS_SDK) as CerebrasModule;
const client = cerebrasClient(sdk, recording);

describe(`${CEREBRAS_SDK} ${version} (CommonJS)`, () => testSurfaces(recording, client, version, CEREBRAS_SCOPE, cerebrasSurfaces(sdk, recording, client, version)));
