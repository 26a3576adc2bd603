import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderSdk, SdkModule, SupportedVersions, ToolNamesConfig } from '../provider-contract.js';
import type { PrefixFingerprintConfig } from '../prefix-attributes.js';
import type { ContentCaptureConfig } from '../../privacy/capture-mode.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { groqSdk } from './lazy-provider-sdk.js';
import { GROQ_MODULE } from './sdk-module.js';

/**
 * The OTel instrumentation options, `prefixFingerprints` (see src/instrumentation/prefix-attributes.ts),
 * and `captureMessageContent`, `redaction` and `recordToolNames` (see docs/privacy.md).
 */
export type GroqInstrumentationConfig = InstrumentationConfig & PrefixFingerprintConfig & ContentCaptureConfig & ToolNamesConfig;

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
