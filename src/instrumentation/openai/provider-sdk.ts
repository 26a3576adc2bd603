import { serverOf } from '../genai-instrumentation.js';
import type { ProviderSdk } from '../provider-contract.js';
import { clientOfResource, observeApiPromise } from '../stainless/api-promise.js';
import { guard, logger } from '../../guard.js';
import type { Backend } from '../formats/openai/backends.js';
import { openaiApiFormat } from '../formats/openai/lazy-openai-api.js';
import type { BackendConfig, OpenAIInstrumentationConfig } from './instrumentation.js';
import { AGENTS_WEBSOCKET_CALLS, AGENTS_WEBSOCKET_REQUESTS } from './agents-websocket.js';
import { AGENTS_SDK_SESSIONS, OPENAI_SDK_SESSIONS } from './realtime-sessions.js';
import { RESPONSES_WEBSOCKET_EVENTS, RESPONSES_WEBSOCKET_REQUESTS } from './responses-websocket.js';
import { OPENAI_MODULE } from './sdk-module.js';
import { OPENAI_SURFACES } from './surfaces.js';

const { backendAt, BACKENDS, namedBackend, OPENAI_BACKEND } = openaiApiFormat();

/**
 * What the core needs of the `openai` SDK to trace it (the provider contract,
 * ../provider-contract.ts): its surfaces, its client, its backends. Loaded when the SDK is patched
 * (./lazy-provider-sdk.ts), not when the package loads.
 */

export const OPENAI_SDK: ProviderSdk = {
  ...OPENAI_MODULE,
  surfaces: OPENAI_SURFACES,
  sessions: [OPENAI_SDK_SESSIONS, AGENTS_SDK_SESSIONS, RESPONSES_WEBSOCKET_REQUESTS, RESPONSES_WEBSOCKET_EVENTS, AGENTS_WEBSOCKET_REQUESTS, AGENTS_WEBSOCKET_CALLS],
  // The main module's `OpenAI`, or the subclass that `openai/azure` or `openai/bedrock` exports (its resource classes are OpenAI's).
  clientClass: (moduleExports) => moduleExports['OpenAI'] ?? moduleExports['AzureOpenAI'] ?? moduleExports['BedrockOpenAI'],
  describeClient(client, config: OpenAIInstrumentationConfig) {
    const server = serverOf(client['baseURL']);
    const backend = backendOfClass(client) ?? backendAt(server.serverAddress, server.serverPort) ?? unknownHostBackend(client['baseURL'], config);
    return { provider: backend.provider, ...server, dialect: backend };
  },
  // A client that cannot be read is taken for one of the SDK's default backend, as one of a host the table does not know.
  unreadableClient: { provider: OPENAI_BACKEND.provider, serverAddress: undefined, serverPort: undefined, dialect: OPENAI_BACKEND },
  callMethod: 'create',
  clientOf: clientOfResource,
  observeResult: observeApiPromise,
};

/** The SDK's client classes of a backend of their own (`openai/azure`, `openai/bedrock`), by name, with that backend. */
const CLIENT_CLASSES: ReadonlyMap<unknown, Backend> = new Map([
  ['AzureOpenAI', BACKENDS.find((backend) => backend.provider === 'azure.ai.openai') as Backend],
  ['BedrockOpenAI', BACKENDS.find((backend) => backend.provider === 'aws.bedrock') as Backend],
]);

/** The backend of a client whose host the table does not know: as the `providerName` option names it, else OpenAI's. */
function unknownHostBackend(baseURL: unknown, { providerName }: BackendConfig): Backend {
  if (providerName === undefined || typeof baseURL !== 'string') return OPENAI_BACKEND;
  const name = typeof providerName === 'function' ? guard('providerName', providerName, baseURL) : providerName;
  if (name === undefined) return OPENAI_BACKEND;
  if (typeof name !== 'string' || name === '') {
    logger.warn(`providerName gave ${typeof name === 'string' ? 'an empty string' : typeof name} for a client; its calls are reported as openai`);
    return OPENAI_BACKEND;
  }
  return namedBackend(name);
}

/**
 * The backend of an `AzureOpenAI` or `BedrockOpenAI` client (or of a subclass), whatever its host;
 * `undefined` for a client of any other class, whose host the backends table reads. The class is
 * matched by name, not identity, so the CommonJS and ESM copies of the SDK both match.
 */
function backendOfClass(client: object): Backend | undefined {
  for (let prototype = Object.getPrototypeOf(client); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
    const backend = CLIENT_CLASSES.get((prototype as { constructor?: { name?: unknown } }).constructor?.name);
    if (backend !== undefined) return backend;
  }
  return undefined;
}
