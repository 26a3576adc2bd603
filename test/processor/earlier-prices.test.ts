import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, type PricingFile } from '../../src/index.js';

/**
 * A price change a provider announced for a date: a call that started before it is priced at the
 * earlier prices, and says so. The shipped table's example is o3, whose price OpenAI cut by 80 %
 * on 2025-06-10 ($10 / $2.50 cached / $40 before, $2 / $0.50 / $8 after). Each figure is worked out
 * by hand in the comment above it, in millionths of a dollar (µ$).
 */

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new CostSpanProcessor(), new SimpleSpanProcessor({ exporter })] });

/** The attributes of an o3 span that started at `startTime`, with 10,000 input tokens (4,000 cached) and 2,000 output. */
function o3Call(startTime: string, extra: Attributes = {}): Attributes {
  exporter.reset();
  provider
    .getTracer('earlier-prices-test')
    .startSpan('chat o3', {
      startTime: new Date(startTime),
      attributes: {
        'gen_ai.provider.name': 'openai',
        'gen_ai.response.model': 'o3-2025-04-16',
        'gen_ai.usage.input_tokens': 10_000,
        'gen_ai.usage.cache_read.input_tokens': 4000,
        'gen_ai.usage.output_tokens': 2000,
        ...extra,
      },
    })
    .end();
  return exporter.getFinishedSpans()[0]?.attributes ?? {};
}

const costOf = (attributes: Attributes) => ({
  total: attributes['llm_observer.cost.total_usd'],
  uncached: attributes['llm_observer.cost.uncached_usd'],
  savings: attributes['llm_observer.cache.savings_usd'],
  pricesUntil: attributes['llm_observer.pricing.prices_until'],
  unpriced: attributes['llm_observer.cost.unpriced_reason'],
});

describe('a call made before a price change the table records', () => {
  it('is priced at the earlier prices, and names the time they applied until', () => {
    // 6000 × 10 + 4000 × 2.50 + 2000 × 40 = 60000 + 10000 + 80000 = 150000 µ$; uncached: 10000 × 10 + 80000 = 180000 µ$
    expect(costOf(o3Call('2025-06-09T23:59:59Z'))).toEqual({ total: 0.15, uncached: 0.18, savings: 0.03, pricesUntil: '2025-06-10T00:00:00Z', unpriced: undefined });
  });

  it('made at or after the change is priced at the current prices, with no earlier-prices attribute', () => {
    // 6000 × 2 + 4000 × 0.50 + 2000 × 8 = 12000 + 2000 + 16000 = 30000 µ$; uncached: 10000 × 2 + 16000 = 36000 µ$
    const current = { total: 0.03, uncached: 0.036, savings: 0.006, pricesUntil: undefined, unpriced: undefined };
    expect(costOf(o3Call('2025-06-10T00:00:00Z'))).toEqual(current);
    expect(costOf(o3Call('2026-12-05T09:00:00Z'))).toEqual(current);
  });

  it("takes its service tier's factor on the earlier prices", () => {
    // flex, 0.5: half of the earlier 150000 and 180000 µ$
    expect(costOf(o3Call('2025-05-01T12:00:00Z', { 'openai.response.service_tier': 'flex' }))).toMatchObject({ total: 0.075, uncached: 0.09, pricesUntil: '2025-06-10T00:00:00Z' });
  });

  it('is left unpriced in a tier whose own prices are only known after the change', () => {
    expect(costOf(o3Call('2025-05-01T12:00:00Z', { 'openai.response.service_tier': 'priority' })).unpriced).toBe('unpriced_service_tier');
  });
});

/** The attributes of a Gemini span of `model` that started at `startTime`: 10,000 prompt tokens (4,000 cached), 2,000 output. */
function geminiCall(model: string, startTime: string): Attributes {
  return o3Call(startTime, { 'gen_ai.provider.name': 'gcp.gemini', 'gen_ai.response.model': model });
}

describe("a Gemini model's introductory price, which the table records as earlier prices", () => {
  it('prices gemini-4-argon at $2 / $10 / $0.10 before 2026-12-01 and $4 / $20 / $0.20 from then', () => {
    // 6000 × 2 + 4000 × 0.10 + 2000 × 10 = 12000 + 400 + 20000 = 32400 µ$; uncached: 10000 × 2 + 20000 = 40000 µ$
    expect(costOf(geminiCall('gemini-4-argon', '2026-11-30T23:59:59Z'))).toEqual({ total: 0.0324, uncached: 0.04, savings: 0.0076, pricesUntil: '2026-12-01T00:00:00Z', unpriced: undefined });
    // 6000 × 4 + 4000 × 0.20 + 2000 × 20 = 24000 + 800 + 40000 = 64800 µ$; uncached: 10000 × 4 + 40000 = 80000 µ$
    expect(costOf(geminiCall('gemini-4-argon', '2026-12-01T00:00:00Z'))).toEqual({ total: 0.0648, uncached: 0.08, savings: 0.0152, pricesUntil: undefined, unpriced: undefined });
  });

  it('prices gemini-3.8-flash at $0.75 / $3.75 / $0.075 through 2026-12-31 and $1.50 / $7.50 / $0.15 from 2027-01-01', () => {
    // 6000 × 0.75 + 4000 × 0.075 + 2000 × 3.75 = 4500 + 300 + 7500 = 12300 µ$; uncached: 10000 × 0.75 + 7500 = 15000 µ$
    expect(costOf(geminiCall('gemini-3.8-flash', '2026-12-31T23:59:59Z'))).toEqual({ total: 0.0123, uncached: 0.015, savings: 0.0027, pricesUntil: '2027-01-01T00:00:00Z', unpriced: undefined });
    // twice that: 24600 µ$; uncached 30000 µ$
    expect(costOf(geminiCall('gemini-3.8-flash', '2027-01-01T00:00:00Z'))).toEqual({ total: 0.0246, uncached: 0.03, savings: 0.0054, pricesUntil: undefined, unpriced: undefined });
  });
});

describe('an override with earlier prices', () => {
  const withEarlier = (until: string): PricingFile => ({
    version: 'earlier-prices-test',
    entries: [
      {
        id: 'house-model',
        provider: 'openai',
        match: ['house-model'],
        usd_per_million_tokens: { input: 1, output: 2 },
        earlier_prices: [{ until, usd_per_million_tokens: { input: 3, output: 4 }, source: { url: 'https://example.com/prices', as_of: '2026-12' } }],
        service_tier_multipliers: { default: 1 },
        source: { url: 'https://example.com/prices', as_of: '2026-12' },
      },
    ],
  });

  it('is refused, naming the entry and the field, when a time is not written as the schema asks', () => {
    expect(() => new CostSpanProcessor({ pricing: withEarlier('10 June 2025') })).toThrow(/entry "house-model" \(entries\[0\]\): \/earlier_prices\/0\/until must match pattern/);
  });

  it('is refused when the time is well-formed but no time at all', () => {
    expect(() => new CostSpanProcessor({ pricing: withEarlier('2025-13-45T99:00:00Z') })).toThrow('entry "house-model": /earlier_prices/0/until (2025-13-45T99:00:00Z) is not a time');
  });
});
