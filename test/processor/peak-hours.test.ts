import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, type PricingFile } from '../../src/index.js';

/**
 * Prices by the hour of the day: DeepSeek bills deepseek-v4-flash and deepseek-v4-pro at twice
 * their off-peak prices 09:00-12:00 and 14:00-18:00 Beijing time (UTC+8), Monday to Friday, since
 * 2026-08-16 16:00 UTC (its pricing page: "Peak hours are 01:00 - 04:00 and 06:00 - 10:00 UTC,
 * Monday through Friday"). Off-peak: flash $0.22 input, $0.007 cache hit, $0.66 output; pro $0.66,
 * $0.022, $1.98. Each figure is worked out by hand in the comment above it, in millionths of a
 * dollar (µ$).
 */

const exporter = new InMemorySpanExporter();

function pricedBy(processor: CostSpanProcessor) {
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter })] });
  /** The attributes of a `model` span that started at `startTime`, with 10,000 input tokens (4,000 cached) and 2,000 output. */
  return (model: string, startTime: Date | string, providerName = 'deepseek'): Attributes => {
    exporter.reset();
    provider
      .getTracer('peak-hours-test')
      .startSpan(`chat ${model}`, {
        startTime: new Date(startTime),
        attributes: {
          'gen_ai.provider.name': providerName,
          'gen_ai.response.model': model,
          'gen_ai.usage.input_tokens': 10_000,
          'gen_ai.usage.cache_read.input_tokens': 4000,
          'gen_ai.usage.output_tokens': 2000,
        },
      })
      .end();
    return exporter.getFinishedSpans()[0]?.attributes ?? {};
  };
}

const call = pricedBy(new CostSpanProcessor());

const costOf = (attributes: Attributes) => ({
  total: attributes['llm_observer.cost.total_usd'],
  uncached: attributes['llm_observer.cost.uncached_usd'],
  peak: attributes['llm_observer.pricing.peak_hours'],
  pricesUntil: attributes['llm_observer.pricing.prices_until'],
});

// deepseek-v4-flash off-peak: 6000 × 0.22 + 4000 × 0.007 + 2000 × 0.66 = 1320 + 28 + 1320 = 2668 µ$; uncached: 10000 × 0.22 + 1320 = 3520 µ$
const FLASH_OFF_PEAK = { total: 0.002668, uncached: 0.00352, peak: undefined, pricesUntil: undefined };
// twice those: 5336 µ$, 7040 µ$
const FLASH_PEAK = { total: 0.005336, uncached: 0.00704, peak: true, pricesUntil: undefined };

describe('a DeepSeek V4 call in peak hours', () => {
  // 2026-12-01 was a Tuesday, 2026-12-05 a Saturday.
  it('is priced at twice the off-peak prices, and says so', () => {
    // 02:30 UTC is 10:30 in Beijing
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T02:30:00Z'))).toEqual(FLASH_PEAK);
    // pro: 6000 × 0.66 + 4000 × 0.022 + 2000 × 1.98 = 3960 + 88 + 3960 = 8008 µ$, twice: 16016 µ$; uncached: (6600 + 3960) × 2 = 21120 µ$
    expect(costOf(call('deepseek-v4-pro', '2026-12-01T07:00:00Z'))).toEqual({ total: 0.016016, uncached: 0.02112, peak: true, pricesUntil: undefined });
  });

  it('starts a window at its first minute and leaves it at its last', () => {
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T01:00:00Z'))).toEqual(FLASH_PEAK);
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T03:59:59.999Z'))).toEqual(FLASH_PEAK);
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T04:00:00Z'))).toEqual(FLASH_OFF_PEAK);
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T05:59:59.999Z'))).toEqual(FLASH_OFF_PEAK);
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T06:00:00Z'))).toEqual(FLASH_PEAK);
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T10:00:00Z'))).toEqual(FLASH_OFF_PEAK);
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T00:59:59.999Z'))).toEqual(FLASH_OFF_PEAK);
  });

  it('is off-peak at the weekend', () => {
    expect(costOf(call('deepseek-v4-flash', '2026-12-05T02:30:00Z'))).toEqual(FLASH_OFF_PEAK);
    expect(costOf(call('deepseek-v4-flash', '2026-12-06T07:00:00Z'))).toEqual(FLASH_OFF_PEAK);
  });

  it("resold by a router (OpenRouter) is priced at the list price at any hour: the peak hours are DeepSeek's own billing", () => {
    expect(costOf(call('deepseek/deepseek-v4-flash', '2026-12-01T02:30:00Z', 'openrouter'))).toEqual(FLASH_OFF_PEAK);
    // the same call to DeepSeek, its provider named in capitals
    expect(costOf(call('deepseek-v4-flash', '2026-12-01T02:30:00Z', 'DeepSeek'))).toEqual(FLASH_PEAK);
  });

  it('made before the peak prices began (2026-08-16 16:00 UTC) is priced at the one price of the time, with no peak', () => {
    // 2026-08-11 was a Tuesday. 6000 × 0.14 + 4000 × 0.0028 + 2000 × 0.28 = 840 + 11.2 + 560 = 1411.2 µ$; uncached: 1400 + 560 = 1960 µ$
    expect(costOf(call('deepseek-v4-flash', '2026-08-11T02:30:00Z'))).toEqual({ total: 0.0014112, uncached: 0.00196, peak: undefined, pricesUntil: '2026-08-16T16:00:00Z' });
  });

  it('is decided on the Beijing clock, for any instant: peak exactly when it is 09:00-12:00 or 14:00-18:00 there on a weekday, at twice the price', () => {
    const beijing = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const from = Date.parse('2026-08-16T16:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: Date.parse('2036-12-31T00:00:00Z') }), (ms) => {
        const parts = Object.fromEntries(beijing.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
        const hour = Number(parts['hour']);
        const weekday = !['Sat', 'Sun'].includes(parts['weekday'] as string);
        const inPeak = weekday && ((hour >= 9 && hour < 12) || (hour >= 14 && hour < 18));
        expect(costOf(call('deepseek-v4-flash', new Date(ms)))).toEqual(inPeak ? FLASH_PEAK : FLASH_OFF_PEAK);
      }),
      { numRuns: 300 },
    );
  });
});

