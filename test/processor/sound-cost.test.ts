import type { Attributes } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { setupTracing } from '../support/tracing.js';

const tracing = setupTracing([], [new CostSpanProcessor()]);

/** The attributes of one span with `attributes`, as exported. */
function priced(attributes: Attributes): Attributes {
  tracing.reset();
  tracing.provider.getTracer('sound-cost-test').startSpan('chat', { attributes }).end();
  return tracing.spans()[0]?.attributes ?? {};
}

/** What a producer might put in a token count, sensible or not. */
const anyCount = fc.oneof(
  fc.nat({ max: 2_000_000 }),
  fc.integer({ min: -1000, max: -1 }),
  fc.double(),
  fc.constantFrom('512', '', Number.NaN, Number.POSITIVE_INFINITY),
);

/** Usage whose counts agree: disjoint buckets, the input their sum, the 1-hour part told or not. */
const consistentUsage = fc
  .record({
    uncached: fc.nat({ max: 400_000 }),
    reads: fc.nat({ max: 400_000 }),
    writes5m: fc.nat({ max: 50_000 }),
    writes1h: fc.nat({ max: 50_000 }),
    output: fc.nat({ max: 100_000 }),
    lifetimesTold: fc.boolean(),
  })
  .map(({ uncached, reads, writes5m, writes1h, output, lifetimesTold }): Attributes => ({
    'gen_ai.usage.input_tokens': uncached + reads + writes5m + writes1h,
    'gen_ai.usage.output_tokens': output,
    'gen_ai.usage.cache_read.input_tokens': reads,
    'gen_ai.usage.cache_write.input_tokens': writes5m + writes1h,
    ...(lifetimesTold
      ? { 'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': writes5m, 'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': writes1h }
      : {}),
  }));

const anyUsage = fc.dictionary(
  fc.constantFrom(
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.output_tokens',
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_write.input_tokens',
    'anthropic.usage.cache_creation.ephemeral_5m_input_tokens',
    'anthropic.usage.cache_creation.ephemeral_1h_input_tokens',
  ),
  anyCount,
);

const anyModel = fc.constantFrom('gpt-4o', 'gpt-5.4', 'claude-sonnet-4-5', 'claude-opus-4-1-20250805', 'claude-mythos-5');
const anyServiceTier = fc.option(
  fc.record({ 'openai.response.service_tier': fc.constantFrom('default', 'standard', 'batch', 'flex', 'priority') }),
);

/** Models that price every kind of cache write, with no long-context tier, and their tiers. */
const anthropicModel = fc.constantFrom('claude-sonnet-4-6', 'claude-opus-4-1-20250805', 'claude-haiku-4-5', 'claude-sonnet-5');
const anthropicServiceTier = fc.option(fc.record({ 'anthropic.response.service_tier': fc.constantFrom('standard', 'batch') }));

const COST_PARTS = [
  'llm_observer.cost.total_usd',
  'llm_observer.cost.input_usd',
  'llm_observer.cost.output_usd',
  'llm_observer.cost.cache_read_usd',
  'llm_observer.cost.cache_write_usd',
  'llm_observer.cost.uncached_usd',
];

/** Prices a span of `modelId` with `usage`; checks it has a reason and no cost, or a sound cost. Returns whether it was priced. */
function pricesSoundly(modelId: string, usage: Attributes, tier: Attributes | null): boolean {
  const cost = priced({ 'gen_ai.response.model': modelId, ...usage, ...tier });
  if (cost['llm_observer.cost.unpriced_reason'] !== undefined) {
    expect(COST_PARTS.filter((name) => cost[name] !== undefined)).toEqual([]);
    return false;
  }
  for (const name of COST_PARTS) {
    expect(Number.isFinite(cost[name]) && (cost[name] as number) >= 0, `${name} = ${String(cost[name])}`).toBe(true);
  }
  const [total, input, output, cacheRead, cacheWrite, uncached] = COST_PARTS.map((name) => cost[name] as number) as number[];
  const savings = cost['llm_observer.cache.savings_usd'] as number;
  expect(Number.isFinite(savings)).toBe(true);
  expect(total).toBeCloseTo(input! + output! + cacheRead! + cacheWrite!, 9);
  expect(total! + savings).toBeCloseTo(uncached!, 9);
  return true;
}

describe('the cost of any span', () => {
  it('of consistent usage, on a model and tier the table prices, has parts that are finite, not negative, and add up', () => {
    let pricedRuns = 0;
    fc.assert(
      fc.property(anthropicModel, consistentUsage, anthropicServiceTier, (modelId, usage, tier) => {
        if (pricesSoundly(modelId, usage, tier)) pricedRuns++;
      }),
      { numRuns: 300 },
    );
    // Every run names a priced model and tier: the property holds of real costs, not of reasons.
    expect(pricedRuns).toBe(300);
  });

  it('is a reason, or a sound cost, whatever the counts, and never NaN, infinite or negative', () => {
    fc.assert(
      fc.property(anyModel, anyUsage, anyServiceTier, (modelId, usage, tier) => {
        pricesSoundly(modelId, usage, tier);
      }),
      { numRuns: 300 },
    );
  });
});
