import type { SdkModule } from '../provider-contract.js';

/** The `openai` SDK, 4.x to 7.x. */
export const OPENAI_MODULE: SdkModule = { moduleName: 'openai', supportedVersions: { minimum: '4.0.0', belowMajor: 8 } };
