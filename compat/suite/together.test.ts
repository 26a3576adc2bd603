import { describe } from 'node:test';
import { TOGETHER_SCOPE, togetherClient, togetherSurfaces, type TogetherModule } from './together.ts';
import { installedVersion, requireFromApp, startRecording, testSurfaces, TOGETHER_SDK } from './row.ts';

/**
 * `together-ai`, in a row that installs it, loaded with `require` (its CommonJS build): every
 * surface that TogetherInstrumentation traces, called once against its fixture, gives one span of
 * this package, as `together`, with the usage and the cost that ./together.ts works out; a surface
 * the release does not have (the Audio API on 0.6.0, `audio.create` from 0.32.0) is checked absent.
 */

const version = installedVersion(TOGETHER_SDK);
const recording = await startRecording();
const sdk = requireFromApp(TOGETHER_SDK) as TogetherModule;
const client = togetherClient(sdk, recording);

describe(`${TOGETHER_SDK} ${version} (CommonJS)`, () => testSurfaces(recording, client, version, TOGETHER_SCOPE, togetherSurfaces(sdk, recording, client, version)));
