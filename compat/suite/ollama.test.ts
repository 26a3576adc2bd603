import { describe } from 'node:test';
import { OLLAMA_SCOPE, ollamaFixtureClient, ollamaSurfaces, testDefaultInstance, type OllamaModule } from './ollama.ts';
import { installedVersion, OLLAMA_SDK, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * `ollama`, in a row that installs it, loaded with `require` (its CommonJS build, dist/index.cjs):
 * every surface that OllamaInstrumentation traces, `chat`, `generate`, `embed` and `embeddings`,
 * plain and streamed, called once against its fixture, gives one span of this package, as
 * `ollama`, with the counts the server reports and no price (./ollama.ts).
 */

const version = installedVersion(OLLAMA_SDK);
const recording = await startRecording();
const sdk = requireFromApp(OLLAMA_SDK) as OllamaModule;

describe(`${OLLAMA_SDK} ${version} (require)`, () => {
  testSurfaces(recording, ollamaFixtureClient(sdk, recording, version, 'chat'), version, OLLAMA_SCOPE, ollamaSurfaces(sdk, recording, version));
  testDefaultInstance(sdk);
});
