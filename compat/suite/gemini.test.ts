import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertLiveTurnTraced } from './gemini-live.ts';
import { attributesLike, installedVersion, isAtLeast, onlySpan, requireFromApp, startRecording } from './row.ts';

/**
 * `@google/genai`, in a row that installs it, loaded with `require` (its CommonJS build): each
 * method that makes API calls, called once against its fixture (test/fixtures/gemini/), gives one
 * span, this package's, with what the call's response carries. The generateContent fixtures: 2400
 * prompt tokens of which 2048 read from the implicit cache, 120 candidates and 80 thoughts tokens,
 * on gemini-2.5-flash (0.30 in, 0.03 cached, 2.50 out per million):
 * 352 × 0.30 + 2048 × 0.03 + 200 × 2.50 = 667.04 µUSD.
 *
 * What differs between the releases of the range, each with the release that changed it:
 * - 1.6.0: an API error is an `ApiError` with the HTTP status; before, a `ClientError` (4xx) or
 *   `ServerError` (5xx) with the status only inside its message, which is not read;
 * - 1.13.0: the SDK keeps the Gemini API's `responseId`; before, its response has none;
 * - 1.32.0: the SDK's SSE parser passes over events other than `data:`; before, an SSE comment
 *   line fails the stream in the SDK, so the streamed call reads a fixture without one, as the
 *   API sends it;
 * - 1.42.0: embedContent makes its API call through `embedContentInternal`; before, itself;
 * - 2.9.0: `ai.interactions` is the NextGen client, whose `create` is traced (the Interactions
 *   API); before, the client has no `interactions` (1.1.0) or an experimental one of another
 *   shape (1.33.0 to 2.8.0; 1.x's warns on first use), left untraced.
 * The Live API's sessions (`ai.live.connect()`) as ./gemini-live.ts says.
 */

const SDK = '@google/genai';
const version = installedVersion(SDK);
const recording = await startRecording();
const { GoogleGenAI } = requireFromApp(SDK) as { GoogleGenAI: new (options: object) => GeminiClient };

interface GeminiClient {
  models: {
    generateContent(params: object): Promise<unknown>;
    generateContentStream(params: object): Promise<AsyncIterable<unknown>>;
    embedContent(params: object): Promise<{ embeddings?: unknown[] }>;
    countTokens(params: object): Promise<{ totalTokens?: number }>;
  };
  chats: { create(params: object): { sendMessage(params: object): Promise<unknown> } };
  interactions?: { create(params: object, options: object): Promise<unknown> };
  live: { connect(params: object): Promise<{ sendClientContent(params: object): void; close(): void }> };
  caches: {
    create(params: object): Promise<{ name?: string }>;
    update(params: object): Promise<unknown>;
    delete(params: object): Promise<unknown>;
  };
}

const client = new GoogleGenAI({ apiKey: 'gemini-compat-test', httpOptions: { baseUrl: recording.origin } });
const fixture = (name: string) => ({ httpOptions: { headers: { 'x-fixture': `gemini/${name}` } } });
const QUESTION = { model: 'gemini-2.5-flash', contents: 'What is the capital of France?' };
const request = (name: string) => ({ ...QUESTION, config: fixture(name) });
const CACHE = 'cachedContents/4d2yqz8v1k3m';
const USAGE = {
  'gen_ai.provider.name': 'gcp.gemini',
  'gen_ai.usage.input_tokens': 2400,
  'gen_ai.usage.cache_read.input_tokens': 2048,
  'gen_ai.usage.output_tokens': 200,
  'llm_observer.pricing.entry': 'gemini-2.5-flash',
  'llm_observer.cost.total_usd': 0.00066704,
};

