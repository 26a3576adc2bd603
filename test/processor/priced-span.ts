import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CostSpanProcessor } from '../../src/index.js';

/** The scope of the OpenAI instrumentation's spans, whose own usage attributes the processor reads on them only. */
export const OPENAI_SCOPE = 'otel-llm-observer/openai';

/**
 * The attributes of one span of `scope` carrying `attributes`, started (at `startTime`, if given)
 * and ended on the real TracerProvider through `processor` (a CostSpanProcessor on the shipped
 * table unless given), as exported.
 */
export function pricedSpan(attributes: Attributes, scope: string, processor = new CostSpanProcessor(), startTime?: Date): Attributes {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter })] });
  provider.getTracer(scope).startSpan('span', startTime === undefined ? { attributes } : { attributes, startTime }).end();
  return exporter.getFinishedSpans()[0]?.attributes ?? {};
}
