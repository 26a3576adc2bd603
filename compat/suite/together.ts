import assert from 'node:assert/strict';
import { apiPromiseSurfaces, callMethod, fixture, isAtLeast, readStream, type Recording, type Surface } from './row.ts';

/**
 * What the CommonJS and ESM files of `together-ai` share (together.test.ts, together-esm.test.ts):
 * a client of the fixture server, and every surface that TogetherInstrumentation traces, each
 * called once against its fixture, for `testSurfaces` (./row.ts) to check its one span, as
 * `together`.
 *
 * The fixtures are Together AI's wire format: test/fixtures/together/, and the Together fixtures
 * of test/fixtures/openai-backends/ (which the `openai` SDK's tests read too: the two SDKs receive
 * the same bytes); a translation and a speech call read OpenAI's (test/fixtures/openai/), whose
 * shapes Together's endpoints answer in. The chat fixtures: meta-llama/Llama-3.3-70B-Instruct-Turbo,
 * 1,000 prompt tokens of which 600 cached (Together's flat `usage.cached_tokens`), 250 completion
 * tokens, at Together's 0.88 per million for every token (it lists no cached-input price):
 * 1,250 × 0.88 = 1,100 µUSD. Together reports no usage for embeddings and the Audio API: those
 * spans have none.
 *
 * Every release of the range (from 0.6.0) is Stainless's: a `Together` client whose
 * `chat.completions`, `completions` and `embeddings` return an API promise, a stream a `Stream`.
 * What differs between the releases the rows pin (0.6.0, the floor; 0.52.0, the latest): the Audio
 * API, absent from 0.6.0 (speech as `audio.create` from 0.12.0, transcriptions and translations
 * from 0.19.0, speech moved to `audio.speech.create` in 0.32.0, 0.31.0 unpublished); the default
 * base URL, https://api.together.xyz/v1 before 0.40.0 and https://api.together.ai/v1 from it; and
 * the layout (0.6.0 is Stainless's older one: core.js, a `node-fetch` shim; 0.52.0 the newer one:
 * client.js, `core/`, Node's own `fetch`), with the same resource classes under `Together`, whose
 * `create` is traced.
 */

export const TOGETHER_SCOPE = 'otel-llm-observer/together';

/** The release whose client's default base URL is https://api.together.ai/v1 (https://api.together.xyz/v1 before it). */
const TOGETHER_AI_HOST_SINCE = '0.40.0';

/** What the app loads of `together-ai`, by `require` or `import`. */
export interface TogetherModule {
  Together: new (options: object) => object;
  toFile(data: Buffer, name: string, options: object): Promise<unknown>;
}

/** A client of the fixture server: the fixture server's origin in place of Together's, one attempt. */
export function togetherClient(sdk: TogetherModule, recording: Recording): object {
  return new sdk.Together({ apiKey: 'tgp_v1_compat-test', baseURL: recording.origin, maxRetries: 0 });
}

/**
 * A client that keeps Together's default base URL, whose `fetch` option (every release has it)
 * sends each request to the fixture server instead, keeping its path, and notes the host it was
 * meant for in `meantFor`.
 */
function defaultBaseUrlClient(sdk: TogetherModule, recording: Recording, meantFor: string[]): object {
  const toFixtures = (url: string | URL, init?: RequestInit) => {
    const meant = new URL(url);
    meantFor.push(meant.host);
    return fetch(`${recording.origin}${meant.pathname}${meant.search}`, init);
  };
  return new sdk.Together({ apiKey: 'tgp_v1_compat-test', maxRetries: 0, fetch: toFixtures });
}

const LLAMA = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const CHAT = { model: LLAMA, messages: [{ role: 'user', content: 'What is the capital of France?' }] };
const CHAT_USAGE = {
  'gen_ai.provider.name': 'together',
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.cache_read.input_tokens': 600,
  'gen_ai.usage.output_tokens': 250,
  'llm_observer.cost.total_usd': 0.0011,
};
const PRICED_AS = 'together/llama-3.3-70b-instruct-turbo';

