import * as processorParts from './processor-parts.js';

/**
 * The cost processor's pricer and ledger (./processor-parts.ts), loaded on first use: when a
 * `CostSpanProcessor` is constructed. A plain import in the sources; the build loads the part's
 * own file on the first call (`LAZY_PARTS` in scripts/build.mjs).
 */
export function costProcessorParts(): typeof processorParts {
  return processorParts;
}
