import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { RecentIds } from '../../src/instrumentation/openai/responses-api.js';
import { expectExactCost, expectUnpriced } from '../processor/expect-cost.js';
import { openAITestbed } from './testbed.js';

/**
 * A background response (`background: true`) is made by a call that returns it queued, without
 * usage; the app retrieves it (`responses.retrieve`) until it is final. Its usage, billed once, goes
 * on the first span of the process that sees it final: the retrieval's, or the call's own when it
 * streamed to the end. Each expected figure is worked out by hand in the comment above it, in
 * millionths of a dollar (µ$).
 */

const bed = openAITestbed([new CostSpanProcessor()]);
const fixture = (name: string) => ({ headers: { 'x-fixture': `openai-cost/${name}` } });
const RESEARCH = { model: 'o3-deep-research', input: 'How long must invoices be kept in the EU?', background: true, tools: [{ type: 'web_search_preview' as const }] };
const ID = 'resp_bg7f3a9c1e5d2b8046a1c3e5f7a9b2d4';

// o3-deep-research at 10 / 40, cached reads 2.50: uncached input 40000 × 10 = 400000 µ$; reads 10000 × 2.50 = 25000 µ$;
// output 8000 × 40 = 320000 µ$; four calls of web_search_preview, a reasoning model's, 4 × 10000 µ$ = 40000 µ$: total 785000 µ$.
// With caching off: 50000 × 10 = 500000 µ$ + 320000 + 40000 = 860000 µ$; saved 75000 µ$.
const RESEARCHED = { entry: 'o3-deep-research', total: 0.785, input: 0.4, output: 0.32, cacheRead: 0.025, cacheWrite: 0, uncached: 0.86, savings: 0.075 };

/** The attributes of the spans finished since the last reset, in order, and resets. */
function spansSoFar() {
  const spans = bed.tracing.spans().map((span) => ({ name: span.name, attributes: span.attributes }));
  bed.tracing.reset();
  return spans;
}

