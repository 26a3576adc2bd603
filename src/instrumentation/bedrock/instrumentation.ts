import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import { GenAIInstrumentation } from '../genai-instrumentation.js';
import type { ProviderInstrumentationConfig, ProviderSdk, SdkModule, SupportedVersions } from '../provider-contract.js';
import { bedrockSdk } from './lazy-provider-sdk.js';
import { BEDROCK_MODULE } from './sdk-module.js';

/** The options of every provider's instrumentation (`ProviderInstrumentationConfig` in ../provider-contract.ts). */
export type BedrockInstrumentationConfig = ProviderInstrumentationConfig;

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
