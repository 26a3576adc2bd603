import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { ContentCaptureConfig } from '../../privacy/capture-mode.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { GenAIInstrumentation, serverOf } from '../genai-instrumentation.js';
import type { PrefixFingerprintConfig } from '../prefix-attributes.js';
import type { ProviderSdk, SupportedVersions, ToolNamesConfig } from '../provider-contract.js';
import { observeAsyncResult } from './async-result.js';
import { GEMINI_MODULE } from './sdk-module.js';
import { GEMINI_SURFACES } from './surfaces.js';

/**
 * The OTel instrumentation options, `prefixFingerprints` (see src/instrumentation/prefix-attributes.ts),
 * and `captureMessageContent`, `redaction` and `recordToolNames` (see docs/privacy.md).
 */
export type GeminiInstrumentationConfig = InstrumentationConfig & PrefixFingerprintConfig & ContentCaptureConfig & ToolNamesConfig;

/** The SDK's `ApiClient`, as a resource object (`Models`, `Caches`) holds it. */
interface ApiClient {
  isVertexAI?: () => unknown;
  getBaseUrl?: () => unknown;
}

/** The client of a resource object (the `this` of its methods): `@google/genai` keeps it as `apiClient`. */
function clientOf(resource: object): unknown {
  return (resource as { apiClient?: unknown }).apiClient;
}

/** Vertex AI (`vertexai: true`, with an API key in express mode or a project and location) or the Gemini Developer API. */
function describeClient(client: Record<string, unknown>) {
  const apiClient = client as ApiClient;
  const vertex = typeof apiClient.isVertexAI === 'function' && apiClient.isVertexAI() === true;
  const baseUrl = typeof apiClient.getBaseUrl === 'function' ? apiClient.getBaseUrl() : undefined;
  return { provider: vertex ? 'gcp.vertex_ai' : 'gcp.gemini', ...serverOf(baseUrl) } as const;
}

const GEMINI_SDK: ProviderSdk = {
  ...GEMINI_MODULE,
  surfaces: GEMINI_SURFACES,
  // The resource classes are exports of the module itself, not members of the client class.
  clientClass: (moduleExports) => moduleExports,
  describeClient,
  unreadableClient: { provider: 'gcp.gemini', serverAddress: undefined, serverPort: undefined },
  callMethod: 'generateContentInternal',
  clientOf,
  observeResult: observeAsyncResult,
};

/**
 * Traces the `@google/genai` SDK: one GenAI CLIENT span per API call of `models.generateContent`,
 * `generateContentStream`, `embedContent` and `countTokens`, of `chats.sendMessage` and
 * `sendMessageStream` (which call the models' methods), and of `caches.create`, `update` and
 * `delete`; as `gcp.gemini` (the Gemini Developer API) or `gcp.vertex_ai`. Register it like any
 * OTel instrumentation: `new NodeSDK({ instrumentations: [new GeminiInstrumentation()] })`.
 */
export class GeminiInstrumentation extends GenAIInstrumentation<GeminiInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = GEMINI_SDK.supportedVersions;

  constructor(config: GeminiInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/gemini`, PACKAGE_VERSION, config);
  }

  protected get sdk(): ProviderSdk {
    return GEMINI_SDK;
  }
}
