import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { OPENAI_SCOPE, pricedSpan } from './priced-span.js';

/**
 * What the backends the `openai` SDK is pointed at bill, by the day a call started (the shipped
 * table, data/pricing_v1.json, each figure with its source there):
 * - xAI retired Grok 4, 4 Fast, 4.1 Fast, Grok 3 and grok-code-fast-1 on 2026-05-15 at 12:00 PT
 *   (19:00 UTC) and serves their ids with grok-4.3 since, at grok-4.3's rates: $1.25 / $0.20
 *   cached / $2.50, and $2.50 / $0.40 / $5 for the whole request once its input reaches 200,000
 *   tokens. Before: 4.1 Fast $0.20 / $0.05 / $0.50, Grok 4 $3 / $0.75 / $15.
 * - mistral-small-latest names Mistral Small 4 since 2026-03-16: $0.15 / $0.015 cached (10 % of the
 *   input price) / $0.60; before, Small 3.2 at $0.10 / $0.30, with no cached-input price.
 * - Fireworks' US-only Kimi K3 router costs 1.5 × the global price from 2026-09-01: $4.50 / $0.45 /
 *   $22.50; before, 1.1 ×: $3.30 / $0.33 / $16.50.
 * - Groq names its standard tier `on_demand` in a response, and bills `flex` as it: gpt-oss-20b
 *   $0.075 / $0.0375 / $0.30.
 * Each figure is worked out by hand in the comment above it, in millionths of a dollar (µ$).
 */

interface Call {
  readonly provider: string;
  readonly model: string;
  readonly startTime?: string;
  readonly input?: number;
  readonly cached?: number;
  readonly output?: number;
  readonly extra?: Attributes;
}

/** The attributes of a span of this package's OpenAI instrumentation; 10,000 input tokens (4,000 cached) and 2,000 output unless given. */
function priced({ provider, model, startTime = '2026-12-01T12:00:00Z', input = 10_000, cached = 4000, output = 2000, extra = {} }: Call): Attributes {
  const usage: Attributes = {
    'gen_ai.provider.name': provider,
    'gen_ai.response.model': model,
    'gen_ai.usage.input_tokens': input,
    ...(cached > 0 ? { 'gen_ai.usage.cache_read.input_tokens': cached } : {}),
    'gen_ai.usage.output_tokens': output,
    ...extra,
  };
  return pricedSpan(usage, OPENAI_SCOPE, new CostSpanProcessor(), new Date(startTime));
}

const costOf = (attributes: Attributes) => ({
  total: attributes['llm_observer.cost.total_usd'],
  entry: attributes['llm_observer.pricing.entry'],
  unpriced: attributes['llm_observer.cost.unpriced_reason'],
});

describe("xAI's models retired on 2026-05-15", () => {
  const RETIRED_AT = '2026-05-15T19:00:00Z';
  const JUST_BEFORE = '2026-05-15T18:59:59.999Z';

  it("are priced at grok-4.3's rates from the retirement on, under their own ids", () => {
    // 6000 × 1.25 + 4000 × 0.20 + 2000 × 2.50 = 7500 + 800 + 5000 = 13300 µ$
    const asGrok43 = 0.0133;
    expect(costOf(priced({ provider: 'x_ai', model: 'grok-4-1-fast-non-reasoning', startTime: RETIRED_AT }))).toEqual({ total: asGrok43, entry: 'grok-4-1-fast-non-reasoning', unpriced: undefined });
    expect(costOf(priced({ provider: 'x_ai', model: 'grok-4-fast-reasoning' }))).toEqual({ total: asGrok43, entry: 'grok-4-1-fast-non-reasoning', unpriced: undefined });
    expect(costOf(priced({ provider: 'x_ai', model: 'grok-4' }))).toEqual({ total: asGrok43, entry: 'grok-4-0709', unpriced: undefined });
    expect(costOf(priced({ provider: 'x_ai', model: 'grok-code-fast-1' }))).toEqual({ total: asGrok43, entry: 'grok-code-fast-1', unpriced: undefined });
    expect(costOf(priced({ provider: 'x_ai', model: 'grok-4.3' }))).toEqual({ total: asGrok43, entry: 'grok-4.3', unpriced: undefined });
  });

  it('are priced at their own last prices before it', () => {
    // 4.1 Fast: 6000 × 0.20 + 4000 × 0.05 + 2000 × 0.50 = 1200 + 200 + 1000 = 2400 µ$
    expect(priced({ provider: 'x_ai', model: 'grok-4-1-fast-non-reasoning', startTime: JUST_BEFORE })['llm_observer.cost.total_usd']).toBe(0.0024);
    // Grok 4: 6000 × 3 + 4000 × 0.75 + 2000 × 15 = 18000 + 3000 + 30000 = 51000 µ$
    expect(priced({ provider: 'x_ai', model: 'grok-4-0709', startTime: JUST_BEFORE })['llm_observer.cost.total_usd']).toBe(0.051);
  });

  it('leave a call before the retirement above 200K input unpriced: only the current prices have the tier', () => {
    expect(costOf(priced({ provider: 'x_ai', model: 'grok-4-0709', startTime: JUST_BEFORE, input: 250_000 }))).toEqual({ total: undefined, entry: undefined, unpriced: 'unpriced_long_context' });
  });
});

