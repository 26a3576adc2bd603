import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { fixture, geminiTestbed, onlySpan } from './testbed.js';

/**
 * Grounding with Google Search: Google bills the searches besides the tokens, Gemini 3 models
 * $14 per 1,000 search queries (each distinct one that is not empty), Gemini 2.5 and older $35 per
 * 1,000 grounded prompts (one a call, however many queries it ran), each after a free allowance
 * no span can see (the table's `tool_fees`; docs/cost.md, Tool fees). The instrumentation counts a
 * call's distinct queries, or an interaction's usage its searches (`llm_observer.usage.web_searches`); the processor adds the fee
 * (`llm_observer.cost.tool_usd`) and marks the cost an estimate (`tool_free_allowance`).
 * Fixtures: test/fixtures/gemini/generate-content-grounded*.
 */

const bed = geminiTestbed({ processors: [new CostSpanProcessor()] });

/** The request options of an interaction that pick the fixture `gemini/<name>` (a comma-separated list answers in turn), with no retry. */
const interactionFixture = (name: string) => ({ headers: { 'x-fixture': name.split(',').map((part) => `gemini/${part}`).join(',') }, maxRetries: 0 });

const QUESTION = { contents: 'What is the capital of France, and how many people live there?' };
const SEARCH = { tools: [{ googleSearch: {} }] };

/**
 * gemini-3.6-flash (1.50 in / 7.50 out per million tokens), 1,000 prompt tokens and 200 output:
 * 0.0015 + 0.0015; two distinct queries ("capital of France" twice, an empty one not counted) at
 * $0.014: 0.028. The fee is no cache's: the uncached cost is the cost.
 */
const GEMINI_3_GROUNDED = noCache('gemini-3.6-flash', 0.0015, 0.0015, 0.031);

