import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectCost, noCache } from '../processor/expect-cost.js';
import { API_KEY, geminiTestbed, onlySpan, OUR_SCOPE } from './testbed.js';

/**
 * The Interactions API (`ai.interactions.create`, @google/genai's NextGen client) against the
 * fixture server: test/fixtures/gemini/interaction*.json and *.sse, each naming the API reference
 * it follows. Priced from the shipped table: gemini-3.6-flash $1.50 input, $0.15 cached input,
 * $7.50 output per million tokens (thoughts at the output price), Flex at 0.5× of each.
 */

const bed = geminiTestbed({ processors: [new CostSpanProcessor()], config: { captureMessageContent: true } });

/** The request options that pick the fixture `gemini/<name>` (a comma-separated list answers in turn), with no retry of a 429. */
function fixture(name: string): { headers: Record<string, string>; maxRetries: number } {
  return { headers: { 'x-fixture': name.split(',').map((part) => `gemini/${part}`).join(',') }, maxRetries: 0 };
}

const QUESTION = { model: 'gemini-3.6-flash', input: 'What is the capital of France?', system_instruction: 'Answer in one sentence.' };

/** The fixtures `interaction` and `interaction-flex`: 12,000 input tokens of which 8,192 cached, 300 output and 150 thought tokens. */
const IMPLICIT_HIT_USAGE = {
  'gen_ai.usage.input_tokens': 12000,
  'gen_ai.usage.cache_read.input_tokens': 8192,
  // total_output_tokens 300 + total_thought_tokens 150
  'gen_ai.usage.output_tokens': 450,
  'gen_ai.usage.reasoning.output_tokens': 150,
};

const IMPLICIT_HIT_COST = {
  entry: 'gemini-3.6-flash',
  // 3,808 uncached × 1.50 / 1M
  input: 0.005712,
  // 450 × 7.50 / 1M
  output: 0.003375,
  // 8,192 × 0.15 / 1M
  cacheRead: 0.0012288,
  cacheWrite: 0,
  // 0.005712 + 0.003375 + 0.0012288
  total: 0.0103158,
  // 12,000 × 1.50 / 1M + 0.003375
  uncached: 0.021375,
  // 0.021375 − 0.0103158
  savings: 0.0110592,
};

/** Half of each of `cost`'s amounts: the Flex tier. */
const halved = (cost: typeof IMPLICIT_HIT_COST) =>
  Object.fromEntries(Object.entries(cost).map(([key, value]) => [key, typeof value === 'number' ? value / 2 : value])) as typeof IMPLICIT_HIT_COST;

/** The `event_type` of each event of `stream`, read to its end. */
async function eventTypes(stream: AsyncIterable<{ event_type: string }>): Promise<string[]> {
  const types: string[] = [];
  for await (const event of stream) types.push(event.event_type);
  return types;
}

function messages(attributes: Attributes, name: string): unknown {
  return JSON.parse(String(attributes[name]));
}

