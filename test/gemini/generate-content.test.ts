import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { readUsage } from '../../src/instrumentation/gemini/responses.js';
import { API_KEY, endedSpans, fixture, geminiTestbed, onlySpan, OUR_SCOPE } from './testbed.js';

const bed = geminiTestbed();

const QUESTION = { model: 'gemini-2.5-flash', contents: 'What is the capital of France?' };

/** The usage of the fixtures `generate-content` and `generate-content-stream`. */
const IMPLICIT_CACHE_HIT_USAGE = {
  // promptTokenCount, which includes the 2048 cached tokens
  'gen_ai.usage.input_tokens': 2400,
  'gen_ai.usage.cache_read.input_tokens': 2048,
  // candidatesTokenCount 120 + thoughtsTokenCount 80
  'gen_ai.usage.output_tokens': 200,
  'gen_ai.usage.reasoning.output_tokens': 80,
};

describe('models.generateContent', () => {
  it('gives a call one CLIENT span of this package, named after the operation and the request model', async () => {
    const response = await bed.client.models.generateContent({ ...QUESTION, config: { ...fixture('generate-content'), temperature: 0.2, maxOutputTokens: 512 } });
    expect(response.text).toBe('The capital of France is Paris.');
    const span = onlySpan(bed);
    expect(span.name).toBe('generate_content gemini-2.5-flash');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.instrumentationScope.name).toBe(OUR_SCOPE);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.provider.name': 'gcp.gemini',
      'gen_ai.request.model': 'gemini-2.5-flash',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 512,
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(bed.server.origin).port),
      'gen_ai.response.id': 'mD5GafO1BtHq7M8PkZ2xqQg',
      'gen_ai.response.model': 'gemini-2.5-flash',
      'gen_ai.response.finish_reasons': ['STOP'],
      'llm_observer.call.outcome': 'completed',
    });
    expect(bed.server.requests[0]?.path).toBe('/v1/models/gemini-2.5-flash:generateContent');
  });

  it('counts an implicit cache hit into the input tokens and the thinking tokens into the output', async () => {
    await bed.client.models.generateContent({ ...QUESTION, config: fixture('generate-content') });
    expect(onlySpan(bed).attributes).toMatchObject(IMPLICIT_CACHE_HIT_USAGE);
  });

  it('records a cache read of 0 when the response reports none, as the API leaves out the counts that are 0', async () => {
    await bed.client.models.generateContent({ ...QUESTION, config: fixture('generate-content-uncached') });
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 2400,
      'gen_ai.usage.cache_read.input_tokens': 0,
      'gen_ai.usage.output_tokens': 2,
      'gen_ai.response.finish_reasons': ['MAX_TOKENS'],
    });
  });

  it('names the explicit cache the request reads', async () => {
    await bed.client.models.generateContent({
      model: 'gemini-2.5-pro',
      contents: 'How long is the contract?',
      config: { ...fixture('generate-content-cached-content'), cachedContent: 'cachedContents/4d2yqz8v1k3m' },
    });
    expect(onlySpan(bed).attributes).toMatchObject({
      'gemini.request.cached_content': 'cachedContents/4d2yqz8v1k3m',
      'gen_ai.usage.input_tokens': 250000,
      'gen_ai.usage.cache_read.input_tokens': 240000,
      // candidates 300 + thoughts 200
      'gen_ai.usage.output_tokens': 500,
    });
  });

  it('records the names of the offered and the called tools, not their arguments', async () => {
    await bed.client.models.generateContent({
      ...QUESTION,
      contents: 'What is the weather in Paris?',
      config: {
        ...fixture('generate-content-tool-call'),
        tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'The weather in a city.', parametersJsonSchema: { type: 'object' } }] }],
      },
    });
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({
      'llm_observer.request.tools.names': ['get_weather'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
    expect(JSON.stringify(attributes)).not.toContain('Paris');
  });

  it('keeps the content off the span by default, and never the API key', async () => {
    await bed.client.models.generateContent({ ...QUESTION, config: { ...fixture('generate-content'), systemInstruction: 'Answer in one sentence.' } });
    const { attributes } = onlySpan(bed);
    expect(attributes['gen_ai.input.messages']).toBeUndefined();
    expect(attributes['gen_ai.output.messages']).toBeUndefined();
    expect(JSON.stringify(attributes)).not.toContain('capital');
    expect(JSON.stringify(attributes)).not.toContain(API_KEY);
  });

  it('ends the span as failed with the class and HTTP status of an API error, which reaches the caller unchanged', async () => {
    const failure = await bed.client.models.generateContent({ ...QUESTION, config: fixture('error-429') }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(bed.sdk.ApiError);
    expect((failure as { status: number }).status).toBe(429);
    const span = onlySpan(bed);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'ApiError 429' });
    expect(span.attributes).toMatchObject({ 'error.type': 'ApiError', 'llm_observer.call.outcome': 'failed' });
  });

  it('ends the span as cancelled when the caller aborts the call, which rejects as it would', async () => {
    const controller = new AbortController();
    const call = bed.client.models.generateContent({ ...QUESTION, config: { ...fixture('generate-content'), abortSignal: controller.signal } });
    controller.abort();
    const failure = await call.catch((error: unknown) => error);
    expect((failure as Error).name).toBe('AbortError');
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('is traced as gcp.vertex_ai through a Vertex AI client, on the publisher model path', async () => {
    await bed.vertexClient.models.generateContent({ model: 'gemini-2.0-flash', contents: 'Capital of France?', config: fixture('vertex-generate-content') });
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.provider.name': 'gcp.vertex_ai',
      'gen_ai.response.model': 'gemini-2.0-flash',
      'gen_ai.usage.input_tokens': 14,
      'gen_ai.usage.output_tokens': 2,
      // usageMetadata.trafficType ON_DEMAND: pay-as-you-go
      'gemini.response.service_tier': 'standard',
    });
    expect(bed.server.requests[0]?.path).toBe('/v1beta1/publishers/google/models/gemini-2.0-flash:generateContent');
  });
});

