/**
 * How many cases the reliability tests try: the default suite's, and the long variant's, which
 * RELIABILITY_LONG=1 selects (.ci/run sets it). The same tests run in both; only these counts
 * change. The README's Reliability section quotes them (readme-figures.test.ts holds it to them).
 */

/** The properties of hostile-responses.test.ts that run `hostileRuns` times each. */
export const HOSTILE_PROPERTIES = 7;

export interface Figures {
  /** Runs of each property of hostile-responses.test.ts but the one with 10 MB fields. */
  readonly hostileRuns: number;
  /** Runs of the property with 10 MB fields, each of which parses two 10 MB bodies. */
  readonly largeFieldRuns: number;
  /** Calls in flight at once in concurrency.test.ts. */
  readonly concurrentCalls: number;
}

export const DEFAULT_FIGURES: Figures = { hostileRuns: 100, largeFieldRuns: 2, concurrentCalls: 2_000 };
export const LONG_FIGURES: Figures = { hostileRuns: 1_000, largeFieldRuns: 12, concurrentCalls: 10_000 };

export const FIGURES: Figures = process.env['RELIABILITY_LONG'] === '1' ? LONG_FIGURES : DEFAULT_FIGURES;
