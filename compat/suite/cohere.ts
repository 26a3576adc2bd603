import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { COHERE_SDK, fixture, isAtLeast, readStream, requireFromApp, type Recording, type Surface } from './row.ts';

/**
 * What the CommonJS and ESM files of `cohere-ai` share (cohere.test.ts, cohere-esm.test.ts): clients
 * of the fixture server, and every surface that CohereInstrumentation traces, each called once
 * against its fixture, for `testSurfaces` (./row.ts) to check its one span, as `cohere`.
 *
 * The fixtures are Cohere's wire format, test/fixtures/cohere/ (each names the API reference it
 * follows), which the repository's own test of the SDK reads too. Each response carries the units
 * Cohere bills (`billed_units`) beside the tokens the model read and wrote (`tokens`, larger: the
 * tokens Cohere adds to a prompt, which it does not bill), and the spans must carry the billed
 * units. Prices per million tokens, data/pricing_v1.json:
 * - v2 chat (v2-chat.json): command-a-03-2025 (2.50 in, 10 out), 1,200 and 250 billed:
 *   3,000 + 2,500 = 5,500 µUSD; streamed (v2-chat-stream.sse, the usage in message-end), 2,000
 *   and 400: 5,000 + 4,000 = 9,000 µUSD;
 * - v1 chat (v1-chat.json): command-r-08-2024 (0.15 in, 0.60 out), 900 and 150 billed:
 *   135 + 90 = 225 µUSD; streamed (v1-chat-stream.ndjson, newline-delimited JSON, the usage in
 *   stream-end's response.meta), 1,000 and 5: 150 + 3 = 153 µUSD;
 * - embed: embed-v4.0 (0.12 in), v2 (v2-embed.json) 2,500 billed: 300 µUSD; v1 (v1-embed.json)
 *   1,250: 150 µUSD.
 *
 * Every release of the range (from 7.14.0) has these six methods and returns its streams as an
 * async iterable `Stream`. What differs between the releases the rows pin (7.14.0, the floor, where
 * the range of `@langchain/cohere` starts; 8.1.0, the latest): up to 7.17 the methods return plain
 * promises, from 7.18.0 Fern's `HttpResponsePromise`, whose `withRawResponse()` the caller must
 * still get; 7.x loads its AWS clients with the module (7.14.0 needs `@aws-crypto/sha256-js`, which
 * it does not declare, pinned in its row: compat/matrix.ts), 8.x only from `cohere-ai/aws`. Every
 * release is CommonJS only.
 */

export const COHERE_SCOPE = 'otel-llm-observer/cohere';

/** The methods traced, the same three on either client: a request, and the request's options. */
interface CohereClient {
  chat(request: object, options: object): Promise<unknown>;
  chatStream(request: object, options: object): Promise<unknown>;
  embed(request: object, options: object): Promise<unknown>;
}

type CohereClientClass = new (options: object) => CohereClient;

/** What the app loads of `cohere-ai`, by `require` or `import`. */
export interface CohereModule {
  CohereClientV2: CohereClientClass;
  CohereClient: CohereClientClass;
  Cohere: { TooManyRequestsError: new (...args: never[]) => Error };
}

/** The part of a client's request that the SDK hands its fetcher and that the suite changes. */
interface FetcherArgs {
  readonly headers?: Record<string, unknown>;
}

type Fetcher = (args: FetcherArgs) => Promise<unknown>;

/** What a call returns from 7.18.0: Fern's `HttpResponsePromise`, the parsed body and, on request, the HTTP response with it. */
interface HttpResponsePromise<Body> extends Promise<Body> {
  withRawResponse(): Promise<{ data: Body; rawResponse: { status: number } }>;
}

/**
 * The SDK's own fetcher (`core.fetcher`: its requests, retries and response reading), which a
 * client uses when the app gives it none; loaded by path from the SDK's folder, as 8.x exports no
 * `./core`.
 */
function sdkFetcher(): Fetcher {
  return (createRequire(requireFromApp.resolve(COHERE_SDK))('./core') as { fetcher: Fetcher }).fetcher;
}