describe(`${SDK} ${version} (CommonJS)`, () => {
  it('models.generateContent: one span, with its usage, its response id where the SDK keeps it, and its cost', async () => {
    await client.models.generateContent(request('generate-content'));
    const span = onlySpan(recording);
    assert.equal(span.instrumentationScope?.name, 'otel-llm-observer/gemini');
    const responseId = isAtLeast(version, '1.13.0') ? 'mD5GafO1BtHq7M8PkZ2xqQg' : undefined;
    assert.deepEqual(attributesLike(span, { ...USAGE, 'gen_ai.response.id': responseId }), { ...USAGE, 'gen_ai.response.id': responseId });
  });

  it('models.generateContentStream: one span, with the usage of the last chunk and its cost', async () => {
    for await (const chunk of await client.models.generateContentStream(request('generate-content-stream-without-comments'))) void chunk;
    const expected = { ...USAGE, 'gen_ai.request.stream': true };
    assert.deepEqual(attributesLike(onlySpan(recording), expected), expected);
  });

  it('models.generateContent failed with a 429: one span, failed, with the error class of this release', async () => {
    await assert.rejects(client.models.generateContent(request('error-429')));
    const expected = { 'error.type': isAtLeast(version, '1.6.0') ? 'ApiError' : 'ClientError', 'llm_observer.call.outcome': 'failed' };
    assert.deepEqual(attributesLike(onlySpan(recording), expected), expected);
  });

  it('chats.sendMessage: one span, with the turns the chat sends', async () => {
    const chat = client.chats.create({ model: 'gemini-2.5-flash', history: [{ role: 'user', parts: [{ text: 'Hello' }] }, { role: 'model', parts: [{ text: 'Hi!' }] }] });
    await chat.sendMessage({ message: 'What is the capital of France?', config: fixture('generate-content') });
    // The history's two turns and the message.
    const expected = { ...USAGE, 'llm_observer.request.messages.count': 3 };
    assert.deepEqual(attributesLike(onlySpan(recording), expected), expected);
  });

  it('models.embedContent: one embeddings span, with the dimension count', async () => {
    const response = await client.models.embedContent({ model: 'gemini-embedding-001', contents: ['one', 'two'], config: fixture('embed-content') });
    assert.equal(response.embeddings?.length, 2);
    const expected = { 'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': 'gemini-embedding-001', 'gen_ai.embeddings.dimension.count': 4 };
    assert.deepEqual(attributesLike(onlySpan(recording), expected), expected);
  });

  it('models.countTokens: one count_tokens span, with no usage', async () => {
    const response = await client.models.countTokens({ ...QUESTION, config: fixture('count-tokens') });
    assert.equal(response.totalTokens, 31);
    const expected = { 'gen_ai.operation.name': 'count_tokens', 'gen_ai.usage.input_tokens': undefined, 'llm_observer.call.outcome': 'completed' };
    assert.deepEqual(attributesLike(onlySpan(recording), expected), expected);
  });

  it('caches.create: one span, with the cache, its size and how long it is kept', async () => {
    const cache = await client.caches.create({
      model: 'gemini-2.5-pro',
      config: { ...fixture('cache-create'), contents: [{ role: 'user', parts: [{ text: 'The contract…' }] }], ttl: '3600s' },
    });
    assert.equal(cache.name, CACHE);
    // expireTime 10:00 less updateTime 09:00: 3600 s.
    const expected = { 'gen_ai.operation.name': 'create_cached_content', 'gemini.cache.name': CACHE, 'llm_observer.cache_storage.tokens': 240000, 'llm_observer.cache_storage.seconds': 3600 };
    assert.deepEqual(attributesLike(onlySpan(recording), expected), expected);
  });

  it('caches.update and caches.delete: one span each', async () => {
    await client.caches.update({ name: CACHE, config: { ...fixture('cache-update'), ttl: '7200s' } });
    await client.caches.delete({ name: CACHE, config: fixture('cache-delete') });
    const operations = recording.spans().map((span) => [span.attributes['gen_ai.operation.name'], span.attributes['gemini.cache.name']]);
    assert.deepEqual(operations, [
      ['update_cached_content', CACHE],
      ['delete_cached_content', CACHE],
    ]);
  });

  if (isAtLeast(version, '2.9.0')) {
    it('interactions.create: one chat span, with the interaction usage and its cost', async () => {
      await client.interactions?.create({ model: 'gemini-3.6-flash', input: 'What is the capital of France?' }, { headers: { 'x-fixture': 'gemini/interaction' }, maxRetries: 0 });
      // test/fixtures/gemini/interaction.json: 12,000 input tokens of which 8,192 cached, 300 output and 150 thought tokens on
      // gemini-3.6-flash (1.50 in, 0.15 cached, 7.50 out per million): 3,808 × 1.50 + 8,192 × 0.15 + 450 × 7.50 = 10,315.8 µUSD.
      const expected = { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 12000, 'gen_ai.usage.cache_read.input_tokens': 8192, 'gen_ai.usage.output_tokens': 450, 'llm_observer.cost.total_usd': 0.0103158 };
      assert.deepEqual(attributesLike(onlySpan(recording), expected), expected);
    });
  } else {
    it('has no NextGen interactions client, whose create alone is traced', () => {
      const getter = Object.getOwnPropertyDescriptor(GoogleGenAI.prototype, 'interactions')?.get;
      assert.equal(getter === undefined || !Function.prototype.toString.call(getter).includes('GeminiNextGenInteractions'), true);
    });
  }

  it('live.connect: one chat span for the turn of a Live session, with its usage and its cost', async () => {
    await assertLiveTurnTraced(GoogleGenAI, recording);
  });

  it('draws no diag warning', () => {
    assert.deepEqual(recording.warnings, []);
  });
});
