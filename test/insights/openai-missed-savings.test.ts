import { describe, expect, it } from 'vitest';
import { callSpans, fixture, insightsBed, systemPromptOf } from './insights-bed.js';

/**
 * docs/savings-model.md, worked example D: three chat completions to gpt-4o ($2.50 input, $1.25
 * cached input per 1M tokens; writes not billed apart) sending one system message of 8,192
 * characters, and answered with no cached tokens (`prompt_tokens_details.cached_tokens: 0`). The
 * prefix is that message, its role included: 8,198 characters, estimated at 2,050 tokens. OpenAI
 * caches such a prompt by itself, so the first call costs nothing extra and the next two should
 * have read it: each missed 2,050 × (2.50 − 1.25) / 1M = $0.0025625; in all $0.005125.
 */

const bed = insightsBed();
const system = systemPromptOf(2048);

describe('an OpenAI prompt that recurs without cache hits', () => {
  it('claims the cached-input discount on every call after the first, and recommends a prompt_cache_key', async () => {
    for (let index = 1; index <= 3; index++) {
      await bed.openai.chat.completions.create(
        {
          model: 'gpt-4o',
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: `Question ${index}: who approves expenses?` },
          ],
        },
        fixture('openai-uncached'),
      );
    }
    const spans = callSpans(bed);
    expect(spans.map((span) => span.attributes['llm_observer.prefix.estimated_tokens'])).toEqual([2050, 2050, 2050]);
    expect(spans[0]?.attributes['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    expect(spans[1]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0025625, 9);
    expect(spans[2]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0025625, 9);
    expect(spans[2]?.attributes['llm_observer.cache.recommendation']).toBe('openai.set_prompt_cache_key');
    expect(bed.processor.getReport().recommendations).toEqual([
      {
        provider: 'openai',
        model: 'gpt-4o',
        code: 'openai.set_prompt_cache_key',
        calls: 2,
        estimatedSavingsUsd: expect.closeTo(0.005125, 9),
        // $0.005125 over 3 calls.
        estimatedSavingsUsdPer1kCalls: expect.closeTo(1.708333333333, 9),
      },
    ]);
  });

  it('tells prefixes with different prompt_cache_keys apart', async () => {
    for (const key of ['tenant-a', 'tenant-b']) {
      await bed.openai.chat.completions.create(
        {
          model: 'gpt-4o',
          prompt_cache_key: key,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: 'Who approves expenses?' },
          ],
        },
        fixture('openai-uncached'),
      );
    }
    const fingerprints = callSpans(bed).map((span) => span.attributes['llm_observer.prefix.fingerprint']);
    expect(fingerprints[0]).not.toBe(fingerprints[1]);
    expect(callSpans(bed).map((span) => span.attributes['llm_observer.cache.missed_savings_usd'])).toEqual([undefined, undefined]);
  });
});
