import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { fixture, insightsBed, systemPromptOf } from './insights-bed.js';

/**
 * What the processor accounts for at forceFlush and shutdown. Calls are claude-sonnet-4-6
 * messages against the fixture server: each plain call (fixture anthropic-cache-read) costs
 * (20 × 3 + 6,000 × 0.30 + 50 × 15) / 1M = $0.00261; the streamed one has the same usage.
 */

const bed = insightsBed();
const system = [{ type: 'text' as const, text: systemPromptOf(6000), cache_control: { type: 'ephemeral' as const } }];
const request = { model: 'claude-sonnet-4-6', max_tokens: 1024, system, messages: [{ role: 'user' as const, content: 'Who approves expenses?' }] };

const reportSpans = (): ReadableSpan[] => bed.ended.filter((span) => span.name === 'llm_observer.report');

async function twoCalls(): Promise<void> {
  await bed.anthropic.messages.create(request, fixture('anthropic-cache-read'));
  await bed.anthropic.messages.create(request, fixture('anthropic-cache-read'));
}

describe('a stream still open at shutdown', () => {
  it('is reported as an incomplete call, and not counted again when it ends after shutdown', async () => {
    const stream = await bed.anthropic.messages.create({ ...request, stream: true }, fixture('anthropic-stream', { 'x-fixture-event-delay-ms': '20' }));
    const events = stream[Symbol.asyncIterator]();
    await events.next();
    await bed.processor.shutdown();
    const atShutdown = bed.processor.getReport();
    expect(atShutdown.final).toBe(true);
    expect(atShutdown.models).toEqual([expect.objectContaining({ provider: 'anthropic', model: 'claude-sonnet-4-6', calls: 0, incompleteCalls: 1, costUsd: 0 })]);
    while ((await events.next()).done !== true);
    expect(bed.ended.filter((span) => span.name === 'chat claude-sonnet-4-6')).toHaveLength(1);
    expect(bed.processor.getReport()).toEqual(atShutdown);
  });

  it('is in the summary span as one incomplete call', async () => {
    const stream = await bed.anthropic.messages.create({ ...request, stream: true }, fixture('anthropic-stream', { 'x-fixture-event-delay-ms': '20' }));
    const events = stream[Symbol.asyncIterator]();
    await events.next();
    await bed.processor.shutdown();
    while ((await events.next()).done !== true);
    expect(reportSpans().map((span) => span.events.map((event) => [event.name, event.attributes]))).toEqual([
      [
        [
          'llm_observer.report.model_totals',
          expect.objectContaining({
            'gen_ai.provider.name': 'anthropic',
            'llm_observer.report.model': 'claude-sonnet-4-6',
            'llm_observer.report.calls': 0,
            'llm_observer.report.incomplete_calls': 1,
          }),
        ],
      ],
    ]);
  });
});

describe('forceFlush and shutdown', () => {
  it('leave every call ended before them in the report exactly once', async () => {
    await twoCalls();
    await bed.processor.forceFlush();
    await bed.processor.forceFlush();
    expect(bed.processor.getReport().models[0]).toMatchObject({ calls: 2, incompleteCalls: 0, costUsd: expect.closeTo(0.00522, 9) });
    await bed.processor.shutdown();
    await bed.processor.shutdown();
    expect(bed.processor.getReport().models[0]).toMatchObject({ calls: 2, incompleteCalls: 0, costUsd: expect.closeTo(0.00522, 9) });
  });

  it('emit one summary span, at the first shutdown, with the totals of each model', async () => {
    await twoCalls();
    await bed.processor.forceFlush();
    expect(reportSpans()).toEqual([]);
    await bed.processor.shutdown();
    await bed.processor.shutdown();
    const [summary, ...others] = reportSpans();
    expect(others).toEqual([]);
    expect(summary?.instrumentationScope.name).toBe('otel-llm-observer');
    expect(summary?.parentSpanContext).toBeUndefined();
    expect(summary?.attributes).toEqual({ 'llm_observer.report.evicted_prefixes': 0 });
    // Two calls, each 6,020 input tokens (6,000 read from the cache) and 50 output; each saved
    // 6,000 × (3 − 0.30) / 1M = $0.0162.
    expect(summary?.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'llm_observer.report.model_totals',
        {
          'gen_ai.provider.name': 'anthropic',
          'llm_observer.report.model': 'claude-sonnet-4-6',
          'llm_observer.report.calls': 2,
          'llm_observer.report.incomplete_calls': 0,
          'llm_observer.report.unpriced_calls': 0,
          'gen_ai.usage.input_tokens': 12_040,
          'gen_ai.usage.cache_read.input_tokens': 12_000,
          'gen_ai.usage.cache_creation.input_tokens': 0,
          'gen_ai.usage.output_tokens': 100,
          'llm_observer.cost.total_usd': expect.closeTo(0.00522, 9),
          'llm_observer.cache.savings_usd': expect.closeTo(0.0324, 9),
          'llm_observer.cache.missed_savings_usd': 0,
          'llm_observer.cache.thrash_usd': 0,
        },
      ],
    ]);
  });

  it('put each recommendation in the summary span as an event', async () => {
    const uncached = { ...request, system: systemPromptOf(6000) };
    for (let index = 0; index < 3; index++) await bed.anthropic.messages.create(uncached, fixture('anthropic-uncached'));
    await bed.processor.shutdown();
    // docs/savings-model.md, example A's numbers for 3 calls: 0.0117 + 0.0162 = $0.0279, $9.30 per 1,000 calls.
    expect(reportSpans()[0]?.events.filter((event) => event.name === 'llm_observer.report.recommendation').map((event) => event.attributes)).toEqual([
      {
        'gen_ai.provider.name': 'anthropic',
        'llm_observer.report.model': 'claude-sonnet-4-6',
        'llm_observer.cache.recommendation': 'anthropic.add_cache_control',
        'llm_observer.report.calls': 2,
        'llm_observer.report.estimated_savings_usd': expect.closeTo(0.0279, 9),
        'llm_observer.report.estimated_savings_usd_per_1k_calls': expect.closeTo(9.3, 9),
      },
    ]);
  });

  it('stop the accounting: a call made after shutdown is counted nowhere', async () => {
    await bed.processor.shutdown();
    await bed.anthropic.messages.create(request, fixture('anthropic-cache-read'));
    expect(bed.processor.getReport().models).toEqual([]);
  });
});
