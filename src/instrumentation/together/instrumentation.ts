import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { togetherSdk } from './lazy-provider-sdk.js';
import { TOGETHER_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type TogetherInstrumentationConfig = ProviderInstrumentationConfig;

/**
 * Traces `together-ai`: one GenAI CLIENT span per API call of chat completions (plain and
 * streamed), completions, embeddings and the Audio API, as `gen_ai.provider.name` `together`,
 * priced at Together AI's prices. Register it like any OTel instrumentation:
 * `new NodeSDK({ instrumentations: [new TogetherInstrumentation()] })`.
 */
export class TogetherInstrumentation extends GenAIInstrumentation<TogetherInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = TOGETHER_MODULE.supportedVersions;

  constructor(config: TogetherInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/together`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return TOGETHER_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return togetherSdk().TOGETHER_SDK;
  }
}