describe("DeepSeek's retired names, deepseek-chat and deepseek-reasoner", () => {
  it('are priced at the last prices they had (deepseek-v4-flash before the peak prices), with no peak', () => {
    // 1411.2 µ$, as above
    expect(costOf(call('deepseek-chat', '2026-07-21T02:30:00Z'))).toEqual({ total: 0.0014112, uncached: 0.00196, peak: undefined, pricesUntil: undefined });
  });

  it('made in 2025 are priced at the prices of the time, which differed between the two', () => {
    // deepseek-chat before 2025-09-05 16:00 UTC: 6000 × 0.27 + 4000 × 0.07 + 2000 × 1.10 = 1620 + 280 + 2200 = 4100 µ$
    expect(costOf(call('deepseek-chat', '2025-08-01T03:00:00Z')).total).toBe(0.0041);
    // deepseek-reasoner: 6000 × 0.55 + 4000 × 0.14 + 2000 × 2.19 = 3300 + 560 + 4380 = 8240 µ$
    expect(costOf(call('deepseek-reasoner', '2025-08-01T03:00:00Z')).total).toBe(0.00824);
    // both after 2025-09-05 16:00 UTC (DeepSeek-V3.1): 6000 × 0.56 + 4000 × 0.07 + 2000 × 1.68 = 3360 + 280 + 3360 = 7000 µ$
    expect(costOf(call('deepseek-reasoner', '2025-09-10T03:00:00Z'))).toMatchObject({ total: 0.007, pricesUntil: '2025-09-29T00:00:00Z' });
  });
});

describe('an override with peak hours', () => {
  const withPeak = (windows: [string, string][], days?: ('fri' | 'sat')[]): PricingFile => ({
    version: 'peak-hours-test',
    entries: [
      {
        id: 'house-model',
        provider: 'openai',
        match: ['house-model'],
        usd_per_million_tokens: { input: 1, output: 2, cache_read: 0.5 },
        service_tier_multipliers: { default: 1 },
        peak_hours: { multiplier: 1.5, utc_offset: '-05:00', windows, ...(days === undefined ? {} : { days }), source: { url: 'https://example.com/prices', as_of: '2026-12' } },
        source: { url: 'https://example.com/prices', as_of: '2026-12' },
      },
    ],
  });

  it("reads the windows and the days on the provider's clock, not on UTC's", () => {
    const house = pricedBy(new CostSpanProcessor({ pricing: withPeak([['20:00', '24:00']], ['fri']) }));
    // 6000 × 1 + 4000 × 0.5 + 2000 × 2 = 6000 + 2000 + 4000 = 12000 µ$; × 1.5 = 18000 µ$
    // Saturday 02:00 UTC is Friday 21:00 at UTC-5: peak
    expect(costOf(house('house-model', '2026-12-05T02:00:00Z', 'openai'))).toMatchObject({ total: 0.018, peak: true });
    // Friday 21:00 UTC is Friday 16:00 there: off-peak
    expect(costOf(house('house-model', '2026-12-04T21:00:00Z', 'openai'))).toMatchObject({ total: 0.012, peak: undefined });
    // Saturday 21:00 there (Sunday 02:00 UTC): not a listed day
    expect(costOf(house('house-model', '2026-12-06T02:00:00Z', 'openai'))).toMatchObject({ total: 0.012, peak: undefined });
  });

  it('holds every day when it names no days', () => {
    const house = pricedBy(new CostSpanProcessor({ pricing: withPeak([['20:00', '24:00']]) }));
    expect(costOf(house('house-model', '2026-12-06T02:00:00Z', 'openai'))).toMatchObject({ total: 0.018, peak: true });
  });

  it('is refused, naming the entry and the window, when a window does not end after it starts', () => {
    expect(() => new CostSpanProcessor({ pricing: withPeak([['09:00', '12:00'], ['18:00', '14:00']]) })).toThrow(
      'entry "house-model": /peak_hours/windows/1 (18:00-14:00) does not end after it starts',
    );
  });

  it('is refused by the schema when a time is not HH:MM', () => {
    expect(() => new CostSpanProcessor({ pricing: withPeak([['9:00', '12:00']]) })).toThrow(/entry "house-model" \(entries\[0\]\): \/peak_hours\/windows\/0\/0 must match pattern/);
  });
});
