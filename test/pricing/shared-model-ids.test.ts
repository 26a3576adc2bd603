import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, type PricingFile } from '../../src/index.js';
import type { PricingEntry } from '../../src/pricing/pricing-file.js';
import { loadPricingTable } from '../../src/pricing/pricing-table.js';
import { pricedSpan } from '../processor/priced-span.js';

/**
 * One model id served by several providers at prices of their own (an open-weight model's id, as
 * `openai/gpt-oss-120b` on two hosts): the table holds an entry of each provider that matches it,
 * and the span's `gen_ai.provider.name` says whose price applies. Prices are made up for the
 * test, in USD per million tokens; each cost is worked out by hand above it.
 */

const entry = (id: string, provider: string, input: number, output: number): PricingEntry => ({
  id,
  provider,
  match: ['open-model/big-1'],
  usd_per_million_tokens: { input, output, cache_read: input },
  service_tier_multipliers: { default: 1 },
  source: { url: 'https://example.com/prices', as_of: '2026-12' },
});

const TABLE: PricingFile = {
  version: 'shared-ids-test',
  priced_by: { 'one-router': ['host-a'], 'two-router': ['host-a', 'host-b'] },
  entries: [entry('host-a/big-1', 'host-a', 1, 2), entry('host-b/big-1', 'host-b', 3, 4)],
};

/** The cost of a span of `provider` naming the shared model id: 1,000 input and 500 output tokens. */
function costFor(provider: string | undefined): Attributes {
  const spanAttributes = {
    ...(provider === undefined ? {} : { 'gen_ai.provider.name': provider }),
    'gen_ai.response.model': 'open-model/big-1',
    'gen_ai.usage.input_tokens': 1000,
    'gen_ai.usage.output_tokens': 500,
  };
  const attributes = pricedSpan(spanAttributes, 'shared-ids-test', new CostSpanProcessor({ pricing: TABLE }));
  return { total: attributes['llm_observer.cost.total_usd'], entry: attributes['llm_observer.pricing.entry'], unpriced: attributes['llm_observer.cost.unpriced_reason'] };
}

describe('a model id that entries of several providers match', () => {
  it("prices each provider's spans at that provider's prices", () => {
    // host-a: 1000 × 1 + 500 × 2 = 2000 µ$; host-b: 1000 × 3 + 500 × 4 = 5000 µ$
    expect(costFor('host-a')).toEqual({ total: 0.002, entry: 'host-a/big-1', unpriced: undefined });
    expect(costFor('host-b')).toEqual({ total: 0.005, entry: 'host-b/big-1', unpriced: undefined });
    expect(costFor('HOST-B')).toEqual({ total: 0.005, entry: 'host-b/big-1', unpriced: undefined });
  });

  it('prices the spans of a provider whose priced_by names one of them by that one, and no more', () => {
    expect(costFor('one-router')).toEqual({ total: 0.002, entry: 'host-a/big-1', unpriced: undefined });
    expect(costFor('two-router')).toEqual({ total: undefined, entry: undefined, unpriced: 'unknown_model' });
  });

  it("leaves a span of another provider, or naming none, unpriced: whose price applies is not known", () => {
    expect(costFor('host-c')).toEqual({ total: undefined, entry: undefined, unpriced: 'unknown_model' });
    expect(costFor(undefined)).toEqual({ total: undefined, entry: undefined, unpriced: 'unknown_model' });
  });

  it('names no one model by itself', () => {
    const table = loadPricingTable(TABLE);
    expect(table.resolve('open-model/big-1')).toBeUndefined();
    expect(table.resolve('host-a/big-1')?.provider).toBe('host-a');
  });

  it('is refused when two entries of one provider match it', () => {
    const twice: PricingFile = { ...TABLE, entries: [entry('host-a/big-1', 'host-a', 1, 2), entry('host-a/big-1-eu', 'host-a', 1.1, 2.2)] };
    expect(() => new CostSpanProcessor({ pricing: twice })).toThrow('entries "host-a/big-1" and "host-a/big-1-eu" both match "open-model/big-1"');
  });
});
