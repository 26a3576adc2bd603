import type { SdkModule } from '../provider-contract.js';

export const ANTHROPIC_MODULE: SdkModule = {
  moduleName: '@anthropic-ai/sdk',
  // The platform SDKs load the client classes from here, never the SDK's main file.
  clientFiles: ['client.js', 'client.mjs'],
  // 0.40 is the oldest release tested; its Messages API already reports cache reads and writes.
  supportedVersions: { minimum: '0.40.0', belowMajor: 2 },
};
