import { describe, expect, it } from 'vitest';
import { callSpans, fixture, insightsBed, sonnetRow, systemPromptOf } from './insights-bed.js';

/**
 * docs/savings-model.md, worked example B: worked example A's 100 calls to claude-sonnet-4-6
 * ($3 input, $0.30 cache read, $3.75 5-minute write per 1M tokens), with the 6,000-token system
 * prompt marked with cache_control. The first call writes it (20 uncached input tokens, 6,000
 * written, 50 output), the 99 others read it (20 uncached, 6,000 read, 50 output).
 *
 * Net savings: the first call −6,000 × (3.75 − 3) / 1M = −$0.0045; each read 6,000 × (3 − 0.30)
 * / 1M = $0.0162; in all 99 × 0.0162 − 0.0045 = $1.5993: example A's missed savings, realized.
 * Cost: the first call (20 × 3 + 6,000 × 3.75 + 50 × 15) / 1M = $0.02331, each other
 * (20 × 3 + 6,000 × 0.30 + 50 × 15) / 1M = $0.00261; in all 0.02331 + 99 × 0.00261 = $0.2817.
 */

const bed = insightsBed();
const system = [{ type: 'text' as const, text: systemPromptOf(6000), cache_control: { type: 'ephemeral' as const } }];

async function hundredCachedCalls(): Promise<void> {
  for (let index = 1; index <= 100; index++) {
    await bed.anthropic.messages.create(
      { model: 'claude-sonnet-4-6', max_tokens: 1024, system, messages: [{ role: 'user', content: `Question ${index}: who approves expenses?` }] },
      fixture(index === 1 ? 'anthropic-cache-write' : 'anthropic-cache-read'),
    );
  }
}

describe('a system prompt sent 100 times with cache_control', () => {
  it('reports $1.5993 of net savings, nothing missed and nothing to recommend', async () => {
    await hundredCachedCalls();
    const report = bed.processor.getReport();
    expect(report.models).toEqual([
      sonnetRow({
        calls: 100,
        uncachedInputTokens: 2_000,
        cacheReadTokens: 594_000,
        cacheWriteTokens: 6_000,
        outputTokens: 5_000,
        costUsd: expect.closeTo(0.2817, 9),
        cacheSavingsUsd: expect.closeTo(1.5993, 9),
      }),
    ]);
    expect(report.recommendations).toEqual([]);
  });

  it('writes no insight on any call: the write was read back and every call used the cache', async () => {
    await hundredCachedCalls();
    const insights = callSpans(bed).flatMap((span) =>
      ['llm_observer.cache.missed_savings_usd', 'llm_observer.cache.recommendation', 'llm_observer.cache.thrash_usd'].filter(
        (name) => span.attributes[name] !== undefined,
      ),
    );
    expect(insights).toEqual([]);
  });

  it('fingerprints the marked prompt as the same prefix on every call', async () => {
    await hundredCachedCalls();
    const fingerprints = callSpans(bed).map((span) => span.attributes['llm_observer.prefix.fingerprint']);
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(fingerprints).size).toBe(1);
  });
});
