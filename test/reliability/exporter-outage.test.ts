import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { CollectingReader, liveObjectHeapBytes } from '../support/telemetry-checks.js';
import { reliabilityBed, reportedErrors, withoutInstrumentation, type ReliabilityBed } from './bed.js';
import { APP_CALLS, type AppView } from './calls.js';

/**
 * The collector is down: its port refuses connections, or it accepts them and never answers. The
 * spans go through the cost processor to a real BatchSpanProcessor and OTLP/HTTP exporter, with a
 * short export timeout and a small queue; its own metrics (`selfObsMeterProvider`) count the spans
 * it dropped, exported and holds. The app's calls must get what they get without this package, the
 * queue must stay within its bound, and the heap with it, the spans it drops must be counted, and
 * shutdown must settle, not hang (the BatchSpanProcessor rejects it when its last export times
 * out: an app's shutdown handler catches that). Each export holds the processor for at least
 * 300 ms and takes 10 spans. The queue is filled first by a burst of the app's own spans, ended in
 * one synchronous loop: the processor hands the first 10 to an export, queues 50 and drops the
 * rest, whatever the machine's speed (an export cannot end within the loop); how many of the calls'
 * spans are dropped after it depends on how fast the machine makes the calls.
 */

const bed = await reliabilityBed();

/** Calls in each outage, of every kind of `APP_CALLS` in turn: far more spans than the queue holds. */
const CALLS = 2_000;
/** Calls made before the heap is first measured: the exporter's code warm, its queue full. */
const WARM_UP_CALLS = 400;
const MAX_QUEUE_SIZE = 50;
const MAX_EXPORT_BATCH_SIZE = 10;
/** How long the processor waits for an export: short, as the queue fills meanwhile. */
const EXPORT_TIMEOUT_MS = 300;
/** How long the exporter tries one export: time for one retry of a refused connection (after about 1 s). */
const EXPORTER_TIMEOUT_MS = 2_000;
/** How long shutdown may take before the test calls it hung: ten times what the exporter waits. */
const SHUTDOWN_LIMIT_MS = 10 * EXPORTER_TIMEOUT_MS;
/**
 * How much the heap's objects may grow over the calls (compiled code not counted): 1.5 KB a call
 * (3 MB), the queue's spans and the exports in flight included. Measured: 0.85 to 1.2 MB; with a
 * span processor that keeps every span, 4.8 MB.
 */
const HEAP_GROWTH_BOUND_BYTES = CALLS * 1536;

interface Collector {
  readonly url: string;
  close(): Promise<void>;
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const closed = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const OUTAGES: Record<string, () => Promise<Collector>> = {
  'refuses connections (nothing listens on its port)': async () => {
    const server = createServer();
    const port = await listening(server);
    await closed(server);
    return { url: `http://127.0.0.1:${port}/v1/traces`, close: () => Promise.resolve() };
  },
  'accepts connections and never answers': async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.resume();
    });
    const port = await listening(server);
    return {
      url: `http://127.0.0.1:${port}/v1/traces`,
      close: () => {
        for (const socket of sockets) socket.destroy();
        return closed(server);
      },
    };
  },
};

/** What the BatchSpanProcessor's own metrics say: spans it dropped for a full queue, spans exported, spans in its queue and room for them. */
interface QueueAccount {
  readonly dropped: number;
  readonly exported: number;
  readonly queued: number;
  readonly capacity: number;
}

async function queueAccount(reader: CollectingReader): Promise<QueueAccount> {
  const byName = await reader.metricsByName();
  const points = (name: string) => (byName.get(name)?.dataPoints ?? []) as { attributes: Record<string, unknown>; value: number }[];
  const sum = (name: string, keep: (attributes: Record<string, unknown>) => boolean) =>
    points(name)
      .filter((point) => keep(point.attributes))
      .reduce((total, point) => total + point.value, 0);
  const processed = 'otel.sdk.processor.span.processed';
  return {
    dropped: sum(processed, (attributes) => attributes['error.type'] === 'queue_full'),
    exported: sum(processed, (attributes) => attributes['error.type'] === undefined),
    queued: sum('otel.sdk.processor.span.queue.size', () => true),
    capacity: sum('otel.sdk.processor.span.queue.capacity', () => true),
  };
}