describe('interactions.create', () => {
  it('gives a model interaction one CLIENT span of this package, with its usage, its cache read and its cost', async () => {
    const interaction = await bed.client.interactions.create({ ...QUESTION, generation_config: { max_output_tokens: 512, seed: 7 } }, fixture('interaction'));
    expect(interaction.output_text).toBe('The capital of France is Paris.');
    const span = onlySpan(bed);
    expect(span.name).toBe('chat gemini-3.6-flash');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.instrumentationScope.name).toBe(OUR_SCOPE);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'gcp.gemini',
      'gen_ai.request.model': 'gemini-3.6-flash',
      'gen_ai.request.max_tokens': 512,
      'gen_ai.request.seed': 7,
      'server.address': '127.0.0.1',
      'gen_ai.response.id': 'v1_ChdYaVJUYWNPUUxxS2s3TThQcmFxVXNBcxIXWGlSVGFjT1FMcUtrN004UHJhcVVzQXM',
      'gen_ai.response.model': 'gemini-3.6-flash',
      'gen_ai.response.finish_reasons': ['completed'],
      'gemini.response.service_tier': 'standard',
      'llm_observer.call.outcome': 'completed',
      ...IMPLICIT_HIT_USAGE,
    });
    // One request: the SDK lists the one hop's id.
    expect(span.attributes['llm_observer.call.requests']).toBeUndefined();
    expectCost(span.attributes, IMPLICIT_HIT_COST);
    expect(bed.server.requests.map((request) => request.path)).toEqual(['/v1/interactions']);
  });

  it('records the input, the system instruction, the thought summary and the output with content capture on, and never the API key', async () => {
    await bed.client.interactions.create(QUESTION, fixture('interaction'));
    const { attributes } = onlySpan(bed);
    expect(messages(attributes, 'gen_ai.input.messages')).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'What is the capital of France?' }] }]);
    expect(messages(attributes, 'gen_ai.system_instructions')).toEqual([{ type: 'text', content: 'Answer in one sentence.' }]);
    expect(messages(attributes, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'The user asks for the capital of France.' },
          { type: 'text', content: 'The capital of France is Paris.' },
        ],
        finish_reason: 'stop',
      },
    ]);
    expect(JSON.stringify(attributes)).not.toContain(API_KEY);
  });

  it('records the names of the offered and the called tools, and a conversation given as steps, with its function call and result', async () => {
    const tools = [{ type: 'function' as const, name: 'get_weather', description: 'The weather in a city.', parameters: { type: 'object' } }, { type: 'google_search' as const }];
    await bed.client.interactions.create({ ...QUESTION, tools }, fixture('interaction-tool-call'));
    const first = onlySpan(bed).attributes;
    expect(first).toMatchObject({
      // A built-in tool by its kind.
      'llm_observer.request.tools.names': ['get_weather', 'google_search'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
      'gen_ai.response.finish_reasons': ['requires_action'],
    });
    expect(messages(first, 'gen_ai.output.messages')).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'fc_7d2k', name: 'get_weather', arguments: { city: 'Paris' } }], finish_reason: 'tool_call' },
    ]);
    bed.tracing.reset();
    const input = [
      { type: 'user_input' as const, content: [{ type: 'text' as const, text: 'What is the weather in Paris?' }] },
      { type: 'function_call' as const, id: 'fc_7d2k', name: 'get_weather', arguments: { city: 'Paris' } },
      { type: 'function_result' as const, call_id: 'fc_7d2k', name: 'get_weather', result: 'Sunny, 21 °C' },
    ];
    await bed.client.interactions.create({ model: 'gemini-3.6-flash', input, tools }, fixture('interaction'));
    expect(messages(onlySpan(bed).attributes, 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'fc_7d2k', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'fc_7d2k', response: 'Sunny, 21 °C' }] },
    ]);
  });

  it('prices a call the Flex tier served at half of each price, by the tier the interaction reports', async () => {
    await bed.client.interactions.create({ ...QUESTION, service_tier: 'flex' }, fixture('interaction-flex'));
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({ 'gemini.request.service_tier': 'flex', 'gemini.response.service_tier': 'flex', ...IMPLICIT_HIT_USAGE });
    expectCost(attributes, halved(IMPLICIT_HIT_COST));
  });

  it('makes a long decode that the SDK continues over two requests one span, with the usage of both hops and the last hop id', async () => {
    const interaction = await bed.client.interactions.create(QUESTION, fixture('interaction-hop-1,interaction-hop-2'));
    expect(interaction.output_text).toBe('Chapter one. Chapter two.');
    expect(bed.server.requests).toHaveLength(2);
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({
      'gen_ai.response.id': 'v1_HopTwoOfALongDecode',
      'gen_ai.response.finish_reasons': ['completed'],
      // 1,000 + 5,000 input; 4,000 + 1,500 output: each hop is billed for its own
      'gen_ai.usage.input_tokens': 6000,
      'gen_ai.usage.output_tokens': 5500,
      'llm_observer.call.requests': 2,
    });
    // 6,000 × 1.50 / 1M + 5,500 × 7.50 / 1M = 0.009 + 0.04125
    expectCost(attributes, noCache('gemini-3.6-flash', 0.009, 0.04125, 0.05025));
  });

  it('ends the span as failed with the class and HTTP status of an API error, which reaches the caller unchanged', async () => {
    const failure = await bed.client.interactions.create(QUESTION, fixture('interaction-error-429')).catch((error: unknown) => error);
    expect((failure as { status: number }).status).toBe(429);
    expect((failure as Error).constructor.name).toBe('RateLimitError');
    const span = onlySpan(bed);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'RateLimitError 429' });
    expect(span.attributes).toMatchObject({ 'error.type': 'RateLimitError', 'llm_observer.call.outcome': 'failed' });
    expect(JSON.stringify(span.attributes)).not.toContain('quota');
  });

  it('is traced as gcp.vertex_ai through a Vertex AI client', async () => {
    await bed.vertexClient.interactions.create(QUESTION, fixture('interaction'));
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.provider.name': 'gcp.vertex_ai', ...IMPLICIT_HIT_USAGE });
    expect(bed.server.requests.map((request) => request.path)).toEqual(['/v1beta1/interactions']);
  });
});

