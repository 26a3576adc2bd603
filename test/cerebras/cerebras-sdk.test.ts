import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CerebrasInstrumentation, CostSpanProcessor } from '../../src/index.js';
import { expectCost, noCache } from '../processor/expect-cost.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { expectRejectsAsUntraced, onlySpan, testbedParts, untracedThenTraced } from '../support/testbed-parts.js';

/**
 * `@cerebras/cerebras_cloud_sdk` (installed: 1.91.0), traced by CerebrasInstrumentation with the
 * real OTel SDK and the cost processor. The client keeps Cerebras's own base URL
 * (https://api.cerebras.ai); its `fetch` option sends each request to the fixture server instead,
 * keeping the path, and notes the host it was meant for. The fixtures are Cerebras's wire format,
 * JSON and SSE, each naming the reference it follows (test/fixtures/cerebras/, and the Cerebras
 * fixtures of test/fixtures/openai-backends/ that the `openai` SDK's tests use too: the two SDKs
 * receive the same bytes). Prices are data/pricing_v1.json's, USD per million tokens.
 */

type Sdk = typeof import('@cerebras/cerebras_cloud_sdk');
/** The SDK types its `fetch` option as node-fetch's (Stainless's older shims); it calls the one given as Node's. */
type SdkFetch = NonNullable<ConstructorParameters<Sdk['Cerebras']>[0]>['fetch'];
const parts = testbedParts(() => new CerebrasInstrumentation(), [new CostSpanProcessor()], () => undefined);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const sdk = createRequire(import.meta.url)('@cerebras/cerebras_cloud_sdk') as Sdk;
// A fake in the shape of Cerebras's keys: csk- and 48 lowercase letters and digits.
const API_KEY = 'csk-4j8k2m9x7q1w5e3r6t0y8u2i4o6p1a3s5d7f9g2h4j6k8l0z';
const intendedHosts: string[] = [];
/** A client of Cerebras's host; the constructor's TCP warming request (from 1.6.0) is left out but where a test asks for it. */
const client = (warmTCPConnection = false) =>
  new sdk.Cerebras({ apiKey: API_KEY, maxRetries: 0, warmTCPConnection, fetch: fetchToFixtures(parts.server.origin, (meant) => intendedHosts.push(meant.host)) as unknown as SdkFetch });
const answeredBy = (name: string) => ({ headers: { 'x-fixture': name } });
const MODEL = 'gpt-oss-120b';
const question = { model: MODEL, messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };

/**
 * The chat of openai-backends/cerebras-chat: 2000 input tokens, 1024 of them cached, and 400 output
 * (150 of them reasoning), at gpt-oss-120b's price on Cerebras, 0.35 in and 0.75 out (Cerebras lists
 * no cached-input price, so cache reads at the input price): input 976 × 0.35 = 341.6 µ$, cache reads
 * 1024 × 0.35 = 358.4 µ$, output 400 × 0.75 = 300 µ$; 1000 µ$ in all, as much as uncached.
 */
const GPT_OSS_CACHED_COST = {
  entry: 'cerebras/gpt-oss-120b',
  total: 0.001,
  input: 0.0003416,
  output: 0.0003,
  cacheRead: 0.0003584,
  cacheWrite: 0,
  uncached: 0.001,
  savings: 0,
};

