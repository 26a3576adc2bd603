import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { groqSdk } from './lazy-provider-sdk.js';
import { GROQ_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type GroqInstrumentationConfig = ProviderInstrumentationConfig;

/**
 * Traces `groq-sdk`: one GenAI CLIENT span per API call of chat completions (plain and streamed),
 * embeddings and the Audio API, as `gen_ai.provider.name` `groq`, priced at GroqCloud's prices.
 * Register it like any OTel instrumentation: `new NodeSDK({ instrumentations: [new GroqInstrumentation()] })`.
 */
export class GroqInstrumentation extends GenAIInstrumentation<GroqInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = GROQ_MODULE.supportedVersions;

  constructor(config: GroqInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/groq`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return GROQ_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return groqSdk().GROQ_SDK;
  }
}
