import { serverOf } from '../genai-instrumentation.js';
import type { ProviderSdk } from '../provider-contract.js';
import { observeAsyncResult } from '../promises/async-result.js';
import { classMadeByGetter } from '../resource-class.js';
import { GENERATIVE_AI_CALLS } from './generative-ai.js';
import { GEMINI_LIVE_SESSIONS } from './live.js';
import { GEMINI_MODULE } from './sdk-module.js';
import { GEMINI_SURFACES } from './surfaces.js';

/**
 * What the core needs of the `@google/genai` SDK to trace it (the provider contract,
 * ../provider-contract.ts): its surfaces, its client, its observer of plain promises and async
 * generators. Loaded when the SDK is patched (./lazy-provider-sdk.ts), not when the package loads.
 */

/** The SDK's `ApiClient`, as a resource object (`Models`, `Caches`) holds it. */
interface ApiClient {
  isVertexAI?: () => unknown;
  getBaseUrl?: () => unknown;
}

/**
 * The client of a resource object (the `this` of its methods): `@google/genai` keeps it as
 * `apiClient`, and its NextGen resources (`interactions`) as `parentClient`.
 */
function clientOf(resource: object): unknown {
  const { apiClient, parentClient } = resource as { apiClient?: unknown; parentClient?: unknown };
  return apiClient ?? parentClient;
}

/** The module's exports, and the NextGen resource classes the surfaces name (./surfaces.ts). */
function resourceClasses(moduleExports: Record<string, unknown>): Record<string, unknown> {
  // A getter that writes to the console (1.x's, which warned that the API was experimental, and made
  // a resource of another shape) is not asked: the surface is then absent.
  return { ...moduleExports, GeminiNextGenInteractions: classMadeByGetter(moduleExports.GoogleGenAI, 'interactions', (source) => !source.includes('console.')) };
}

/** Vertex AI (`vertexai: true`, with an API key in express mode or a project and location) or the Gemini Developer API. */
function describeClient(client: Record<string, unknown>) {
  const apiClient = client as ApiClient;
  const vertex = typeof apiClient.isVertexAI === 'function' && apiClient.isVertexAI() === true;
  const baseUrl = typeof apiClient.getBaseUrl === 'function' ? apiClient.getBaseUrl() : undefined;
  return { provider: vertex ? 'gcp.vertex_ai' : 'gcp.gemini', ...serverOf(baseUrl) } as const;
}

export const GEMINI_SDK: ProviderSdk = {
  ...GEMINI_MODULE,
  surfaces: GEMINI_SURFACES,
  // The Live API's sessions, and the calls of Google's earlier SDK (`@google/generative-ai`, a package of its own: ./sdk-module.ts).
  sessions: [GEMINI_LIVE_SESSIONS, ...GENERATIVE_AI_CALLS],
  // The resource classes are exports of the module itself, not members of the client class.
  clientClass: resourceClasses,
  describeClient,
  unreadableClient: { provider: 'gcp.gemini', serverAddress: undefined, serverPort: undefined },
  callMethod: 'generateContentInternal',
  clientOf,
  observeResult: observeAsyncResult,
};
