import * as pricingTable from './pricing-table.js';

/**
 * The price table's loader (./pricing-table.ts, with its model matching and cache rules), loaded on
 * first use: when a `CostSpanProcessor` is constructed, or the zero-code entry checks a pricing
 * file. A plain import in the sources; the build loads the part's own file on the first call
 * (`LAZY_PARTS` in scripts/build.mjs).
 */
export function pricingTableLoader(): typeof pricingTable {
  return pricingTable;
}
