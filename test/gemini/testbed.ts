import { createRequire } from 'node:module';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { GeminiInstrumentation, type GeminiInstrumentationConfig } from '../../src/index.js';
import type { FixtureServer } from '../support/fixture-server.js';
import type { DiagRecorder, SpanEndCounter } from '../support/telemetry-checks.js';
import { testbedParts } from '../support/testbed-parts.js';
import type { Tracing } from '../support/tracing.js';

/**
 * What every in-process Gemini test file shares: the real OTel SDK as the global tracer provider,
 * `GeminiInstrumentation` registered with it, the installed `@google/genai` (3.3) loaded after it,
 * the fixture server, a span-end counter and a diag recorder. Call once, at the top of a file.
 */

type Sdk = typeof import('@google/genai');
export type GoogleGenAI = InstanceType<Sdk['GoogleGenAI']>;

export interface GeminiTestbed {
  readonly instrumentation: GeminiInstrumentation;
  readonly tracing: Tracing;
  readonly ends: SpanEndCounter;
  readonly diagnostics: DiagRecorder;
  readonly sdk: Sdk;
  readonly server: FixtureServer;
  /** A Gemini Developer API client of the fixture server. */
  readonly client: GoogleGenAI;
  /** A Vertex AI client of the fixture server, in express mode (an API key, no Google auth). */
  readonly vertexClient: GoogleGenAI;
}

/** The API key the clients send: tests check it never reaches a span. */
export const API_KEY = 'AIzaSyTest-Qx7vN2kW9pR4fixture';

export const OUR_SCOPE = 'otel-llm-observer/gemini';

export function geminiTestbed({ processors = [] as SpanProcessor[], config = {} as GeminiInstrumentationConfig } = {}): GeminiTestbed {
  let client: GoogleGenAI | undefined;
  let vertexClient: GoogleGenAI | undefined;
  const parts = testbedParts(() => new GeminiInstrumentation(config), processors, (server) => {
    client = new sdk.GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: server.origin } });
    vertexClient = new sdk.GoogleGenAI({ vertexai: true, apiKey: API_KEY, httpOptions: { baseUrl: server.origin } });
  });
  // Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
  const sdk = createRequire(import.meta.url)('@google/genai') as Sdk;
  return {
    instrumentation: parts.instrumentation,
    tracing: parts.tracing,
    ends: parts.ends,
    diagnostics: parts.diagnostics,
    sdk,
    get server() {
      return parts.server;
    },
    get client() {
      if (client === undefined) throw new Error('the client is made in beforeAll');
      return client;
    },
    get vertexClient() {
      if (vertexClient === undefined) throw new Error('the client is made in beforeAll');
      return vertexClient;
    },
  };
}

/** The `httpOptions` of a request's `config` that pick the fixture `gemini/<name>` (a comma-separated list answers in turn). */
export function fixture(name: string, headers: Record<string, string> = {}): { httpOptions: { headers: Record<string, string> } } {
  return { httpOptions: { headers: { 'x-fixture': name.split(',').map((part) => `gemini/${part}`).join(','), ...headers } } };
}

export { endedSpans, onlySpan } from '../support/testbed-parts.js';