describe('models.generateContentStream', () => {
  it('gives a streamed call one span with the final usage and finish reason of the last chunk', async () => {
    const stream = await bed.client.models.generateContentStream({ ...QUESTION, config: fixture('generate-content-stream') });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('The capital of France is Paris.');
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      ...IMPLICIT_CACHE_HIT_USAGE,
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['STOP'],
      'llm_observer.call.outcome': 'completed',
    });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
    expect(bed.server.requests[0]?.path).toBe('/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('ends the span as cancelled when the caller breaks out of the stream, and the stream stops as it would', async () => {
    const stream = await bed.client.models.generateContentStream({ ...QUESTION, config: fixture('generate-content-stream') });
    const chunks: unknown[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      break;
    }
    expect(chunks).toHaveLength(1);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('ends the span as failed when the connection drops mid-stream, and the caller gets the error', async () => {
    const stream = await bed.client.models.generateContentStream({
      ...QUESTION,
      config: fixture('generate-content-stream', { 'x-fixture-drop': 'mid-stream' }),
    });
    const failure = await (async () => {
      for await (const chunk of stream) void chunk;
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('failed');
  });
});

describe('chats', () => {
  it('gives sendMessage one span, with the history the chat sends', async () => {
    const chat = bed.client.chats.create({ model: 'gemini-2.5-flash', history: [{ role: 'user', parts: [{ text: 'Hello' }] }, { role: 'model', parts: [{ text: 'Hi!' }] }] });
    await chat.sendMessage({ message: 'What is the capital of France?', config: fixture('generate-content') });
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.operation.name': 'generate_content', 'llm_observer.request.messages.count': 3 });
  });

  it('gives sendMessageStream one span', async () => {
    const chat = bed.client.chats.create({ model: 'gemini-2.5-flash' });
    const stream = await chat.sendMessageStream({ message: 'What is the capital of France?', config: fixture('generate-content-stream') });
    for await (const chunk of stream) void chunk;
    expect(onlySpan(bed).attributes).toMatchObject({ ...IMPLICIT_CACHE_HIT_USAGE, 'gen_ai.request.stream': true });
  });
});

describe('models.embedContent and models.countTokens', () => {
  it('gives embedContent an embeddings span with the dimension count and no usage, which the Gemini API does not report', async () => {
    const response = await bed.client.models.embedContent({ model: 'gemini-embedding-001', contents: ['one', 'two'], config: fixture('embed-content') });
    expect(response.embeddings).toHaveLength(2);
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.embeddings.dimension.count': 4 });
    expect(attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
    expect(bed.server.requests[0]?.path).toBe('/v1/models/gemini-embedding-001:batchEmbedContents');
  });

  it('gives countTokens a count_tokens span with no usage, as it is not billed', async () => {
    const response = await bed.client.models.countTokens({ model: 'gemini-2.5-flash', contents: 'How many tokens?', config: fixture('count-tokens') });
    expect(response.totalTokens).toBe(31);
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({ 'gen_ai.operation.name': 'count_tokens', 'llm_observer.call.outcome': 'completed' });
    expect(attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
  });
});

describe('caches', () => {
  it('gives caches.create a span with the cache, its size and how long it is kept', async () => {
    const cache = await bed.client.caches.create({
      model: 'gemini-2.5-pro',
      config: { ...fixture('cache-create'), contents: [{ role: 'user', parts: [{ text: 'The contract…' }] }], ttl: '3600s' },
    });
    expect(cache.name).toBe('cachedContents/4d2yqz8v1k3m');
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.operation.name': 'create_cached_content',
      'gen_ai.request.model': 'gemini-2.5-pro',
      'gemini.cache.name': 'cachedContents/4d2yqz8v1k3m',
      'llm_observer.cache_storage.tokens': 240000,
      // expireTime 10:00 less updateTime 09:00
      'llm_observer.cache_storage.seconds': 3600,
    });
    expect(bed.server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/cachedContents' });
  });

  it('gives caches.update and caches.delete a span each', async () => {
    await bed.client.caches.update({ name: 'cachedContents/4d2yqz8v1k3m', config: { ...fixture('cache-update'), ttl: '7200s' } });
    await bed.client.caches.delete({ name: 'cachedContents/4d2yqz8v1k3m', config: fixture('cache-delete') });
    const [update, remove] = endedSpans(bed);
    // expireTime 11:30 less 10:00, the expiry that the create of the test above counted (updateTime 09:30 is earlier)
    expect(update?.attributes).toMatchObject({ 'gen_ai.operation.name': 'update_cached_content', 'llm_observer.cache_storage.seconds': 5400 });
    expect(remove?.attributes).toMatchObject({ 'gen_ai.operation.name': 'delete_cached_content', 'gemini.cache.name': 'cachedContents/4d2yqz8v1k3m' });
    expect(bed.server.requests.map((request) => request.method)).toEqual(['PATCH', 'DELETE']);
  });

  it('counts the whole TTL of an update to a cache this process has not seen created, or has seen deleted', async () => {
    await bed.client.caches.create({ model: 'gemini-2.5-pro', config: { ...fixture('cache-create'), contents: 'The contract…', ttl: '3600s' } });
    await bed.client.caches.delete({ name: 'cachedContents/4d2yqz8v1k3m', config: fixture('cache-delete') });
    await bed.client.caches.update({ name: 'cachedContents/4d2yqz8v1k3m', config: { ...fixture('cache-update'), ttl: '7200s' } });
    // expireTime 11:30 less updateTime 09:30: the expiry the create counted (10:00) was forgotten with the cache
    expect(endedSpans(bed)[2]?.attributes['llm_observer.cache_storage.seconds']).toBe(7200);
  });

  it('adds nothing for an update that shortens the TTL counted before', async () => {
    await bed.client.caches.create({ model: 'gemini-2.5-pro', config: { ...fixture('cache-update'), contents: 'The contract…', ttl: '7200s' } });
    await bed.client.caches.update({ name: 'cachedContents/4d2yqz8v1k3m', config: { ...fixture('cache-create'), ttl: '1800s' } });
    const [create, update] = endedSpans(bed);
    // The create counted to 11:30; the update keeps it to 10:00.
    expect(create?.attributes['llm_observer.cache_storage.seconds']).toBe(7200);
    expect(update?.attributes['llm_observer.cache_storage.seconds']).toBe(0);
  });
});

describe("the usage of a response whose prompt is counted by modality (usageMetadata's promptTokensDetails)", () => {
  const usage = (audio: unknown, cachedAudio: unknown = 4096) => ({
    promptTokenCount: 5200,
    candidatesTokenCount: 100,
    cachedContentTokenCount: 4296,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: 400 }, { modality: 'AUDIO', tokenCount: audio }],
    cacheTokensDetails: [{ modality: 'TEXT', tokenCount: 200 }, { modality: 'AUDIO', tokenCount: cachedAudio }],
  });

  it("counts the prompt's audio tokens and those read from the cache", () => {
    expect(readUsage(usage(4800), {})).toMatchObject({ 'gen_ai.usage.input_tokens': 5200, 'gemini.usage.prompt_audio_tokens': 4800, 'gemini.usage.cached_audio_tokens': 4096 });
    const noCachedAudio = { ...usage(4800), cacheTokensDetails: [{ modality: 'TEXT', tokenCount: 4296 }] };
    expect(readUsage(noCachedAudio, {})).toMatchObject({ 'gemini.usage.prompt_audio_tokens': 4800, 'gemini.usage.cached_audio_tokens': 0 });
  });

  it('writes no audio counts for a prompt of text alone', () => {
    const textOnly = { ...usage(0), promptTokensDetails: [{ modality: 'TEXT', tokenCount: 5200 }], cacheTokensDetails: [{ modality: 'TEXT', tokenCount: 4296 }] };
    const attributes = readUsage(textOnly, {});
    expect(attributes['gen_ai.usage.input_tokens']).toBe(5200);
    expect(Object.keys(attributes).filter((name) => name.includes('audio'))).toEqual([]);
  });

  it("counts the candidates' image and audio tokens", () => {
    const candidates = (image: unknown, audio: unknown) => ({
      ...usage(4800),
      candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: 10 }, { modality: 'IMAGE', tokenCount: image }, { modality: 'AUDIO', tokenCount: audio }],
    });
    expect(readUsage(candidates(60, 30), {})).toMatchObject({ 'gemini.usage.candidates_image_tokens': 60, 'gemini.usage.candidates_audio_tokens': 30 });
    for (const bad of ['60', -1, 2 ** 53, null]) {
      expect(readUsage(candidates(bad, 30), {})).toEqual({});
      expect(readUsage(candidates(60, bad), {})).toEqual({});
    }
  });

  it('reads no usage at all when an audio count is not a count, as for any other count', () => {
    for (const bad of ['4800', -1, 1.5, 2 ** 53, Number.NaN, null, { tokens: 4800 }]) {
      expect(readUsage(usage(bad), {})).toEqual({});
      expect(readUsage(usage(4800, bad), {})).toEqual({});
    }
  });
});
