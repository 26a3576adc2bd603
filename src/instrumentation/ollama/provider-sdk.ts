import { serverOf } from '../genai-instrumentation.js';
import type { ProviderSdk } from '../provider-contract.js';
import { observeAsyncResult } from '../promises/async-result.js';
import { classOwning } from '../resource-class.js';
import { OLLAMA_MODULE } from './sdk-module.js';
import { OLLAMA_SURFACES } from './surfaces.js';

/**
 * What the core needs of `ollama` to trace it (the provider contract, ../provider-contract.ts).
 * Its methods are `async` functions: a plain promise of the parsed body, or of an
 * `AbortableAsyncIterator` of a stream's chunks, which ../promises/async-result.ts follows in
 * place. Loaded when the SDK is patched (./lazy-provider-sdk.ts).
 */

/**
 * Where a client sends its calls: its `config.host`, which the SDK made a whole URL when the client
 * was made (`http://127.0.0.1:11434` when the application names none; `https://ollama.com` for
 * Ollama's cloud). A client made with `proxy: true` has no host: its requests go where its `fetch`
 * sends them, and no server is named. Only the host and port are kept, never the URL's user and
 * password.
 */
function serverOfClient(client: Record<string, unknown>): ReturnType<typeof serverOf> {
  const { host } = (client['config'] ?? {}) as Record<string, unknown>;
  return serverOf(host === '' ? undefined : host);
}

export const OLLAMA_SDK: ProviderSdk = {
  ...OLLAMA_MODULE,
  surfaces: OLLAMA_SURFACES,
  // The browser build's `Ollama`, whose prototype holds the API methods, which the Node build's exported `Ollama` extends.
  clientClass: (moduleExports) => classOwning(moduleExports['Ollama'], 'chat'),
  describeClient: (client) => ({ provider: 'ollama', ...serverOfClient(client) }),
  unreadableClient: { provider: 'ollama', serverAddress: undefined, serverPort: undefined },
  callMethod: 'chat',
  clientOf: (client) => client,
  observeResult: observeAsyncResult,
};
