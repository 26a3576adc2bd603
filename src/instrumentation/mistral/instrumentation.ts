import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { mistralSdk } from './lazy-provider-sdk.js';
import { MISTRAL_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type MistralInstrumentationConfig = ProviderInstrumentationConfig;

/**
 * Traces `@mistralai/mistralai`: one GenAI CLIENT span per API call of `chat.complete`, `stream`,
 * `parse` and `parseStream`, `fim.complete` and `stream`, `agents.complete` and `stream`
 * (`invoke_agent`), and `embeddings.create`, as `gen_ai.provider.name` `mistral_ai`, priced at
 * Mistral AI's prices. Register it like any OTel instrumentation:
 * `new NodeSDK({ instrumentations: [new MistralInstrumentation()] })`.
 */
export class MistralInstrumentation extends GenAIInstrumentation<MistralInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = MISTRAL_MODULE.supportedVersions;

  constructor(config: MistralInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/mistral`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return MISTRAL_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return mistralSdk().MISTRAL_SDK;
  }
}
