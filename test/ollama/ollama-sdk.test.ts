import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, OllamaInstrumentation } from '../../src/index.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { onlySpan, testbedParts, untracedThenTraced } from '../support/testbed-parts.js';

/**
 * `ollama` (ollama-js; installed: 0.6.4, loaded by `require`), traced by OllamaInstrumentation with
 * the real OTel SDK and the cost processor. The clients keep their host (the SDK's default,
 * http://127.0.0.1:11434, unless a test names another); their `fetch` sends each request to the
 * fixture server instead, keeping the path, and notes the host it was meant for. The fixtures are
 * Ollama's wire format, JSON and newline-delimited JSON streams (`application/x-ndjson`), each naming
 * the reference it follows (test/fixtures/ollama/). The SDK has no per-request options: each client
 * names its fixture in its `headers`.
 */

type Sdk = typeof import('ollama');
const parts = testbedParts(() => new OllamaInstrumentation(), [new CostSpanProcessor()], () => undefined);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const sdk = createRequire(import.meta.url)('ollama') as Sdk;
const intendedHosts: string[] = [];
const answeredBy = (fixture: string, host?: string) =>
  new sdk.Ollama({
    ...(host === undefined ? {} : { host }),
    headers: { 'x-fixture': `ollama/${fixture}` },
    fetch: fetchToFixtures(parts.server.origin, (meant) => intendedHosts.push(meant.host)) as typeof fetch,
  });
const question = { model: 'llama3.2', messages: [{ role: 'user', content: 'What is the capital of France?' }] };
const WEATHER_TOOLS = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', description: 'Local time of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];

