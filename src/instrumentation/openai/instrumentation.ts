import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import { GenAIInstrumentation, serverOf } from '../genai-instrumentation.js';
import type { ProviderSdk, SupportedVersions, ToolNamesConfig } from '../provider-contract.js';
import { OPENAI_MODULE } from './sdk-module.js';
import { clientOfResource, observeApiPromise } from '../stainless/api-promise.js';
import type { PrefixFingerprintConfig } from '../prefix-attributes.js';
import type { ContentCaptureConfig } from '../../privacy/capture-mode.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { guard, logger } from '../../guard.js';
import { backendAt, BACKENDS, namedBackend, OPENAI_BACKEND, type Backend } from './backends.js';
import { OPENAI_SURFACES } from './surfaces.js';

/** The options of the `openai` SDK's instrumentation alone. */
export interface BackendConfig {
  /**
   * The `gen_ai.provider.name` of clients whose base URL's host the backends table does not know
   * (src/instrumentation/openai/backends.ts): a gateway, a local server. A name, or a function of
   * the client's base URL that returns one, or `undefined` for the default, `openai`. A name that
   * is not a non-empty string is ignored, with a diag warning.
   */
  providerName?: string | ((baseURL: string) => string | undefined);
}

/**
 * The OTel instrumentation options, `prefixFingerprints` (see src/instrumentation/prefix-attributes.ts),
 * `captureMessageContent`, `redaction` and `recordToolNames` (see docs/privacy.md), and `providerName`.
 */
export type OpenAIInstrumentationConfig = InstrumentationConfig & PrefixFingerprintConfig & ContentCaptureConfig & ToolNamesConfig & BackendConfig;

const OPENAI_SDK: ProviderSdk = {
  ...OPENAI_MODULE,
  surfaces: OPENAI_SURFACES,
  clientClass: (moduleExports) => moduleExports['OpenAI'],
  describeClient(client, config: OpenAIInstrumentationConfig) {
    const server = serverOf(client['baseURL']);
    const backend = isAzureClient(client) ? AZURE_BACKEND : (backendAt(server.serverAddress, server.serverPort) ?? unknownHostBackend(client['baseURL'], config));
    return { provider: backend.provider, ...server, dialect: backend };
  },
  // A client that cannot be read is taken for one of the SDK's default backend, as one of a host the table does not know.
  unreadableClient: { provider: OPENAI_BACKEND.provider, serverAddress: undefined, serverPort: undefined, dialect: OPENAI_BACKEND },
  callMethod: 'create',
  clientOf: clientOfResource,
  observeResult: observeApiPromise,
};

const AZURE_BACKEND = BACKENDS.find((backend) => backend.provider === 'azure.ai.openai') as Backend;

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
 * Traces the `openai` SDK: one GenAI CLIENT span per API call of chat completions, responses,
 * completions and embeddings, including the calls its helpers make. Register it like any OTel
 * instrumentation: `new NodeSDK({ instrumentations: [new OpenAIInstrumentation()] })`.
 */
export class OpenAIInstrumentation extends GenAIInstrumentation<OpenAIInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = OPENAI_SDK.supportedVersions;

  constructor(config: OpenAIInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/openai`, PACKAGE_VERSION, config);
  }

  protected get sdk(): ProviderSdk {
    return OPENAI_SDK;
  }
}

/**
 * An `AzureOpenAI` client (or a subclass), whatever its host; a client of an Azure OpenAI host is
 * found by the backends table. The class is matched by name, not identity, so the CommonJS and
 * ESM copies of the SDK both match.
 */
function isAzureClient(client: object): boolean {
  for (let prototype = Object.getPrototypeOf(client); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
    if ((prototype as { constructor?: { name?: unknown } }).constructor?.name === 'AzureOpenAI') return true;
  }
  return false;
}
