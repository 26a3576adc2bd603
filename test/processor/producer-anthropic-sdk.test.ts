import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing } from '../support/tracing.js';
import { expectCost } from './expect-cost.js';

/**
 * @anthropic-ai/sdk 1.x traces its own API calls with the global tracer provider. Its spans write
 * the cache writes as `gen_ai.usage.cache_write.input_tokens`, split by lifetime under
 * `anthropic.usage.cache_creation.*`, and an input count that includes the cache tokens.
 */
const tracing = setupTracing([], [new CostSpanProcessor()]);
const { Anthropic } = createRequire(import.meta.url)('@anthropic-ai/sdk') as typeof import('@anthropic-ai/sdk');

let server: FixtureServer;
let client: InstanceType<typeof Anthropic>;
beforeAll(async () => {
  server = await startFixtureServer();
  client = new Anthropic({ apiKey: 'sk-ant-test-key', baseURL: server.origin, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => tracing.reset());

const fixture = (name: string) => ({ headers: { 'x-fixture': `anthropic-cost/${name}` } });
const question = { role: 'user', content: 'Who approves expenses above 500 EUR?' } as const;

describe("the cost of @anthropic-ai/sdk's own spans", () => {
  it('prices 5-minute and 1-hour cache writes apart', async () => {
    await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [question] }, fixture('messages-cache-write'));
    const [span] = tracing.spans();
    expect(span?.instrumentationScope.name).toBe('com.anthropic.sdk.typescript');
    // claude-sonnet-4-6 at 3 input / 3.75 5-minute write / 6 1-hour write / 15 output per 1M:
    // 24 uncached, 2000 written for 5 minutes, 4000 for 1 hour, 310 output.
    // 24 × 3 = 72; 2000 × 3.75 + 4000 × 6 = 31500; 310 × 15 = 4650; uncached 6024 × 3 + 4650 = 22722.
    expectCost(span?.attributes, {
      entry: 'claude-sonnet-4-6',
      total: 0.036222,
      input: 0.000072,
      output: 0.00465,
      cacheRead: 0,
      cacheWrite: 0.0315,
      uncached: 0.022722,
      savings: -0.0135,
    });
  });

  it('prices the cache reads of a streamed call', async () => {
    const stream = await client.messages.create(
      { model: 'claude-haiku-4-5', max_tokens: 1024, messages: [question], stream: true },
      fixture('messages-cache-read-stream'),
    );
    for await (const event of stream) void event;
    // claude-haiku-4-5 at 1 input / 0.10 cached / 5 output per 1M: 18 uncached, 6000 read, 95 output.
    // 18 × 1 = 18; 6000 × 0.10 = 600; 95 × 5 = 475; uncached 6018 × 1 + 475 = 6493.
    expectCost(tracing.spans()[0]?.attributes, {
      entry: 'claude-haiku-4-5',
      total: 0.001093,
      input: 0.000018,
      output: 0.000475,
      cacheRead: 0.0006,
      cacheWrite: 0,
      uncached: 0.006493,
      savings: 0.0054,
    });
  });
});
