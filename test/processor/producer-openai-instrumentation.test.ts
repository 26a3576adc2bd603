import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { CostSpanProcessor, OpenAIInstrumentation } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing } from '../support/tracing.js';
import { expectCost } from './expect-cost.js';
import { GPT_4O_CACHED_CHAT_COST } from './gpt-4o-cached-chat.js';

const tracing = setupTracing([new OpenAIInstrumentation()], [new CostSpanProcessor()]);
const { OpenAI } = createRequire(import.meta.url)('openai') as typeof import('openai');

let server: FixtureServer;
let client: InstanceType<typeof OpenAI>;
beforeAll(async () => {
  server = await startFixtureServer();
  client = new OpenAI({ apiKey: 'sk-test-key', baseURL: `${server.origin}/v1`, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => tracing.reset());

const fixture = (name: string) => ({ headers: { 'x-fixture': `openai-cost/${name}` } });

describe("the cost of the spans of this package's OpenAI instrumentation", () => {
  it('prices a chat completion whose input was mostly read from the cache', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What does clause 14.2 say?' }] }, fixture('chat-cached'));
    expectCost(tracing.spans()[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it('prices a Responses API call served by the flex tier at half the list price', async () => {
    await client.responses.create({ model: 'o4-mini', input: 'Can the nightly job use flex?', service_tier: 'flex' }, fixture('responses-flex'));
    // o4-mini at 1.10 / 0.275 cached / 4.40 per 1M, × 0.5: 3000 input of which 1024 cached, 2000 output.
    // (1976 × 1.10 = 2173.6; 1024 × 0.275 = 281.6; 2000 × 4.40 = 8800) × 0.5; uncached (3000 × 1.10 + 8800) × 0.5 = 6050.
    expectCost(tracing.spans()[0]?.attributes, {
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
