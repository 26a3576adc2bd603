import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { ollamaSdk } from './lazy-provider-sdk.js';
import { OLLAMA_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type OllamaInstrumentationConfig = ProviderInstrumentationConfig;

/**
 * Traces `ollama` (ollama-js): one GenAI CLIENT span per API call of `chat`, `generate`, `embed`
 * and `embeddings`, plain and streamed, as `gen_ai.provider.name` `ollama`, with the token counts
 * the server reports. A model run by the application's own Ollama server has no price: its spans
 * are left unpriced. Register it like any OTel instrumentation:
 * `new NodeSDK({ instrumentations: [new OllamaInstrumentation()] })`.
 */
export class OllamaInstrumentation extends GenAIInstrumentation<OllamaInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = OLLAMA_MODULE.supportedVersions;

  constructor(config: OllamaInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/ollama`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return OLLAMA_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return ollamaSdk().OLLAMA_SDK;
  }
}
