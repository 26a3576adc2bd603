import type { ExpectedCost } from './expect-cost.js';

/**
 * test/fixtures/openai-backends/groq-chat.json (and its stream, groq-chat-stream-x-groq.sse), as
 * every SDK that calls GroqCloud gets it priced: openai/gpt-oss-120b at GroqCloud's 0.15 input /
 * 0.075 cached / 0.60 output per 1M (Together's entry for the same id reads the cache at 0.15);
 * 2100 input of which 1024 cached, 300 output. 1076 × 0.15 = 161.4; 1024 × 0.075 = 76.8;
 * 300 × 0.60 = 180; uncached 2100 × 0.15 + 180 = 495.
 */
export const GROQ_GPT_OSS_CACHED_COST: ExpectedCost = {
  entry: 'groq/gpt-oss-120b',
  total: 0.0004182,
  input: 0.0001614,
  output: 0.00018,
  cacheRead: 0.0000768,
  cacheWrite: 0,
  uncached: 0.000495,
  savings: 0.0000768,
};
