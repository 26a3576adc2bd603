import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost } from '../processor/expect-cost.js';
import { anthropicTestbed, fixture, OUR_SCOPE, QUESTION } from './testbed.js';

/**
 * Anthropic's web search tool bills each search besides the tokens ($10 per 1,000 searches, the
 * table's `tool_fees.anthropic.web_search`): the instrumentation counts the searches the response's
 * `usage.server_tool_use` reports, and the processor adds their fees to the cost. Each expected
 * figure is worked out by hand in the comment above it, in millionths of a dollar (µ$).
 */

const bed = anthropicTestbed({ processors: [new CostSpanProcessor()] });
const WEB_SEARCH = { type: 'web_search_20250305' as const, name: 'web_search' as const, max_uses: 3 };

/** This package's span of the one call made so far. */
function ourSpan(): Attributes | undefined {
  return bed.tracing.spans().find((span) => span.instrumentationScope.name === OUR_SCOPE)?.attributes;
}

describe('a Message whose call searched the web', () => {
  it('records the searches, not the fetches, and adds $0.01 a search to the cost', async () => {
    const message = await bed.client.messages.create(
      { model: 'claude-haiku-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'When is the first quarterly close of 2027?' }], tools: [WEB_SEARCH] },
      { headers: { 'x-fixture': 'anthropic-cost/messages-web-search' } },
    );
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 2, web_fetch_requests: 1 });
    const attributes = ourSpan();
    expect([attributes?.['llm_observer.usage.web_searches'], attributes?.['llm_observer.cost.tool_usd']]).toEqual([2, 0.02]);
    // claude-haiku-4-5 at 1 / 5: input 21000 × 1 = 21000 µ$; output 400 × 5 = 2000 µ$; searches 2 × 10000 µ$ = 20000 µ$.
    // The fees are not the cache's to save: with caching off the call costs the same.
    expectExactCost(attributes, { entry: 'claude-haiku-4-5', total: 0.043, input: 0.021, output: 0.002, cacheRead: 0, cacheWrite: 0, uncached: 0.043, savings: 0 });
  });

  it('streamed, counts the searches of message_delta, the final usage', async () => {
    const stream = await bed.client.messages.create({ ...QUESTION, stream: true, tools: [WEB_SEARCH] }, fixture('message-stream-web-search'));
    for await (const event of stream) void event;
    const attributes = ourSpan();
    expect([attributes?.['llm_observer.usage.web_searches'], attributes?.['llm_observer.cost.tool_usd']]).toEqual([1, 0.01]);
    // claude-sonnet-4-6 at 3 / 15, reads 0.30, 5-minute writes 3.75: input 10682 × 3 = 32046 µ$; reads 2048 × 0.30 = 614.4 µ$;
    // writes 5120 × 3.75 = 19200 µ$; output 510 × 15 = 7650 µ$; one search 10000 µ$: total 69510.4 µ$.
    // With caching off: (10682 + 2048 + 5120) × 3 = 53550 µ$ + 7650 + 10000 = 71200 µ$; saved 1689.6 µ$.
    expectExactCost(attributes, {
      entry: 'claude-sonnet-4-6',
      total: 0.0695104,
      input: 0.032046,
      output: 0.00765,
      cacheRead: 0.0006144,
      cacheWrite: 0.0192,
      uncached: 0.0712,
      savings: 0.0016896,
    });
  });
});

describe('a Message whose call did not search', () => {
  it('carries neither a search count nor a search cost', async () => {
    await bed.client.messages.create(QUESTION, fixture('message'));
    const attributes = ourSpan();
    expect(attributes?.['llm_observer.cost.total_usd']).toBeTypeOf('number');
    expect(Object.keys(attributes ?? {}).filter((name) => name.includes('web_search'))).toEqual([]);
  });
});
