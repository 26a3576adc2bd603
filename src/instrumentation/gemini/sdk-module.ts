import type { SdkModule } from '../provider-contract.js';

export const GEMINI_MODULE: SdkModule = {
  moduleName: '@google/genai',
  // 3.3.0 is the release tested (compat/matrix.json): its Models and Caches classes make each API
  // call through one prototype method per endpoint (generateContentInternal, …). A version without
  // one of them leaves that surface untraced, never broken.
  supportedVersions: { minimum: '3.3.0', belowMajor: 4 },
};
