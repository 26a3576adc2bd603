import { getHeapSpaceStatistics } from 'node:v8';
import type { DiagLogger, Tracer, TracerProvider } from '@opentelemetry/api';
import { MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Real OTel parts that let a test see what telemetry did, or break it on purpose: processors that
 * count each span's ends and the spans still open, a metric reader that collects when asked, a
 * diag logger that keeps every message, a processor and a tracer provider that throw, and a way to
 * let the garbage collector end the spans of dropped results.
 */

/** A metric reader of sdk-metrics that collects when the test asks, and exports nowhere. */
export class CollectingReader extends MetricReader {
  /** The metrics recorded so far, by name. */
  async metricsByName(): Promise<Map<string, MetricData>> {
    const { resourceMetrics } = await this.collect();
    return new Map(resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).map((metric) => [metric.descriptor.name, metric]));
  }

  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

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

/** A span processor that counts the spans started and those ended: what is still open is the difference. */
export class OpenSpanCounter implements SpanProcessor {
  started = 0;
  ended = 0;
  /** The spans not ended yet, each with the number of spans started before it. */
  private readonly openSpans = new Map<object, number>();

  get open(): number {
    return this.started - this.ended;
  }

  /** A mark to count from: {@link openSince} counts only the spans started after it. */
  mark(): number {
    return this.started;
  }

  /**
   * How many spans started after `mark` are still open. A span an earlier test left open (one that
   * ends when the SDK object is garbage-collected, say) may end at any time later: counting from a
   * mark keeps it out of the next test's figures.
   */
  openSince(mark: number): number {
    let open = 0;
    for (const startedBefore of this.openSpans.values()) if (startedBefore >= mark) open++;
    return open;
  }

  onStart(span: object): void {
    this.openSpans.set(span, this.started);
    this.started++;
  }

  onEnd(span: object): void {
    this.openSpans.delete(span);
    this.ended++;
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

/** A span processor that throws from the hook it is told to, as a faulty one in an app would. */
export class FaultyProcessor implements SpanProcessor {
  failingHook: 'onStart' | 'onEnd' | undefined;

  onStart(): void {
    if (this.failingHook === 'onStart') throw new Error('processor broke in onStart');
  }

  onEnd(): void {
    if (this.failingHook === 'onEnd') throw new Error('processor broke in onEnd');
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A tracer provider whose tracer throws whenever it is asked for a span. */
export const brokenTracerProvider: TracerProvider = {
  getTracer(): Tracer {
    const broken = () => {
      throw new Error('tracer broke');
    };
    return { startSpan: broken, startActiveSpan: broken };
  },
};

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

/**
 * The spaces where V8 keeps compiled code and what comes with it (bytecode, deoptimization data).
 * They grow as the functions a test calls warm up and are optimized, by an amount that depends on
 * when the machine's background compiler gets to them: over 2,000 calls of the reliability bed,
 * 1.5 to 2.1 MB measured, against 1.0 MB for the objects kept.
 */
const CODE_SPACES = new Set([
  'code_space',
  'code_large_object_space',
  'trusted_space',
  'trusted_large_object_space',
  'shared_trusted_space',
  'shared_trusted_large_object_space',
]);

/** The heap that holds objects (not compiled code) once the garbage is collected: what a leak grows. */
export async function liveObjectHeapBytes(): Promise<number> {
  await collectGarbage();
  return getHeapSpaceStatistics()
    .filter((space) => !CODE_SPACES.has(space.space_name))
    .reduce((total, space) => total + space.space_used_size, 0);
}