/** Reads a stream to its end, as an app does. */
async function readAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const chunks: T[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('a chat through ollama', () => {
  it("is one CLIENT span of provider ollama at the SDK's default host, with its options, the model that answered, its finish reason and token counts, unpriced", async () => {
    intendedHosts.length = 0;
    const response = await answeredBy('chat').chat({
      ...question,
      options: { temperature: 0.3, top_p: 0.9, top_k: 40, num_predict: 256, seed: 7, frequency_penalty: 0.2, presence_penalty: 0.1, stop: ['\n\n', 'END'] },
    });
    expect(response.message.content).toBe('The capital of France is Paris.');
    expect(intendedHosts).toEqual(['127.0.0.1:11434']);
    const span = onlySpan(parts);
    expect([span.name, span.kind, span.status.code, span.instrumentationScope.name]).toEqual(['chat llama3.2', SpanKind.CLIENT, SpanStatusCode.UNSET, 'otel-llm-observer/ollama']);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'ollama',
      'server.address': '127.0.0.1',
      'server.port': 11434,
      'gen_ai.request.model': 'llama3.2',
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.top_k': 40,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.seed': 7,
      'gen_ai.request.frequency_penalty': 0.2,
      'gen_ai.request.presence_penalty': 0.1,
      'llm_observer.request.stop_sequences.count': 2,
      'gen_ai.response.model': 'llama3.2',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 31,
      'gen_ai.usage.output_tokens': 8,
      'llm_observer.call.outcome': 'completed',
      // A model the application's own server runs has no price.
      'llm_observer.cost.unpriced_reason': 'unknown_model',
    });
    expect([span.attributes['gen_ai.request.stream'], span.attributes['gen_ai.usage.cache_read.input_tokens'], span.attributes['llm_observer.cost.total_usd']]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("records the prompt tokens the server read from its cache (prompt_eval_cached_count), within the prompt's count", async () => {
    await answeredBy('chat-cached').chat({ ...question, model: 'qwen3:8b' });
    const { attributes } = onlySpan(parts);
    expect([attributes['gen_ai.usage.input_tokens'], attributes['gen_ai.usage.cache_read.input_tokens'], attributes['gen_ai.usage.output_tokens']]).toEqual([2048, 1920, 9]);
  });

  it('streamed, reads the model from each chunk and the finish reason and counts from the last, the app reading every chunk as without the instrumentation', async () => {
    const read = async () => readAll(await answeredBy('chat-stream').chat({ ...question, stream: true }));
    const { baseline, traced: chunks } = await untracedThenTraced(parts, read);
    expect(chunks).toEqual(baseline);
    expect(chunks.map((chunk) => chunk.message.content).join('')).toBe('Lyon is in France.');
    const span = onlySpan(parts);
    expect(span.name).toBe('chat llama3.2');
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'llm_observer.call.outcome': 'completed',
      'gen_ai.response.model': 'llama3.2',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 29,
      'gen_ai.usage.output_tokens': 5,
    });
  });

  it('streamed and left after its first chunk, ends its span as cancelled, and the app keeps what it read', async () => {
    const stream = await answeredBy('chat-stream').chat({ ...question, stream: true });
    for await (const chunk of stream) {
      expect(chunk.message.content).toBe('Lyon');
      break;
    }
    const span = onlySpan(parts);
    expect([span.attributes['llm_observer.call.outcome'], span.attributes['gen_ai.response.model'], span.attributes['gen_ai.usage.output_tokens']]).toEqual([
      'cancelled',
      'llama3.2',
      undefined,
    ]);
  });

  it('streamed with an error line, throws to the app what it throws without the instrumentation, and ends the span failed', async () => {
    const failure = async () => readAll(await answeredBy('chat-stream-error').chat({ ...question, stream: true })).then(() => undefined, (error: unknown) => error as Error);
    parts.instrumentation.disable();
    const baseline = await failure().finally(() => parts.instrumentation.enable());
    expect([baseline?.constructor, baseline?.message]).toEqual([Error, 'an error was encountered while running the model: unexpected EOF']);
    const traced = await failure();
    expect([traced?.constructor, traced?.message]).toEqual([baseline?.constructor, baseline?.message]);
    const span = onlySpan(parts);
    // A plain Error names no type of its own: the conventions' `_OTHER`.
    expect([span.status.code, span.attributes['error.type'], span.attributes['llm_observer.call.outcome']]).toEqual([SpanStatusCode.ERROR, '_OTHER', 'failed']);
  });

  it('answering with a tool call records the tools offered and called, by name', async () => {
    const response = await answeredBy('chat-tool-call').chat({ ...question, model: 'qwen3:8b', tools: WEATHER_TOOLS });
    expect(response.message.tool_calls?.[0]?.function.arguments).toEqual({ city: 'Lyon' });
    expect(onlySpan(parts).attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['stop'],
      'llm_observer.request.tools.names': ['get_weather', 'get_time'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
      'gen_ai.usage.input_tokens': 182,
      'gen_ai.usage.output_tokens': 21,
    });
  });

  it('streamed with two tool calls, each whole in a chunk of its own, records both in order', async () => {
    await readAll(await answeredBy('chat-stream-tool-call').chat({ ...question, model: 'qwen3:8b', tools: WEATHER_TOOLS, stream: true }));
    expect(onlySpan(parts).attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'llm_observer.response.tool_calls.names': ['get_weather', 'get_time'],
      'gen_ai.usage.input_tokens': 240,
      'gen_ai.usage.output_tokens': 38,
    });
  });

  it.each([
    ['json', 'json'],
    ['a JSON schema', { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] }],
  ] as const)('asking for %s records the output type json, and a finish at num_predict as length', async (_, format) => {
    await answeredBy('chat-length').chat({ ...question, format, options: { num_predict: 5 } });
    expect(onlySpan(parts).attributes).toMatchObject({ 'gen_ai.output.type': 'json', 'gen_ai.request.max_tokens': 5, 'gen_ai.response.finish_reasons': ['length'] });
  });

  it('with num_predict -1 (no limit), sets no max_tokens', async () => {
    await answeredBy('chat').chat({ ...question, options: { num_predict: -1 } });
    expect(onlySpan(parts).attributes['gen_ai.request.max_tokens']).toBeUndefined();
  });

  it('carries no text of the request or the answer by default', async () => {
    await answeredBy('chat').chat(question);
    const values = Object.values(onlySpan(parts).attributes).map(String);
    expect(values.filter((value) => value.includes('capital of France') || value.includes('Paris'))).toEqual([]);
  });

  it('failing with a 404 for a model the server does not have, rejects as without the instrumentation, and ends the span with the error and its HTTP status', async () => {
    const failure = () =>
      answeredBy('error-404')
        .chat({ ...question, model: 'llama9' })
        .then(
          () => undefined,
          (error: unknown) => error as Error & { error: string; status_code: number },
        );
    parts.instrumentation.disable();
    const baseline = await failure().finally(() => parts.instrumentation.enable());
    expect([baseline?.name, baseline?.status_code, baseline?.error]).toEqual(['ResponseError', 404, "model 'llama9' not found"]);
    const traced = await failure();
    expect([traced?.constructor, traced?.message, traced?.status_code]).toEqual([baseline?.constructor, baseline?.message, baseline?.status_code]);
    const span = onlySpan(parts);
    expect([span.name, span.status, span.attributes['error.type'], span.attributes['llm_observer.call.outcome']]).toEqual([
      'chat llama9',
      // The SDK keeps the HTTP status in the error's `status_code`; Ollama's error body has no code.
      { code: SpanStatusCode.ERROR, message: 'ResponseError 404' },
      'ResponseError',
      'failed',
    ]);
  });
});

