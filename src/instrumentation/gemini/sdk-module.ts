import type { SdkModule } from '../provider-contract.js';

export const GEMINI_MODULE: SdkModule = {
  moduleName: '@google/genai',
  // 1.1.0 is the first release whose CommonJS and ESM builds both load (0.15.0 to 1.0.0 ship the
  // CommonJS build as dist/node/index.js in a `"type": "module"` package, 1.0.1 none, and the 0.x
  // releases before 0.15.0 no ESM build). Every release from there makes each API call through one
  // prototype method per endpoint of its Models and Caches classes, as GEMINI_SURFACES names them
  // (compat/matrix.json tests 1.1.0, 1.52.0, 2.32.0 and 3.6.1). A version without one of them
  // leaves that surface untraced, never broken.
  supportedVersions: { minimum: '1.1.0', belowMajor: 4 },
  // Google's earlier SDK of the same API (LangChain.js's Gemini integration calls it): every 0.x
  // release exports `GenerativeModel` and `ChatSession` with the methods ./generative-ai.ts wraps
  // (read in the published dist of 0.1.3, 0.7.1, 0.12.0, 0.21.0 and 0.24.1, the last).
  sessionPackages: [{ moduleName: '@google/generative-ai', supportedVersions: { minimum: '0.1.0', belowMajor: 1 }, sessions: 'calls' }],
};
