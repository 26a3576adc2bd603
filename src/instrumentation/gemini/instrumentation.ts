import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { geminiSdk } from './lazy-provider-sdk.js';
import { GEMINI_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type GeminiInstrumentationConfig = ProviderInstrumentationConfig;

/**
 * Traces the `@google/genai` SDK: one GenAI CLIENT span per API call of `models.generateContent`,
 * `generateContentStream`, `embedContent` and `countTokens`, of `chats.sendMessage` and
 * `sendMessageStream` (which call the models' methods), of `caches.create`, `update` and
 * `delete`, of `interactions.create`, and per turn of a Live API session (`live.connect()`); as
 * `gcp.gemini` (the Gemini Developer API) or `gcp.vertex_ai`. And the calls of Google's earlier
 * SDK, `@google/generative-ai`. Register it like any OTel instrumentation:
 * `new NodeSDK({ instrumentations: [new GeminiInstrumentation()] })`.
 */
export class GeminiInstrumentation extends GenAIInstrumentation<GeminiInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = GEMINI_MODULE.supportedVersions;

  constructor(config: GeminiInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/gemini`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return GEMINI_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return geminiSdk().GEMINI_SDK;
  }
}
