import { describe, expect, it } from 'vitest';
import { callSpans, fixture, insightsBed, sonnetRecommendation, sonnetRow, systemPromptOf } from './insights-bed.js';

/**
 * docs/savings-model.md, worked example A: 100 calls to claude-sonnet-4-6, at Sonnet 4.5's prices
 * ($3 input, $0.30 cache read, $3.75 5-minute write per 1M tokens), each sending the same 6,000-token system prompt and
 * a new question, with no cache_control and no cache reads or writes. Each answer's usage: 6,020
 * input tokens (the prompt and a 20-token question), 50 output tokens.
 *
 * Caching the prompt would have written it once ($0.0045 above its input price: 6,000 × 0.75 / 1M)
 * and read it 99 times ($0.0162 less each: 6,000 × 2.70 / 1M). The first call had nothing to miss;
 * the second missed 0.0162 − 0.0045 = $0.0117; calls 3 to 100 missed $0.0162 each.
 * Total: 0.0117 + 98 × 0.0162 = $1.5993, or $15.993 per 1,000 calls.
 */

const bed = insightsBed();
const system = systemPromptOf(6000);

async function askUncached(question: string): Promise<void> {
  await bed.anthropic.messages.create(
    { model: 'claude-sonnet-4-6', max_tokens: 1024, system, messages: [{ role: 'user', content: question }] },
    fixture('anthropic-uncached'),
  );
}

async function hundredUncachedCalls(): Promise<void> {
  for (let index = 1; index <= 100; index++) await askUncached(`Question ${index}: who approves expenses?`);
}

describe('a system prompt sent 100 times without cache_control', () => {
  it('gives every call the same prefix fingerprint and a 6,000-token estimate', async () => {
    await hundredUncachedCalls();
    const spans = callSpans(bed);
    expect(spans).toHaveLength(100);
    expect(new Set(spans.map((span) => span.attributes['llm_observer.prefix.fingerprint'])).size).toBe(1);
    expect(spans.map((span) => span.attributes['llm_observer.prefix.estimated_tokens'])).toEqual(Array(100).fill(6000));
  });

  it('claims nothing on the first call, the read less the write premium on the second, the read on each later one', async () => {
    await hundredUncachedCalls();
    const spans = callSpans(bed);
    expect(spans[0]?.attributes['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    expect(spans[1]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0117, 9);
    for (const span of spans.slice(2)) expect(span.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0162, 9);
    expect(spans.slice(1).every((span) => span.attributes['llm_observer.cache.recommendation'] === 'anthropic.add_cache_control')).toBe(true);
  });

  it('reports $1.5993 missed, and adding cache_control at $15.993 per 1,000 calls', async () => {
    await hundredUncachedCalls();
    const report = bed.processor.getReport();
    // Each call: 6,020 × $3 + 50 × $15 per 1M = $0.01881.
    expect(report.models).toEqual([
      sonnetRow({ calls: 100, uncachedInputTokens: 602_000, outputTokens: 5_000, costUsd: expect.closeTo(1.881, 9), missedSavingsUsd: expect.closeTo(1.5993, 9) }),
    ]);
    expect(report.recommendations).toEqual([sonnetRecommendation('anthropic.add_cache_control', 99, 1.5993, 15.993)]);
  });

  it('claims nothing for a prompt below the model minimum (1,024 tokens for claude-sonnet-4-6)', async () => {
    const shortSystem = systemPromptOf(1000);
    for (let index = 1; index <= 3; index++) {
      await bed.anthropic.messages.create(
        { model: 'claude-sonnet-4-6', max_tokens: 1024, system: shortSystem, messages: [{ role: 'user', content: `Question ${index}` }] },
        fixture('anthropic-uncached'),
      );
    }
    expect(callSpans(bed).map((span) => span.attributes['llm_observer.cache.missed_savings_usd'])).toEqual([undefined, undefined, undefined]);
    expect(bed.processor.getReport().recommendations).toEqual([]);
  });

  it('claims nothing when the response leaves the cache counters out: unknown is not zero', async () => {
    for (let index = 1; index <= 3; index++) {
      await bed.anthropic.messages.create(
        { model: 'claude-sonnet-4-6', max_tokens: 1024, system, messages: [{ role: 'user', content: `Question ${index}` }] },
        fixture('anthropic-cache-counters-null'),
      );
    }
    const spans = callSpans(bed);
    expect(spans.map((span) => span.attributes['gen_ai.usage.cache_read.input_tokens'])).toEqual([undefined, undefined, undefined]);
    expect(spans.map((span) => span.attributes['llm_observer.cache.missed_savings_usd'])).toEqual([undefined, undefined, undefined]);
    expect(bed.processor.getReport().models[0]?.missedSavingsUsd).toBe(0);
  });
});
