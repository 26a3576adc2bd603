import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CostSpanProcessor, MistralInstrumentation } from '../../src/index.js';
import { expectCost, noCache } from '../processor/expect-cost.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { onlySpan, testbedParts, untracedThenTraced } from '../support/testbed-parts.js';

/**
 * `@mistralai/mistralai` (installed: 2.x, ESM only, loaded by `require`), traced by
 * MistralInstrumentation with the real OTel SDK and the cost processor. The client keeps Mistral
 * AI's own server (https://api.mistral.ai); its HTTP client's `fetcher` sends each request to the
 * fixture server instead, keeping the path, and notes the host it was meant for. The fixtures are
 * Mistral AI's wire format, JSON and SSE, each naming the reference it follows
 * (test/fixtures/mistral/). Prices are data/pricing_v1.json's, USD per million tokens.
 */

type Sdk = typeof import('@mistralai/mistralai');
const parts = testbedParts(() => new MistralInstrumentation(), [new CostSpanProcessor()], () => undefined);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const sdk = createRequire(import.meta.url)('@mistralai/mistralai') as Sdk;
const API_KEY = 'x7Kq2mN9pR4tY6uI8oP0aS3dF5gH7jK9';
const intendedHosts: string[] = [];
const client = () =>
  new sdk.Mistral({
    apiKey: API_KEY,
    retryConfig: { strategy: 'none' },
    httpClient: new sdk.HTTPClient({ fetcher: fetchToFixtures(parts.server.origin, (meant) => intendedHosts.push(meant.host)) }),
  });
const answeredBy = (name: string) => ({ fetchOptions: { headers: { 'x-fixture': name } } });
const question = { model: 'mistral-small-latest', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };

/**
 * test/fixtures/mistral/chat.json and chat-stream.sse: mistral-small-latest (Mistral Small 4,
 * mistral-small-2603) at 0.15 input / 0.015 cached / 0.60 output per 1M; 2300 input of which 1984
 * cached, 120 output. 316 × 0.15 = 47.4; 1984 × 0.015 = 29.76; 120 × 0.60 = 72; uncached
 * 2300 × 0.15 + 72 = 417; saved 1984 × (0.15 − 0.015) = 267.84.
 */
const SMALL_CACHED_COST = {
  entry: 'mistral-small-2603',
  total: 0.00014916,
  input: 0.0000474,
  output: 0.000072,
  cacheRead: 0.00002976,
  cacheWrite: 0,
  uncached: 0.000417,
  savings: 0.00026784,
};

