import type { SdkModule } from '../provider-contract.js';

export const GEMINI_MODULE: SdkModule = {
  moduleName: '@google/genai',
  // 1.0 is the first release whose Models class makes each API call through one prototype method
  // per endpoint (generateContentInternal, generateContentStreamInternal, embedContentInternal, countTokens).
  supportedVersions: { minimum: '1.0.0', belowMajor: 4 },
};
