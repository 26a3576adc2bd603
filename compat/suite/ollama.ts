import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fixture, isAtLeast, readStream, type Recording, type Surface } from './row.ts';

/**
 * What the CommonJS and ESM files of `ollama` share (ollama.test.ts, ollama-esm.test.ts): clients
 * of the fixture server, and every surface that OllamaInstrumentation traces, each called once
 * against its fixture, for `testSurfaces` (./row.ts) to check its one span, as `ollama`.
 *
 * The fixtures are Ollama's wire format, test/fixtures/ollama/ (each names the API reference it
 * follows): JSON, and newline-delimited JSON streams sent as `application/x-ndjson`; the
 * repository's own test of the SDK reads them too. A model the app's own Ollama server runs has
 * no price: every span is unpriced (`unknown_model`), with the counts the server reports
 * (`prompt_eval_count`, `prompt_eval_cached_count`, `eval_count`).
 *
 * Every release of the range (from 0.5.6) has `chat`, `generate`, `embed` and `embeddings` on the
 * class the exported `Ollama` extends, as plain promises of the parsed body or, with
 * `stream: true`, of an `AbortableAsyncIterator` of the chunks; a CommonJS and an ESM build
 * (dist/index.cjs, dist/index.mjs), and a default export made of the class when the module loads.
 * What differs between the releases the rows pin (0.5.6, the floor; 0.6.4, the latest): the
 * client's `headers` option (sent with every request) comes in 0.5.10, and 0.5.6 takes no headers
 * at all, so its clients are given a `fetch` (the option every release has) that adds the
 * fixture's `x-fixture` header before calling Node's own `fetch`; from 0.5.10 the clients name
 * their fixture in `headers`, as an app names its own. The SDK has no per-request options: each
 * surface calls a client of its own fixture.
 */

export const OLLAMA_SCOPE = 'otel-llm-observer/ollama';

/** The release whose client first takes a `headers` option. */
const HEADERS_OPTION_SINCE = '0.5.10';

/** The methods traced. */
interface OllamaClient {
  chat(request: object): Promise<unknown>;
  generate(request: object): Promise<unknown>;
  embed(request: object): Promise<unknown>;
  embeddings(request: object): Promise<unknown>;
}

/** What the app loads of `ollama`, by `require` or `import`. */
export interface OllamaModule {
  Ollama: new (config?: object) => OllamaClient;
  /** The module's default instance, made when it loaded. */
  default: OllamaClient;
}

/**
 * A client of the fixture server (its origin as the client's `host`) whose calls answer with
 * `ollama/<name>`: the fixture named in the client's `headers` from 0.5.10, and before it by a
 * `fetch` that adds the header to each request the SDK makes.
 */
export function ollamaFixtureClient(sdk: OllamaModule, recording: Recording, version: string, name: string): OllamaClient {
  const { headers } = fixture('ollama', name);
  if (isAtLeast(version, HEADERS_OPTION_SINCE)) return new sdk.Ollama({ host: recording.origin, headers });
  const withFixture = (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(url, { ...init, headers: { ...init.headers, ...headers } });
  return new sdk.Ollama({ host: recording.origin, fetch: withFixture });
}

const CHAT = { model: 'llama3.2', messages: [{ role: 'user', content: 'What is the capital of France?' }] };
const GENERATE = { model: 'qwen2.5-coder:7b', prompt: 'function add(a, b) {\n' };

/**
 * What every span of a completed call records: the provider, the fixture server as the client's
 * host, and no price: `unknown_model` (a model the app's own server runs), or `no_usage` for a
 * response that reports no counts.
 */
function completedSpan(recording: Recording, operation: string, model: string, unpricedReason = 'unknown_model'): Record<string, unknown> {
  const origin = new URL(recording.origin);
  return {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': 'ollama',
    'server.address': origin.hostname,
    'server.port': Number(origin.port),
    'gen_ai.request.model': model,
    'llm_observer.call.outcome': 'completed',
    'llm_observer.cost.total_usd': undefined,
    'llm_observer.cost.unpriced_reason': unpricedReason,
  };
}

/** The counts of a response that the server reported: the prompt's, of which `cached` from its cache, and the answer's. */
function counts(input: number | undefined, output: number | undefined, cached?: number): Record<string, unknown> {
  return {
    'gen_ai.usage.input_tokens': input,
    'gen_ai.usage.cache_read.input_tokens': cached,
    'gen_ai.usage.output_tokens': output,
  };
}

/** Reads a stream to its end, and returns the text that `read` takes from each chunk, joined. */
async function streamedText(stream: unknown, read: (chunk: Record<string, unknown>) => unknown): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Record<string, unknown>>) text += String(read(chunk));
  return text;
}

