import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import {
  GenAIInstrumentation,
  serverOf,
  type ProviderSdk,
  type ToolNamesConfig,
  type SupportedVersions,
} from '../genai-instrumentation.js';
import type { PrefixFingerprintConfig } from '../../insights/prefix-attributes.js';
import type { ContentCaptureConfig } from '../../privacy/capture-mode.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { OPENAI_SURFACES } from './surfaces.js';

const AZURE_HOST_SUFFIXES = ['.openai.azure.com', '.cognitiveservices.azure.com'];

/**
 * The OTel instrumentation options, `prefixFingerprints` (see src/insights/prefix-attributes.ts),
 * and `captureMessageContent`, `redaction` and `recordToolNames` (see docs/privacy.md).
 */
export type OpenAIInstrumentationConfig = InstrumentationConfig & PrefixFingerprintConfig & ContentCaptureConfig & ToolNamesConfig;

const OPENAI_SDK: ProviderSdk = {
  moduleName: 'openai',
  supportedVersions: { minimum: '4.0.0', belowMajor: 8 },
  surfaces: OPENAI_SURFACES,
  clientClass: (moduleExports) => moduleExports['OpenAI'],
  describeClient(client) {
    const server = serverOf(client['baseURL']);
    return { provider: isAzureClient(client, server.serverAddress) ? 'azure.ai.openai' : 'openai', ...server };
  },
};

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
 * An `AzureOpenAI` client (or a subclass), or any client pointed at an Azure OpenAI host. The
 * class is matched by name, not identity, so the CommonJS and ESM copies of the SDK both match.
 */
function isAzureClient(client: object, serverAddress: string | undefined): boolean {
  for (let prototype = Object.getPrototypeOf(client); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
    if ((prototype as { constructor?: { name?: unknown } }).constructor?.name === 'AzureOpenAI') return true;
  }
  return serverAddress !== undefined && AZURE_HOST_SUFFIXES.some((suffix) => serverAddress.endsWith(suffix));
}