describe('grounding with Google Search and Google Maps', () => {
  it('counts the distinct queries a Gemini 3 call ran, not an empty one, and adds $0.014 a query to its cost, as an estimate', async () => {
    await bed.client.models.generateContent({ model: 'gemini-3.6-flash', ...QUESTION, config: { ...SEARCH, ...fixture('generate-content-grounded') } });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.usage.web_searches']).toBe(2);
    expectCost(attributes, GEMINI_3_GROUNDED);
    expect(attributes['llm_observer.cost.tool_usd']).toBeCloseTo(0.028, 12);
    expect(attributes['llm_observer.cost.estimate']).toBe('tool_free_allowance');
  });

  it('streamed, counts the distinct queries of every chunk, a query two chunks list once', async () => {
    const stream = await bed.client.models.generateContentStream({ model: 'gemini-3.6-flash', ...QUESTION, config: { ...SEARCH, ...fixture('generate-content-grounded-stream') } });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('The capital of France is Paris. About 2.1 million people live in the city itself.');
    const { attributes } = onlySpan(bed);
    // "capital of France" and "Paris area km2" on a chunk; "capital of France" again, an empty one and "Paris population 2026" on the last
    expect(attributes['llm_observer.usage.web_searches']).toBe(3);
    // the tokens as above, 0.003; three queries at $0.014, 0.042
    expectCost(attributes, noCache('gemini-3.6-flash', 0.0015, 0.0015, 0.045));
    expect(attributes['llm_observer.cost.tool_usd']).toBeCloseTo(0.042, 12);
  });

  it('bills a Gemini 2.5 call one grounded prompt, $0.035, however many queries it ran', async () => {
    await bed.client.models.generateContent({ model: 'gemini-2.5-flash', ...QUESTION, config: { ...SEARCH, ...fixture('generate-content-grounded-gemini-2-5') } });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.usage.web_searches']).toBe(3);
    // 1,000 × 0.30 / 1M + 200 × 2.50 / 1M = 0.0003 + 0.0005; + 0.035
    expectCost(attributes, noCache('gemini-2.5-flash', 0.0003, 0.0005, 0.0358));
    expect(attributes['llm_observer.cost.tool_usd']).toBeCloseTo(0.035, 12);
    expect(attributes['llm_observer.cost.estimate']).toBe('tool_free_allowance');
  });

  it('prices a Vertex AI call grounded with Google Search by the Gemini API entry, fee included', async () => {
    await bed.vertexClient.models.generateContent({ model: 'gemini-3.6-flash', ...QUESTION, config: { ...SEARCH, ...fixture('generate-content-grounded') } });
    const { attributes } = onlySpan(bed);
    expect(attributes['gen_ai.provider.name']).toBe('gcp.vertex_ai');
    expectCost(attributes, GEMINI_3_GROUNDED);
    expect(attributes['llm_observer.cost.tool_usd']).toBeCloseTo(0.028, 12);
  });

  it('leaves a grounded call unpriced on a model whose search fee the table does not have, never priced without it', async () => {
    await bed.client.models.generateContent({ model: 'gemini-4-argon', ...QUESTION, config: { ...SEARCH, ...fixture('generate-content-grounded-gemini-4') } });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.usage.web_searches']).toBe(1);
    expectUnpriced(attributes, 'unpriced_tool_use');
  });

  it('counts the searches of an interaction from its usage (grounding_tool_count), and prices them', async () => {
    const interaction = { model: 'gemini-3.6-flash', input: QUESTION.contents, tools: [{ type: 'google_search' as const }] };
    await bed.client.interactions.create(interaction, interactionFixture('interaction-grounded'));
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.usage.web_searches']).toBe(3);
    // 1,000 × 1.50 / 1M + 200 × 7.50 / 1M = 0.003; three searches at $0.014, 0.042
    expectCost(attributes, noCache('gemini-3.6-flash', 0.0015, 0.0015, 0.045));
    expect(attributes['llm_observer.cost.estimate']).toBe('tool_free_allowance');
  });

  it('leaves out the usage of an interaction whose Google Search uses add up past 2^53 (the SDK sums its two entries), and the call unpriced, rather than pricing fewer searches', async () => {
    const interaction = { model: 'gemini-3.6-flash', input: QUESTION.contents, tools: [{ type: 'google_search' as const }] };
    await bed.client.interactions.create(interaction, interactionFixture('interaction-grounded-overflow'));
    const { attributes } = onlySpan(bed);
    expect([attributes['llm_observer.usage.web_searches'], attributes['gen_ai.usage.input_tokens'], attributes['gen_ai.usage.output_tokens']]).toEqual([undefined, undefined, undefined]);
    expectUnpriced(attributes, 'no_usage');
  });

  it('streamed, counts the Google Search and Google Maps uses of interaction.completed apart, and leaves the call unpriced for want of the model\'s Maps fee', async () => {
    const interaction = { model: 'gemini-3.6-flash', input: QUESTION.contents, tools: [{ type: 'google_search' as const }, { type: 'google_maps' as const }], stream: true as const };
    const stream = await bed.client.interactions.create(interaction, interactionFixture('interaction-grounded-stream'));
    for await (const event of stream) void event;
    const { attributes } = onlySpan(bed);
    expect([attributes['llm_observer.usage.web_searches'], attributes['llm_observer.usage.maps_groundings']]).toEqual([2, 1]);
    expectUnpriced(attributes, 'unpriced_tool_use');
  });

  it('sums the searches of the hops of a streamed long decode, and prices them by the query', async () => {
    const interaction = { model: 'gemini-3.6-flash', input: QUESTION.contents, tools: [{ type: 'google_search' as const }], stream: true as const };
    const stream = await bed.client.interactions.create(interaction, interactionFixture('interaction-grounded-stream-hop-1,interaction-grounded-stream-hop-2'));
    for await (const event of stream) void event;
    const { attributes } = onlySpan(bed);
    // 2 searches in the first hop, 1 in the second (its retrieval count is not a search)
    expect([attributes['llm_observer.usage.web_searches'], attributes['llm_observer.call.requests']]).toEqual([3, 2]);
    // (1,000 + 5,000) × 1.50 / 1M = 0.009; (4,000 + 1,500) × 7.50 / 1M = 0.04125; three searches at $0.014, 0.042
    expectCost(attributes, noCache('gemini-3.6-flash', 0.009, 0.04125, 0.09225));
  });

  it('counts a response citing Google Maps places one Maps grounding, and prices it at $0.025 a grounded prompt, as an estimate', async () => {
    const maps = { tools: [{ googleMaps: {} }] };
    await bed.client.models.generateContent({ model: 'gemini-2.5-pro', contents: 'Italian restaurants within a 15-minute walk?', config: { ...maps, ...fixture('generate-content-maps') } });
    const { attributes } = onlySpan(bed);
    expect([attributes['llm_observer.usage.maps_groundings'], attributes['llm_observer.usage.web_searches']]).toEqual([1, undefined]);
    // gemini-2.5-pro at 1.25 / 10 up to 200k prompt tokens: 1,000 × 1.25 / 1M + 200 × 10 / 1M = 0.00125 + 0.002; + 0.025
    expectCost(attributes, noCache('gemini-2.5-pro', 0.00125, 0.002, 0.02825));
    expect([attributes['llm_observer.cost.tool_usd'], attributes['llm_observer.cost.estimate']]).toEqual([0.025, 'tool_free_allowance']);
  });

  it('leaves a Maps-grounded call unpriced on a model whose Maps fee the table does not have', async () => {
    await bed.client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Italian restaurants within a 15-minute walk?', config: { tools: [{ googleMaps: {} }], ...fixture('generate-content-maps-flash') } });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.usage.maps_groundings']).toBe(1);
    expectUnpriced(attributes, 'unpriced_tool_use');
  });

  it('carries no search count, fee or estimate on a call that did not search', async () => {
    await bed.client.models.generateContent({ model: 'gemini-2.5-flash', ...QUESTION, config: fixture('generate-content') });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.cost.total_usd']).toBeGreaterThan(0);
    expect([attributes['llm_observer.usage.web_searches'], attributes['llm_observer.usage.maps_groundings'], attributes['llm_observer.cost.tool_usd'], attributes['llm_observer.cost.estimate']]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
