import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { anthropicSdk } from './lazy-provider-sdk.js';
import { ANTHROPIC_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type AnthropicInstrumentationConfig = ProviderInstrumentationConfig;

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
  static readonly supportedVersions: SupportedVersions = ANTHROPIC_MODULE.supportedVersions;

  constructor(config: AnthropicInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/anthropic`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return ANTHROPIC_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return anthropicSdk().ANTHROPIC_SDK;
  }
}
