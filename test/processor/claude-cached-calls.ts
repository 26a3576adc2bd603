import type { ExpectedCost } from './expect-cost.js';

/**
 * The costs of the Anthropic calls answered by test/fixtures/anthropic-cost/, whoever made the
 * span (the SDK's own tracing or this package's instrumentation), worked out by hand.
 */

/**
 * messages-cache-write: claude-sonnet-4-6 at 3 input / 3.75 5-minute write / 6 1-hour write / 15
 * output per 1M: 24 uncached, 2000 written for 5 minutes, 4000 for 1 hour, 310 output.
 * 24 × 3 = 72; 2000 × 3.75 + 4000 × 6 = 31500; 310 × 15 = 4650; uncached 6024 × 3 + 4650 = 22722.
 */
export const CLAUDE_CACHE_WRITE_COST: ExpectedCost = {
  entry: 'claude-sonnet-4-6',
  total: 0.036222,
  input: 0.000072,
  output: 0.00465,
  cacheRead: 0,
  cacheWrite: 0.0315,
  uncached: 0.022722,
  savings: -0.0135,
};

/**
 * messages-cache-read-stream: claude-haiku-4-5 at 1 input / 0.10 cached / 5 output per 1M: 18
 * uncached, 6000 read, 95 output. 18 × 1 = 18; 6000 × 0.10 = 600; 95 × 5 = 475; uncached
 * 6018 × 1 + 475 = 6493.
 */
export const CLAUDE_CACHE_READ_STREAM_COST: ExpectedCost = {
  entry: 'claude-haiku-4-5',
  total: 0.001093,
  input: 0.000018,
  output: 0.000475,
  cacheRead: 0.0006,
  cacheWrite: 0,
  uncached: 0.006493,
  savings: 0.0054,
};

/**
 * messages-cache-write as a span that does not split the writes by lifetime tells it (the Vercel
 * AI SDK's without the provider metadata, OpenInference's):
 * 6000 written, lifetime not told, so all at claude-sonnet-4-6's 5-minute price 3.75 per 1M.
 * 24 × 3 = 72; 6000 × 3.75 = 22500; 310 × 15 = 4650; uncached 6024 × 3 + 4650 = 22722.
 */
export const CLAUDE_CACHE_WRITE_LIFETIME_NOT_TOLD_COST: ExpectedCost = {
  entry: 'claude-sonnet-4-6',
  total: 0.027222,
  input: 0.000072,
  output: 0.00465,
  cacheRead: 0,
  cacheWrite: 0.0225,
  uncached: 0.022722,
  savings: -0.0045,
};
