import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { expect } from 'vitest';
import { OpenAIInstrumentation } from '../../src/index.js';
import type { FixtureServer } from '../support/fixture-server.js';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { installPinned, ROOT, runNode, type ChildResult } from '../support/pinned-install.js';
import type { DiagRecorder, SpanEndCounter } from '../support/telemetry-checks.js';
import { testbedParts } from '../support/testbed-parts.js';
import type { Tracing } from '../support/tracing.js';

/**
 * What every in-process OpenAI test file shares: the real OTel SDK with the instrumentation
 * registered, the installed `openai` loaded after it (so require-in-the-middle patches it), the
 * fixture server, a client pointed at it, a processor that counts each span's ends, and a diag
 * logger that keeps every message. Call `openAITestbed()` once, at the top of a test file.
 */

type Sdk = typeof import('openai');
type OpenAIClient = InstanceType<Sdk['OpenAI']>;

export interface OpenAITestbed {
  readonly instrumentation: OpenAIInstrumentation;
  readonly tracing: Tracing;
  readonly ends: SpanEndCounter;
  readonly diagnostics: DiagRecorder;
  readonly sdk: Sdk;
  readonly server: FixtureServer;
  readonly client: OpenAIClient;
  /** Builds a client of the fixture server with `options` (no retries unless asked). */
  newClient(options?: ConstructorParameters<Sdk['OpenAI']>[0]): OpenAIClient;
}

/** The API key the clients send: tests check it never reaches a span. */
export const API_KEY = 'sk-test-Zq8pR3vN7kW2';

export function openAITestbed(processors: SpanProcessor[] = []): OpenAITestbed {
  let client: OpenAIClient | undefined;
  const parts = testbedParts(() => new OpenAIInstrumentation(), processors, () => {
    client = newClient();
  });
  // Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
  const sdk = createRequire(import.meta.url)('openai') as Sdk;
  const newClient: OpenAITestbed['newClient'] = (options) =>
    new sdk.OpenAI({ apiKey: API_KEY, baseURL: `${parts.server.origin}/v1`, maxRetries: 0, ...options });

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

/** Request options that pick the fixture `openai/<name>` (a comma-separated list answers in turn), with more headers if given. */
export function fixture(name: string, headers: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'x-fixture': name.split(',').map((part) => `openai/${part}`).join(','), ...headers } };
}

/** The attributes every span has from its start: the operation, the provider, the model and the server called. */
export function startAttributes(bed: OpenAITestbed, operation: string, requestModel: string): Attributes {
  return {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': requestModel,
    'server.address': '127.0.0.1',
    'server.port': Number(new URL(bed.server.origin).port),
  };
}

/** The one span finished so far, after checking that there is exactly one and that it ended once. */
export function onlySpan(bed: OpenAITestbed): ReadableSpan {
  const spans = bed.tracing.spans();
  expect(spans).toHaveLength(1);
  const span = spans[0] as ReadableSpan;
  expect(bed.ends.endsBySpanId.get(span.spanContext().spanId)).toBe(1);
  return span;
}

/** The spans finished so far, oldest first, after checking that each is a CLIENT span that ended once. */
export function clientSpans(bed: OpenAITestbed): ReadableSpan[] {
  const spans = bed.tracing.spans();
  for (const span of spans) {
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(bed.ends.endsBySpanId.get(span.spanContext().spanId)).toBe(1);
  }
  return spans;
}

/** The one span finished so far, after checking that it is a CLIENT span named `name` that did not fail. */
export function onlyClientSpan(bed: OpenAITestbed, name: string): ReadableSpan {
  const span = onlySpan(bed);
  expect(span.name).toBe(name);
  expect(span.kind).toBe(SpanKind.CLIENT);
  expect(span.status.code).toBe(SpanStatusCode.UNSET);
  return span;
}

/** What `call` was rejected with; a call that succeeds fails the test. */
export function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('the call was expected to fail');
    },
    (error: unknown) => error,
  );
}

/** Reads `stream` to its end: the events it yielded, and what it failed with, if it did. */
export async function readStream<T>(stream: AsyncIterable<T>): Promise<{ events: T[]; failure: unknown }> {
  const events: T[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, failure: undefined };
  } catch (failure) {
    return { events, failure };
  }
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

/** The JSON schema of the structured-output fixtures (`chat-structured`, `responses-structured`). */
export const CITY_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, country: { type: 'string' }, population: { type: 'integer' } },
  required: ['city', 'country', 'population'],
  additionalProperties: false,
};

/**
 * Runs `app`, a file of test/fixtures/apps/openai/ that instruments the module it imported itself
 * with `instrumentModule()` (as a bundled app must) and prints its finished spans as JSON, with
 * `env`, once so and once with `MANUAL=off`; checks that the app ends quietly both times, that the
 * first run's one span has the `name` and total cost `costUsd`, and that the second has none.
 */
export async function expectTracedOnlyWhenInstrumented(app: string, env: NodeJS.ProcessEnv, name: string, costUsd: number): Promise<void> {
  const spansOf = async (more: NodeJS.ProcessEnv) => {
    const result = await runNode([join(ROOT, 'test', 'fixtures', 'apps', 'openai', app)], { cwd: ROOT, env: { ...env, ...more } });
    expect([result.stderr, result.code]).toEqual(['', 0]);
    return JSON.parse(result.stdout) as { name: string; attributes: Attributes }[];
  };
  const [span, ...others] = await spansOf({});
  expect(others).toEqual([]);
  expect([span?.name, span?.attributes['llm_observer.cost.total_usd']]).toEqual([name, costUsd]);
  expect(await spansOf({ MANUAL: 'off' })).toEqual([]);
}

/**
 * Runs `app`, a CommonJS file of test/fixtures/apps/openai/, from a folder of its own where `pins`
 * are installed, under `--require otel-llm-observer/register` (the built package) with `env`,
 * exporting to a local OTLP receiver; returns its output and the LLM calls it exported.
 */
export async function runPinnedUnderRegister(
  pins: Readonly<Record<string, string>>,
  app: string,
  env: NodeJS.ProcessEnv,
): Promise<{ result: ChildResult; calls: ReceivedSpan[] }> {
  const folder = installPinned(pins);
  copyFileSync(join(ROOT, 'test', 'fixtures', 'apps', 'openai', app), join(folder, 'app.cjs'));
  const receiver = await startOtlpReceiver();
  try {
    const result = await runNode(['--require', join(ROOT, 'dist', 'cjs', 'register.js'), 'app.cjs'], {
      cwd: folder,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_METRICS_EXPORTER: 'none', ...env },
    });
    return { result, calls: receiver.calls() };
  } finally {
    await receiver.close();
  }
}
