import type { Attributes } from '@opentelemetry/api';
import type { ExpectedCost } from './expect-cost.js';

/**
 * One gpt-4o chat call that read most of its input from the cache, as the conventions write its
 * usage, and as test/fixtures/openai-cost/chat-cached.json answers it: 5120 input tokens of which
 * 4096 cached, 240 output.
 */
export const GPT_4O_CACHED_CHAT_USAGE: Attributes = {
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.usage.input_tokens': 5120,
  'gen_ai.usage.cache_read.input_tokens': 4096,
  'gen_ai.usage.output_tokens': 240,
};

/**
 * Its cost at gpt-4o's 2.50 input / 1.25 cached / 10 output per 1M: 1024 × 2.50 = 2560;
 * 4096 × 1.25 = 5120; 240 × 10 = 2400; uncached 5120 × 2.50 + 2400 = 15200.
 */
export const GPT_4O_CACHED_CHAT_COST: ExpectedCost = {
  entry: 'gpt-4o',
  total: 0.01008,
  input: 0.00256,
  output: 0.0024,
  cacheRead: 0.00512,
  cacheWrite: 0,
  uncached: 0.0152,
  savings: 0.00512,
};

/**
 * The same call priced as a producer that reports no cache reads sees it: all 5120 input tokens of
 * gpt-4o-2024-08-06 at 2.50 per 1M = 12800, and 240 output × 10 = 2400.
 */
export const GPT_4O_CHAT_WITHOUT_CACHE_COUNTS_COST: ExpectedCost = {
  entry: 'gpt-4o',
  total: 0.0152,
  input: 0.0128,
  output: 0.0024,
  cacheRead: 0,
  cacheWrite: 0,
  uncached: 0.0152,
  savings: 0,
};
