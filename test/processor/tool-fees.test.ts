import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, type PricingFile } from '../../src/index.js';
import { expectExactCost, expectUnpriced, noCache } from './expect-cost.js';

/**
 * The fees of the tools a provider runs for a call and bills by the use (web and file search), as the
 * processor adds them to a span's cost: from the table's `tool_fees` by provider, an entry's own
 * fee or reason in place of its provider's, and a user's override of either. Prices are
 * data/pricing_v1.json's; each figure is worked out by hand in the comment above it, in millionths
 * of a dollar (µ$), and compared exactly.
 */

/** The attributes of one span with `attributes`, priced by `processor`. */
function priced(attributes: Attributes, processor = new CostSpanProcessor()): Attributes {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter })] });
  provider.getTracer('tool-fees-test').startSpan('chat', { attributes }).end();
  return exporter.getFinishedSpans()[0]?.attributes ?? {};
}

const searched = (model: string, provider: string, searches: unknown): Attributes => ({
  'gen_ai.provider.name': provider,
  'gen_ai.response.model': model,
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 100,
  'llm_observer.usage.web_searches': searches as number,
});

/** `pico` pico-dollars as the float nearest to their decimal, read from its digits: an amount on a span is that float. */
const usdWrittenOut = (pico: bigint) => Number(`${pico / 10n ** 12n}.${String(pico % 10n ** 12n).padStart(12, '0')}`);

const SOURCE = { url: 'https://contracts.example.com/acme', as_of: '2026-12' };

describe("a span of another producer that counts its web searches in this package's attribute", () => {
  it('is priced with the fee of its provider, on every platform that resells the model', () => {
    // claude-haiku-4-5 at 1 / 5: 1000 × 1 = 1000 µ$; 100 × 5 = 500 µ$; 4 searches × 10000 µ$ = 40000 µ$
    for (const provider of ['anthropic', 'gcp.vertex_ai']) {
      const attributes = priced(searched('claude-haiku-4-5', provider, 4));
      expectExactCost(attributes, noCache('claude-haiku-4-5', 0.001, 0.0005, 0.0415));
      expect(attributes['llm_observer.cost.tool_usd']).toBe(0.04);
    }
  });

  it('of a provider whose table row names no fee, is left unpriced rather than priced without the searches', () => {
    expectUnpriced(priced(searched('deepseek-chat', 'deepseek', 1)), 'unpriced_tool_use');
  });

  it("of OpenAI's older web_search_preview tool, is priced at the fee a reasoning model's entry gives it, and left unpriced on another model", () => {
    const preview = (model: string) => ({ ...searched(model, 'openai', 2), 'openai.request.web_search_tool': 'web_search_preview' });
    // o3 at 2 / 8: 2000 + 800 µ$; 2 calls × 10000 µ$
    expectExactCost(priced(preview('o3-2025-04-16')), noCache('o3', 0.002, 0.0008, 0.0228));
    // gpt-4.1 bills the preview tool $25 per 1k calls with the pages read free, which its usage does not show.
    expectUnpriced(priced(preview('gpt-4.1')), 'unpriced_tool_use');
  });

  it("of a model whose entry gives a reason in place of its provider's fee, is left unpriced", () => {
    expectUnpriced(priced(searched('gpt-4o-mini', 'openai', 1)), 'unpriced_tool_use');
    expectUnpriced(priced(searched('gpt-4.1-mini-2025-04-14', 'openai', 1)), 'unpriced_tool_use');
  });

  it('prices file searches at their own fee, beside the web searches, where the provider bills them', () => {
    const attributes = priced({ ...searched('gpt-4.1', 'openai', 1), 'llm_observer.usage.file_searches': 3 });
    // gpt-4.1 at 2 / 8: 2000 + 800 µ$; one web search 10000 µ$ and three file searches 3 × 2500 µ$
    expectExactCost(attributes, noCache('gpt-4.1', 0.002, 0.0008, 0.0203));
    expect(attributes['llm_observer.cost.tool_usd']).toBe(0.0175);
    // Anthropic has no file search tool the table prices: a span that counts some is left unpriced.
    expectUnpriced(priced({ ...searched('claude-haiku-4-5', 'anthropic', 0), 'llm_observer.usage.file_searches': 1 }), 'unpriced_tool_use');
  });

  it('with no search, is priced as any other span, with no search cost', () => {
    const attributes = priced(searched('gpt-4o-mini', 'openai', 0));
    // gpt-4o-mini at 0.15 / 0.60: 1000 × 0.15 = 150 µ$; 100 × 0.60 = 60 µ$
    expectExactCost(attributes, noCache('gpt-4o-mini', 0.00015, 0.00006, 0.00021));
    expect(attributes['llm_observer.cost.tool_usd']).toBeUndefined();
  });

  it('prices any whole count exactly, past the floats (2^53 µ$) and to the largest safe count', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 2 ** 32 }), fc.constantFrom(2 ** 40, 2 ** 46, Number.MAX_SAFE_INTEGER)), (searches) => {
        const attributes = priced(searched('claude-haiku-4-5', 'anthropic', searches));
        // Each search is a cent, 10^10 pico-dollars; the tokens 1500 µ$, 1.5 × 10^9 pico-dollars.
        const searchesPico = BigInt(searches) * 10n ** 10n;
        expect(attributes['llm_observer.cost.tool_usd']).toBe(usdWrittenOut(searchesPico));
        expect(attributes['llm_observer.cost.total_usd']).toBe(usdWrittenOut(searchesPico + 1_500_000_000n));
      }),
      { numRuns: 40 },
    );
  });

  it('with a count that is no whole number >= 0, is left unpriced as an inconsistent usage', () => {
    for (const searches of [-1, 0.5, 1e308, Number.MAX_SAFE_INTEGER + 2, '3', true]) {
      expectUnpriced(priced(searched('claude-haiku-4-5', 'anthropic', searches)), 'inconsistent_usage');
    }
  });
});

