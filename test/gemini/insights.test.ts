import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { systemPromptOf } from '../insights/insights-bed.js';
import { endedSpans, fixture, geminiTestbed } from './testbed.js';

const costs = new CostSpanProcessor({ printReport: false });
const bed = geminiTestbed({ processors: [costs], config: { prefixFingerprints: { enabled: true, key: 'gemini-insights-test-key' } } });

const recommendationsFor = (model: string) => costs.getReport().recommendations.filter((recommendation) => recommendation.model === model);

describe('the cache insights of Gemini calls', () => {
  it('claims the cached-read discount for a long prefix that recurs without implicit cache hits, and recommends an explicit cache', async () => {
    // A system instruction of 8,192 characters: estimated at 8192 / 4 = 2,048 tokens, at
    // gemini-2.5-flash's 2,048-token minimum; each answer reports no cached tokens.
    const systemInstruction = systemPromptOf(2048);
    for (let index = 1; index <= 3; index++) {
      await bed.client.models.generateContent({
        model: 'gemini-2.5-flash',
        contents: `Question ${index}: who approves expenses?`,
        config: { ...fixture('generate-content-uncached'), systemInstruction },
      });
    }
    const spans = endedSpans(bed);
    expect(spans.map((span) => span.attributes['llm_observer.prefix.estimated_tokens'])).toEqual([2048, 2048, 2048]);
    expect(spans[0]?.attributes['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    // 2048 × (0.30 − 0.03) / 1M
    expect(spans[1]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.00055296, 12);
    expect(spans[2]?.attributes['llm_observer.cache.recommendation']).toBe('gemini.use_cached_content');
    expect(recommendationsFor('gemini-2.5-flash')).toEqual([
      {
        provider: 'gcp.gemini',
        model: 'gemini-2.5-flash',
        code: 'gemini.use_cached_content',
        calls: 2,
        // 2 × 0.00055296
        estimatedSavingsUsd: expect.closeTo(0.00110592, 12),
        // 0.00110592 over 3 calls, per 1,000
        estimatedSavingsUsdPer1kCalls: expect.closeTo(0.36864, 9),
      },
    ]);
  });

  it('weighs a Vertex AI call of a Gemini model by Gemini\'s cache, as the model\'s price entry says', async () => {
    // The same 2,048-token system instruction, through a Vertex AI client: its spans name the
    // platform, gcp.vertex_ai, which serves Claude too; the price entry, gemini-2.5-flash, is Gemini's.
    const systemInstruction = systemPromptOf(2048);
    for (let index = 1; index <= 2; index++) {
      await bed.vertexClient.models.generateContent({
        model: 'gemini-2.5-flash',
        contents: `Question ${index}: who approves expenses?`,
        config: { ...fixture('generate-content-uncached'), systemInstruction },
      });
    }
    const spans = endedSpans(bed);
    expect(spans.map((span) => span.attributes['gen_ai.provider.name'])).toEqual(['gcp.vertex_ai', 'gcp.vertex_ai']);
    // 2048 × (0.30 − 0.03) / 1M
    expect(spans[1]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.00055296, 12);
    expect(spans[1]?.attributes['llm_observer.cache.recommendation']).toBe('gemini.use_cached_content');
    expect(costs.getReport().recommendations.filter((recommendation) => recommendation.provider === 'gcp.vertex_ai')).toEqual([
      {
        provider: 'gcp.vertex_ai',
        model: 'gemini-2.5-flash',
        code: 'gemini.use_cached_content',
        calls: 1,
        estimatedSavingsUsd: expect.closeTo(0.00055296, 12),
        // 0.00055296 over 2 calls, per 1,000
        estimatedSavingsUsdPer1kCalls: expect.closeTo(0.27648, 9),
      },
    ]);
  });

  it('claims nothing for a recurring prefix below the model\'s minimum for implicit caching', async () => {
    // 6,144 characters: estimated at 6144 / 4 = 1,536 tokens, below gemini-2.5-flash-lite's
    // 2,048-token minimum (under the 1,024 of Google's earlier table it would have been a miss).
    const systemInstruction = systemPromptOf(1536);
    for (let index = 1; index <= 3; index++) {
      await bed.client.models.generateContent({
        model: 'gemini-2.5-flash-lite',
        contents: `Question ${index}: who approves expenses?`,
        config: { ...fixture('generate-content-uncached'), systemInstruction },
      });
    }
    const spans = endedSpans(bed);
    expect(spans.map((span) => span.attributes['llm_observer.prefix.estimated_tokens'])).toEqual([1536, 1536, 1536]);
    expect(spans.map((span) => span.attributes['llm_observer.cache.missed_savings_usd'])).toEqual([undefined, undefined, undefined]);
    expect(recommendationsFor('gemini-2.5-flash-lite')).toEqual([]);
  });

  it('recommends a shorter TTL for an explicit cache that cost more to keep than its reads saved', async () => {
    await bed.client.caches.create({ model: 'gemini-2.5-pro', config: { ...fixture('cache-create'), contents: 'The contract…', ttl: '3600s' } });
    await bed.client.models.generateContent({
      model: 'gemini-2.5-pro',
      contents: 'How long is the contract?',
      config: { ...fixture('generate-content-cached-content'), cachedContent: 'cachedContents/4d2yqz8v1k3m' },
    });
    expect(recommendationsFor('gemini-2.5-pro')).toEqual([
      {
        provider: 'gcp.gemini',
        model: 'gemini-2.5-pro',
        code: 'gemini.shorten_cache_ttl',
        calls: 1,
        // storage 240000 × 1 h × 4.50 / 1M = 1.08, less the read's savings 0.54 (cost.test.ts)
        estimatedSavingsUsd: expect.closeTo(0.54, 9),
        // 0.54 over the row's 2 calls, per 1,000
        estimatedSavingsUsdPer1kCalls: expect.closeTo(270, 6),
      },
    ]);
  });
});
