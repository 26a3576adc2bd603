import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import { SpanKind, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { API_KEY, endedSpans, geminiTestbed, onlySpan, OUR_SCOPE } from './testbed.js';

/**
 * Google's earlier SDK of the Gemini API, `@google/generative-ai` (the installed 0.24.1, the last;
 * LangChain.js's `@langchain/google-genai` calls it), traced by the Gemini instrumentation against
 * the fixture server's Gemini REST fixtures (test/fixtures/gemini/): each method that makes an API
 * call one span, read and priced as `@google/genai`'s call of the same endpoint.
 *
 * The generateContent fixtures: 2400 prompt tokens of which 2048 read from the implicit cache, 120
 * candidates and 80 thoughts tokens, on gemini-2.5-flash (0.30 in, 0.03 cached, 2.50 out per
 * million): 352 × 0.30 = 105.6 µ$ in, 2048 × 0.03 = 61.44 µ$ cached, 200 × 2.50 = 500 µ$ out,
 * 667.04 µ$ in all; 2400 × 0.30 + 500 = 1,220 µ$ with no cache, 552.96 µ$ saved.
 */

const IMPLICIT_HIT = { entry: 'gemini-2.5-flash', input: 0.0001056, output: 0.0005, cacheRead: 0.00006144, cacheWrite: 0, total: 0.00066704, uncached: 0.00122, savings: 0.00055296 };

const bed = geminiTestbed({ processors: [new CostSpanProcessor()] });
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const legacy = createRequire(import.meta.url)('@google/generative-ai') as typeof import('@google/generative-ai');

type ModelParams = Parameters<InstanceType<typeof legacy.GoogleGenerativeAI>['getGenerativeModel']>[0];

/** A model of the fixture server whose calls answer with the fixtures `gemini/<name>` (a comma-separated list answers in turn). */
function modelOf(fixture: string, params: Partial<ModelParams> = {}) {
  return new legacy.GoogleGenerativeAI(API_KEY).getGenerativeModel(
    { model: 'gemini-2.5-flash', ...params },
    { baseUrl: bed.server.origin, customHeaders: { 'x-fixture': fixture.split(',').map((part) => `gemini/${part}`).join(',') } },
  );
}

describe('@google/generative-ai', () => {
  it('gives generateContent one CLIENT generate_content span, with the request as the SDK sends it, the usage, the response and the cost', async () => {
    const model = modelOf('generate-content', { generationConfig: { temperature: 0.2, maxOutputTokens: 512 }, systemInstruction: 'Answer in one sentence.' });
    const result = await model.generateContent('What is the capital of France?');
    expect(result.response.text()).toBe('The capital of France is Paris.');
    const span = onlySpan(bed);
    expect([span.name, span.kind, span.instrumentationScope.name]).toEqual(['generate_content gemini-2.5-flash', SpanKind.CLIENT, OUR_SCOPE]);
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'gcp.gemini',
      'gen_ai.request.model': 'gemini-2.5-flash',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 512,
      'server.address': '127.0.0.1',
      'gen_ai.response.id': 'mD5GafO1BtHq7M8PkZ2xqQg',
      'gen_ai.response.model': 'gemini-2.5-flash',
      'gen_ai.response.finish_reasons': ['STOP'],
      'gen_ai.usage.input_tokens': 2400,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.usage.output_tokens': 200,
      'llm_observer.request.messages.count': 1,
      'llm_observer.call.outcome': 'completed',
    });
    expectExactCost(span.attributes, IMPLICIT_HIT);
    // The request as the SDK sent it: what the span says of it is what the server received.
    const sent = bed.server.requests[0]?.body as { generationConfig?: unknown } | undefined;
    expect(sent?.generationConfig).toEqual({ temperature: 0.2, maxOutputTokens: 512 });
    expect(JSON.stringify(Object.values(span.attributes))).not.toContain(API_KEY);
  });

  it("makes the call's span current while the SDK sends its request, so that an HTTP instrumentation's span is its child", async () => {
    // Node's fetch (undici) announces each request it makes, in the context the request is made in.
    const activeAtRequest: unknown[] = [];
    const onRequest = () => activeAtRequest.push(trace.getActiveSpan()?.spanContext().spanId);
    subscribe('undici:request:create', onRequest);
    try {
      await modelOf('generate-content').generateContent('What is the capital of France?');
    } finally {
      unsubscribe('undici:request:create', onRequest);
    }
    expect(activeAtRequest).toEqual([onlySpan(bed).spanContext().spanId]);
  });

  it("reads a request's own settings over the model's, as the SDK sends them", async () => {
    const model = modelOf('generate-content', { generationConfig: { temperature: 0.2 } });
    await model.generateContent({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }, { role: 'model', parts: [{ text: 'Hello!' }] }, { role: 'user', parts: [{ text: 'Capital of France?' }] }], generationConfig: { temperature: 0.9, topK: 20 } });
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.request.temperature': 0.9, 'gen_ai.request.top_k': 20, 'llm_observer.request.messages.count': 3 });
  });

  it('gives generateContentStream one span, streamed, with the usage of the whole response, whether the app reads the stream, its response, or breaks off', async () => {
    const expected = { 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 2400, 'gen_ai.usage.output_tokens': 200, 'llm_observer.call.outcome': 'completed' };
    const both = await modelOf('generate-content-stream-without-comments').generateContentStream('What is the capital of France?');
    let text = '';
    for await (const chunk of both.stream) text += chunk.text();
    expect([text, (await both.response).text()]).toEqual(['The capital of France is Paris.', 'The capital of France is Paris.']);
    expect(onlySpan(bed).attributes).toMatchObject(expected);
    expectExactCost(onlySpan(bed).attributes, IMPLICIT_HIT);

    bed.tracing.reset();
    const responseOnly = await modelOf('generate-content-stream-without-comments').generateContentStream('What is the capital of France?');
    await responseOnly.response;
    expect(onlySpan(bed).attributes).toMatchObject(expected);

    bed.tracing.reset();
    const brokenOff = await modelOf('generate-content-stream-without-comments').generateContentStream('What is the capital of France?');
    for await (const chunk of brokenOff.stream) {
      void chunk;
      break;
    }
    await brokenOff.response;
    expect(onlySpan(bed).attributes).toMatchObject(expected);
  });

  it('gives each message of a chat one span, sent with its history', async () => {
    const chat = modelOf('generate-content,generate-content-stream-without-comments').startChat({
      history: [
        { role: 'user', parts: [{ text: 'Hello' }] },
        { role: 'model', parts: [{ text: 'Hi!' }] },
      ],
      generationConfig: { temperature: 0.5 },
    });
    await chat.sendMessage('What is the capital of France?');
    const streamed = await chat.sendMessageStream('And of Italy?');
    for await (const chunk of streamed.stream) void chunk;
    await streamed.response;
    const spans = endedSpans(bed);
    expect(spans.map((span) => [span.attributes['gen_ai.request.stream'], span.attributes['llm_observer.request.messages.count'], span.attributes['gen_ai.request.temperature'], span.attributes['gen_ai.usage.input_tokens']])).toEqual([
      [undefined, 3, 0.5, 2400],
      // The history, the first exchange and the new message.
      [true, 5, 0.5, 2400],
    ]);
  });

  it('gives countTokens, embedContent and batchEmbedContents a span each, with no usage to price', async () => {
    const counted = await modelOf('count-tokens').countTokens('What is the capital of France?');
    expect(counted.totalTokens).toBe(31);
    const one = await modelOf('embed-content-single', { model: 'gemini-embedding-001' }).embedContent('one');
    expect(one.embedding.values).toHaveLength(5);
    const two = await modelOf('embed-content', { model: 'gemini-embedding-001' }).batchEmbedContents({ requests: [{ content: { role: 'user', parts: [{ text: 'one' }] } }, { content: { role: 'user', parts: [{ text: 'two' }] } }] });
    expect(two.embeddings).toHaveLength(2);
    const spans = endedSpans(bed);
    expect(spans.map((span) => [span.name, span.attributes['gen_ai.embeddings.dimension.count'], span.attributes['gen_ai.usage.input_tokens']])).toEqual([
      ['count_tokens gemini-2.5-flash', undefined, undefined],
      ['embeddings gemini-embedding-001', 5, undefined],
      ['embeddings gemini-embedding-001', 4, undefined],
    ]);
  });

  it('ends a failed call failed, the app getting the SDK error as without this package', async () => {
    const error = await modelOf('error-429').generateContent('What is the capital of France?').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(legacy.GoogleGenerativeAIFetchError);
    const span = onlySpan(bed);
    expect([span.attributes['llm_observer.call.outcome'], span.attributes['error.type'], span.status.message]).toEqual(['failed', 'GoogleGenerativeAIFetchError', 'GoogleGenerativeAIFetchError 429']);
  });

  it('ends a stream that fails failed, the app getting the SDK error from the stream and from the response', async () => {
    // The API's error event in place of a chunk, which this SDK's parser fails on.
    const streamed = await modelOf('generate-content-stream-error').generateContentStream('What is the capital of France?');
    const fromStream = await (async () => {
      for await (const chunk of streamed.stream) void chunk;
    })().catch((caught: unknown) => caught);
    const fromResponse = await streamed.response.catch((caught: unknown) => caught);
    expect([fromStream instanceof Error, fromResponse instanceof Error]).toEqual([true, true]);
    const span = onlySpan(bed);
    expect([span.attributes['llm_observer.call.outcome'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['failed', undefined]);
  });

  it('records the content of a call as for @google/genai, with content capture on, and none with it off', async () => {
    const model = modelOf('generate-content', { systemInstruction: 'Answer in one sentence.' });
    await model.generateContent('What is the capital of France?');
    expect(JSON.stringify(onlySpan(bed).attributes)).not.toContain('capital');
    bed.instrumentation.setConfig({ captureMessageContent: true });
    try {
      bed.tracing.reset();
      await model.generateContent('What is the capital of France?');
      const attributes = onlySpan(bed).attributes;
      expect(JSON.parse(String(attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: 'Answer in one sentence.' }]);
      expect(JSON.parse(String(attributes['gen_ai.input.messages']))).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'What is the capital of France?' }] }]);
      expect(JSON.parse(String(attributes['gen_ai.output.messages']))).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'The capital of France is Paris.' }], finish_reason: 'stop' }]);
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  it('with a fault in each guarded step a call runs, in turn, gives the app its result, reports the fault once and ends no span twice', async () => {
    const run = async () => {
      const result = await modelOf('generate-content').generateContent('What is the capital of France?');
      const streamed = await modelOf('generate-content-stream-without-comments').generateContentStream('What is the capital of France?');
      for await (const chunk of streamed.stream) void chunk;
      return [result.response.text(), (await streamed.response).text()];
    };
    await expectEachFaultContained(bed, run, ['start generative-ai call', 'observe call', 'read the SDK result', 'read response', 'end call']);
  });
});
