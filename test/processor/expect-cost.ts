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
export const SHIPPED_VERSION = '2026-12-05';

/** Checks that `attributes` carry `expected`, each amount to within 1e-9 USD, priced by the shipped table. */
export function expectCost(attributes: Attributes | undefined, expected: ExpectedCost, version = SHIPPED_VERSION): void {
  expect(attributes?.['llm_observer.cost.unpriced_reason']).toBeUndefined();
  expect(attributes?.['llm_observer.pricing.entry']).toBe(expected.entry);
  expect(attributes?.['llm_observer.pricing.version']).toBe(version);
  for (const [part, attribute] of Object.entries(ATTRIBUTE_OF)) {
    expect(attributes?.[attribute], attribute).toBeCloseTo(expected[part as keyof typeof ATTRIBUTE_OF], 9);
  }
}

/** Checks that `attributes` carry `reason` and no cost at all. */
export function expectUnpriced(attributes: Attributes | undefined, reason: string): void {
  expect(attributes?.['llm_observer.cost.unpriced_reason']).toBe(reason);
  const costNames = [...Object.values(ATTRIBUTE_OF), 'llm_observer.pricing.entry', 'llm_observer.pricing.version'];
  expect(costNames.filter((name) => attributes?.[name] !== undefined)).toEqual([]);
}