/** A tracer provider exporting to `collector`, which both instrumentations use until the test ends. */
function exportingTo(bed: ReliabilityBed, collector: Collector): { provider: TracerProvider; reader: CollectingReader } {
  const reader = new CollectingReader();
  const batches = new BatchSpanProcessor({
    exporter: new OTLPTraceExporter({ url: collector.url, timeoutMillis: EXPORTER_TIMEOUT_MS }),
    maxQueueSize: MAX_QUEUE_SIZE,
    maxExportBatchSize: MAX_EXPORT_BATCH_SIZE,
    exportTimeoutMillis: EXPORT_TIMEOUT_MS,
    selfObsMeterProvider: new MeterProvider({ readers: [reader] }),
  });
  const provider = new TracerProvider({ spanProcessors: [new CostSpanProcessor({ printReport: false }), batches] });
  bed.openaiInstrumentation.setTracerProvider(provider);
  bed.anthropicInstrumentation.setTracerProvider(provider);
  bed.geminiInstrumentation.setTracerProvider(provider);
  bed.bedrockInstrumentation.setTracerProvider(provider);
  bed.groqInstrumentation.setTracerProvider(provider);
  bed.mistralInstrumentation.setTracerProvider(provider);
  bed.cohereInstrumentation.setTracerProvider(provider);
  bed.ollamaInstrumentation.setTracerProvider(provider);
  bed.togetherInstrumentation.setTracerProvider(provider);
  bed.cerebrasInstrumentation.setTracerProvider(provider);
  return { provider, reader };
}

afterEach(() => {
  bed.openaiInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.anthropicInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.geminiInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.bedrockInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.groqInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.mistralInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.cohereInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.ollamaInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.togetherInstrumentation.setTracerProvider(bed.tracing.provider);
  bed.cerebrasInstrumentation.setTracerProvider(bed.tracing.provider);
});

const baselines: AppView[] = [];
for (const call of APP_CALLS) baselines.push(await withoutInstrumentation(bed, () => call.run(bed)));

/** Makes `count` calls, ten at a time; returns those whose result differs from the baseline's. */
async function callsAmiss(count: number): Promise<string[]> {
  const amiss: string[] = [];
  for (let first = 0; first < count; first += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, offset) => {
        const index = (first + offset) % APP_CALLS.length;
        const call = APP_CALLS[index] as (typeof APP_CALLS)[number];
        const view = await call.run(bed);
        if (JSON.stringify(view) !== JSON.stringify(baselines[index])) amiss.push(`call ${first + offset}: ${call.name}`);
      }),
    );
  }
  return amiss;
}

/** The heap's objects once the garbage is collected, after dropping what the test keeps: the requests the server saw, the diag messages (the exporter's, many). */
function heapWithoutTestRecords(): Promise<number> {
  bed.server.requests.length = 0;
  bed.diagnostics.messages.length = 0;
  return liveObjectHeapBytes();
}

/** Whether `promise` settles before `limitMs`. */
function settlesWithin(promise: Promise<unknown>, limitMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), limitMs);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, hung]).finally(() => clearTimeout(timer));
}

describe.each(Object.entries(OUTAGES))('a collector that %s', (_, outage) => {
  it(`leaves ${CALLS} calls what they get without this package, and the queue and the heap within their bounds`, async () => {
    const collector = await outage();
    const { provider, reader } = exportingTo(bed, collector);
    const app = provider.getTracer('outage-test-app');
    for (let index = 0; index < 2 * MAX_QUEUE_SIZE; index++) app.startSpan(`request ${index}`).end();
    expect(await callsAmiss(WARM_UP_CALLS)).toEqual([]);
    const heapBefore = await heapWithoutTestRecords();

    expect(await callsAmiss(CALLS)).toEqual([]);

    expect(reportedErrors(bed)).toEqual([]);
    const account = await queueAccount(reader);
    const heapAfter = await heapWithoutTestRecords();
    expect(account.capacity).toBe(MAX_QUEUE_SIZE);
    expect(account.queued).toBeLessThanOrEqual(MAX_QUEUE_SIZE);
    expect(account.exported).toBe(0);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);

    // At least the burst's 100 − 10 exported − 50 queued.
    expect(account.dropped).toBeGreaterThanOrEqual(2 * MAX_QUEUE_SIZE - MAX_EXPORT_BATCH_SIZE - MAX_QUEUE_SIZE);
    expect(await settlesWithin(provider.shutdown(), SHUTDOWN_LIMIT_MS)).toBe(true);
    await collector.close();
  });
});
