import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { cerebrasSdk } from './lazy-provider-sdk.js';
import { CEREBRAS_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type CerebrasInstrumentationConfig = ProviderInstrumentationConfig;

/**
 * Traces `@cerebras/cerebras_cloud_sdk`: one GenAI CLIENT span per API call of chat completions
 * (plain and streamed) and completions, as `gen_ai.provider.name` `cerebras`, priced at Cerebras's
 * prices. Register it like any OTel instrumentation:
 * `new NodeSDK({ instrumentations: [new CerebrasInstrumentation()] })`.
 */
export class CerebrasInstrumentation extends GenAIInstrumentation<CerebrasInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = CEREBRAS_MODULE.supportedVersions;

  constructor(config: CerebrasInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/cerebras`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return CEREBRAS_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return cerebrasSdk().CEREBRAS_SDK;
  }
}
