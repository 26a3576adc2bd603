import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, type PricingFile } from '../../src/index.js';
import type { PricingEntry, TokenPrices } from '../../src/pricing/pricing-file.js';

/**
 * Every exported cost is the exact decimal cost rounded to 12 decimal places (half away from
 * zero), as the float nearest to it: no float noise. The expectation is worked out here in BigInt
 * from the prices' decimal strings, apart from the code under test.
 */

/** `text` (`12.3456`) as units at `scale` places. */
function units(text: string, scale: number): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
}

/** `count` tokens at `text` USD per million tokens, in units of 10^-12 USD. */
function costOf(count: number, text: string): bigint {
  return BigInt(count) * units(text, 6);
}

/** The table's name of each token price, by the name the properties draw it under. */
const PRICE_FIELDS = {
  input: 'input',
  output: 'output',
  cacheRead: 'cache_read',
  audioInput: 'audio_input',
  audioCacheRead: 'audio_cache_read',
  audioOutput: 'audio_output',
  imageInput: 'image_input',
  imageCacheRead: 'image_cache_read',
  imageOutput: 'image_output',
} as const;

/** An entry's `usd_per_million_tokens` from the drawn decimal `prices` that PRICE_FIELDS names; the other drawn values (fees) are not token prices. */
function tokenPrices(prices: Readonly<Record<string, unknown>>): TokenPrices {
  const table: Record<string, number> = {};
  for (const [name, field] of Object.entries(PRICE_FIELDS)) {
    const value = prices[name];
    if (typeof value === 'string') table[field] = Number(value);
  }
  return table as unknown as TokenPrices;
}

/** `value × 10^-scale` rounded to 12 places, half away from zero, as the float `Number()` reads from its decimal string. */
function rounded(value: bigint, scale: number): number {
  const divisor = 10n ** BigInt(scale - 12);
  const magnitude = value < 0n ? -value : value;
  let pico = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) pico += 1n;
  const digits = pico.toString().padStart(13, '0');
  return Number(`${value < 0n ? '-' : ''}${digits.slice(0, -12)}.${digits.slice(-12)}`);
}

/** A price in USD per million tokens as a decimal string with up to 6 places, below 200. */
const price = fc
  .tuple(fc.nat({ max: 199 }), fc.integer({ min: 0, max: 6 }), fc.nat({ max: 999_999 }))
  .map(([whole, places, fraction]) => (places === 0 ? String(whole) : `${whole}.${String(fraction % 10 ** places).padStart(places, '0')}`));
/** A service-tier factor with up to 3 places, from 0.001 to 3. */
const factor = fc.integer({ min: 1, max: 3000 }).map((thousandths) => (thousandths / 1000).toFixed(3).replace(/\.?0+$/, ''));
const tokens = fc.nat({ max: 2_000_000 });
const largeTokens = fc.oneof(tokens, fc.integer({ min: 2 ** 31, max: 2 ** 32 }));
/** The scope of the Gemini instrumentation's spans, on which the cost reads Gemini's counts by modality. */
const GEMINI_SCOPE = 'otel-llm-observer/gemini';
/** The scope of the OpenAI instrumentation's spans, on which the cost reads the Responses API's writes by retention, the Images API's image tokens and a transcription's seconds of audio. */
const OPENAI_SCOPE = 'otel-llm-observer/openai';

/**
 * The providers whose cache writes have two lifetimes at two prices, and how a span splits them:
 * Anthropic's (5 minutes, 1 hour) on any producer's spans, OpenAI's (30 minutes, 12 hours: the
 * Responses API's split) on this package's, with counts up to 2^32.
 */
const WRITE_LIFETIMES = [
  {
    writes: "Anthropic's 5-minute and 1-hour writes",
    provider: 'anthropic',
    longWritePrice: 'cache_write_1h',
    standardTier: 'standard',
    writesTotal: 'gen_ai.usage.cache_write.input_tokens',
    defaultWrites: 'anthropic.usage.cache_creation.ephemeral_5m_input_tokens',
    longWrites: 'anthropic.usage.cache_creation.ephemeral_1h_input_tokens',
    serviceTier: 'anthropic.response.service_tier',
    scope: undefined,
    counts: tokens,
  },
  {
    writes: "OpenAI's 30-minute and 12-hour writes",
    provider: 'openai',
    longWritePrice: 'cache_write_12h',
    standardTier: 'default',
    writesTotal: 'gen_ai.usage.cache_creation.input_tokens',
    defaultWrites: 'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens',
    longWrites: 'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens',
    serviceTier: 'openai.response.service_tier',
    scope: OPENAI_SCOPE,
    counts: largeTokens,
  },
] as const;

