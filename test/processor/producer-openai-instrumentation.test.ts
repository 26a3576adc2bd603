import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor, OpenAIInstrumentation } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing } from '../support/tracing.js';
import { expectCost } from './expect-cost.js';
import { GPT_4O_CACHED_CHAT_COST } from './gpt-4o-cached-chat.js';
import { bothLines } from './otel-line.js';

/**
 * This package's OpenAI spans, with the project's openai, on both OTel JS lines: 3.x in this
 * process, 2.x in a child process with the built package (run `npm run build` first).
 */
const tracing = setupTracing([new OpenAIInstrumentation()], [new CostSpanProcessor()]);

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe.each(bothLines(tracing, 'openai', 'llm-observer-openai'))("the cost of this package's OpenAI spans on $name", (line) => {
  it('prices a chat completion whose input was mostly read from the cache', async () => {
    const [span] = await line.call('openai-cost/chat-cached', server.origin);
    expectCost(span?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it('prices a Responses API call served by the flex tier at half the list price', async () => {
    const [span] = await line.call('openai-cost/responses-flex', server.origin);
    // o4-mini at 1.10 / 0.275 cached / 4.40 per 1M, × 0.5: 3000 input of which 1024 cached, 2000 output.
    // (1976 × 1.10 = 2173.6; 1024 × 0.275 = 281.6; 2000 × 4.40 = 8800) × 0.5; uncached (3000 × 1.10 + 8800) × 0.5 = 6050.
    expectCost(span?.attributes, {
      entry: 'o4-mini',
      total: 0.0056276,
      input: 0.0010868,
      output: 0.0044,
      cacheRead: 0.0001408,
      cacheWrite: 0,
      uncached: 0.00605,
      savings: 0.0004224,
    });
  });

  it('prices a compaction by the model and the tier its request named, which its response does not', async () => {
    const [span] = await line.call('openai/responses-compact', server.origin);
    // gpt-5.6-terra at 2 / 0.20 cached / 12 per 1M, flex × 0.5: 18432 input of which 16384 cached, 1536 output.
    // (2048 × 2 = 4096; 16384 × 0.20 = 3276.8; 1536 × 12 = 18432) × 0.5; uncached (18432 × 2 + 18432) × 0.5 = 27648.
    expectCost(span?.attributes, {
      entry: 'gpt-5.6-terra',
      total: 0.0129024,
      input: 0.002048,
      output: 0.009216,
      cacheRead: 0.0016384,
      cacheWrite: 0,
      uncached: 0.027648,
      savings: 0.0147456,
    });
  });

  it('prices the writes with 12-hour retention at their own rate, as the Responses API splits them', async () => {
    const [span] = await line.call('openai-cost/responses-cache-12h', server.origin);
    expect(span?.attributes).toMatchObject({
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens': 2000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens': 10000,
    });
    expect(span?.attributes['llm_observer.cost.estimate']).toBeUndefined();
    // gpt-6.2-sol at 2 / 0.10 cached / 2.50 a 30-minute write / 5 a 12-hour write / 10 per 1M:
    // 40000 input of which 24000 read and 12000 written (2000 for 30 minutes, 10000 for 12 hours), 500 output.
    // 4000 × 2 = 8000; 24000 × 0.10 = 2400; 2000 × 2.50 + 10000 × 5 = 55000; 500 × 10 = 5000; uncached 40000 × 2 + 5000 = 85000.
    expectCost(span?.attributes, {
      entry: 'gpt-6.2-sol',
      total: 0.0704,
      input: 0.008,
      output: 0.005,
      cacheRead: 0.0024,
      cacheWrite: 0.055,
      uncached: 0.085,
      savings: 0.0146,
    });
  });
});