describe("a Gemini span of several requests (an interaction's long decode)", () => {
  const ofRequests = (model: string) => ({ ...searched(model, 'gcp.gemini', 3), 'llm_observer.call.requests': 2 });

  it('is left unpriced on a model that bills each grounded request, as which of them searched is not known', () => {
    expectUnpriced(priced(ofRequests('gemini-2.5-flash')), 'unpriced_tool_use');
  });

  it('is priced on a model that bills each query: the queries are counted over the requests', () => {
    // gemini-3.6-flash at 1.50 / 7.50: 1500 + 750 µ$; 3 queries × 14000 µ$
    const attributes = priced(ofRequests('gemini-3.6-flash'));
    expectExactCost(attributes, noCache('gemini-3.6-flash', 0.0015, 0.00075, 0.04425));
    expect(attributes['llm_observer.cost.estimate']).toBe('tool_free_allowance');
  });
});

describe('an override of the tool fees', () => {
  // An override has one entry at least: a model of the app's own, where the test needs none.
  const houseModel = { id: 'house-model', provider: 'openai', match: ['house-model'], usd_per_million_tokens: { input: 1, output: 2 }, service_tier_multipliers: { default: 1 }, source: SOURCE };
  const override = (file: Partial<PricingFile>): CostSpanProcessor => new CostSpanProcessor({ pricing: { version: 'acme-2026-12', entries: [houseModel], ...file } });

  it("of a provider's, prices the searches of that provider's shipped entries at the override's fee", () => {
    const processor = override({ tool_fees: { anthropic: { web_search: { usd_per_use: 0.0085, source: SOURCE } } } });
    // 1000 × 1 + 100 × 5 = 1500 µ$; 2 searches × 8500 µ$ = 17000 µ$
    const attributes = priced(searched('claude-haiku-4-5', 'anthropic', 2), processor);
    expect([attributes['llm_observer.cost.total_usd'], attributes['llm_observer.cost.tool_usd']]).toEqual([0.0185, 0.017]);
    // The other provider's fee is the shipped one: gpt-4.1 at 2 / 8, 2000 + 800 µ$, and 10000 µ$ a search.
    expect(priced(searched('gpt-4.1', 'openai', 1), processor)['llm_observer.cost.total_usd']).toBe(0.0128);
  });

  it("of an entry's, replaces the shipped reason with a fee, whole", () => {
    const processor = override({
      entries: [
        {
          id: 'gpt-4o-mini',
          provider: 'openai',
          match: [],
          usd_per_million_tokens: { input: 0.15, output: 0.6 },
          service_tier_multipliers: { default: 1 },
          tool_fees: { web_search: { usd_per_use: 0.01, source: SOURCE } },
          source: SOURCE,
        },
      ],
    });
    // 150 + 60 µ$, and one search at 10000 µ$
    expect(priced(searched('gpt-4o-mini', 'openai', 1), processor)['llm_observer.cost.total_usd']).toBe(0.01021);
  });

  it('is refused, naming the entry and the field, when a tool has both a fee and a reason', () => {
    const both = { usd_per_use: 0.01, unpriced_reason: 'unknown', source: SOURCE };
    expect(() =>
      override({
        entries: [
          { ...houseModel, tool_fees: { web_search: both } },
        ],
      }),
    ).toThrow(/entry "house-model" \(entries\[0\]\): \/tool_fees\/web_search must match exactly one schema in oneOf/);
  });

  it("of a provider's, billed by the call with a free allowance, adds one fee however many searches, and marks the cost an estimate", () => {
    const processor = override({ tool_fees: { 'gcp.gemini': { web_search: { usd_per_use: 0.035, per: 'call', free_allowance: '1,500 grounded prompts a day', source: SOURCE } } } });
    // gemini-4-argon at 4 / 20 (its shipped entry has no fee): 4000 + 2000 µ$; 5 searches, one call: 35000 µ$
    const attributes = priced(searched('gemini-4-argon', 'gcp.gemini', 5), processor);
    expectExactCost(attributes, noCache('gemini-4-argon', 0.004, 0.002, 0.041));
    expect([attributes['llm_observer.cost.tool_usd'], attributes['llm_observer.cost.estimate']]).toEqual([0.035, 'tool_free_allowance']);
  });

  it('is refused, naming the field, when it bills a fee by anything but the use or the call', () => {
    const byQuery = { usd_per_use: 0.014, per: 'query', source: SOURCE } as unknown as NonNullable<NonNullable<PricingFile['tool_fees']>[string]['web_search']>;
    expect(() => override({ tool_fees: { 'gcp.gemini': { web_search: byQuery } } })).toThrow(/\/tool_fees\/gcp\.gemini\/web_search\/per must be equal to one of the allowed values/);
  });

  it('is refused when it names a tool the table does not know', () => {
    expect(() => override({ tool_fees: { anthropic: { code_execution: { usd_per_use: 0.05, source: SOURCE } } as never } })).toThrow(/\/tool_fees\/anthropic must NOT have additional properties \("code_execution"\)/);
  });
});
