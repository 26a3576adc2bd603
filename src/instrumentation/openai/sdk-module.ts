import type { SdkModule } from '../provider-contract.js';

/**
 * The `openai` SDK, 4.x to 7.x, and the entry points of its sessions: the Realtime API's, GA and
 * beta (./realtime-sessions.ts), and the Responses API's WebSocket mode, GA and beta
 * (./responses-websocket.ts); and the OpenAI Agents SDK's voice agents, whose sessions call the
 * Realtime API without it.
 */
export const OPENAI_MODULE: SdkModule = {
  moduleName: 'openai',
  sessionFiles: ['realtime/ws', 'realtime/websocket', 'beta/realtime/ws', 'beta/realtime/websocket', 'resources/responses/ws', 'resources/beta/responses/ws'].flatMap((entry) => [
    `${entry}.js`,
    `${entry}.mjs`,
  ]),
  supportedVersions: { minimum: '4.0.0', belowMajor: 8 },
  // From 0.14.2, its sessions pass on each server event whole (./realtime-sessions.ts).
  sessionPackages: [{ moduleName: '@openai/agents-realtime', supportedVersions: { minimum: '0.14.2', belowMajor: 1 } }],
};
