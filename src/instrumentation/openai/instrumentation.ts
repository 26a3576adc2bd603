import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { openaiSdk } from './lazy-provider-sdk.js';
import { OPENAI_MODULE } from './sdk-module.js';

/** The options of the `openai` SDK's instrumentation alone. */
export interface BackendConfig {
  /**
   * The `gen_ai.provider.name` of clients whose base URL's host the backends table does not know
   * (src/instrumentation/formats/openai/backends.ts): a gateway, a local server. A name, or a function of
   * the client's base URL that returns one, or `undefined` for the default, `openai`. A name that
   * is not a non-empty string is ignored, with a diag warning.
   */
  providerName?: string | ((baseURL: string) => string | undefined);
}

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig`), and `providerName`. */
export type OpenAIInstrumentationConfig = ProviderInstrumentationConfig & BackendConfig;

/**
 * Traces the `openai` SDK: one GenAI CLIENT span per API call of chat completions, responses,
 * completions and embeddings, including the calls its helpers make. Register it like any OTel
 * instrumentation: `new NodeSDK({ instrumentations: [new OpenAIInstrumentation()] })`.
 */
export class OpenAIInstrumentation extends GenAIInstrumentation<OpenAIInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = OPENAI_MODULE.supportedVersions;

  constructor(config: OpenAIInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/openai`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return OPENAI_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return openaiSdk().OPENAI_SDK;
  }
}
