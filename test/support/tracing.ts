import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { EmittedAttributeRecorder } from './emitted-attributes.js';

/**
 * The real OTel SDK (3.x line) for in-process tests: a global tracer provider whose spans go
 * through `processors` (if any), then to the recorder of emitted attributes (checked against the
 * registry after the suite), then to an in-memory exporter, and the instrumentations
 * registered with it. Call once per test file, before the SDK under test is required.
 */
export interface Tracing {
  readonly exporter: InMemorySpanExporter;
  readonly provider: TracerProvider;
  /** The spans finished so far, oldest first. */
  spans(): ReadableSpan[];
  reset(): void;
}

export function setupTracing(instrumentations: Instrumentation[], processors: SpanProcessor[] = []): Tracing {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [...processors, new EmittedAttributeRecorder(), new SimpleSpanProcessor({ exporter })] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({ instrumentations, tracerProvider: provider });
  return {
    exporter,
    provider,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
  };
}