describe('interactions.create, streamed', () => {
  it('reads the events as the application iterates them: the usage and the status of interaction.completed, the deltas as the output', async () => {
    const stream = await bed.client.interactions.create({ ...QUESTION, stream: true }, fixture('interaction-stream'));
    expect(await eventTypes(stream)).toEqual(['interaction.created', 'interaction.status_update', 'step.start', 'step.delta', 'step.delta', 'step.stop', 'step.start', 'step.delta', 'step.delta', 'step.stop', 'interaction.completed']);
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'v1_ChdTdHJlYW1lZEludGVyYWN0aW9uT25lEhdTdHJlYW1lZA',
      'gen_ai.response.finish_reasons': ['completed'],
      'gen_ai.usage.input_tokens': 62,
      // 171 output + 297 thought
      'gen_ai.usage.output_tokens': 468,
      'gen_ai.usage.reasoning.output_tokens': 297,
      'llm_observer.call.outcome': 'completed',
    });
    expect(typeof attributes['gen_ai.response.time_to_first_chunk']).toBe('number');
    expect(messages(attributes, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'The user asks for a capital.' },
          { type: 'text', content: 'The capital of France is Paris.' },
        ],
        finish_reason: 'stop',
      },
    ]);
    // 62 × 1.50 / 1M + 468 × 7.50 / 1M = 0.000093 + 0.00351
    expectCost(attributes, noCache('gemini-3.6-flash', 0.000093, 0.00351, 0.003603));
  });

  it("reads each event once through the stream's values(), which the SDK makes through its async iterator", async () => {
    const stream = await bed.client.interactions.create({ ...QUESTION, stream: true }, fixture('interaction-stream'));
    expect(await eventTypes(stream.values())).toHaveLength(11);
    const { attributes } = onlySpan(bed);
    // 62 input tokens, and the thought summary and the answer (28 + 31 characters), as for await reads them: not twice
    expect(attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 62, 'gen_ai.usage.output_tokens': 468, 'llm_observer.response.output.chars': [59] });
    expectCost(attributes, noCache('gemini-3.6-flash', 0.000093, 0.00351, 0.003603));
  });

  it('reads the events a reader of the stream takes, and ends the span as cancelled when the reader cancels', async () => {
    const read = await bed.client.interactions.create({ ...QUESTION, stream: true }, fixture('interaction-stream'));
    const reader = read.getReader();
    while (!(await reader.read()).done);
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 62, 'llm_observer.call.outcome': 'completed' });
    bed.tracing.reset();
    const cancelled = await bed.client.interactions.create({ ...QUESTION, stream: true }, fixture('interaction-stream'));
    const early = cancelled.getReader();
    expect((await early.read()).value).toMatchObject({ event_type: 'interaction.created' });
    await early.cancel();
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.response.id': 'v1_ChdTdHJlYW1lZEludGVyYWN0aW9uT25lEhdTdHJlYW1lZA', 'llm_observer.call.outcome': 'cancelled' });
  });

  it('ends the span as cancelled when the application breaks out of the stream', async () => {
    const stream = await bed.client.interactions.create({ ...QUESTION, stream: true }, fixture('interaction-stream'));
    for await (const event of stream) if (event.event_type === 'step.start') break;
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('records an error event in the middle of the stream as the interaction failed, which the application reads as an event', async () => {
    const stream = await bed.client.interactions.create({ ...QUESTION, stream: true }, fixture('interaction-stream-error'));
    expect(await eventTypes(stream)).toEqual(['interaction.created', 'step.start', 'step.delta', 'error']);
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({ 'gen_ai.response.finish_reasons': ['failed'], 'llm_observer.call.outcome': 'completed' });
    expect(attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(attributes['llm_observer.cost.unpriced_reason']).toBe('no_usage');
  });

  it('sums the usage of the hops of a streamed long decode that the SDK continues, in one span', async () => {
    const stream = await bed.client.interactions.create({ ...QUESTION, stream: true }, fixture('interaction-stream-hop-1,interaction-stream-hop-2'));
    const statuses: unknown[] = [];
    for await (const event of stream) if (event.event_type === 'interaction.completed') statuses.push(event.interaction.status);
    expect(statuses).toEqual(['requires_continuation', 'completed']);
    expect(bed.server.requests).toHaveLength(2);
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({
      'gen_ai.response.id': 'v1_StreamedHopTwo',
      'gen_ai.response.finish_reasons': ['completed'],
      'gen_ai.usage.input_tokens': 6000,
      'gen_ai.usage.output_tokens': 5500,
      'llm_observer.call.requests': 2,
    });
    expectCost(attributes, noCache('gemini-3.6-flash', 0.009, 0.04125, 0.05025));
  });

  it("traces an agent's interaction as invoke_agent, named by the agent, with the usage it reports and no price for an agent", async () => {
    const stream = await bed.client.interactions.create({ agent: 'deep-research-preview-04-2026', input: 'The history of Paris as a capital.', stream: true, background: false }, fixture('interaction-agent-stream'));
    for await (const event of stream) void event;
    const span = onlySpan(bed);
    expect(span.name).toBe('invoke_agent deep-research-preview-04-2026');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'deep-research-preview-04-2026',
      'gen_ai.response.finish_reasons': ['completed'],
      // 210,314 input + 49,512 of the tools' results, as the conventions count the input
      'gen_ai.usage.input_tokens': 259826,
      'gen_ai.usage.cache_read.input_tokens': 150000,
      // 9,851 output + 18,888 thought
      'gen_ai.usage.output_tokens': 28739,
      'gemini.usage.tool_use_prompt_tokens': 49512,
    });
    expect(span.attributes['gen_ai.request.model']).toBeUndefined();
    expect(span.attributes['llm_observer.cost.unpriced_reason']).toBe('no_model');
  });
});
