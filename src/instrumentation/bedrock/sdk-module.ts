import type { SdkModule } from '../provider-contract.js';

export const BEDROCK_MODULE: SdkModule = {
  moduleName: '@aws-sdk/client-bedrock-runtime',
  // 3.587.0 is the first release with the Converse API's commands (ConverseCommand,
  // ConverseStreamCommand; 3.586.0 has neither). Every 3.x release sends each command through the
  // `send` that `BedrockRuntimeClient` inherits from the Smithy client, which ./send.ts wraps.
  supportedVersions: { minimum: '3.587.0', belowMajor: 4 },
};
