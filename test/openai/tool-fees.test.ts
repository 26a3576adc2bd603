import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost, expectUnpriced } from '../processor/expect-cost.js';
import { onlySpan, openAITestbed } from './testbed.js';

/**
 * OpenAI's web search and file search tools bill each call besides the tokens ($10 and $2.50 per
 * 1,000 calls, the table's `tool_fees.openai`): the instrumentation counts the `web_search_call`
 * and `file_search_call` items of a Responses API response and records which version of the web
 * search tool the request offered; the processor adds the fees to the cost, or leaves the call
 * unpriced where the table knows no fee. Each expected figure is worked out by hand in the comment
 * above it, in millionths of a dollar (µ$).
 */

const bed = openAITestbed([new CostSpanProcessor()]);
const fixture = (name: string) => ({ headers: { 'x-fixture': `openai-cost/${name}` } });
const request = { model: 'gpt-5.2', input: 'When is the first quarterly close of 2027?', tools: [{ type: 'web_search' as const }] };

// gpt-5.2 at 1.75 / 14, cached reads 0.175: uncached input (18000 − 4096) × 1.75 = 24332 µ$; reads 4096 × 0.175 = 716.8 µ$;
// output 700 × 14 = 9800 µ$; three web search calls 3 × 10000 µ$ = 30000 µ$: total 64848.8 µ$.
// With caching off: 18000 × 1.75 = 31500 µ$ + 9800 + 30000 = 71300 µ$; saved 6451.2 µ$.
const SEARCHED = { entry: 'gpt-5.2', total: 0.0648488, input: 0.024332, output: 0.0098, cacheRead: 0.0007168, cacheWrite: 0, uncached: 0.0713, savings: 0.0064512 };

describe('a Responses API call offering the web_search tool', () => {
  it('counts every web_search_call item, open_page ones too, and adds $0.01 a call to the cost', async () => {
    const response = await bed.client.responses.create(request, fixture('responses-web-search'));
    expect(response.output.filter((item) => item.type === 'web_search_call')).toHaveLength(3);
    const { attributes } = onlySpan(bed);
    expect([
      attributes['openai.request.web_search_tool'],
      attributes['llm_observer.usage.web_searches'],
      attributes['llm_observer.cost.tool_usd'],
    ]).toEqual(['web_search', 3, 0.03]);
    expectExactCost(attributes, SEARCHED);
  });

  it('streamed, counts the calls of the response in response.completed', async () => {
    const stream = await bed.client.responses.create({ ...request, stream: true }, fixture('responses-web-search-stream'));
    const searching: string[] = [];
    for await (const event of stream) if (event.type === 'response.web_search_call.searching') searching.push(event.item_id);
    expect(searching).toHaveLength(3);
    const { attributes } = onlySpan(bed);
    expect([attributes['llm_observer.usage.web_searches'], attributes['llm_observer.cost.tool_usd']]).toEqual([3, 0.03]);
    expectExactCost(attributes, SEARCHED);
  });

  it('of a dated version of the tool, records it as web_search', async () => {
    await bed.client.responses.create({ ...request, tools: [{ type: 'function', name: 'lookup', parameters: {}, strict: false }, { type: 'web_search_2025_08_26' }] }, fixture('responses-web-search'));
    const { attributes } = onlySpan(bed);
    expect(attributes['openai.request.web_search_tool']).toBe('web_search');
    expectExactCost(attributes, SEARCHED);
  });
});

describe('a Responses API call offering the file_search tool', () => {
  it('counts every file_search_call item, and adds $0.0025 a call to the cost, beside the web searches', async () => {
    await bed.client.responses.create(
      { ...request, tools: [{ type: 'file_search', vector_store_ids: ['vs_5Tg8Jk2Lm4Np6Qr'] }, { type: 'web_search' }] },
      fixture('responses-file-search'),
    );
    const { attributes } = onlySpan(bed);
    expect([attributes['llm_observer.usage.file_searches'], attributes['llm_observer.usage.web_searches'], attributes['llm_observer.cost.tool_usd']]).toEqual([2, 1, 0.015]);
    // gpt-5.2 at 1.75 / 14: input 9000 × 1.75 = 15750 µ$; output 500 × 14 = 7000 µ$; two file searches 2 × 2500 µ$ and one web search 10000 µ$.
    expectExactCost(attributes, { entry: 'gpt-5.2', total: 0.03775, input: 0.01575, output: 0.007, cacheRead: 0, cacheWrite: 0, uncached: 0.03775, savings: 0 });
  });
});

describe('a Responses API call offering the older web_search_preview tool', () => {
  it('is priced at the fee a reasoning model gives the tool, $0.01 a call', async () => {
    await bed.client.responses.create({ ...request, tools: [{ type: 'web_search_preview_2025_03_11' }] }, fixture('responses-web-search'));
    const { attributes } = onlySpan(bed);
    expect([attributes['openai.request.web_search_tool'], attributes['llm_observer.usage.web_searches']]).toEqual(['web_search_preview', 3]);
    expectExactCost(attributes, SEARCHED);
  });
});

describe('a Responses API call that did not search', () => {
  it('carries no search count, and the tool it offered', async () => {
    await bed.client.responses.create({ ...request, model: 'o4-mini', service_tier: 'flex' }, fixture('responses-flex'));
    const { attributes } = onlySpan(bed);
    expect(attributes['openai.request.web_search_tool']).toBe('web_search');
    expect(attributes['llm_observer.usage.web_searches']).toBeUndefined();
    expect(attributes['llm_observer.usage.file_searches']).toBeUndefined();
    expect(attributes['llm_observer.cost.tool_usd']).toBeUndefined();
    expect(attributes['llm_observer.cost.total_usd']).toBeTypeOf('number');
  });
});

describe('a Responses API call offering the image_generation tool', () => {
  const imageRequest = { model: 'gpt-5.2', input: 'Draw a lighthouse at dusk.', tools: [{ type: 'image_generation' as const, model: 'gpt-image-2' }] };

  it('counts every image_generation_call item, never reads its image, and leaves the call unpriced: the image model bills tokens its usage does not count', async () => {
    const response = await bed.client.responses.create(imageRequest, fixture('responses-image-generation'));
    const image = response.output.find((item) => item.type === 'image_generation_call');
    expect(image?.result?.length).toBe(96);
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.usage.image_generations']).toBe(1);
    expectUnpriced(attributes, 'unpriced_tool_use');
    expect(Object.values(attributes).filter((value) => String(value).includes(image?.result ?? '-'))).toEqual([]);
  });
});