describe('a chat completion through @mistralai/mistralai', () => {
  it("is one CLIENT span of provider mistral_ai at Mistral's host, with its usage, cache reads and finish reason, priced at Mistral's price", async () => {
    intendedHosts.length = 0;
    const completion = await client().chat.complete({ ...question, temperature: 0.3, maxTokens: 256, randomSeed: 7 }, answeredBy('mistral/chat'));
    expect(completion.choices[0]?.message?.content).toBe('Paris.');
    expect(intendedHosts).toEqual(['api.mistral.ai']);
    const span = onlySpan(parts);
    expect([span.name, span.kind, span.status.code, span.instrumentationScope.name]).toEqual([
      'chat mistral-small-latest',
      SpanKind.CLIENT,
      SpanStatusCode.UNSET,
      'otel-llm-observer/mistral',
    ]);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mistral_ai',
      'server.address': 'api.mistral.ai',
      'server.port': 443,
      'gen_ai.request.model': 'mistral-small-latest',
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.seed': 7,
      'gen_ai.response.id': '6f0c2e8a91d44b7c8a3f5e1d2b9c7a04',
      'gen_ai.response.model': 'mistral-small-latest',
      'gen_ai.usage.input_tokens': 2300,
      'gen_ai.usage.output_tokens': 120,
      'gen_ai.usage.cache_read.input_tokens': 1984,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expectCost(span.attributes, SMALL_CACHED_COST);
  });

  it('streamed, reads the usage of the last chunk, and the app reads every chunk as without the instrumentation', async () => {
    const stream = await client().chat.stream(question, answeredBy('mistral/chat-stream'));
    let text = '';
    for await (const event of stream) text += String(event.data.choices[0]?.delta.content ?? '');
    expect(text).toBe('Paris.');
    const span = onlySpan(parts);
    expect([span.attributes['gen_ai.request.stream'], span.attributes['llm_observer.call.outcome'], span.attributes['gen_ai.response.finish_reasons']]).toEqual([
      true,
      'completed',
      ['stop'],
    ]);
    expectCost(span.attributes, SMALL_CACHED_COST);
  });

  it("streamed and read with the stream's reader, reads the same", async () => {
    const stream = await client().chat.stream(question, answeredBy('mistral/chat-stream'));
    const reader = stream.getReader();
    let events = 0;
    while (!(await reader.read()).done) events++;
    expect(events).toBe(4);
    expectCost(onlySpan(parts).attributes, SMALL_CACHED_COST);
  });

  it('left after its first chunk ends its span as cancelled, and the app keeps what it read', async () => {
    const stream = await client().chat.stream(question, answeredBy('mistral/chat-stream'));
    for await (const event of stream) {
      expect(event.data.id).toBe('9d41a7c3e25f4b08b6e0c1f2a3d4e5f6');
      break;
    }
    expect(onlySpan(parts).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('answering with a tool call records the tool offered and the tool called, by name, and the finish reason tool_calls', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object' } } }];
    const completion = await client().chat.complete({ ...question, tools }, answeredBy('mistral/chat-tool-call'));
    expect(completion.choices[0]?.message?.toolCalls?.[0]?.function.name).toBe('get_weather');
    expect(onlySpan(parts).attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'llm_observer.request.tools.names': ['get_weather'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
  });

  it("through chat.parse, which makes its call without complete(), is one span with the same usage and cost, the app's parsed answer unchanged", async () => {
    const completion = await client().chat.parse({ ...question, responseFormat: z.object({ answer: z.string() }) }, answeredBy('mistral/chat-json'));
    expect(completion.choices?.[0]?.message?.parsed).toEqual({ answer: 'Paris' });
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.response.id'], span.attributes['gen_ai.output.type']]).toEqual(['chat mistral-small-latest', '7a6b5c4d3e2f41a0b9c8d7e6f5a4b3c2', 'json']);
    expectCost(span.attributes, SMALL_CACHED_COST);
  });

  it('through chat.parseStream is one streamed span whose output is JSON, priced from its last chunk', async () => {
    const stream = await client().chat.parseStream({ ...question, responseFormat: z.object({ answer: z.string() }) }, answeredBy('mistral/chat-stream'));
    for await (const event of stream) void event;
    const span = onlySpan(parts);
    expect([span.attributes['gen_ai.request.stream'], span.attributes['gen_ai.output.type']]).toEqual([true, 'json']);
    expectCost(span.attributes, SMALL_CACHED_COST);
  });

  it('carries no message text by default', async () => {
    await client().chat.complete(question, answeredBy('mistral/chat'));
    const values = Object.values(onlySpan(parts).attributes).map(String);
    expect(values.filter((value) => value.includes('capital of France') || value.includes('Paris'))).toEqual([]);
  });

  it.each([
    ['429 rate limit', 'mistral/error-429', 'SDKError', 429],
    ['422 validation error', 'mistral/error-422', 'HTTPValidationError', 422],
  ])('failing with a %s, rejects as without the instrumentation, and ends the span with the error and its HTTP status', async (_, fixture, type, status) => {
    const failure = () =>
      client()
        .chat.complete(question, answeredBy(fixture))
        .then(
          () => undefined,
          (error: unknown) => error as { constructor: unknown; message: string; statusCode: number; body: string },
        );
    const { baseline, traced } = await untracedThenTraced(parts, failure);
    expect([traced?.constructor, traced?.message, traced?.statusCode, traced?.body]).toEqual([baseline?.constructor, baseline?.message, baseline?.statusCode, baseline?.body]);
    const span = onlySpan(parts);
    expect([span.status, span.attributes['error.type'], span.attributes['llm_observer.call.outcome']]).toEqual([
      // The SDK keeps the HTTP status in the error's `statusCode`.
      { code: SpanStatusCode.ERROR, message: `${type} ${status}` },
      type,
      'failed',
    ]);
  });
});

describe('the other surfaces of @mistralai/mistralai', () => {
  it("a FIM completion is a text_completion span of codestral-latest, priced at Codestral's price, its code never recorded", async () => {
    const completion = await client().fim.complete({ model: 'codestral-latest', prompt: 'function add(a, b) {', suffix: '}' }, answeredBy('mistral/fim'));
    expect(completion.choices[0]?.message?.content).toBe('  return a + b;');
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.operation.name'], span.attributes['gen_ai.usage.input_tokens'], span.attributes['gen_ai.usage.output_tokens']]).toEqual([
      'text_completion codestral-latest',
      'text_completion',
      40,
      8,
    ]);
    // 40 × 0.30 = 12; 8 × 0.90 = 7.2.
    expectCost(span.attributes, noCache('codestral-2508', 0.000012, 0.0000072, 0.0000192));
    expect(Object.values(span.attributes).map(String).filter((value) => value.includes('return'))).toEqual([]);
  });

  it("an agent's completion is an invoke_agent span with the agent's id, priced at the price of the model the response names", async () => {
    const completion = await client().agents.complete({ agentId: 'ag_0197a3c2e8f47b1d9a6e5c4b3a2f1e0d', messages: [{ role: 'user', content: 'When does my order ship?' }] }, answeredBy('mistral/agents'));
    expect(completion.choices[0]?.message?.content).toBe('Your order ships on Friday.');
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.operation.name'], span.attributes['gen_ai.agent.id'], span.attributes['gen_ai.request.model'], span.attributes['gen_ai.response.model']]).toEqual([
      'invoke_agent',
      'invoke_agent',
      'ag_0197a3c2e8f47b1d9a6e5c4b3a2f1e0d',
      undefined,
      'mistral-medium-latest',
    ]);
    // mistral-medium-latest (Mistral Medium 3.5) at 1.50 / 7.50: 850 × 1.50 = 1275; 40 × 7.50 = 300.
    expectCost(span.attributes, noCache('mistral-medium-3-5', 0.001275, 0.0003, 0.001575));
  });

  it("an agent's streamed completion reads the usage of its last chunk", async () => {
    const stream = await client().agents.stream({ agentId: 'ag_0197a3c2e8f47b1d9a6e5c4b3a2f1e0d', messages: [{ role: 'user', content: 'Capital of France?' }] }, answeredBy('mistral/chat-stream'));
    for await (const event of stream) void event;
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.request.stream'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['invoke_agent', true, 2300]);
    expectCost(span.attributes, SMALL_CACHED_COST);
  });

  it('an embeddings call is an embeddings span with its input tokens, priced at mistral-embed’s price', async () => {
    const response = await client().embeddings.create({ model: 'mistral-embed', inputs: ['quarterly close', 'annual report'] }, answeredBy('mistral/embeddings'));
    expect(response.data).toHaveLength(2);
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.provider.name'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['embeddings mistral-embed', 'mistral_ai', 1250]);
    // 1250 × 0.10 = 125.
    expectCost(span.attributes, noCache('mistral-embed', 0.000125, 0, 0.000125));
  });
});
