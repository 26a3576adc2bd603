import assert from 'node:assert/strict';
import { apiPromiseSurfaces, callMethod, fixture, isAtLeast, readStream, type Recording, type Surface } from './row.ts';

/**
 * What the CommonJS and ESM files of `@cerebras/cerebras_cloud_sdk` share (cerebras.test.ts,
 * cerebras-esm.test.ts): a client of the fixture server, and every surface that
 * CerebrasInstrumentation traces, each called once against its fixture, for `testSurfaces`
 * (./row.ts) to check its one span, as `cerebras`.
 *
 * The fixtures are Cerebras's wire format: test/fixtures/cerebras/, and the Cerebras fixtures of
 * test/fixtures/openai-backends/ (which the `openai` SDK's tests read too: the two SDKs receive the
 * same bytes). The chat fixtures: gpt-oss-120b, 2,000 prompt tokens of which 1,024 cached, 400
 * completion tokens of which 150 reasoning, at Cerebras's 0.35 in and 0.75 out per million (it
 * lists no cached-input price, so cache reads at the input price): 2,000 × 0.35 + 400 × 0.75 =
 * 700 + 300 = 1,000 µUSD. The completion: 12 prompt and 8 completion tokens, 12 × 0.35 + 8 × 0.75 =
 * 10.2 µUSD.
 *
 * Every release of the range (1.3.0, the oldest the registry holds, to 1.91.0) is Stainless's, on
 * its older layout (core.js, a `node-fetch` shim, `index.js` and `index.mjs`): a `Cerebras` client
 * whose `chat.completions` (and `completions`) return an API promise, a stream a `Stream`. What
 * differs between the releases the rows pin (1.3.0, the floor; 1.91.0, the latest), read in their
 * published dist: `completions`, absent from 1.3.0 (it came in 1.14.0); the constructor's
 * `GET /v1/tcp_warming` (from 1.6.0, unless `warmTCPConnection: false`), which is no API call and
 * has no span; and the error a stream's error event throws, an `APIError` of the event's status
 * (`InternalServerError` for a 500) before 1.15.0 and an `APIConnectionError` from it (its
 * `APIError.generate` makes one of a call without headers, which a stream's event is).
 */

export const CEREBRAS_SCOPE = 'otel-llm-observer/cerebras';

/** The first release whose constructor sends `GET /v1/tcp_warming` unless told not to. */
const TCP_WARMING_SINCE = '1.6.0';

/** The first release that throws a stream's error event as an `APIConnectionError` (an `APIError` of its status before it). */
const STREAM_ERROR_AS_CONNECTION_ERROR_SINCE = '1.15.0';

/** What the app loads of `@cerebras/cerebras_cloud_sdk`, by `require` or `import`. */
export interface CerebrasModule {
  Cerebras: new (options: object) => object;
  APIConnectionError: new (...args: never[]) => Error;
  InternalServerError: new (...args: never[]) => Error;
}

const API_KEY = 'csk-compat-test';

/**
 * A client of the fixture server: the fixture server's origin in place of Cerebras's, one attempt,
 * and no TCP warming request (which releases before 1.6.0 do not know of, and ignore).
 */
export function cerebrasClient(sdk: CerebrasModule, recording: Recording): object {
  return new sdk.Cerebras({ apiKey: API_KEY, baseURL: recording.origin, maxRetries: 0, warmTCPConnection: false });
}

interface SentRequest {
  /** The URL the SDK meant to reach. */
  readonly meant: URL;
  /** The fixture server's answer, or its failure. */
  readonly settled: Promise<unknown>;
}

/**
 * A client that keeps Cerebras's default base URL and its TCP warming request, whose `fetch` option
 * (every release has it; the SDK types it as node-fetch's and calls it as Node's) sends each
 * request to the fixture server instead, keeping its path, and notes it in `sent`.
 */
function defaultBaseUrlClient(sdk: CerebrasModule, recording: Recording, sent: SentRequest[]): object {
  const toFixtures = (url: string | URL, init?: RequestInit) => {
    const meant = new URL(url);
    const response = fetch(`${recording.origin}${meant.pathname}${meant.search}`, init);
    const settled = response.then(
      (answer) => answer.status,
      (error: unknown) => error,
    );
    sent.push({ meant, settled });
    return response;
  };
  return new sdk.Cerebras({ apiKey: API_KEY, maxRetries: 0, fetch: toFixtures });
}

const MODEL = 'gpt-oss-120b';
const CHAT = { model: MODEL, messages: [{ role: 'user', content: 'What is the capital of France?' }] };
const CHAT_USAGE = {
  'gen_ai.provider.name': 'cerebras',
  'gen_ai.usage.input_tokens': 2000,
  'gen_ai.usage.cache_read.input_tokens': 1024,
  'gen_ai.usage.output_tokens': 400,
  'gen_ai.usage.reasoning.output_tokens': 150,
  'llm_observer.cost.total_usd': 0.001,
};
const PRICED_AS = 'cerebras/gpt-oss-120b';

/** Reads a stream of chat completion chunks to its end, and returns their text. */
async function streamedText(stream: unknown): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<{ choices: { delta?: { content?: string } }[] }>) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