/**
 * A client of the fixture server whose calls answer with `cohere/<name>`: the fixture server's
 * origin as the client's environment, and the SDK's own fetcher, given the `x-fixture` header (no
 * release before 7.18 takes headers in a request's options). Each call passes `ONE_ATTEMPT`.
 */
export function cohereFixtureClient(Client: CohereClientClass, recording: Recording, name: string): CohereClient {
  const fetcher = sdkFetcher();
  return new Client({
    token: 'cohere-compat-test',
    environment: recording.origin,
    fetcher: (args: FetcherArgs) => fetcher({ ...args, headers: { ...args.headers, ...fixture('cohere', name).headers } }),
  });
}

/** The request options of every call: one attempt, where the SDK's default is three (a 429 retried after a back-off). */
export const ONE_ATTEMPT = { maxRetries: 0 };

/**
 * A client of each kind, by class name (the surfaces' methods are `CohereClientV2.chat`,
 * `CohereClient.chat`), for `testSurfaces` to look up the methods a release has; each surface
 * calls a client of its own fixture.
 */
export function cohereClients(sdk: CohereModule, recording: Recording): object {
  return {
    CohereClientV2: cohereFixtureClient(sdk.CohereClientV2, recording, 'v2-chat'),
    CohereClient: cohereFixtureClient(sdk.CohereClient, recording, 'v1-chat'),
  };
}

const V2_CHAT = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'What is the capital of France?' }] };
const V1_CHAT = {
  model: 'command-r-08-2024',
  message: 'Today.',
  chatHistory: [
    { role: 'USER', message: 'Weather in Lyon?' },
    { role: 'CHATBOT', message: 'Which day?' },
  ],
};
const V1_CHAT_STREAMED = { model: 'command-r-08-2024', message: 'Tell me about Lyon.', maxTokens: 5 };
const EMBED = { model: 'embed-v4.0', texts: ['quarterly close', 'annual report'], inputType: 'search_document' };

/** A chat span of `model`, with the billed units of its fixture and their cost. */
function chatSpan(model: string, inputTokens: number, outputTokens: number, totalUsd: number): Record<string, unknown> {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'cohere',
    'gen_ai.request.model': model,
    'gen_ai.usage.input_tokens': inputTokens,
    'gen_ai.usage.output_tokens': outputTokens,
    'llm_observer.cost.total_usd': totalUsd,
    'llm_observer.call.outcome': 'completed',
  };
}

/** An embed span: the billed input tokens and their cost, no output tokens. */
function embedSpan(inputTokens: number, totalUsd: number): Record<string, unknown> {
  return {
    'gen_ai.operation.name': 'embeddings',
    'gen_ai.provider.name': 'cohere',
    'gen_ai.request.model': 'embed-v4.0',
    'gen_ai.usage.input_tokens': inputTokens,
    'gen_ai.usage.output_tokens': undefined,
    'llm_observer.cost.total_usd': totalUsd,
  };
}

/**
 * Every surface of `cohere-ai` that this package traces, each called once with a client of its
 * fixture; `version` is the release the app loads.
 */
