import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { ContentCaptureConfig } from '../../privacy/capture-mode.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { PrefixFingerprintConfig } from '../prefix-attributes.js';
import type { ProviderSdk, SdkModule, SupportedVersions, ToolNamesConfig } from '../provider-contract.js';
import { bedrockSdk } from './lazy-provider-sdk.js';
import { BEDROCK_MODULE } from './sdk-module.js';

/**
 * The OTel instrumentation options, `prefixFingerprints` (see src/instrumentation/prefix-attributes.ts),
 * and `captureMessageContent`, `redaction` and `recordToolNames` (see docs/privacy.md).
 */
export type BedrockInstrumentationConfig = InstrumentationConfig & PrefixFingerprintConfig & ContentCaptureConfig & ToolNamesConfig;

/**
 * Traces the AWS SDK's Amazon Bedrock Runtime client (`@aws-sdk/client-bedrock-runtime`): one GenAI
 * CLIENT span per `ConverseCommand` and `ConverseStreamCommand` a `BedrockRuntimeClient` (or the
 * `BedrockRuntime` aggregate) sends, as `aws.bedrock`, for any model Bedrock serves. Register it like
 * any OTel instrumentation: `new NodeSDK({ instrumentations: [new BedrockInstrumentation()] })`.
 */
export class BedrockInstrumentation extends GenAIInstrumentation<BedrockInstrumentationConfig> {
  static readonly supportedVersions: SupportedVersions = BEDROCK_MODULE.supportedVersions;

  constructor(config: BedrockInstrumentationConfig = {}) {
    super(`${PACKAGE_NAME}/bedrock`, PACKAGE_VERSION, config);
  }

  protected get sdkModule(): SdkModule {
    return BEDROCK_MODULE;
  }

  protected get sdk(): ProviderSdk {
    return bedrockSdk().BEDROCK_SDK;
  }
}