/** A table of the one entry `entry`, which names its own id as its model. */
function tableOf(entry: Omit<PricingEntry, 'match' | 'source'>): PricingFile {
  return { version: 'exact-money', entries: [{ ...entry, match: [entry.id], source: { url: 'https://example.com/prices', as_of: '2026-12' } }] };
}

/** The attributes of a span with `attributes`, of the scope `scope`, priced by a processor on `table`. */
function priced(table: PricingFile, attributes: Attributes, scope = 'exact-money-test'): Attributes {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new CostSpanProcessor({ pricing: table }), new SimpleSpanProcessor({ exporter })] });
  provider.getTracer(scope).startSpan('chat', { attributes }).end();
  return exporter.getFinishedSpans()[0]?.attributes ?? {};
}

/** The attributes that carry each part of a cost. */
const PART_ATTRIBUTES = {
  input: 'llm_observer.cost.input_usd',
  output: 'llm_observer.cost.output_usd',
  cacheRead: 'llm_observer.cost.cache_read_usd',
  cacheWrite: 'llm_observer.cost.cache_write_usd',
  fee: 'llm_observer.cost.call_fee_usd',
  tools: 'llm_observer.cost.tool_usd',
} as const;

/**
 * Checks that `attributes` carry `parts` (units at `scale` places), their sum as the total, and
 * `uncached` with the savings it leaves, each rounded to 12 places.
 */
function expectAmounts(attributes: Attributes, parts: Partial<Record<keyof typeof PART_ATTRIBUTES, bigint>>, uncached: bigint, scale: number): void {
  const names = Object.keys(parts) as (keyof typeof PART_ATTRIBUTES)[];
  const total = names.reduce((sum, name) => sum + (parts[name] ?? 0n), 0n);
  expect({
    total: attributes['llm_observer.cost.total_usd'],
    ...Object.fromEntries(names.map((name) => [name, attributes[PART_ATTRIBUTES[name]]])),
    uncached: attributes['llm_observer.cost.uncached_usd'],
    savings: attributes['llm_observer.cache.savings_usd'],
  }).toEqual({
    total: rounded(total, scale),
    ...Object.fromEntries(names.map((name) => [name, rounded(parts[name] ?? 0n, scale)])),
    uncached: rounded(uncached, scale),
    savings: rounded(uncached - total, scale),
  });
}

