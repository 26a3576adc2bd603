import { register } from 'node:module';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { OLLAMA_SCOPE, ollamaFixtureClient, ollamaSurfaces, testDefaultInstance, type OllamaModule } from './ollama.ts';
import { installedVersion, OLLAMA_SDK, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * The ESM build of `ollama` (its dist/index.mjs, which `import` loads) is traced as its CommonJS
 * build is, once the app registers the loader hook of @opentelemetry/instrumentation for it before
 * importing it: every surface, one span each (./ollama.ts), and the module's default export, the
 * instance made when it loaded, calls the same methods.
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: [OLLAMA_SDK] },
});
const version = installedVersion(OLLAMA_SDK);
const recording = await startRecording();
const sdk = (await import(OLLAMA_SDK)) as OllamaModule;

describe(`${OLLAMA_SDK} ${version} imported as ESM`, () => {
  testSurfaces(recording, ollamaFixtureClient(sdk, recording, version, 'chat'), version, OLLAMA_SCOPE, ollamaSurfaces(sdk, recording, version));
  testDefaultInstance(sdk);
});