describe("xAI's 200K tier", () => {
  it('prices the whole request at the higher rates once its input, cache reads included, reaches 200,000 tokens', () => {
    // 199,999 input, 100,000 of them cached, 1,000 output: 99,999 × 1.25 + 100,000 × 0.20 + 1,000 × 2.50 = 124998.75 + 20000 + 2500 = 147498.75 µ$
    expect(priced({ provider: 'x_ai', model: 'grok-4.3', input: 199_999, cached: 100_000, output: 1000 })['llm_observer.cost.total_usd']).toBe(0.14749875);
    // 200,000: 100,000 × 2.50 + 100,000 × 0.40 + 1,000 × 5 = 250000 + 40000 + 5000 = 295000 µ$
    expect(priced({ provider: 'x_ai', model: 'grok-4.3', input: 200_000, cached: 100_000, output: 1000 })['llm_observer.cost.total_usd']).toBe(0.295);
    // grok-4.6 at 200,000: 100,000 × 4 + 100,000 × 1 + 1,000 × 12 = 400000 + 100000 + 12000 = 512000 µ$
    expect(priced({ provider: 'x_ai', model: 'grok-4.6-latest', input: 200_000, cached: 100_000, output: 1000 })['llm_observer.cost.total_usd']).toBe(0.512);
  });
});

describe('mistral-small-latest', () => {
  it('is priced as Mistral Small 4 from 2026-03-16, its cached input at a tenth of the input price', () => {
    // 6000 × 0.15 + 4000 × 0.015 + 2000 × 0.60 = 900 + 60 + 1200 = 2160 µ$
    expect(costOf(priced({ provider: 'mistral_ai', model: 'mistral-small-latest' }))).toEqual({ total: 0.00216, entry: 'mistral-small-2603', unpriced: undefined });
    // no cache read: 10000 × 0.15 + 1200 = 2700 µ$
    expect(priced({ provider: 'mistral_ai', model: 'mistral-small-latest', startTime: '2026-03-16T00:00:00Z', cached: 0 })['llm_observer.cost.total_usd']).toBe(0.0027);
  });

  it('is priced as Small 3.2 before, and left unpriced for a cache read, which had no price then', () => {
    // 10000 × 0.10 + 2000 × 0.30 = 1000 + 600 = 1600 µ$
    expect(priced({ provider: 'mistral_ai', model: 'mistral-small-latest', startTime: '2026-03-15T23:59:59.999Z', cached: 0 })['llm_observer.cost.total_usd']).toBe(0.0016);
    expect(priced({ provider: 'mistral_ai', model: 'mistral-small-latest', startTime: '2026-03-15T23:59:59.999Z' })['llm_observer.cost.unpriced_reason']).toBe('unpriced_cache_read');
  });

  it('is not priced for a model id Mistral does not take, whoever serves it', () => {
    expect(costOf(priced({ provider: 'mistral_ai', model: 'mistral-large-latest' }))).toEqual({ total: undefined, entry: undefined, unpriced: 'unknown_model' });
  });
});

describe("Fireworks' US-only Kimi K3", () => {
  it('is priced at 1.5 × the global price from 2026-09-01, at 1.1 × before', () => {
    // 6000 × 4.50 + 4000 × 0.45 + 2000 × 22.50 = 27000 + 1800 + 45000 = 73800 µ$
    expect(priced({ provider: 'fireworks', model: 'accounts/fireworks/routers/kimi-k3-us', startTime: '2026-09-01T00:00:00Z' })['llm_observer.cost.total_usd']).toBe(0.0738);
    // 6000 × 3.30 + 4000 × 0.33 + 2000 × 16.50 = 19800 + 1320 + 33000 = 54120 µ$
    expect(priced({ provider: 'fireworks', model: 'accounts/fireworks/routers/kimi-k3-us', startTime: '2026-08-31T23:59:59.999Z' })['llm_observer.cost.total_usd']).toBe(0.05412);
  });
});

describe("Groq's service tiers", () => {
  // gpt-oss-20b: 6000 × 0.075 + 4000 × 0.0375 + 2000 × 0.30 = 450 + 150 + 600 = 1200 µ$
  const tier = (name: string) => priced({ provider: 'groq', model: 'openai/gpt-oss-20b', extra: { 'openai.response.service_tier': name } });

  it('price on_demand, its standard tier, and flex alike, at the list price', () => {
    expect(costOf(tier('on_demand'))).toEqual({ total: 0.0012, entry: 'groq/gpt-oss-20b', unpriced: undefined });
    expect(costOf(tier('flex'))).toEqual({ total: 0.0012, entry: 'groq/gpt-oss-20b', unpriced: undefined });
  });

  it('leave a tier whose price Groq does not publish unpriced', () => {
    expect(tier('performance')['llm_observer.cost.unpriced_reason']).toBe('unpriced_service_tier');
  });

  it("do not change OpenAI's own flex tier, half its list price", () => {
    // gpt-5-mini at flex: (6000 × 0.25 + 4000 × 0.025 + 2000 × 2) × 0.5 = (1500 + 100 + 4000) × 0.5 = 2800 µ$
    expect(priced({ provider: 'openai', model: 'gpt-5-mini', extra: { 'openai.response.service_tier': 'flex' } })['llm_observer.cost.total_usd']).toBe(0.0028);
  });
});
