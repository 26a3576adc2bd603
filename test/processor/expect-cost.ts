import type { Attributes } from '@opentelemetry/api';
import { expect } from 'vitest';

/** The cost attributes a priced span must carry, in USD, worked out by hand. */
export interface ExpectedCost {
  entry: string;
  total: number;
  /** The uncached input. */
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  uncached: number;
  savings: number;
}

const ATTRIBUTE_OF: Readonly<Record<Exclude<keyof ExpectedCost, 'entry'>, string>> = {
  total: 'llm_observer.cost.total_usd',
  input: 'llm_observer.cost.input_usd',
  output: 'llm_observer.cost.output_usd',
  cacheRead: 'llm_observer.cost.cache_read_usd',
  cacheWrite: 'llm_observer.cost.cache_write_usd',
  uncached: 'llm_observer.cost.uncached_usd',
  savings: 'llm_observer.cache.savings_usd',
};

/** The pricing table version data/pricing_v1.json declares. */
export const SHIPPED_VERSION = '2026-12-08.3';

/** Checks that `attributes` carry `expected`, each amount to within 1e-9 USD, priced by the shipped table. */
export function expectCost(attributes: Attributes | undefined, expected: ExpectedCost, version = SHIPPED_VERSION): void {
  expect(attributes?.['llm_observer.cost.unpriced_reason']).toBeUndefined();
  expect(attributes?.['llm_observer.pricing.entry']).toBe(expected.entry);
  expect(attributes?.['llm_observer.pricing.version']).toBe(version);
  for (const [part, attribute] of Object.entries(ATTRIBUTE_OF)) {
    expect(attributes?.[attribute], attribute).toBeCloseTo(expected[part as keyof typeof ATTRIBUTE_OF], 9);
  }
}

/**
 * Checks that `attributes` carry exactly `expected`: a cost is an exact decimal rounded to the
 * pico-dollar (src/pricing/money.ts), so a figure worked out by hand compares as it is.
 */
export function expectExactCost(attributes: Attributes | undefined, expected: ExpectedCost): void {
  expect(attributes?.['llm_observer.cost.unpriced_reason']).toBeUndefined();
  const parts = Object.entries(ATTRIBUTE_OF).map(([part, attribute]) => [part, attributes?.[attribute]] as const);
  expect({ entry: attributes?.['llm_observer.pricing.entry'], ...Object.fromEntries(parts) }).toEqual(expected);
}

/** The cost of a call that used no cache: its uncached cost is its cost, and nothing was saved. */
export const noCache = (entry: string, input: number, output: number, total: number): ExpectedCost => ({
  entry,
  total,
  input,
  output,
  cacheRead: 0,
  cacheWrite: 0,
  uncached: total,
  savings: 0,
});

/** Checks that `attributes` carry `reason` and no cost at all. */
export function expectUnpriced(attributes: Attributes | undefined, reason: string): void {
  expect(attributes?.['llm_observer.cost.unpriced_reason']).toBe(reason);
  const costNames = [...Object.values(ATTRIBUTE_OF), 'llm_observer.pricing.entry', 'llm_observer.pricing.version'];
  expect(costNames.filter((name) => attributes?.[name] !== undefined)).toEqual([]);
}
