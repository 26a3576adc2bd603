/**
 * What the cost processor builds when it is constructed, beside the call record it reads each span
 * into: the pricer (./cost/) and the ledger of the report, cache insights and metrics (./report/,
 * ./insights/). The package loads it on first use, through ./lazy-processor-parts.ts, so that an
 * application that uses the instrumentations alone never compiles it.
 */
export { CallPricer } from './cost/call-pricer.js';
export { UsageLedger } from './report/usage-ledger.js';
