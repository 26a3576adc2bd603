import { createRequire } from 'node:module';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { expect } from 'vitest';
import { AnthropicInstrumentation } from '../../src/index.js';
import type { FixtureServer } from '../support/fixture-server.js';
import type { DiagRecorder, SpanEndCounter } from '../support/telemetry-checks.js';
import { testbedParts } from '../support/testbed-parts.js';
import type { Tracing } from '../support/tracing.js';

/**
 * What every in-process Anthropic test file shares: the real OTel SDK as the global tracer
 * provider (which the SDK's own tracing uses too), `AnthropicInstrumentation` registered with it
 * unless the file tests the SDK alone, the installed `@anthropic-ai/sdk` (1.13) loaded after it,
 * the fixture server, a span-end counter and a diag recorder. Call once, at the top of a file.
 */

type Sdk = typeof import('@anthropic-ai/sdk');
export type Anthropic = InstanceType<Sdk['Anthropic']>;
export type ClientOptions = NonNullable<ConstructorParameters<Sdk['Anthropic']>[0]>;

export interface AnthropicTestbed {
  /** Absent when the file tests the SDK without this package. */
  readonly instrumentation: AnthropicInstrumentation | undefined;
  readonly tracing: Tracing;
  readonly ends: SpanEndCounter;
  readonly diagnostics: DiagRecorder;
  readonly sdk: Sdk;
  readonly server: FixtureServer;
  /** A client of the fixture server, with the SDK's own tracing as its defaults leave it (on). */
  readonly client: Anthropic;
  /** Builds a client of the fixture server with `options` (no retries unless asked). */
  newClient(options?: ClientOptions): Anthropic;
}

/** The API key the clients send: tests check it never reaches a span. */
export const API_KEY = 'sk-ant-api03-test-Qx7vN2kW9pR4';

/** The scope of the spans that `@anthropic-ai/sdk` starts itself. */
export const SDK_SCOPE = 'com.anthropic.sdk.typescript';
export const OUR_SCOPE = 'otel-llm-observer/anthropic';

export function anthropicTestbed({ instrumented = true, processors = [] as SpanProcessor[] } = {}): AnthropicTestbed {
  let client: Anthropic | undefined;
  const parts = testbedParts(() => (instrumented ? new AnthropicInstrumentation() : undefined), processors, () => {
    client = newClient();
  });
  // Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
  const sdk = createRequire(import.meta.url)('@anthropic-ai/sdk') as Sdk;
  const newClient = (options: ClientOptions = {}) => new sdk.Anthropic({ apiKey: API_KEY, baseURL: parts.server.origin, maxRetries: 0, ...options });
  return {
    instrumentation: parts.instrumentation,
    tracing: parts.tracing,
    ends: parts.ends,
    diagnostics: parts.diagnostics,
    sdk,
    newClient,
    get server() {
      return parts.server;
    },
    get client() {
      if (client === undefined) throw new Error('the client is made in beforeAll');
      return client;
    },
  };
}

/** Request options that pick the fixture `anthropic/<name>` (a comma-separated list answers in turn), with more headers if given. */
export function fixture(name: string, headers: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'x-fixture': name.split(',').map((part) => `anthropic/${part}`).join(','), ...headers } };
}

/** The one span finished so far, after checking that there is exactly one and that it ended once. */
export function onlySpan(bed: AnthropicTestbed): ReadableSpan {
  const spans = bed.tracing.spans();
  expect(spans.map((span) => `${span.instrumentationScope.name}: ${span.name}`)).toHaveLength(1);
  const span = spans[0] as ReadableSpan;
  expect(bed.ends.endsBySpanId.get(span.spanContext().spanId)).toBe(1);
  return span;
}

/**
 * Runs `run` with the instrumentation disabled (the SDK unpatched), as an app without this package
 * would, then enables it again and forgets the spans the SDK's own tracing made meanwhile: the
 * baseline a contract test compares the instrumented result with.
 */
export async function withoutThisPackage<T>(bed: AnthropicTestbed, run: () => Promise<T>): Promise<T> {
  bed.instrumentation?.disable();
  try {
    return await run();
  } finally {
    bed.instrumentation?.enable();
    bed.tracing.reset();
    bed.ends.endsBySpanId.clear();
  }
}

/** A question with one 1-hour and one 5-minute cache breakpoint, as an app that caches its system prompt and tools sends it. */
export const QUESTION = {
  model: 'claude-sonnet-4-6',
  max_tokens: 1024,
  tools: [
    {
      name: 'get_weather',
      description: 'The current weather in a city.',
      input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
      cache_control: { type: 'ephemeral' as const, ttl: '1h' as const },
    },
  ],
  system: [{ type: 'text' as const, text: 'You answer geography questions in one sentence.', cache_control: { type: 'ephemeral' as const } }],
  messages: [{ role: 'user' as const, content: 'What is the capital of France?' }],
};

/** Each surface this package traces, called so that its response is read to the end. */
export const SURFACES: readonly [string, (client: Anthropic) => Promise<unknown>][] = [
  ['messages.create', (client) => client.messages.create(QUESTION, fixture('message'))],
  [
    'messages.create with stream: true',
    async (client) => {
      for await (const event of await client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream'))) void event;
    },
  ],
  ['messages.stream()', (client) => client.messages.stream(QUESTION, fixture('message-stream')).finalMessage()],
  ['beta.messages.create', (client) => client.beta.messages.create(QUESTION, fixture('message'))],
  ['beta.messages.stream()', (client) => client.beta.messages.stream(QUESTION, fixture('message-stream')).finalMessage()],
];

/** The usage attributes of the fixtures `message` and `message-stream`: the prices of a call depend on these alone. */
export const CACHED_USAGE = {
  // input_tokens 21, plus the 1800 read from and the 2100 written to the cache
  'gen_ai.usage.input_tokens': 3921,
  'gen_ai.usage.cache_read.input_tokens': 1800,
  'gen_ai.usage.cache_creation.input_tokens': 2100,
  'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 600,
  'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 1500,
  'gen_ai.usage.output_tokens': 9,
};
