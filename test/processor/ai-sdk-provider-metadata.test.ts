import type { Attributes } from '@opentelemetry/api';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { DiagRecorder } from '../support/telemetry-checks.js';
import { setupTracing } from '../support/tracing.js';
import { CLAUDE_CACHE_WRITE_COST, CLAUDE_CACHE_WRITE_LIFETIME_NOT_TOLD_COST } from './claude-cached-calls.js';
import { expectCost } from './expect-cost.js';

/**
 * What the processor makes of a Vercel AI SDK chat span (scope `gen_ai`, as @ai-sdk/otel names its
 * tracer) whose provider metadata is not what Anthropic's raw usage makes of it. The spans carry
 * the usage of test/fixtures/anthropic-cost/messages-cache-write.json as producer-vercel-ai-sdk's
 * real spans do; the metadata is what differs.
 */
const tracing = setupTracing([], [new CostSpanProcessor()]);
const diagnostics = new DiagRecorder();
diag.setLogger(diagnostics, DiagLogLevel.ALL);
afterAll(() => diag.disable());

const AI_SDK_CHAT_SPAN: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'anthropic',
  'gen_ai.request.model': 'claude-sonnet-4-6',
  'gen_ai.response.model': 'claude-sonnet-4-6',
  'gen_ai.usage.input_tokens': 6024,
  'gen_ai.usage.output_tokens': 310,
  'gen_ai.usage.cache_read.input_tokens': 0,
  'gen_ai.usage.cache_creation.input_tokens': 6000,
};

/** The attributes of one `gen_ai` span with `attributes`, as exported. */
function priced(attributes: Attributes): Attributes {
  tracing.reset();
  tracing.provider.getTracer('gen_ai').startSpan('chat claude-sonnet-4-6', { attributes }).end();
  return tracing.spans()[0]?.attributes ?? {};
}

describe("the cost of a Vercel AI SDK span by its provider metadata's cache-write split", () => {
  it('prices 5-minute and 1-hour writes apart when the metadata splits them', () => {
    const metadata = { anthropic: { usage: { cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 4000 } } } };
    expectCost(priced({ ...AI_SDK_CHAT_SPAN, 'ai.response.providerMetadata': JSON.stringify(metadata) }), CLAUDE_CACHE_WRITE_COST);
  });

  it('prices the writes at the 5-minute price, as an estimate, and reports to the diag logger, when the metadata is not JSON', () => {
    diagnostics.messages.length = 0;
    const attributes = priced({ ...AI_SDK_CHAT_SPAN, 'ai.response.providerMetadata': '{"anthropic":{"usage":' });
    expectCost(attributes, CLAUDE_CACHE_WRITE_LIFETIME_NOT_TOLD_COST);
    expect(attributes['llm_observer.cost.estimate']).toBe('cache_write_lifetime');
    expect(diagnostics.fromThisPackage().map((message) => message.level)).toEqual(['error']);
    expect(diagnostics.fromThisPackage()[0]?.text).toContain('read the cache-write split in the provider metadata failed');
  });

  it('refuses a split that does not add up to the writes', () => {
    const metadata = { anthropic: { usage: { cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 9000 } } } };
    const attributes = priced({ ...AI_SDK_CHAT_SPAN, 'ai.response.providerMetadata': JSON.stringify(metadata) });
    expect(attributes['llm_observer.cost.unpriced_reason']).toBe('inconsistent_usage');
    expect(attributes['llm_observer.cost.total_usd']).toBeUndefined();
  });

  it('leaves an invoke_agent span alone, whatever usage it repeats', () => {
    const attributes = priced({ ...AI_SDK_CHAT_SPAN, 'gen_ai.operation.name': 'invoke_agent' });
    expect(Object.keys(attributes).filter((name) => name.startsWith('llm_observer.'))).toEqual([]);
  });
});

