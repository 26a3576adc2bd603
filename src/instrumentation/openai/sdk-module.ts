import type { SdkModule } from '../provider-contract.js';

/**
 * The `openai` SDK, 4.x to 7.x, and the entry points of its sessions: the Realtime API's, GA and
 * beta (./realtime-sessions.ts), and the Responses API's WebSocket mode, GA and beta
 * (./responses-websocket.ts); and the OpenAI Agents SDK's packages whose WebSockets call the API
 * without it: its voice agents' and its Responses API transport's.
 */
export const OPENAI_MODULE: SdkModule = {
  moduleName: 'openai',
  // `openai/azure` and `openai/bedrock` export their client classes without loading the main module.
  clientFiles: ['azure.js', 'azure.mjs', 'bedrock.js', 'bedrock.mjs'],
  sessionFiles: ['realtime/ws', 'realtime/websocket', 'beta/realtime/ws', 'beta/realtime/websocket', 'resources/responses/ws', 'resources/beta/responses/ws'].flatMap((entry) => [
    `${entry}.js`,
    `${entry}.mjs`,
  ]),
  supportedVersions: { minimum: '4.0.0', belowMajor: 8 },
  sessionPackages: [
    // From 0.14.2, its sessions pass on each server event whole (./realtime-sessions.ts).
    { moduleName: '@openai/agents-realtime', supportedVersions: { minimum: '0.14.2', belowMajor: 1 }, sessions: 'voice sessions' },
    // Every 0.x: its WebSocket model, where it has one (0.5.0 on), is traced (./agents-websocket.ts); its other calls are the `openai` SDK's.
    { moduleName: '@openai/agents-openai', supportedVersions: { minimum: '0.0.0', belowMajor: 1 }, sessions: 'Responses API WebSocket calls' },
  ],
};