describe('a chat completion through @cerebras/cerebras_cloud_sdk', () => {
  it("is one CLIENT span of provider cerebras at Cerebras's host, with its usage, cache reads, reasoning tokens and finish reason, priced at Cerebras's price", async () => {
    intendedHosts.length = 0;
    const completion = await client().chat.completions.create(question, answeredBy('openai-backends/cerebras-chat'));
    expect((completion as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('Paris.');
    expect(intendedHosts).toEqual(['api.cerebras.ai']);
    const span = onlySpan(parts);
    expect([span.name, span.kind, span.status.code, span.instrumentationScope.name]).toEqual([`chat ${MODEL}`, SpanKind.CLIENT, SpanStatusCode.UNSET, 'otel-llm-observer/cerebras']);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'cerebras',
      'server.address': 'api.cerebras.ai',
      'server.port': 443,
      'gen_ai.request.model': MODEL,
      'gen_ai.response.model': MODEL,
      'gen_ai.usage.input_tokens': 2000,
      'gen_ai.usage.output_tokens': 400,
      'gen_ai.usage.cache_read.input_tokens': 1024,
      'gen_ai.usage.reasoning.output_tokens': 150,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expectCost(span.attributes, GPT_OSS_CACHED_COST);
  });

  it('streamed, reads the usage of the last chunk and nothing of its time_info', async () => {
    const stream = await client().chat.completions.create({ ...question, stream: true, stream_options: { include_usage: true } }, answeredBy('openai-backends/cerebras-chat-stream'));
    let text = '';
    for await (const chunk of stream as AsyncIterable<{ choices: { delta: { content?: string } }[] }>) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Paris.');
    const span = onlySpan(parts);
    expect([span.attributes['gen_ai.request.stream'], span.attributes['llm_observer.call.outcome'], span.attributes['gen_ai.usage.reasoning.output_tokens']]).toEqual([true, 'completed', 150]);
    expect(Object.keys(span.attributes).filter((name) => /time_info|queue_time|prompt_time|completion_time|total_time/.test(name))).toEqual([]);
    expectCost(span.attributes, GPT_OSS_CACHED_COST);
  });

  it('left after its first chunk ends its span as cancelled, and the app keeps what it read', async () => {
    const stream = await client().chat.completions.create({ ...question, stream: true }, answeredBy('openai-backends/cerebras-chat-stream'));
    for await (const chunk of stream as AsyncIterable<{ id: string }>) {
      expect(chunk.id).toBe('chatcmpl-4e7b2a91-0c3d-4f58-9a16-b2d8e5c07f43');
      break;
    }
    expect(onlySpan(parts).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('failing mid-stream with an error event, throws to the app as without the instrumentation, and ends the span failed', async () => {
    const read = async () => {
      const stream = await client().chat.completions.create({ ...question, stream: true }, answeredBy('cerebras/chat-stream-error'));
      let text = '';
      try {
        for await (const chunk of stream as AsyncIterable<{ choices: { delta: { content?: string } }[] }>) text += chunk.choices[0]?.delta.content ?? '';
      } catch (error) {
        return { text, error: error as InstanceType<Sdk['APIError']> };
      }
      return { text, error: undefined };
    };
    const { baseline, traced } = await untracedThenTraced(parts, read);
    expect([traced.text, traced.error?.constructor, traced.error?.message, traced.error?.error]).toEqual([baseline.text, baseline.error?.constructor, baseline.error?.message, baseline.error?.error]);
    // The SDK makes an error event an APIConnectionError, with no status or body.
    expect([traced.text, traced.error?.constructor]).toEqual(['Par', sdk.APIConnectionError]);
    const span = onlySpan(parts);
    expect([span.status, span.attributes['error.type'], span.attributes['llm_observer.call.outcome']]).toEqual([
      { code: SpanStatusCode.ERROR, message: 'APIConnectionError' },
      'APIConnectionError',
      'failed',
    ]);
  });

  it('keeps the APIPromise the SDK returns: withResponse() gives the body and the raw response', async () => {
    const { data, response } = await client().chat.completions.create(question, answeredBy('openai-backends/cerebras-chat')).withResponse();
    expect([(data as { usage: { prompt_tokens: number } }).usage.prompt_tokens, response.status]).toEqual([2000, 200]);
    expect(onlySpan(parts).attributes['gen_ai.usage.input_tokens']).toBe(2000);
  });

  it('carries no message or reasoning text by default', async () => {
    await client().chat.completions.create(question, answeredBy('openai-backends/cerebras-chat'));
    const values = Object.values(onlySpan(parts).attributes).map(String);
    expect(values.filter((value) => /capital of France|Paris|capital city question/.test(value))).toEqual([]);
  });

  it.each([
    ['404 unknown model', 'cerebras/error-404-model', 'NotFoundError 404 model_not_found'],
    ['429 full queue', 'cerebras/error-429', 'RateLimitError 429 queue_exceeded'],
  ])('failing with a %s, rejects as without the instrumentation, and ends the span with the error and its code', async (_, fixture, status) => {
    await expectRejectsAsUntraced(parts, () => client().chat.completions.create(question, answeredBy(fixture)), status);
  });
});

describe('the other calls of @cerebras/cerebras_cloud_sdk', () => {
  it("a completion is a text_completion span with its usage, priced at Cerebras's price", async () => {
    const completion = await client().completions.create({ model: MODEL, prompt: 'The quarterly close is on', max_tokens: 8 }, answeredBy('cerebras/completion'));
    expect((completion as { choices: { text: string }[] }).choices[0]?.text).toBe(' the last business day of March.');
    const span = onlySpan(parts);
    expect(span.name).toBe(`text_completion ${MODEL}`);
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'cerebras',
      'gen_ai.request.max_tokens': 8,
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 8,
      'gen_ai.response.finish_reasons': ['length'],
    });
    // 12 × 0.35 = 4.2 µ$ and 8 × 0.75 = 6 µ$: 10.2 µ$
    expectCost(span.attributes, noCache('cerebras/gpt-oss-120b', 0.0000042, 0.000006, 0.0000102));
  });

  it("the constructor's TCP warming request is no API call: it reaches the server and makes no span", async () => {
    const warming: Promise<Response>[] = [];
    const toFixtures = fetchToFixtures(parts.server.origin);
    const warmed = new sdk.Cerebras({
      apiKey: API_KEY,
      maxRetries: 0,
      fetch: ((url: string | URL | Request, init?: RequestInit) => {
        const response = toFixtures(url, init);
        if (String(url instanceof Request ? url.url : url).endsWith('/v1/tcp_warming')) warming.push(response);
        return response;
      }) as unknown as SdkFetch,
    });
    await warmed.chat.completions.create(question, answeredBy('openai-backends/cerebras-chat'));
    // The warming request was sent by the constructor, before the call; its answer (the fixture server knows no such path) is in.
    expect(warming).toHaveLength(1);
    expect((await warming[0])?.status).toBe(404);
    expect(parts.tracing.spans().map((span) => span.name)).toEqual([`chat ${MODEL}`]);
  });
});
