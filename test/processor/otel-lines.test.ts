import type { Attributes } from '@opentelemetry/api';
import { BatchSpanProcessor, InMemorySpanExporter, TracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectCost } from './expect-cost.js';
import { GPT_4O_CACHED_CHAT_COST, GPT_4O_CACHED_CHAT_USAGE } from './gpt-4o-cached-chat.js';
import { lineInChild } from './otel-line.js';
import { runTracedApp } from './traced-app.js';

/** Ends one span with the usage of a cached gpt-4o call on a 3.x tracer provider with `processors`. */
async function endSpanOn3x(processors: SpanProcessor[]): Promise<void> {
  const provider = new TracerProvider({ spanProcessors: processors });
  provider.getTracer('otel-lines-test').startSpan('chat gpt-4o', { attributes: GPT_4O_CACHED_CHAT_USAGE }).end();
  await provider.forceFlush();
}

/** Keeps a copy of each span's attributes as they are when its onEnd runs. */
class AttributeSnapshots implements SpanProcessor {
  readonly attributes: Attributes[] = [];
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    this.attributes.push({ ...span.attributes });
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('the cost processor on the OTel JS 3.x line (@opentelemetry/sdk-trace 3.1)', () => {
  it('adds the cost before the batch exporting processor listed after it exports', async () => {
    const exporter = new InMemorySpanExporter();
    await endSpanOn3x([new CostSpanProcessor(), new BatchSpanProcessor({ exporter })]);
    expectCost(exporter.getFinishedSpans()[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it('adds the cost in onEnding, before the onEnd of a processor listed before it', async () => {
    const snapshots = new AttributeSnapshots();
    await endSpanOn3x([snapshots, new CostSpanProcessor()]);
    expectCost(snapshots.attributes[0], GPT_4O_CACHED_CHAT_COST);
  });
});

describe('the cost processor on the OTel JS 2.x line (@opentelemetry/sdk-trace-base 2.12)', () => {
  it('adds the cost in onEnding, before the onEnd of a processor listed before it', async () => {
    const spans = await lineInChild(2, {}, 'none').endSpans([{ scope: 'otel-lines-test', attributes: GPT_4O_CACHED_CHAT_USAGE }]);
    expect(spans).toHaveLength(1);
    expectCost(spans[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });
});

describe('the cost processor on an SDK without onEnding (@opentelemetry/sdk-trace-base 1.30)', () => {
  it('adds the cost in its onEnd, before the onEnd of the processor listed after it', async () => {
    const spans = await runTracedApp(
      { '@opentelemetry/api': '1.9.1', '@opentelemetry/sdk-trace-base': '1.30.1' },
      { line: 1, instrumentation: 'none', call: 'usage-spans', usageSpans: [{ scope: 'otel-lines-test', attributes: GPT_4O_CACHED_CHAT_USAGE }] },
    );
    expect(spans).toHaveLength(1);
    expectCost(spans[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });
});
