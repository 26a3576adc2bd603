import type { SdkModule } from '../provider-contract.js';

/** The `openai` SDK, 4.x to 7.x, and the entry points of its Realtime API's sessions, GA and beta (./realtime.ts). */
export const OPENAI_MODULE: SdkModule = {
  moduleName: 'openai',
  sessionFiles: ['realtime/ws', 'realtime/websocket', 'beta/realtime/ws', 'beta/realtime/websocket'].flatMap((entry) => [`${entry}.js`, `${entry}.mjs`]),
  supportedVersions: { minimum: '4.0.0', belowMajor: 8 },
};