describe('a background response', () => {
  it('is billed on the first retrieval that finds it completed, with its web searches, and on no other span', async () => {
    const queued = await bed.client.responses.create(RESEARCH, fixture('responses-background-queued'));
    expect(queued.status).toBe('queued');
    for (const poll of ['responses-background-in-progress', 'responses-background-completed', 'responses-background-completed']) {
      await bed.client.responses.retrieve(ID, {}, fixture(poll));
    }
    const [create, inProgress, completed, again] = spansSoFar();
    expect(create?.name).toBe('chat o3-deep-research');
    expect(create?.attributes['gen_ai.response.finish_reasons']).toEqual(['queued']);
    expectUnpriced(create?.attributes, 'no_usage');
    expect([inProgress?.name, inProgress?.attributes['gen_ai.operation.name'], inProgress?.attributes['gen_ai.response.finish_reasons']]).toEqual([
      'retrieve_response',
      'retrieve_response',
      ['in_progress'],
    ]);
    // A poll that finds the response still running carries no usage, and no web search of it.
    expect(inProgress?.attributes['llm_observer.usage.web_searches']).toBeUndefined();
    expectUnpriced(inProgress?.attributes, 'no_usage');
    expect([
      completed?.attributes['gen_ai.response.id'],
      completed?.attributes['gen_ai.usage.input_tokens'],
      completed?.attributes['llm_observer.usage.web_searches'],
      completed?.attributes['openai.request.web_search_tool'],
    ]).toEqual([ID, 50000, 4, 'web_search_preview']);
    expectExactCost(completed?.attributes, RESEARCHED);
    // Retrieved once more, it is billed no more.
    expect(again?.attributes['gen_ai.response.finish_reasons']).toEqual(['completed']);
    expect(again?.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expectUnpriced(again?.attributes, 'no_usage');
  });

  it('retrieved as a stream from a cursor, is billed on the stream that reads it to response.completed', async () => {
    const stream = await bed.client.responses.retrieve('resp_bg8e4b0d2f6a3c9157b2d4f6a8c0e3f5', { stream: true, starting_after: 39 }, fixture('responses-background-retrieve-stream'));
    const text: string[] = [];
    for await (const event of stream) if (event.type === 'response.output_text.delta') text.push(event.delta);
    expect(text.join('')).toBe('Across the EU, invoices are kept for six to ten years; Germany requires ten.');
    const [retrieval] = spansSoFar();
    expect([retrieval?.attributes['llm_observer.call.outcome'], retrieval?.attributes['openai.request.web_search_tool']]).toEqual(['completed', 'web_search_preview']);
    expectExactCost(retrieval?.attributes, RESEARCHED);
  });

  it('created as a stream read to its end, is billed on that call, and not again when retrieved', async () => {
    const stream = await bed.client.responses.create({ ...RESEARCH, stream: true }, fixture('responses-background-stream'));
    for await (const event of stream) void event;
    await bed.client.responses.retrieve('resp_bg9f5c1e3a7b4d0268c3e5a7b9d1f4a6', {}, fixture('responses-background-streamed-completed'));
    const [create, retrieval] = spansSoFar();
    expectExactCost(create?.attributes, RESEARCHED);
    expect(retrieval?.attributes['gen_ai.response.id']).toBe('resp_bg9f5c1e3a7b4d0268c3e5a7b9d1f4a6');
    expectUnpriced(retrieval?.attributes, 'no_usage');
  });
});

describe('a background response cancelled', () => {
  it('is billed on the cancellation for what it used until then, and not again when retrieved', async () => {
    const id = 'resp_bgc0a2e4f6b8d1c3e5a7f9b2d4c6e8a0';
    const cancelled = await bed.client.responses.cancel(id, fixture('responses-background-cancelled'));
    expect(cancelled.status).toBe('cancelled');
    await bed.client.responses.retrieve(id, {}, fixture('responses-background-cancelled'));
    const [cancellation, retrieval] = spansSoFar();
    expect([cancellation?.name, cancellation?.attributes['gen_ai.response.finish_reasons'], cancellation?.attributes['llm_observer.usage.web_searches']]).toEqual([
      'cancel_response',
      ['cancelled'],
      2,
    ]);
    // o3-deep-research at 10 / 40: 20000 × 10 = 200000 µ$; 1200 × 40 = 48000 µ$; two web_search_preview calls 2 × 10000 µ$.
    expectExactCost(cancellation?.attributes, { entry: 'o3-deep-research', total: 0.268, input: 0.2, output: 0.048, cacheRead: 0, cacheWrite: 0, uncached: 0.268, savings: 0 });
    expectUnpriced(retrieval?.attributes, 'no_usage');
  });
});

describe('a response made in the foreground, retrieved', () => {
  it('carries no usage: its call was billed, on its own span', async () => {
    await bed.client.responses.retrieve('resp_fg1b2c3d4e5f60718293a4b5c6d7e8f9', {}, fixture('responses-foreground-completed'));
    const [retrieval] = spansSoFar();
    expect(retrieval?.attributes['gen_ai.response.model']).toBe('o3-deep-research-2025-06-26');
    expect(retrieval?.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expectUnpriced(retrieval?.attributes, 'no_usage');
  });
});

describe('the ids of the background responses billed', () => {
  it('are kept up to their number, the oldest forgotten first, and an id longer than any the API makes is kept nowhere', () => {
    const ids = new RecentIds(3);
    expect(['a', 'b', 'c', 'a'].map((id) => ids.add(id))).toEqual([true, true, true, false]);
    expect(ids.add('d')).toBe(true);
    // 'a' was the oldest: forgotten, it is new again; 'c' and 'd' are still kept.
    expect(['a', 'c', 'd'].map((id) => ids.add(id))).toEqual([true, false, false]);
    const long = 'resp_'.padEnd(10 * 1024 * 1024, 'x');
    expect([ids.add(long), ids.add(long)]).toEqual([true, true]);
  });
});
