import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing } from '../support/tracing.js';
import { CLAUDE_CACHE_READ_STREAM_COST, CLAUDE_CACHE_WRITE_COST } from './claude-cached-calls.js';
import { expectCost } from './expect-cost.js';
import { bothLines } from './otel-line.js';

/**
 * @anthropic-ai/sdk 1.x traces its own API calls with the global tracer provider. Its spans write
 * the cache writes as `gen_ai.usage.cache_write.input_tokens`, split by lifetime under
 * `anthropic.usage.cache_creation.*`, and an input count that includes the cache tokens. The
 * project's SDK, on both OTel JS lines: 3.x in this process, 2.x in a child process with the built
 * package (run `npm run build` first); its dependency on @opentelemetry/api (^1.4.1) admits both.
 */
const tracing = setupTracing([], [new CostSpanProcessor()]);

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe.each(bothLines(tracing, '@anthropic-ai/sdk', 'none'))("the cost of @anthropic-ai/sdk's own spans on $name", (line) => {
  it('prices 5-minute and 1-hour cache writes apart', async () => {
    const [span] = await line.call('anthropic-cost/messages-cache-write', server.origin);
    expect(span?.scope).toBe('com.anthropic.sdk.typescript');
    expectCost(span?.attributes, CLAUDE_CACHE_WRITE_COST);
  });

  it('prices the cache reads of a streamed call', async () => {
    const [span] = await line.call('anthropic-cost/messages-cache-read-stream', server.origin);
    expect(span?.scope).toBe('com.anthropic.sdk.typescript');
    expectCost(span?.attributes, CLAUDE_CACHE_READ_STREAM_COST);
  });
});
