import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { expectCost, type ExpectedCost } from './expect-cost.js';
import { OTEL_2_PINS, OTEL_3_PINS, runTracedApp } from './traced-app.js';

/**
 * Other producers' spans, priced by the built package: each producer's real package, at the
 * version that names its attributes that way, in a child process of its own (they need openai 5
 * or 6, the Anthropic SDK 0.x, or the OTel 2.x line, which the project's own install cannot hold).
 */

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

/**
 * openai-cost/chat-cached priced as a producer that reports no cache reads sees it: all 5120
 * input tokens of gpt-4o-2024-08-06 at 2.50 per 1M = 12800, and 240 output × 10 = 2400.
 */
const CHAT_WITHOUT_CACHE_COUNTS: ExpectedCost = {
  entry: 'gpt-4o',
  total: 0.0152,
  input: 0.0128,
  output: 0.0024,
  cacheRead: 0,
  cacheWrite: 0,
  uncached: 0.0152,
  savings: 0,
};

describe('the cost of other producers’ spans', () => {
  it.each([
    {
      producer: '@opentelemetry/instrumentation-openai 0.22 (openai 6, OTel 3.x)',
      pins: { ...OTEL_3_PINS, openai: '6.49.0', '@opentelemetry/instrumentation-openai': '0.22.0' },
      app: { line: 3, instrumentation: 'contrib-openai' },
      scope: '@opentelemetry/instrumentation-openai',
    },
    {
      producer: '@traceloop/instrumentation-openai 0.27 (openai 6, OTel 2.x)',
      pins: { ...OTEL_2_PINS, openai: '6.49.0', '@traceloop/instrumentation-openai': '0.27.0' },
      app: { line: 2, instrumentation: 'traceloop-openai' },
      scope: '@traceloop/instrumentation-openai',
    },
  ] as const)('prices the spans of $producer, which report no cache reads', async ({ pins, app, scope }) => {
    const spans = await runTracedApp(pins, { ...app, call: 'openai-chat', fixtureOrigin: server.origin });
    expect(spans.map((span) => span.scope)).toEqual([scope]);
    expectCost(spans[0]?.attributes, CHAT_WITHOUT_CACHE_COUNTS);
  });

  it("prices the OpenLLMetry legacy names of @traceloop/instrumentation-openai 0.21's spans (openai 5)", async () => {
    const spans = await runTracedApp(
      { ...OTEL_2_PINS, openai: '5.23.2', '@traceloop/instrumentation-openai': '0.21.0' },
      { line: 2, instrumentation: 'traceloop-openai', call: 'openai-chat', fixtureOrigin: server.origin },
    );
    expect(spans[0]?.attributes).toMatchObject({ 'gen_ai.usage.prompt_tokens': 5120, 'gen_ai.usage.completion_tokens': 240 });
    expect(spans[0]?.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expectCost(spans[0]?.attributes, CHAT_WITHOUT_CACHE_COUNTS);
  });

  it("prices @traceloop/instrumentation-anthropic 0.27's spans, whose input count leaves the cache out, as the SDK's own span of the same call", async () => {
    const spans = await runTracedApp(
      { ...OTEL_2_PINS, '@anthropic-ai/sdk': '0.137.0', '@traceloop/instrumentation-anthropic': '0.27.0' },
      { line: 2, instrumentation: 'traceloop-anthropic', call: 'anthropic-message', fixtureOrigin: server.origin },
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