describe('the cost written on a span', () => {
  it.each(WRITE_LIFETIMES)('is the exact decimal cost rounded to 12 places, for any usage, prices and service-tier factor: $writes', (lifetimes) => {
    fc.assert(
      fc.property(
        fc.record({ input: price, output: price, cacheRead: price, cacheWrite: price, longWrite: price, tierFactor: factor }),
        fc.record({ uncached: lifetimes.counts, reads: lifetimes.counts, defaultWrites: lifetimes.counts, longWrites: lifetimes.counts, output: lifetimes.counts }),
        (prices, usage) => {
          const table = tableOf({
            id: 'exact-money-model',
            provider: lifetimes.provider,
            usd_per_million_tokens: {
              input: Number(prices.input),
              output: Number(prices.output),
              cache_read: Number(prices.cacheRead),
              cache_write: Number(prices.cacheWrite),
              [lifetimes.longWritePrice]: Number(prices.longWrite),
            },
            service_tier_multipliers: { [lifetimes.standardTier]: 1, tier: Number(prices.tierFactor) },
          });
          const input = usage.uncached + usage.reads + usage.defaultWrites + usage.longWrites;
          const attributes = priced(
            table,
            {
              'gen_ai.response.model': 'exact-money-model',
              'gen_ai.usage.input_tokens': input,
              'gen_ai.usage.output_tokens': usage.output,
              'gen_ai.usage.cache_read.input_tokens': usage.reads,
              [lifetimes.writesTotal]: usage.defaultWrites + usage.longWrites,
              [lifetimes.defaultWrites]: usage.defaultWrites,
              [lifetimes.longWrites]: usage.longWrites,
              [lifetimes.serviceTier]: 'tier',
            },
            lifetimes.scope,
          );
          // Prices at 6 places, the factor at 3, per million tokens: 15 places in all.
          const at = (text: string) => units(text, 6) * units(prices.tierFactor, 3);
          const tieredCostOf = (count: number, text: string) => BigInt(count) * at(text);
          const parts = {
            input: tieredCostOf(usage.uncached, prices.input),
            output: tieredCostOf(usage.output, prices.output),
            cacheRead: tieredCostOf(usage.reads, prices.cacheRead),
            cacheWrite: tieredCostOf(usage.defaultWrites, prices.cacheWrite) + tieredCostOf(usage.longWrites, prices.longWrite),
          };
          const uncached = tieredCostOf(input, prices.input) + parts.output;
          expectAmounts(attributes, parts, uncached, 6 + 3 + 6);
          expect(attributes['llm_observer.cost.estimate']).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is exact for the audio and image tokens of OpenAI's models, each at its own rate, the seconds of audio at the price of a second, and a fee per call as well", () => {
    /** A price of a second in USD with up to 12 places, below 1. */
    const secondPrice = fc
      .tuple(fc.integer({ min: 0, max: 12 }), fc.bigInt({ min: 0n, max: 10n ** 12n - 1n }))
      .map(([places, fraction]) => (places === 0 ? '0' : `0.${String(fraction % 10n ** BigInt(places)).padStart(places, '0')}`));
    /** A duration in hundredths of a second up to `max`, half the time on a half second, which bills the second above. */
    const centiseconds = (max: number) => fc.oneof(fc.nat({ max }), fc.nat({ max }).map((hundredths) => hundredths - (hundredths % 100) + 50));
    const counts = (count: fc.Arbitrary<number>, duration: fc.Arbitrary<number>) =>
      fc.record({ text: count, audioIn: count, imageIn: count, reads: count, textOut: count, audioOut: count, imageOut: count, centiseconds: duration });
    fc.assert(
      fc.property(
        fc.record({ input: price, output: price, cacheRead: price, audioInput: price, audioOutput: price, imageInput: price, imageOutput: price, audioSecond: secondPrice, fee: price }),
        // Half the runs with counts below 2^21 and up to 10,000 seconds, worked in floats; half with
        // counts up to 2^32 a bucket and up to 2^40 hundredths of a second, whose sums past 2^53 units are worked in BigInts.
        fc.oneof(counts(tokens, centiseconds(1_000_000)), counts(largeTokens, centiseconds(2 ** 40))),
        (prices, usage) => {
          const table = tableOf({
            id: 'exact-money-audio-image-model',
            provider: 'openai',
            usd_per_million_tokens: tokenPrices(prices),
            service_tier_multipliers: { default: 1 },
            usd_per_call: Number(prices.fee),
            usd_per_audio_second: Number(prices.audioSecond),
          });
          const attributes = priced(
            table,
            {
              'gen_ai.response.model': 'exact-money-audio-image-model',
              'gen_ai.usage.input_tokens': usage.text + usage.audioIn + usage.imageIn + usage.reads,
              'gen_ai.usage.output_tokens': usage.textOut + usage.audioOut + usage.imageOut,
              'gen_ai.usage.cache_read.input_tokens': usage.reads,
              'openai.usage.prompt_tokens_details.audio_tokens': usage.audioIn,
              'openai.usage.completion_tokens_details.audio_tokens': usage.audioOut,
              'openai.usage.input_tokens_details.image_tokens': usage.imageIn,
              'openai.usage.output_tokens_details.image_tokens': usage.imageOut,
              'openai.usage.seconds': usage.centiseconds / 100,
            },
            OPENAI_SCOPE,
          );
          // Prices at 6 places per million tokens: 12 places (costOf); the fee, in USD at 6 places, restated at 12.
          // The duration rounded to the nearest second, a half second up; at the price of a second, 12 places.
          const audioDuration = ((BigInt(usage.centiseconds) + 50n) / 100n) * units(prices.audioSecond, 12);
          const parts = {
            input: costOf(usage.text, prices.input) + costOf(usage.audioIn, prices.audioInput) + costOf(usage.imageIn, prices.imageInput) + audioDuration,
            output: costOf(usage.textOut, prices.output) + costOf(usage.audioOut, prices.audioOutput) + costOf(usage.imageOut, prices.imageOutput),
            cacheRead: costOf(usage.reads, prices.cacheRead),
            fee: units(prices.fee, 6) * 10n ** 6n,
          };
          // Caching off: every text token at the input price, every audio and image token at its own, the duration as it is.
          const uncached =
            costOf(usage.text + usage.reads, prices.input) +
            costOf(usage.audioIn, prices.audioInput) +
            costOf(usage.imageIn, prices.imageInput) +
            audioDuration +
            parts.output +
            parts.fee;
          expectAmounts(attributes, parts, uncached, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is exact for a Realtime API response's text, audio and image tokens, each split by what the cache served, at each rate", () => {
    const counts = (count: fc.Arbitrary<number>) =>
      fc.record({ text: count, textCached: count, audio: count, audioCached: count, image: count, imageCached: count, textOut: count, audioOut: count });
    fc.assert(
      fc.property(
        fc.record({ input: price, cacheRead: price, output: price, audioInput: price, audioCacheRead: price, audioOutput: price, imageInput: price, imageCacheRead: price }),
        // Half the runs worked in floats, half with counts up to 2^32 a bucket, whose sums past 2^53 units are worked in BigInts.
        fc.oneof(counts(tokens), counts(largeTokens)),
        (prices, usage) => {
          const table = tableOf({
            id: 'exact-money-realtime-model',
            provider: 'openai',
            usd_per_million_tokens: tokenPrices(prices),
            service_tier_multipliers: { default: 1 },
          });
          // As a response.done event's usage counts them: every count of the input includes what the cache served.
          const attributes = priced(
            table,
            {
              'gen_ai.response.model': 'exact-money-realtime-model',
              'gen_ai.usage.input_tokens': usage.text + usage.textCached + usage.audio + usage.audioCached + usage.image + usage.imageCached,
              'gen_ai.usage.output_tokens': usage.textOut + usage.audioOut,
              'gen_ai.usage.cache_read.input_tokens': usage.textCached + usage.audioCached + usage.imageCached,
              'openai.usage.prompt_tokens_details.audio_tokens': usage.audio + usage.audioCached,
              'openai.usage.input_token_details.cached_tokens_details.audio_tokens': usage.audioCached,
              'openai.usage.input_tokens_details.image_tokens': usage.image + usage.imageCached,
              'openai.usage.input_token_details.cached_tokens_details.image_tokens': usage.imageCached,
              'openai.usage.completion_tokens_details.audio_tokens': usage.audioOut,
            },
            OPENAI_SCOPE,
          );
          const parts = {
            input: costOf(usage.text, prices.input) + costOf(usage.audio, prices.audioInput) + costOf(usage.image, prices.imageInput),
            output: costOf(usage.textOut, prices.output) + costOf(usage.audioOut, prices.audioOutput),
            cacheRead: costOf(usage.textCached, prices.cacheRead) + costOf(usage.audioCached, prices.audioCacheRead) + costOf(usage.imageCached, prices.imageCacheRead),
          };
          // Caching off: every token of the input at its modality's input price.
          const uncached =
            costOf(usage.text + usage.textCached, prices.input) +
            costOf(usage.audio + usage.audioCached, prices.audioInput) +
            costOf(usage.image + usage.imageCached, prices.imageInput) +
            parts.output;
          expectAmounts(attributes, parts, uncached, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is exact for the tools billed by the use, each count at its own fee, beside a fee per call, to counts past 2^53 units', () => {
    /** A fee in USD with up to 8 places, below 1: per use, as a tool's. */
    const toolFee = fc
      .tuple(fc.integer({ min: 0, max: 8 }), fc.nat({ max: 99_999_999 }))
      .map(([places, fraction]) => (places === 0 ? '0' : `0.${String(fraction % 10 ** places).padStart(places, '0')}`));
    // One use at least of each: a span that counts none carries no tool cost at all.
    const uses = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2 ** 31, max: 2 ** 40 }));
    fc.assert(
      fc.property(
        fc.record({ input: price, output: price, cacheRead: price, fee: price, webSearch: toolFee, fileSearch: toolFee, webSearchPerCall: fc.boolean(), freeAllowance: fc.boolean() }),
        fc.record({ input: tokens, reads: tokens, output: tokens, webSearches: uses, fileSearches: uses }),
        (prices, usage) => {
          const table = tableOf({
            id: 'exact-money-tool-model',
            provider: 'openai',
            usd_per_million_tokens: tokenPrices(prices),
            service_tier_multipliers: { default: 1 },
            usd_per_call: Number(prices.fee),
            tool_fees: {
              web_search: {
                usd_per_use: Number(prices.webSearch),
                per: prices.webSearchPerCall ? 'call' : 'use',
                ...(prices.freeAllowance ? { free_allowance: '1,500 a day' } : {}),
                source: { url: 'https://example.com/prices', as_of: '2026-12' },
              },
              file_search: { usd_per_use: Number(prices.fileSearch), source: { url: 'https://example.com/prices', as_of: '2026-12' } },
            },
          });
          const attributes = priced(table, {
            'gen_ai.response.model': 'exact-money-tool-model',
            'gen_ai.usage.input_tokens': usage.input + usage.reads,
            'gen_ai.usage.output_tokens': usage.output,
            'gen_ai.usage.cache_read.input_tokens': usage.reads,
            'llm_observer.usage.web_searches': usage.webSearches,
            'llm_observer.usage.file_searches': usage.fileSearches,
          });
          // Token prices at 6 places per million tokens: 12 places; the fees, in USD at 6 and 8 places, restated at 12.
          const parts = {
            input: costOf(usage.input, prices.input),
            output: costOf(usage.output, prices.output),
            cacheRead: costOf(usage.reads, prices.cacheRead),
            fee: units(prices.fee, 6) * 10n ** 6n,
            // A fee by the call is billed once, however many searches the call ran.
            tools: (BigInt(prices.webSearchPerCall ? 1 : usage.webSearches) * units(prices.webSearch, 8) + BigInt(usage.fileSearches) * units(prices.fileSearch, 8)) * 10n ** 4n,
          };
          const uncached = costOf(usage.input + usage.reads, prices.input) + parts.output + parts.fee + parts.tools;
          expectAmounts(attributes, parts, uncached, 12);
          expect(attributes['llm_observer.cost.estimate']).toBe(prices.freeAllowance ? 'tool_free_allowance' : undefined);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is exact for Gemini's audio, read from the cache or not, and image output, each at its own rate", () => {
    fc.assert(
      fc.property(
        fc.record({ input: price, output: price, cacheRead: price, audioInput: price, audioCacheRead: price, imageOutput: price }),
        // Up to 2^32 tokens a bucket: sums past 2^53 units, worked in BigInts.
        fc.record({ text: largeTokens, audioIn: largeTokens, textReads: largeTokens, audioReads: largeTokens, out: largeTokens, imageOut: largeTokens }),
        (prices, usage) => {
          const table = tableOf({
            id: 'exact-money-gemini-model',
            provider: 'gcp.gemini',
            usd_per_million_tokens: tokenPrices(prices),
            service_tier_multipliers: { default: 1 },
          });
          const attributes = priced(table, {
            'gen_ai.provider.name': 'gcp.gemini',
            'gen_ai.response.model': 'exact-money-gemini-model',
            'gen_ai.usage.input_tokens': usage.text + usage.audioIn + usage.textReads + usage.audioReads,
            'gen_ai.usage.output_tokens': usage.out + usage.imageOut,
            'gen_ai.usage.cache_read.input_tokens': usage.textReads + usage.audioReads,
            'gemini.usage.candidates_image_tokens': usage.imageOut,
            'gemini.usage.prompt_audio_tokens': usage.audioIn + usage.audioReads,
            'gemini.usage.cached_audio_tokens': usage.audioReads,
          }, GEMINI_SCOPE);
          const parts = {
            input: costOf(usage.text, prices.input) + costOf(usage.audioIn, prices.audioInput),
            output: costOf(usage.out, prices.output) + costOf(usage.imageOut, prices.imageOutput),
            cacheRead: costOf(usage.textReads, prices.cacheRead) + costOf(usage.audioReads, prices.audioCacheRead),
          };
          // Caching off: every text token at the input price, every audio token at the audio price.
          const uncached = costOf(usage.text + usage.textReads, prices.input) + costOf(usage.audioIn + usage.audioReads, prices.audioInput) + parts.output;
          expectAmounts(attributes, parts, uncached, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('of the issue\'s gpt-4o-mini call is 0.0002067, not 0.00020669999999999998', () => {
    // 390 × 0.15 = 58.5; 1920 × 0.075 = 144; 7 × 0.60 = 4.2: 206.7 millionths of a dollar
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ spanProcessors: [new CostSpanProcessor(), new SimpleSpanProcessor({ exporter })] });
    provider
      .getTracer('exact-money-test')
      .startSpan('chat', {
        attributes: {
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.usage.input_tokens': 2310,
          'gen_ai.usage.output_tokens': 7,
          'gen_ai.usage.cache_read.input_tokens': 1920,
        },
      })
      .end();
    expect(String(exporter.getFinishedSpans()[0]?.attributes['llm_observer.cost.total_usd'])).toBe('0.0002067');
  });
});
