import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { cohereSdk } from './lazy-provider-sdk.js';
import { COHERE_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type CohereInstrumentationConfig = ProviderInstrumentationConfig;

/**
 * Traces `cohere-ai`: one GenAI CLIENT span per API call of the v2 client's `chat`, `chatStream`
 * and `embed` and the v1 client's (`CohereClient`, which LangChain.js calls), as
 * `gen_ai.provider.name` `cohere`, priced at Cohere's prices from the units Cohere bills. Register
 * it like any OTel instrumentation: `new NodeSDK({ instrumentations: [new CohereInstrumentation()] })`.
 */
export class CohereInstrumentation extends GenAIInstrumentation<CohereInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = COHERE_MODULE.supportedVersions;

  constructor(config: CohereInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/cohere`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return COHERE_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return cohereSdk().COHERE_SDK;
  }
}
