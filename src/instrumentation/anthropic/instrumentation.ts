import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import { GenAIInstrumentation, serverOf } from '../genai-instrumentation.js';
import type { ProviderSdk, SupportedVersions, ToolNamesConfig } from '../provider-contract.js';
import { ANTHROPIC_MODULE } from './sdk-module.js';
import { clientOfResource, observeApiPromise } from '../stainless/api-promise.js';
import type { PrefixFingerprintConfig } from '../prefix-attributes.js';
import type { ContentCaptureConfig } from '../../privacy/capture-mode.js';
import type { GenAIProvider } from '../../semconv.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { ANTHROPIC_BUILT_IN_TRACING } from './built-in-tracing.js';
import { ANTHROPIC_SURFACES } from './surfaces.js';

/**
 * The OTel instrumentation options, `prefixFingerprints` (see src/instrumentation/prefix-attributes.ts),
 * and `captureMessageContent`, `redaction` and `recordToolNames` (see docs/privacy.md).
 */
export type AnthropicInstrumentationConfig = InstrumentationConfig & PrefixFingerprintConfig & ContentCaptureConfig & ToolNamesConfig;

/**
 * The platforms that serve Claude through a client of their own SDK (`AnthropicBedrock` of
 * `@anthropic-ai/bedrock-sdk`, `AnthropicVertex` of `@anthropic-ai/vertex-sdk`), by the provider
 * name the client gives itself (`_genAIProviderName`, which the SDK's own spans carry too). Their
 * clients extend the SDK's `BaseAnthropic` and make their calls through its resource classes.
 */
const PLATFORM_PROVIDERS: ReadonlySet<GenAIProvider> = new Set(['aws.bedrock', 'gcp.vertex_ai']);

/** The platform a client of the SDK calls, or `anthropic`, the Claude API's own. */
function providerOf(client: Record<string, unknown>): GenAIProvider {
  const named = client['_genAIProviderName'];
  return PLATFORM_PROVIDERS.has(named as GenAIProvider) ? (named as GenAIProvider) : 'anthropic';
}

const ANTHROPIC_SDK: ProviderSdk = {
  ...ANTHROPIC_MODULE,
  surfaces: ANTHROPIC_SURFACES,
  builtInTracing: ANTHROPIC_BUILT_IN_TRACING,
  clientClass: (moduleExports) => moduleExports['Anthropic'],
  describeClient: (client) => ({ provider: providerOf(client), ...serverOf(client['baseURL']) }),
  unreadableClient: { provider: 'anthropic', serverAddress: undefined, serverPort: undefined },
  callMethod: 'create',
  clientOf: clientOfResource,
  observeResult: observeApiPromise,
};

/**
 * Traces the `@anthropic-ai/sdk` SDK: one GenAI CLIENT span per API call of messages (plain and
 * beta) and legacy completions, including the calls its helpers make, and the calls of the
 * platform SDKs built on it (`@anthropic-ai/bedrock-sdk`, `@anthropic-ai/vertex-sdk`), as
 * `aws.bedrock` and `gcp.vertex_ai`. Where the SDK traces its
 * calls itself (0.134 and later), this instrumentation's span takes the place of the SDK's own
 * (see built-in-tracing.ts). Register it like any OTel instrumentation:
 * `new NodeSDK({ instrumentations: [new AnthropicInstrumentation()] })`.
 */
export class AnthropicInstrumentation extends GenAIInstrumentation<AnthropicInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = ANTHROPIC_SDK.supportedVersions;

  constructor(config: AnthropicInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/anthropic`, PACKAGE_VERSION, config);
  }

  protected get sdk(): ProviderSdk {
    return ANTHROPIC_SDK;
  }
}