/** A transcription's or translation's span: its model, and no usage (Together reports none). */
const AUDIO_CALL = {
  'gen_ai.operation.name': 'generate_content',
  'gen_ai.provider.name': 'together',
  'gen_ai.request.model': 'openai/whisper-large-v3',
  'gen_ai.usage.input_tokens': undefined,
  'llm_observer.call.outcome': 'completed',
};

/** A speech call's span: its model and its speech output, and no usage. */
const SPEECH_CALL = {
  'gen_ai.operation.name': 'generate_content',
  'gen_ai.provider.name': 'together',
  'gen_ai.request.model': 'cartesia/sonic-2',
  'gen_ai.output.type': 'speech',
  'gen_ai.usage.input_tokens': undefined,
  'llm_observer.call.outcome': 'completed',
};
const SPEECH = { model: 'cartesia/sonic-2', voice: 'laidback woman', input: 'The close is on Friday.' };

/** Reads a stream of chat completion chunks to its end, and returns their text. */
async function streamedText(stream: unknown): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<{ choices: { delta?: { content?: string } }[] }>) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

/** Every surface of `together-ai` that this package traces, each called once with `client`; `version` is the release the app loads. */
export function togetherSurfaces(sdk: TogetherModule, recording: Recording, client: object, version: string): Surface[] {
  const call = (path: string, ...args: unknown[]) => callMethod(client, path, args);
  const audio = () => sdk.toFile(Buffer.from('RIFF0000WAVEfmt '), 'close.wav', { type: 'audio/wav' });
  const origin = new URL(recording.origin);
  const defaultHost = isAtLeast(version, TOGETHER_AI_HOST_SINCE) ? 'api.together.ai' : 'api.together.xyz';
  const speech = async (path: string) => {
    const response = await call<Promise<Response>>(path, SPEECH, fixture('openai', 'audio-speech'));
    assert.ok((await response.arrayBuffer()).byteLength > 0);
  };
  return [
    {
      method: 'chat.completions.create',
      since: '0.6.0',
      run: async () => {
        const completion = (await call('chat.completions.create', CHAT, fixture('openai-backends', 'together-chat'))) as { choices: { message: { content: string } }[] };
        assert.equal(completion.choices[0]?.message.content, 'Paris.');
      },
      records: "its usage, the flat cached tokens included, the model that answered, its finish reason and the client's server",
      span: {
        ...CHAT_USAGE,
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': LLAMA,
        'gen_ai.response.model': LLAMA,
        'gen_ai.response.finish_reasons': ['stop'],
        'server.address': origin.hostname,
        'server.port': Number(origin.port),
      },
      spanName: `chat ${LLAMA}`,
      pricedAs: PRICED_AS,
    },
    {
      method: 'chat.completions.create',
      variant: `a client of Together's default base URL (${defaultHost})`,
      since: '0.6.0',
      run: async () => {
        const meantFor: string[] = [];
        await callMethod(defaultBaseUrlClient(sdk, recording, meantFor), 'chat.completions.create', [CHAT, fixture('openai-backends', 'together-chat')]);
        assert.deepEqual(meantFor, [defaultHost]);
      },
      records: 'that host as its server',
      span: { ...CHAT_USAGE, 'server.address': defaultHost, 'server.port': 443 },
      pricedAs: PRICED_AS,
    },
    {
      method: 'chat.completions.create',
      variant: 'streamed without stream_options',
      since: '0.6.0',
      run: async () => {
        const stream = await call('chat.completions.create', { ...CHAT, stream: true }, fixture('openai-backends', 'together-chat-stream'));
        assert.equal(await streamedText(stream), 'Paris.');
      },
      records: 'the usage of the last chunk',
      span: { ...CHAT_USAGE, 'gen_ai.request.stream': true, 'llm_observer.call.outcome': 'completed' },
      pricedAs: PRICED_AS,
    },
    {
      method: 'chat.completions.create',
      variant: 'streamed and left after its first chunk',
      since: '0.6.0',
      run: async () => {
        const stream = await call('chat.completions.create', { ...CHAT, stream: true }, fixture('openai-backends', 'together-chat-stream'));
        for await (const chunk of stream as unknown as AsyncIterable<{ id: string }>) {
          assert.equal(chunk.id, 'o9Xk2cT-3NKUce-9a1f2b3c4d5e6f70');
          break;
        }
      },
      records: 'the call as cancelled',
      span: { 'gen_ai.provider.name': 'together', 'gen_ai.request.stream': true, 'llm_observer.call.outcome': 'cancelled' },
    },
    {
      method: 'chat.completions.create',
      variant: 'streamed and failed by an error event',
      since: '0.6.0',
      run: async () => {
        const stream = await call('chat.completions.create', { ...CHAT, stream: true }, fixture('together', 'chat-stream-error'));
        await assert.rejects(readStream(stream), { message: 'The engine is currently overloaded, please try again later.' });
      },
      records: 'the failure and the error’s class',
      span: { 'gen_ai.provider.name': 'together', 'error.type': 'APIError', 'llm_observer.call.outcome': 'failed' },
    },
    {
      method: 'chat.completions.create',
      variant: 'failed with a 404',
      since: '0.6.0',
      run: () => assert.rejects(call('chat.completions.create', CHAT, fixture('together', 'error-404-model')), { status: 404 }),
      records: "the failure, the error's class and Together's error code",
      span: { 'gen_ai.provider.name': 'together', 'error.type': 'NotFoundError', 'llm_observer.call.outcome': 'failed' },
      errorStatus: 'NotFoundError 404 model_not_found',
    },
    ...apiPromiseSurfaces('together', (options) => call('chat.completions.create', CHAT, options), {
      method: 'chat.completions.create',
      since: '0.6.0',
      fixtureFolder: 'openai-backends',
      fixtureName: 'together-chat',
      responseId: 'o9Xk2cT-3NKUce-9a1f2b3c4d5e6f70',
      usage: { 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 250 },
    }),
    {
      method: 'completions.create',
      since: '0.6.0',
      run: async () => {
        const completion = (await call('completions.create', { model: LLAMA, prompt: 'The quarterly close is on', max_tokens: 8 }, fixture('together', 'completion'))) as {
          choices: { text: string }[];
        };
        assert.equal(completion.choices[0]?.text, ' the last business day of March.');
      },
      records: 'its usage and its finish reason',
      span: {
        'gen_ai.operation.name': 'text_completion',
        'gen_ai.provider.name': 'together',
        'gen_ai.request.max_tokens': 8,
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 8,
        'gen_ai.response.finish_reasons': ['length'],
        // 20 × 0.88 = 17.6 µUSD
        'llm_observer.cost.total_usd': 0.0000176,
      },
      spanName: `text_completion ${LLAMA}`,
      pricedAs: PRICED_AS,
    },
    {
      method: 'embeddings.create',
      since: '0.6.0',
      run: () => call('embeddings.create', { model: 'BAAI/bge-base-en-v1.5', input: 'quarterly close' }, fixture('together', 'embeddings')),
      records: 'its model, and no usage (Together reports none), unpriced',
      span: {
        'gen_ai.operation.name': 'embeddings',
        'gen_ai.provider.name': 'together',
        'gen_ai.request.model': 'BAAI/bge-base-en-v1.5',
        'gen_ai.usage.input_tokens': undefined,
        'llm_observer.cost.unpriced_reason': 'no_usage',
      },
      spanName: 'embeddings BAAI/bge-base-en-v1.5',
    },
    {
      method: 'audio.create',
      variant: 'speech',
      since: '0.12.0',
      until: '0.32.0',
      run: () => speech('audio.create'),
      records: 'its model and its speech output, and no usage',
      span: SPEECH_CALL,
    },
    {
      method: 'audio.speech.create',
      since: '0.32.0',
      run: () => speech('audio.speech.create'),
      records: 'its model and its speech output, and no usage',
      span: SPEECH_CALL,
    },
    {
      method: 'audio.transcriptions.create',
      since: '0.19.0',
      run: async () => call('audio.transcriptions.create', { model: 'openai/whisper-large-v3', file: await audio() }, fixture('together', 'transcription')),
      records: 'its model, and no usage',
      span: AUDIO_CALL,
    },
    {
      method: 'audio.translations.create',
      since: '0.19.0',
      run: async () => call('audio.translations.create', { model: 'openai/whisper-large-v3', file: await audio() }, fixture('openai', 'audio-translation')),
      records: 'its model, and no usage',
      span: AUDIO_CALL,
    },
  ];
}
