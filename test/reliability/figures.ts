/**
 * How many cases the reliability tests try: the default suite's, and the long variant's, which
 * RELIABILITY_LONG=1 selects (.ci/run sets it). The same tests run in both; only these counts
 * change. The README's Reliability section quotes them (readme-figures.test.ts holds it to them).
 *
 * Each property test has a timeout of its own, sized from its case count and the slowest case
 * measured (below), so that it passes on a 2-core machine at load 10 with a wide margin; the case
 * count never depends on the machine's speed (no time limit stops a property early).
 */

/** The properties of hostile-responses.test.ts that run `hostileRuns` times each: a property of a table's tests (`it.each`) once for each case. */
export const HOSTILE_PROPERTIES = 35;

export interface Figures {
  /** Runs of each property of hostile-responses.test.ts but the one with 10 MB fields. */
  readonly hostileRuns: number;
  /** Runs of the property with 10 MB fields, each of which parses two 10 MB bodies. */
  readonly largeFieldRuns: number;
  /** Runs of the property of extreme-values.test.ts (every surface, every field read, extreme values). */
  readonly extremeRuns: number;
  /** Calls in flight at once in concurrency.test.ts. */
  readonly concurrentCalls: number;
}

export const DEFAULT_FIGURES: Figures = { hostileRuns: 100, largeFieldRuns: 2, extremeRuns: 200, concurrentCalls: 2_000 };
export const LONG_FIGURES: Figures = { hostileRuns: 1_000, largeFieldRuns: 4, extremeRuns: 1_000, concurrentCalls: 10_000 };

export const FIGURES: Figures = process.env['RELIABILITY_LONG'] === '1' ? LONG_FIGURES : DEFAULT_FIGURES;

/**
 * The slowest case of each kind, in ms, as measured on this 2-core machine at load 5 to 6
 * (2026-12-05): a hostile or extreme response (the slowest are 1 MB strings and 100,000-item
 * lists, called twice), and a body with a 10 MB field (two 10 MB bodies written, served and parsed).
 */
export const SLOWEST_CASE_MS = { property: 60, largeField: 9_000 };

/**
 * What a timeout allows beyond the slowest case: 2 for load 10 rather than 5 on the same cores,
 * times a margin of 5.
 */
export const TIMEOUT_FACTOR = 10;

/** The timeout of a property of `runs` cases (of a hostile or extreme response), at least vitest's default 20 s. */
export function propertyTimeoutMs(runs: number): number {
  return Math.max(20_000, runs * SLOWEST_CASE_MS.property * TIMEOUT_FACTOR);
}

/** The timeout of a test of `runs` bodies with a 10 MB field. */
export function largeFieldTimeoutMs(runs: number): number {
  return runs * SLOWEST_CASE_MS.largeField * TIMEOUT_FACTOR;
}