describe("the web searches in a Vercel AI SDK span's provider metadata", () => {
  const UNCACHED_SPAN: Attributes = { ...AI_SDK_CHAT_SPAN, 'gen_ai.usage.input_tokens': 10000, 'gen_ai.usage.output_tokens': 500, 'gen_ai.usage.cache_creation.input_tokens': 0 };
  const withSearches = (searches: unknown) => ({ anthropic: { usage: { input_tokens: 10000, output_tokens: 500, server_tool_use: { web_search_requests: searches, web_fetch_requests: 0 } } } });

  it("are priced at Anthropic's fee, read from its raw usage", () => {
    const attributes = priced({ ...UNCACHED_SPAN, 'ai.response.providerMetadata': JSON.stringify(withSearches(3)) });
    // claude-sonnet-4-6 at 3 / 15: 10000 × 3 = 30000 µ$; 500 × 15 = 7500 µ$; 3 searches × 10000 µ$ = 30000 µ$
    expectCost(attributes, { entry: 'claude-sonnet-4-6', total: 0.0675, input: 0.03, output: 0.0075, cacheRead: 0, cacheWrite: 0, uncached: 0.0675, savings: 0 });
    expect(attributes['llm_observer.cost.tool_usd']).toBeCloseTo(0.03, 12);
  });

  it('are priced beside the cache-write split that the same metadata tells', () => {
    const usage = { cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 4000 }, server_tool_use: { web_search_requests: 2 } };
    const attributes = priced({ ...AI_SDK_CHAT_SPAN, 'ai.response.providerMetadata': JSON.stringify({ anthropic: { usage } }) });
    // The split's cost (claude-cached-calls.ts), and 2 searches × 10000 µ$ in the total and the uncached cost.
    expectCost(attributes, { ...CLAUDE_CACHE_WRITE_COST, total: 0.056222, uncached: 0.042722 });
    expect(attributes['llm_observer.cost.tool_usd']).toBeCloseTo(0.02, 12);
  });

  it('leave the span unpriced when the count is not a whole number', () => {
    expect(priced({ ...UNCACHED_SPAN, 'ai.response.providerMetadata': JSON.stringify(withSearches('three')) })['llm_observer.cost.unpriced_reason']).toBe('inconsistent_usage');
  });

  it('are none, and the diag logger told, when the metadata that names them is not JSON', () => {
    diagnostics.messages.length = 0;
    const attributes = priced({ ...UNCACHED_SPAN, 'ai.response.providerMetadata': '{"anthropic":{"usage":{"server_tool_use":{"web_search_requests":3' });
    // 30000 + 7500 µ$, the searches unknown
    expect(attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0375, 12);
    expect(diagnostics.fromThisPackage()[0]?.text).toContain('read the web searches in the provider metadata failed');
  });
});

describe("the queries of Google's grounding in a Vercel AI SDK span's provider metadata (through @ai-sdk/google)", () => {
  const GEMINI_SPAN: Attributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'gcp.gemini',
    'gen_ai.request.model': 'gemini-3.6-flash',
    'gen_ai.response.model': 'gemini-3.6-flash',
    'gen_ai.usage.input_tokens': 1000,
    'gen_ai.usage.output_tokens': 200,
  };
  const grounded = (webSearchQueries: unknown) => ({ ...GEMINI_SPAN, 'ai.response.providerMetadata': JSON.stringify({ google: { groundingMetadata: { webSearchQueries } } }) });

  it('are counted as Google bills them, each distinct text that is not empty once, and priced at the model\'s fee', () => {
    const attributes = priced(grounded(['capital of France', '', 'Paris population 2026', 'capital of France', 7]));
    // gemini-3.6-flash at 1.50 / 7.50: 1500 + 1500 µ$; 2 distinct queries × 14000 µ$
    expectCost(attributes, { entry: 'gemini-3.6-flash', total: 0.031, input: 0.0015, output: 0.0015, cacheRead: 0, cacheWrite: 0, uncached: 0.031, savings: 0 });
    expect([attributes['llm_observer.cost.tool_usd'], attributes['llm_observer.cost.estimate']]).toEqual([0.028, 'tool_free_allowance']);
  });

  it('are none when the list has no query, or is no list', () => {
    for (const queries of [[], [''], 'capital of France']) {
      const attributes = priced(grounded(queries));
      expect([attributes['llm_observer.cost.total_usd'], attributes['llm_observer.cost.tool_usd']]).toEqual([0.003, undefined]);
    }
  });
});
