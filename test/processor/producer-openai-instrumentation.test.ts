import { afterAll, beforeAll, describe, it } from 'vitest';
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
});
