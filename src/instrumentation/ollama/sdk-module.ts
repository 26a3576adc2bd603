import type { SdkModule } from '../provider-contract.js';

/**
 * `ollama` (ollama-js), the Ollama project's SDK of its own REST API (`/api/chat`, `/api/generate`,
 * `/api/embed`), which LangChain.js's `@langchain/ollama` calls (at `^0.6.3`). CommonJS and ESM
 * builds of one `Ollama` class (the Node build's a subclass of the browser build's, whose prototype
 * holds the API methods); the module's default export is an instance of it made when the module
 * loads. Its methods return plain promises, of the parsed body or, with `stream: true`, of an
 * `AbortableAsyncIterator` whose async iterator reads the newline-delimited JSON chunks. From 0.5.6,
 * every release has `chat`, `generate`, `embed` and `embeddings` in that shape (read in the
 * published dist of 0.5.6, 0.5.9, 0.5.18 and 0.6.4). 0.5.2 (the release before 0.5.6; 0.5.3 to
 * 0.5.5 were never published) has no `embed`; 0.5.1 and earlier stream through a plain async
 * generator.
 */
export const OLLAMA_MODULE: SdkModule = {
  moduleName: 'ollama',
  // `ollama/browser`, the browser build, exports the class that holds the API methods without loading the main module (from 0.5.18 the main module loads it too).
  clientFiles: ['dist/browser.cjs', 'dist/browser.mjs'],
  clientEntryPoints: ['browser'],
  supportedVersions: { minimum: '0.5.6', belowMajor: 1 },
};