/** Every surface of `@cerebras/cerebras_cloud_sdk` that this package traces, each called once with `client`; `version` is the release the app loads. */
export function cerebrasSurfaces(sdk: CerebrasModule, recording: Recording, client: object, version: string): Surface[] {
  const call = (path: string, ...args: unknown[]) => callMethod(client, path, args);
  const origin = new URL(recording.origin);
  const warms = isAtLeast(version, TCP_WARMING_SINCE);
  const streamError = isAtLeast(version, STREAM_ERROR_AS_CONNECTION_ERROR_SINCE) ? sdk.APIConnectionError : sdk.InternalServerError;
  return [
    {
      method: 'chat.completions.create',
      since: '1.3.0',
      run: async () => {
        const completion = (await call('chat.completions.create', CHAT, fixture('openai-backends', 'cerebras-chat'))) as { choices: { message: { content: string } }[] };
        assert.equal(completion.choices[0]?.message.content, 'Paris.');
      },
      records: "its usage, cached and reasoning tokens included, the model that answered, its finish reason and the client's server",
      span: {
        ...CHAT_USAGE,
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': MODEL,
        'gen_ai.response.model': MODEL,
        'gen_ai.response.finish_reasons': ['stop'],
        'server.address': origin.hostname,
        'server.port': Number(origin.port),
      },
      spanName: `chat ${MODEL}`,
      pricedAs: PRICED_AS,
    },
    {
      method: 'chat.completions.create',
      variant: `a client of Cerebras's default base URL (api.cerebras.ai)${warms ? ", after the constructor's TCP warming request" : ''}`,
      since: '1.3.0',
      run: async () => {
        const sent: SentRequest[] = [];
        await callMethod(defaultBaseUrlClient(sdk, recording, sent), 'chat.completions.create', [CHAT, fixture('openai-backends', 'cerebras-chat')]);
        // The warming request is not awaited by the SDK: its answer is, here, before the spans are read.
        await Promise.all(sent.map((request) => request.settled));
        const paths = sent.map(({ meant }) => `${meant.host}${meant.pathname}`).sort();
        assert.deepEqual(paths, ['api.cerebras.ai/v1/chat/completions', ...(warms ? ['api.cerebras.ai/v1/tcp_warming'] : [])]);
      },
      records: `that host as its server${warms ? ', and none for the warming request' : ''}`,
      span: { ...CHAT_USAGE, 'server.address': 'api.cerebras.ai', 'server.port': 443 },
      spanName: `chat ${MODEL}`,
      pricedAs: PRICED_AS,
    },
    {
      method: 'chat.completions.create',
      variant: 'streamed with stream_options.include_usage',
      since: '1.3.0',
      run: async () => {
        const stream = await call('chat.completions.create', { ...CHAT, stream: true, stream_options: { include_usage: true } }, fixture('openai-backends', 'cerebras-chat-stream'));
        assert.equal(await streamedText(stream), 'Paris.');
      },
      records: 'the usage of the last chunk',
      span: { ...CHAT_USAGE, 'gen_ai.request.stream': true, 'llm_observer.call.outcome': 'completed' },
      pricedAs: PRICED_AS,
    },
    {
      method: 'chat.completions.create',
      variant: 'streamed and left after its first chunk',
      since: '1.3.0',
      run: async () => {
        const stream = await call('chat.completions.create', { ...CHAT, stream: true }, fixture('openai-backends', 'cerebras-chat-stream'));
        for await (const chunk of stream as unknown as AsyncIterable<{ id: string }>) {
          assert.equal(chunk.id, 'chatcmpl-4e7b2a91-0c3d-4f58-9a16-b2d8e5c07f43');
          break;
        }
      },
      records: 'the call as cancelled',
      span: { 'gen_ai.provider.name': 'cerebras', 'gen_ai.request.stream': true, 'llm_observer.call.outcome': 'cancelled' },
    },
    {
      method: 'chat.completions.create',
      variant: `streamed and failed by an error event (${streamError.name})`,
      since: '1.3.0',
      run: async () => {
        const stream = await call('chat.completions.create', { ...CHAT, stream: true }, fixture('cerebras', 'chat-stream-error'));
        await assert.rejects(readStream(stream), streamError);
      },
      records: 'the failure and the error’s class',
      span: { 'gen_ai.provider.name': 'cerebras', 'error.type': streamError.name, 'llm_observer.call.outcome': 'failed' },
    },
    {
      method: 'chat.completions.create',
      variant: 'failed with a 404',
      since: '1.3.0',
      run: () => assert.rejects(call('chat.completions.create', CHAT, fixture('cerebras', 'error-404-model')), { status: 404 }),
      records: "the failure, the error's class and Cerebras's error code",
      span: { 'gen_ai.provider.name': 'cerebras', 'error.type': 'NotFoundError', 'llm_observer.call.outcome': 'failed' },
      errorStatus: 'NotFoundError 404 model_not_found',
    },
    ...apiPromiseSurfaces('cerebras', (options) => call('chat.completions.create', CHAT, options), {
      method: 'chat.completions.create',
      since: '1.3.0',
      fixtureFolder: 'openai-backends',
      fixtureName: 'cerebras-chat',
      responseId: 'chatcmpl-4e7b2a91-0c3d-4f58-9a16-b2d8e5c07f43',
      usage: { 'gen_ai.usage.input_tokens': 2000, 'gen_ai.usage.output_tokens': 400 },
    }),
    {
      method: 'completions.create',
      since: '1.14.0',
      run: async () => {
        const completion = (await call('completions.create', { model: MODEL, prompt: 'The quarterly close is on', max_tokens: 8 }, fixture('cerebras', 'completion'))) as {
          choices: { text: string }[];
        };
        assert.equal(completion.choices[0]?.text, ' the last business day of March.');
      },
      records: 'its usage and its finish reason',
      span: {
        'gen_ai.operation.name': 'text_completion',
        'gen_ai.provider.name': 'cerebras',
        'gen_ai.request.max_tokens': 8,
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 8,
        'gen_ai.response.finish_reasons': ['length'],
        // 12 × 0.35 + 8 × 0.75 = 4.2 + 6 = 10.2 µUSD
        'llm_observer.cost.total_usd': 0.0000102,
      },
      spanName: `text_completion ${MODEL}`,
      pricedAs: PRICED_AS,
    },
  ];
}