describe('a completion through ollama', () => {
  it('is a text_completion span with its options, the model that answered, its finish reason and counts', async () => {
    const response = await answeredBy('generate').generate({
      model: 'qwen2.5-coder:7b',
      prompt: 'function add(a, b) {\n',
      suffix: '}\n',
      options: { temperature: 0, num_predict: 64 },
    });
    expect(response.response).toBe('  return a + b;\n');
    const span = onlySpan(parts);
    expect([span.name, span.kind]).toEqual(['text_completion qwen2.5-coder:7b', SpanKind.CLIENT]);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'text_completion',
      'gen_ai.provider.name': 'ollama',
      'gen_ai.request.temperature': 0,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.response.model': 'qwen2.5-coder:7b',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 52,
      'gen_ai.usage.output_tokens': 7,
    });
  });

  it('streamed, reads the finish reason and the counts of the last chunk', async () => {
    const chunks = await readAll(await answeredBy('generate-stream').generate({ model: 'qwen2.5-coder:7b', prompt: 'function add(a, b) {\n', stream: true }));
    expect(chunks.map((chunk) => chunk.response).join('')).toBe('  return a + b;');
    expect(onlySpan(parts).attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'llm_observer.call.outcome': 'completed',
      'gen_ai.response.finish_reasons': ['length'],
      'gen_ai.usage.input_tokens': 52,
      'gen_ai.usage.output_tokens': 4,
    });
  });
});

describe('embeddings through ollama', () => {
  it('embed is an embeddings span with the dimension asked for, the model that answered and the input token count', async () => {
    const response = await answeredBy('embed').embed({ model: 'embeddinggemma', input: ['quarterly close', 'annual report'], dimensions: 4 });
    expect(response.embeddings.length).toBe(2);
    const span = onlySpan(parts);
    expect([span.name, span.kind]).toEqual(['embeddings embeddinggemma', SpanKind.CLIENT]);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': 'ollama',
      'gen_ai.request.model': 'embeddinggemma',
      'gen_ai.embeddings.dimension.count': 4,
      'gen_ai.response.model': 'embeddinggemma',
      'gen_ai.usage.input_tokens': 8,
    });
  });

  it('the older embeddings method is an embeddings span with no counts, as its response has none', async () => {
    const response = await answeredBy('embeddings').embeddings({ model: 'nomic-embed-text', prompt: 'quarterly close' });
    expect(response.embedding.length).toBe(4);
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.usage.input_tokens'], span.attributes['llm_observer.call.outcome']]).toEqual(['embeddings nomic-embed-text', undefined, 'completed']);
  });
});

describe("an ollama client's server", () => {
  it.each([
    ['Ollama’s cloud', 'https://ollama.com', 'ollama.com', 443],
    ['a host and port given without a scheme', 'gpu-box.internal:8080', 'gpu-box.internal', 8080],
    ['a host with no port, which the SDK gives 11434', 'gpu-box.internal', 'gpu-box.internal', 11434],
    ['a URL with a user and password, which are never kept', 'http://ops:s3cr3t-Pa55@gpu-box.internal:8080', 'gpu-box.internal', 8080],
  ])('is read from its host: %s', async (_, host, address, port) => {
    await answeredBy('chat', host).chat(question);
    const span = onlySpan(parts);
    expect([span.attributes['server.address'], span.attributes['server.port']]).toEqual([address, port]);
    expect(Object.values(span.attributes).map(String).filter((value) => value.includes('s3cr3t') || value.includes('ops:'))).toEqual([]);
  });

  it('is not named for a client made with proxy, whose fetch sends its requests', async () => {
    await new sdk.Ollama({ proxy: true, headers: { 'x-fixture': 'ollama/chat' }, fetch: ((url: string, init?: RequestInit) => fetch(`${parts.server.origin}${url}`, init)) as typeof fetch }).chat(question);
    const span = onlySpan(parts);
    expect([span.attributes['gen_ai.provider.name'], span.attributes['server.address'], span.attributes['server.port']]).toEqual(['ollama', undefined, undefined]);
  });

  it("the module's default instance, made when the module loaded, calls the methods traced on the class, and the SDK's own once disabled", () => {
    const traced = sdk.default.chat;
    expect(traced).toBe(answeredBy('chat').chat);
    parts.instrumentation.disable();
    const own = sdk.default.chat;
    parts.instrumentation.enable();
    expect([own === traced, sdk.default.chat === own]).toEqual([false, false]);
  });
});