export function cohereSurfaces(sdk: CohereModule, recording: Recording, version: string): Surface[] {
  const call = (Client: CohereClientClass, fixtureName: string, method: keyof CohereClient, request: object) =>
    cohereFixtureClient(Client, recording, fixtureName)[method](request, ONE_ATTEMPT);
  const returnsHttpResponsePromise = isAtLeast(version, '7.18.0');
  return [
    {
      method: 'CohereClientV2.chat',
      variant: returnsHttpResponsePromise ? 'read with withRawResponse()' : 'a plain promise',
      since: '7.14.0',
      run: async () => {
        const answer = call(sdk.CohereClientV2, 'v2-chat', 'chat', V2_CHAT) as HttpResponsePromise<{ id: string }>;
        if (returnsHttpResponsePromise) {
          const { data, rawResponse } = await answer.withRawResponse();
          assert.equal(data.id, 'fbad5b25-a5e8-4027-b991-0cd7cd3a315f');
          assert.equal(rawResponse.status, 200);
        } else {
          assert.equal(answer.withRawResponse, undefined);
          assert.equal((await answer).id, 'fbad5b25-a5e8-4027-b991-0cd7cd3a315f');
        }
      },
      records: 'its billed units',
      span: {
        ...chatSpan('command-a-03-2025', 1200, 250, 0.0055),
        'gen_ai.response.id': 'fbad5b25-a5e8-4027-b991-0cd7cd3a315f',
        'gen_ai.response.finish_reasons': ['COMPLETE'],
        'gen_ai.usage.cache_read.input_tokens': undefined,
      },
      spanName: 'chat command-a-03-2025',
      pricedAs: 'cohere/command-a-03-2025',
    },
    {
      method: 'CohereClientV2.chat',
      variant: 'failed with a 429',
      since: '7.14.0',
      run: () =>
        assert.rejects(call(sdk.CohereClientV2, 'error-429', 'chat', V2_CHAT), (error: unknown) => {
          assert.ok(error instanceof sdk.Cohere.TooManyRequestsError, String(error));
          assert.equal((error as { statusCode?: unknown }).statusCode, 429);
          return true;
        }),
      records: "the failure, the error's class and the HTTP status",
      span: { 'gen_ai.provider.name': 'cohere', 'error.type': 'TooManyRequestsError', 'llm_observer.call.outcome': 'failed' },
      errorStatus: 'TooManyRequestsError 429',
    },
    {
      method: 'CohereClientV2.chatStream',
      since: '7.14.0',
      run: async () => readStream(await call(sdk.CohereClientV2, 'v2-chat-stream', 'chatStream', V2_CHAT)),
      records: 'the billed units of its message-end event',
      span: {
        ...chatSpan('command-a-03-2025', 2000, 400, 0.009),
        'gen_ai.request.stream': true,
        'gen_ai.response.id': 'cc2bb516-a34e-49c0-910a-688dfc945a70',
        'gen_ai.response.finish_reasons': ['COMPLETE'],
      },
      pricedAs: 'cohere/command-a-03-2025',
    },
    {
      method: 'CohereClientV2.embed',
      since: '7.14.0',
      run: () => call(sdk.CohereClientV2, 'v2-embed', 'embed', { ...EMBED, embeddingTypes: ['float', 'int8'] }),
      records: 'its billed input tokens',
      span: { ...embedSpan(2500, 0.0003), 'gen_ai.request.encoding_formats': ['float', 'int8'] },
      pricedAs: 'cohere/embed-v4.0',
    },
    {
      method: 'CohereClient.chat',
      since: '7.14.0',
      run: async () => {
        const answer = (await call(sdk.CohereClient, 'v1-chat', 'chat', V1_CHAT)) as { generationId: string };
        assert.equal(answer.generationId, '2b4d6d7e-92ec-459c-9b8b-f967f3aaa15c');
      },
      records: 'the billed units of its meta',
      span: {
        ...chatSpan('command-r-08-2024', 900, 150, 0.000225),
        'gen_ai.response.id': '2b4d6d7e-92ec-459c-9b8b-f967f3aaa15c',
        'gen_ai.response.finish_reasons': ['COMPLETE'],
      },
      pricedAs: 'cohere/command-r-08-2024',
    },
    {
      method: 'CohereClient.chatStream',
      since: '7.14.0',
      run: async () => readStream(await call(sdk.CohereClient, 'v1-chat-stream', 'chatStream', V1_CHAT_STREAMED)),
      records: "the billed units of its stream-end event's response",
      span: {
        ...chatSpan('command-r-08-2024', 1000, 5, 0.000153),
        'gen_ai.request.stream': true,
        'gen_ai.request.max_tokens': 5,
        'gen_ai.response.id': 'e3b8f1c2-5d74-4a96-8e21-7c0f9b6a4d35',
        'gen_ai.response.finish_reasons': ['MAX_TOKENS'],
      },
      pricedAs: 'cohere/command-r-08-2024',
    },
    {
      method: 'CohereClient.embed',
      since: '7.14.0',
      run: () => call(sdk.CohereClient, 'v1-embed', 'embed', EMBED),
      records: 'its billed input tokens',
      span: embedSpan(1250, 0.00015),
      pricedAs: 'cohere/embed-v4.0',
    },
  ];
}
