/**
 * The package's inner parts the in-process benchmarks drive (bench/chat-spans.mjs and the children
 * that use it): the build bundles this entry beside the package, with the same options, into
 * dist/bench/internals.cjs, which the package does not ship (package.json "files").
 */
export { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version.js';
export * as semconv from '../src/semconv.js';
export { readAttributes } from '../src/instrumentation/attribute-table.js';
export { ApiCall } from '../src/instrumentation/api-call.js';
export { OPENAI_SURFACES } from '../src/instrumentation/openai/surfaces.js';
export { prefixHasherOf, writePrefixFingerprint } from '../src/instrumentation/prefix-attributes.js';
export { startCallContent, readResponseContent } from '../src/instrumentation/call-content.js';
export { contentCaptureOf } from '../src/privacy/capture-mode.js';
export { CacheInsights, DEFAULT_MAX_TRACKED_PREFIXES } from '../src/processor/insights/engine.js';
export { CallRecord } from '../src/processor/call-record.js';
export { loadPricingTable } from '../src/pricing/pricing-table.js';