const messageContent = (chunk: Record<string, unknown>) => (chunk['message'] as { content: string }).content;

/**
 * Every surface of `ollama` that this package traces, each called once with a client of its
 * fixture; `version` is the release the app loads.
 */
export function ollamaSurfaces(sdk: OllamaModule, recording: Recording, version: string): Surface[] {
  const client = (name: string) => ollamaFixtureClient(sdk, recording, version, name);
  const since = '0.5.6';
  return [
    {
      method: 'chat',
      since,
      run: async () => {
        const response = (await client('chat').chat({ ...CHAT, options: { temperature: 0.3, num_predict: 256, stop: ['\n\n', 'END'] } })) as {
          message: { content: string };
        };
        assert.equal(response.message.content, 'The capital of France is Paris.');
      },
      records: "the server's counts, the model that answered and its finish reason, unpriced",
      span: {
        ...completedSpan(recording, 'chat', 'llama3.2'),
        ...counts(31, 8),
        'gen_ai.request.temperature': 0.3,
        'gen_ai.request.max_tokens': 256,
        'llm_observer.request.stop_sequences.count': 2,
        'gen_ai.request.stream': undefined,
        'gen_ai.response.model': 'llama3.2',
        'gen_ai.response.finish_reasons': ['stop'],
      },
      spanName: 'chat llama3.2',
    },
    {
      method: 'chat',
      variant: 'the prompt partly read from the server’s cache',
      since,
      run: () => client('chat-cached').chat({ ...CHAT, model: 'qwen3:8b' }),
      records: 'prompt_eval_cached_count as the cache read',
      span: { ...completedSpan(recording, 'chat', 'qwen3:8b'), ...counts(2048, 9, 1920) },
    },
    {
      method: 'chat',
      variant: 'failed with a 404',
      since,
      run: () =>
        assert.rejects(client('error-404').chat({ ...CHAT, model: 'llama9' }), (error: unknown) => {
          assert.equal((error as Error).name, 'ResponseError');
          assert.equal((error as { status_code?: unknown }).status_code, 404);
          assert.equal((error as { error?: unknown }).error, "model 'llama9' not found");
          return true;
        }),
      records: "the failure, the error's class and the HTTP status",
      span: { 'gen_ai.provider.name': 'ollama', 'error.type': 'ResponseError', 'llm_observer.call.outcome': 'failed' },
      spanName: 'chat llama9',
      errorStatus: 'ResponseError 404',
    },
    {
      method: 'chat',
      variant: 'streamed',
      since,
      run: async () => assert.equal(await streamedText(await client('chat-stream').chat({ ...CHAT, stream: true }), messageContent), 'Lyon is in France.'),
      records: 'the counts and finish reason of its last chunk',
      span: {
        ...completedSpan(recording, 'chat', 'llama3.2'),
        ...counts(29, 5),
        'gen_ai.request.stream': true,
        'gen_ai.response.model': 'llama3.2',
        'gen_ai.response.finish_reasons': ['stop'],
      },
      spanName: 'chat llama3.2',
    },
    {
      method: 'chat',
      variant: 'streamed, left after its first chunk',
      since,
      run: async () => {
        for await (const chunk of (await client('chat-stream').chat({ ...CHAT, stream: true })) as AsyncIterable<Record<string, unknown>>) {
          assert.equal(messageContent(chunk), 'Lyon');
          break;
        }
      },
      records: 'the call cancelled, with the model of the chunk read',
      span: { 'gen_ai.response.model': 'llama3.2', 'gen_ai.usage.output_tokens': undefined, 'llm_observer.call.outcome': 'cancelled' },
    },
    {
      method: 'chat',
      variant: 'streamed, failed by an error line',
      since,
      run: () =>
        assert.rejects(async () => readStream(await client('chat-stream-error').chat({ ...CHAT, stream: true })), {
          message: 'an error was encountered while running the model: unexpected EOF',
        }),
      records: 'the failure, a plain Error (_OTHER)',
      span: { 'gen_ai.provider.name': 'ollama', 'error.type': '_OTHER', 'llm_observer.call.outcome': 'failed' },
    },
    {
      method: 'generate',
      since,
      run: async () => {
        const response = (await client('generate').generate({ ...GENERATE, suffix: '}\n', options: { temperature: 0, num_predict: 64 } })) as { response: string };
        assert.equal(response.response, '  return a + b;\n');
      },
      records: "the server's counts and its finish reason, as a text completion",
      span: {
        ...completedSpan(recording, 'text_completion', 'qwen2.5-coder:7b'),
        ...counts(52, 7),
        'gen_ai.request.temperature': 0,
        'gen_ai.request.max_tokens': 64,
        'gen_ai.response.model': 'qwen2.5-coder:7b',
        'gen_ai.response.finish_reasons': ['stop'],
      },
      spanName: 'text_completion qwen2.5-coder:7b',
    },
    {
      method: 'generate',
      variant: 'streamed',
      since,
      run: async () =>
        assert.equal(await streamedText(await client('generate-stream').generate({ ...GENERATE, stream: true }), (chunk) => chunk['response']), '  return a + b;'),
      records: 'the counts and finish reason of its last chunk',
      span: {
        ...completedSpan(recording, 'text_completion', 'qwen2.5-coder:7b'),
        ...counts(52, 4),
        'gen_ai.request.stream': true,
        'gen_ai.response.finish_reasons': ['length'],
      },
    },
    {
      method: 'embed',
      since,
      run: async () => {
        const response = (await client('embed').embed({ model: 'embeddinggemma', input: ['quarterly close', 'annual report'], dimensions: 4 })) as { embeddings: unknown[] };
        assert.equal(response.embeddings.length, 2);
      },
      records: "the dimension asked for and the input's token count",
      span: {
        ...completedSpan(recording, 'embeddings', 'embeddinggemma'),
        ...counts(8, undefined),
        'gen_ai.embeddings.dimension.count': 4,
        'gen_ai.response.model': 'embeddinggemma',
      },
      spanName: 'embeddings embeddinggemma',
    },
    {
      method: 'embeddings',
      since,
      run: async () => {
        const response = (await client('embeddings').embeddings({ model: 'nomic-embed-text', prompt: 'quarterly close' })) as { embedding: unknown[] };
        assert.equal(response.embedding.length, 4);
      },
      records: 'no counts, as its response has none, unpriced for that',
      span: { ...completedSpan(recording, 'embeddings', 'nomic-embed-text', 'no_usage'), ...counts(undefined, undefined) },
      spanName: 'embeddings nomic-embed-text',
    },
  ];
}

/**
 * The module's default instance, made of the class when the module loaded, before the app's
 * instrumentation patched it: its methods are the class's, the ones the surfaces above trace.
 */
export function testDefaultInstance(sdk: OllamaModule): void {
  it('gives its default instance the methods of a client, the class’s, which the surfaces above trace', () => {
    const client = new sdk.Ollama();
    for (const method of ['chat', 'generate', 'embed', 'embeddings'] as const) assert.equal(sdk.default[method], client[method], method);
  });
}
