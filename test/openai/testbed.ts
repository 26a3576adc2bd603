import { createRequire } from 'node:module';
import { diag, DiagLogLevel, SpanStatusCode, type DiagLogger } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { OpenAIInstrumentation } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing, type Tracing } from '../support/tracing.js';

/**
 * What every OpenAI test file shares: the real OTel SDK with the instrumentation registered, the
 * installed `openai` loaded after it (so require-in-the-middle patches it), the fixture server,
 * a client pointed at it, a processor that counts each span's ends, and a diag logger that keeps
 * every message. Call `openAITestbed()` once, at the top of a test file.
 */

/** A span processor that counts how many times each span ended, by span id. */
export class SpanEndCounter implements SpanProcessor {
  readonly endsBySpanId = new Map<string, number>();

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    const id = span.spanContext().spanId;
    this.endsBySpanId.set(id, (this.endsBySpanId.get(id) ?? 0) + 1);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface DiagMessage {
  readonly level: 'error' | 'warn' | 'info' | 'debug' | 'verbose';
  readonly text: string;
}

/** A real diag logger that keeps each message as one line of text. */
export class DiagRecorder implements DiagLogger {
  readonly messages: DiagMessage[] = [];

  error = (...parts: unknown[]) => this.keep('error', parts);
  warn = (...parts: unknown[]) => this.keep('warn', parts);
  info = (...parts: unknown[]) => this.keep('info', parts);
  debug = (...parts: unknown[]) => this.keep('debug', parts);
  verbose = (...parts: unknown[]) => this.keep('verbose', parts);

  /** The messages this package logged (its component logger's namespace comes first). */
  fromThisPackage(): DiagMessage[] {
    return this.messages.filter((message) => message.text.startsWith('otel-llm-observer'));
  }

  private keep(level: DiagMessage['level'], parts: unknown[]): void {
    const text = parts.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' ');
    this.messages.push({ level, text });
  }
}

export interface OpenAITestbed {
  readonly instrumentation: OpenAIInstrumentation;
  readonly tracing: Tracing;
  readonly ends: SpanEndCounter;
  readonly diagnostics: DiagRecorder;
  readonly sdk: typeof import('openai');
  readonly server: FixtureServer;
  readonly client: InstanceType<typeof import('openai').OpenAI>;
  /** Builds a client of the fixture server with `options` (no retries unless asked). */
  newClient(options?: ConstructorParameters<typeof import('openai').OpenAI>[0]): InstanceType<typeof import('openai').OpenAI>;
}

/** The API key the clients send: tests check it never reaches a span. */
export const API_KEY = 'sk-test-Zq8pR3vN7kW2';

export function openAITestbed(processors: SpanProcessor[] = []): OpenAITestbed {
  const diagnostics = new DiagRecorder();
  diag.setLogger(diagnostics, DiagLogLevel.ALL);
  const instrumentation = new OpenAIInstrumentation();
  const ends = new SpanEndCounter();
  const tracing = setupTracing([instrumentation], [ends, ...processors]);
  const sdk = createRequire(import.meta.url)('openai') as typeof import('openai');
  let server: FixtureServer | undefined;
  let client: OpenAITestbed['client'] | undefined;
  const newClient: OpenAITestbed['newClient'] = (options) =>
    new sdk.OpenAI({ apiKey: API_KEY, baseURL: `${server?.origin}/v1`, maxRetries: 0, ...options });

  beforeAll(async () => {
    server = await startFixtureServer();
    client = newClient();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    tracing.reset();
    ends.endsBySpanId.clear();
    diagnostics.messages.length = 0;
    if (server !== undefined) server.requests.length = 0;
  });

  return {
    instrumentation,
    tracing,
    ends,
    diagnostics,
    sdk,
    newClient,
    get server() {
      if (server === undefined) throw new Error('the fixture server starts in beforeAll');
      return server;
    },
    get client() {
      if (client === undefined) throw new Error('the client is made in beforeAll');
      return client;
    },
  };
}

/** Request options that pick the fixture `openai/<name>`, with more headers for the server if given. */
export function fixture(name: string, headers: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'x-fixture': name.split(',').map((part) => `openai/${part}`).join(','), ...headers } };
}

/** The one span finished so far, after checking that there is exactly one and that it ended once. */
export function onlySpan(bed: OpenAITestbed): ReadableSpan {
  const spans = bed.tracing.spans();
  expect(spans).toHaveLength(1);
  const span = spans[0] as ReadableSpan;
  expect(bed.ends.endsBySpanId.get(span.spanContext().spanId)).toBe(1);
  return span;
}

/** Asserts that `span` records a failed call whose error is of class `errorType`. */
export function expectFailed(span: ReadableSpan, errorType: string): void {
  expect(span.status.code).toBe(SpanStatusCode.ERROR);
  expect(span.attributes['error.type']).toBe(errorType);
  expect(span.attributes['llm_observer.call.outcome']).toBe('failed');
}

/**
 * Runs `run` with the instrumentation disabled (the SDK unpatched), as an app without it would,
 * and enables it again: the baseline a contract test compares the instrumented result with.
 */
export async function uninstrumented<T>(bed: OpenAITestbed, run: () => Promise<T>): Promise<T> {
  const spansBefore = bed.tracing.spans().length;
  bed.instrumentation.disable();
  try {
    return await run();
  } finally {
    bed.instrumentation.enable();
    expect(bed.tracing.spans(), 'the baseline made no span').toHaveLength(spansBefore);
  }
}

/** Waits for `turns` turns of the event loop (timers and I/O included). */
export async function turnsOfTheEventLoop(turns: number): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Forces garbage collection (tests run with --expose-gc) and gives the finalizers their turn:
 * they run as tasks of their own after a collection.
 */
export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the tests run with --expose-gc (vitest.config.ts)');
  for (let round = 0; round < 5; round++) {
    gc();
    await turnsOfTheEventLoop(2);
  }
}
