import { describe } from 'node:test';
import { GROQ_SCOPE, groqClient, groqSurfaces, type GroqModule } from './groq.ts';
import { GROQ_SDK, installedVersion, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * `groq-sdk`, in a row that installs it, loaded with `require` (its CommonJS build): every surface
 * that GroqInstrumentation traces, called once against its fixture, gives one span of this package,
 * as `groq`, with the usage and the cost that ./groq.ts works out; a surface the release does not
 * have (`audio.speech` before 0.17.0) is checked absent.
 */

const version = installedVersion(GROQ_SDK);
const recording = await startRecording();
const sdk = requireFromApp(GROQ_SDK) as GroqModule;
const client = groqClient(sdk, recording);

describe(`${GROQ_SDK} ${version} (CommonJS)`, () => testSurfaces(recording, client, version, GROQ_SCOPE, groqSurfaces(sdk, client)));
