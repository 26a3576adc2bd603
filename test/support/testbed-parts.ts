import { diag, DiagLogLevel, SpanStatusCode } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';
import { DiagRecorder, SpanEndCounter } from './telemetry-checks.js';
import { setupTracing, type Tracing } from './tracing.js';

/**
 * What the in-process testbeds of every provider share (test/openai, test/anthropic, test/gemini):
 * a diag recorder as the diag logger, then the instrumentation `makeInstrumentation` builds (so
 * that what it logs while built is recorded), registered with the real OTel SDK, whose spans go
 * through a span-end counter and then `processors`; the fixture server, started before the file's
 * tests (then `onServer` runs: the testbed makes its clients) and closed after them; and, before
 * each test, the spans, the ends, the diag messages and the server's requests cleared.
 */
export interface TestbedParts<I extends Instrumentation | undefined> {
  readonly instrumentation: I;
  readonly tracing: Tracing;
  readonly ends: SpanEndCounter;
  readonly diagnostics: DiagRecorder;
  /** The fixture server, from beforeAll on. */
  readonly server: FixtureServer;
}

export function testbedParts<I extends Instrumentation | undefined>(
  makeInstrumentation: () => I,
  processors: readonly SpanProcessor[],
  onServer: (server: FixtureServer) => void,
): TestbedParts<I> {
  const diagnostics = new DiagRecorder();
  diag.setLogger(diagnostics, DiagLogLevel.ALL);
  const instrumentation = makeInstrumentation();
  const ends = new SpanEndCounter();
  const tracing = setupTracing(instrumentation === undefined ? [] : [instrumentation], [ends, ...processors]);
  let server: FixtureServer | undefined;
  beforeAll(async () => {
    server = await startFixtureServer();
    onServer(server);
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
    get server() {
      if (server === undefined) throw new Error('the fixture server starts in beforeAll');
      return server;
    },
  };
}

/** What {@link endedSpans} and {@link onlySpan} read of a testbed. */
type SpanRecords = Pick<TestbedParts<Instrumentation | undefined>, 'tracing' | 'ends'>;

/** The spans finished so far, after checking that each ended once. */
export function endedSpans(bed: SpanRecords): ReadableSpan[] {
  const spans = bed.tracing.spans();
  for (const span of spans) expect(bed.ends.endsBySpanId.get(span.spanContext().spanId)).toBe(1);
  return spans;
}

/** The one span finished so far, after checking that there is exactly one and that it ended once. */
export function onlySpan(bed: SpanRecords): ReadableSpan {
  const spans = endedSpans(bed);
  expect(spans.map((span) => `${span.instrumentationScope.name}: ${span.name}`)).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

/**
 * What the app gets from `run` without the instrumentation (its `baseline`, of which no span may
 * come) and then with it (`traced`), for a test to compare: the caller's contract is unchanged.
 */
export async function untracedThenTraced<T>(bed: Pick<TestbedParts<Instrumentation>, 'instrumentation' | 'tracing'>, run: () => Promise<T>): Promise<{ baseline: T; traced: T }> {
  bed.instrumentation.disable();
  const baseline = await run().finally(() => bed.instrumentation.enable());
  expect(bed.tracing.spans()).toEqual([]);
  return { baseline, traced: await run() };
}

/** What a Stainless SDK's `APIError` carries that the app reads. */
interface ApiErrorFields {
  readonly message?: string;
  readonly status?: number;
  readonly error?: unknown;
}

/**
 * A call of a Stainless SDK that fails with an API error: it rejects as without the
 * instrumentation (the same class, message, HTTP status and body), and its one span ends failed,
 * with `summary` (the class, the status and the provider's code) as its status message and the
 * class as its `error.type`.
 */
export async function expectRejectsAsUntraced(
  bed: Pick<TestbedParts<Instrumentation>, 'instrumentation' | 'tracing' | 'ends'>,
  call: () => Promise<unknown>,
  summary: string,
): Promise<void> {
  const rejection = () =>
    call().then(
      () => undefined,
      (error: unknown) => error as ApiErrorFields | undefined,
    );
  const { baseline, traced } = await untracedThenTraced(bed, rejection);
  expect(baseline).toBeInstanceOf(Error);
  expect([traced?.constructor, traced?.message, traced?.status, traced?.error]).toEqual([baseline?.constructor, baseline?.message, baseline?.status, baseline?.error]);
  const span = onlySpan(bed);
  expect([span.status, span.attributes['error.type'], span.attributes['llm_observer.call.outcome']]).toEqual([
    { code: SpanStatusCode.ERROR, message: summary },
    summary.split(' ')[0],
    'failed',
  ]);
}
