import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { expectCost, type ExpectedCost } from './expect-cost.js';
import { GPT_4O_CHAT_WITHOUT_CACHE_COUNTS_COST } from './gpt-4o-cached-chat.js';
import { LINE_2_NAME, LINE_3_NAME, lineInChild } from './otel-line.js';

/**
 * Traceloop's (OpenLLMetry's) instrumentations, priced by the built package (run `npm run build`
 * first) in child processes of their own: they need openai 5 or 6 or the Anthropic SDK 0.x, which
 * the project's install cannot hold. Their releases depend on @opentelemetry/api ^1.9 and on
 * @opentelemetry/core 2.x, whose peer range stops below API 1.10: on the 3.x line npm installs them
 * with a warning that it overrides that peer, and they run.
 */

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const LINES = [
  { line: 3, name: LINE_3_NAME },
  { line: 2, name: LINE_2_NAME },
] as const;

describe.each(LINES)('the cost of Traceloop spans on $name', ({ line }) => {
  it("prices @traceloop/instrumentation-openai 0.27's spans, which report no cache reads, as if nothing was cached", async () => {
    const spans = await lineInChild(line, { openai: '6.49.0', '@traceloop/instrumentation-openai': '0.27.0' }, 'traceloop-openai').call(
      'openai-cost/chat-cached',
      server.origin,
    );
    expect(spans.map((span) => span.scope)).toEqual(['@traceloop/instrumentation-openai']);
    expectCost(spans[0]?.attributes, GPT_4O_CHAT_WITHOUT_CACHE_COUNTS_COST);
  });

  it("prices the OpenLLMetry legacy names of @traceloop/instrumentation-openai 0.21's spans (openai 5)", async () => {
    const [span] = await lineInChild(line, { openai: '5.23.2', '@traceloop/instrumentation-openai': '0.21.0' }, 'traceloop-openai').call(
      'openai-cost/chat-cached',
      server.origin,
    );
    expect(span?.attributes).toMatchObject({ 'gen_ai.usage.prompt_tokens': 5120, 'gen_ai.usage.completion_tokens': 240 });
    expect(span?.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expectCost(span?.attributes, GPT_4O_CHAT_WITHOUT_CACHE_COUNTS_COST);
  });

  it("prices @traceloop/instrumentation-anthropic 0.27's spans, whose input count leaves the cache out, as the SDK's own span of the same call", async () => {
    const spans = await lineInChild(line, { '@anthropic-ai/sdk': '0.137.0', '@traceloop/instrumentation-anthropic': '0.27.0' }, 'traceloop-anthropic').call(
      'anthropic-cost/messages-cache-read',
      server.origin,
    );
    const byScope = new Map(spans.map((span) => [span.scope, span.attributes]));
    // The same usage, counted two ways: 40 input tokens beside 8000 read, or 8040 including them.
    expect(byScope.get('@traceloop/instrumentation-anthropic')?.['gen_ai.usage.input_tokens']).toBe(40);
    expect(byScope.get('com.anthropic.sdk.typescript')?.['gen_ai.usage.input_tokens']).toBe(8040);
    // claude-sonnet-4-6 at 3 input / 0.30 cached / 15 output per 1M: 40 uncached, 8000 read, 200 output.
    // 40 × 3 = 120; 8000 × 0.30 = 2400; 200 × 15 = 3000; uncached 8040 × 3 + 3000 = 27120.
    const expected: ExpectedCost = {
      entry: 'claude-sonnet-4-6',
      total: 0.00552,
      input: 0.00012,
      output: 0.003,
      cacheRead: 0.0024,
      cacheWrite: 0,
      uncached: 0.02712,
      savings: 0.0216,
    };
    expectCost(byScope.get('@traceloop/instrumentation-anthropic'), expected);
    expectCost(byScope.get('com.anthropic.sdk.typescript'), expected);
  });
});
