import type { SdkModule } from '../provider-contract.js';

export const GEMINI_MODULE: SdkModule = {
  moduleName: '@google/genai',
  // From 1.1.0, the first release whose CommonJS build loads with `require` (0.15.0 to 1.0.1 ship it
  // as dist/node/index.js in a `"type": "module"` package, or not at all), every release makes
  // each API call through one prototype method per endpoint of its Models and Caches classes, as
  // GEMINI_SURFACES names them (compat/matrix.json tests 1.1.0, 1.52.0, 2.32.0 and 3.3.0). A
  // version without one of them leaves that surface untraced, never broken.
  supportedVersions: { minimum: '1.1.0', belowMajor: 4 },
};
