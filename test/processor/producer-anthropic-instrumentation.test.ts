import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnthropicInstrumentation, CostSpanProcessor } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing } from '../support/tracing.js';
import { CLAUDE_CACHE_READ_STREAM_COST, CLAUDE_CACHE_WRITE_COST } from './claude-cached-calls.js';
import { expectCost } from './expect-cost.js';
import { bothLines } from './otel-line.js';

/**
 * This package's Anthropic spans, with the project's @anthropic-ai/sdk (whose own tracing they
 * take the place of), on both OTel JS lines: 3.x in this process, 2.x in a child process with the
 * built package (run `npm run build` first).
 */
const tracing = setupTracing([new AnthropicInstrumentation()], [new CostSpanProcessor()]);

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe.each(bothLines(tracing, '@anthropic-ai/sdk', 'llm-observer-anthropic'))("the cost of this package's Anthropic spans on $name", (line) => {
  it('prices 5-minute and 1-hour cache writes apart', async () => {
    const spans = await line.call('anthropic-cost/messages-cache-write', server.origin);
    expect(spans.map((span) => span.scope)).toEqual(['otel-llm-observer/anthropic']);
    expectCost(spans[0]?.attributes, CLAUDE_CACHE_WRITE_COST);
  });

  it('prices the cache reads of a streamed call', async () => {
    const spans = await line.call('anthropic-cost/messages-cache-read-stream', server.origin);
    expect(spans.map((span) => span.scope)).toEqual(['otel-llm-observer/anthropic']);
    expectCost(spans[0]?.attributes, CLAUDE_CACHE_READ_STREAM_COST);
  });
});
