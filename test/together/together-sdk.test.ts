import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, TogetherInstrumentation } from '../../src/index.js';
import { expectCost, noCache } from '../processor/expect-cost.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { expectRejectsAsUntraced, onlySpan, testbedParts, untracedThenTraced } from '../support/testbed-parts.js';

/**
 * `together-ai` (installed: 0.52.0), traced by TogetherInstrumentation with the real OTel SDK and
 * the cost processor. The client keeps Together's own base URL (https://api.together.ai/v1 from
 * 0.40.0, https://api.together.xyz/v1 before); its `fetch` option sends each request to the
 * fixture server instead, keeping the path, and notes the host it was meant for. The fixtures are
 * Together's wire format, JSON and SSE, each naming the reference it follows
 * (test/fixtures/together/, and the Together fixtures of test/fixtures/openai-backends/ that the
 * `openai` SDK's tests use too: the two SDKs receive the same bytes). Prices are
 * data/pricing_v1.json's, USD per million tokens.
 */

type Sdk = typeof import('together-ai');
const parts = testbedParts(() => new TogetherInstrumentation(), [new CostSpanProcessor()], () => undefined);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const sdk = createRequire(import.meta.url)('together-ai') as Sdk;
// A fake in the shape of Together's keys: tgp_v1_ and 43 characters of base64url.
const API_KEY = 'tgp_v1_Kq3vN8wR2tY5uI7oP9aS1dF4gH6jK8lZ0xC2vB4n-M_';
const intendedHosts: string[] = [];
const client = () => new sdk.Together({ apiKey: API_KEY, maxRetries: 0, fetch: fetchToFixtures(parts.server.origin, (meant) => intendedHosts.push(meant.host)) });
const answeredBy = (name: string) => ({ headers: { 'x-fixture': name } });
const LLAMA = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const question = { model: LLAMA, messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };

/**
 * The chat of openai-backends/together-chat: 1000 input tokens, 600 of them cached (Together's flat
 * `cached_tokens`), and 250 output, at Llama 3.3 70B Turbo's price, 0.88 for every token (Together
 * lists no cached-input price): input 400 × 0.88 = 352 µ$, cache reads 600 × 0.88 = 528 µ$, output
 * 250 × 0.88 = 220 µ$; 1100 µ$ in all, as much as uncached, so nothing saved.
 */
const LLAMA_CACHED_COST = {
  entry: 'together/llama-3.3-70b-instruct-turbo',
  total: 0.0011,
  input: 0.000352,
  output: 0.00022,
  cacheRead: 0.000528,
  cacheWrite: 0,
  uncached: 0.0011,
  savings: 0,
};

describe('a chat completion through together-ai', () => {
  it("is one CLIENT span of provider together at Together's host, with its usage, cache reads and finish reason, priced at Together's price", async () => {
    intendedHosts.length = 0;
    const completion = await client().chat.completions.create(question, answeredBy('openai-backends/together-chat'));
    expect(completion.choices[0]?.message?.content).toBe('Paris.');
    expect(intendedHosts).toEqual(['api.together.ai']);
    const span = onlySpan(parts);
    expect([span.name, span.kind, span.status.code, span.instrumentationScope.name]).toEqual([`chat ${LLAMA}`, SpanKind.CLIENT, SpanStatusCode.UNSET, 'otel-llm-observer/together']);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'together',
      'server.address': 'api.together.ai',
      'server.port': 443,
      'gen_ai.request.model': LLAMA,
      'gen_ai.response.model': LLAMA,
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 250,
      'gen_ai.usage.cache_read.input_tokens': 600,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expectCost(span.attributes, LLAMA_CACHED_COST);
  });

  it('streamed, reads the usage Together sends in the last chunk, without stream_options', async () => {
    const stream = await client().chat.completions.create({ ...question, stream: true }, answeredBy('openai-backends/together-chat-stream'));
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Paris.');
    const span = onlySpan(parts);
    expect([span.attributes['gen_ai.request.stream'], span.attributes['llm_observer.call.outcome']]).toEqual([true, 'completed']);
    expectCost(span.attributes, LLAMA_CACHED_COST);
  });

  it('left after its first chunk ends its span as cancelled, and the app keeps what it read', async () => {
    const stream = await client().chat.completions.create({ ...question, stream: true }, answeredBy('openai-backends/together-chat-stream'));
    for await (const chunk of stream) {
      expect(chunk.id).toBe('o9Xk2cT-3NKUce-9a1f2b3c4d5e6f70');
      break;
    }
    expect(onlySpan(parts).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('failing mid-stream with an error event, throws to the app as without the instrumentation, and ends the span failed', async () => {
    const read = async () => {
      const stream = await client().chat.completions.create({ ...question, stream: true }, answeredBy('together/chat-stream-error'));
      let text = '';
      try {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      } catch (error) {
        return { text, error: error as InstanceType<Sdk['APIError']> };
      }
      return { text, error: undefined };
    };
    const { baseline, traced } = await untracedThenTraced(parts, read);
    expect([traced.text, traced.error?.constructor, traced.error?.message, traced.error?.error]).toEqual([baseline.text, baseline.error?.constructor, baseline.error?.message, baseline.error?.error]);
    expect(traced.text).toBe('Par');
    const span = onlySpan(parts);
    expect([span.status.code, span.attributes['llm_observer.call.outcome']]).toEqual([SpanStatusCode.ERROR, 'failed']);
  });

  it('keeps the APIPromise the SDK returns: withResponse() gives the body and the raw response', async () => {
    const { data, response } = await client().chat.completions.create(question, answeredBy('openai-backends/together-chat')).withResponse();
    expect([data.usage?.prompt_tokens, response.status]).toEqual([1000, 200]);
    expect(onlySpan(parts).attributes['gen_ai.usage.input_tokens']).toBe(1000);
  });

  it('carries no message text by default', async () => {
    await client().chat.completions.create(question, answeredBy('openai-backends/together-chat'));
    const values = Object.values(onlySpan(parts).attributes).map(String);
    expect(values.filter((value) => value.includes('capital of France') || value.includes('Paris'))).toEqual([]);
  });

  it.each([
    ['404 unknown model', 'together/error-404-model', 'NotFoundError 404 model_not_found'],
    ['429 rate limit', 'together/error-429', 'RateLimitError 429 rate_limit_exceeded'],
  ])('failing with a %s, rejects as without the instrumentation, and ends the span with the error', async (_, fixture, status) => {
    await expectRejectsAsUntraced(parts, () => client().chat.completions.create(question, answeredBy(fixture)), status);
  });
});

describe('the other surfaces of together-ai', () => {
  it("a completion is a text_completion span with its usage, priced at Together's price", async () => {
    const completion = await client().completions.create({ model: LLAMA, prompt: 'The quarterly close is on', max_tokens: 8 }, answeredBy('together/completion'));
    expect(completion.choices[0]?.text).toBe(' the last business day of March.');
    const span = onlySpan(parts);
    expect(span.name).toBe(`text_completion ${LLAMA}`);
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'together',
      'gen_ai.request.max_tokens': 8,
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 8,
      'gen_ai.response.finish_reasons': ['length'],
    });
    // 12 × 0.88 = 10.56 µ$ and 8 × 0.88 = 7.04 µ$: 17.6 µ$
    expectCost(span.attributes, noCache('together/llama-3.3-70b-instruct-turbo', 0.00001056, 0.00000704, 0.0000176));
  });

  it('an embeddings call is an embeddings span; Together reports no usage for it, so it is unpriced for want of one', async () => {
    await client().embeddings.create({ model: 'BAAI/bge-base-en-v1.5', input: 'quarterly close' }, answeredBy('together/embeddings'));
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.provider.name'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['embeddings BAAI/bge-base-en-v1.5', 'together', undefined]);
    expect(span.attributes['llm_observer.cost.unpriced_reason']).toBe('no_usage');
  });

  it('a transcription is a span of its model, the audio never read; Together reports no usage for it', async () => {
    const file = await sdk.toFile(Buffer.from('RIFF0000WAVEfmt '), 'close.wav', { type: 'audio/wav' });
    const transcription = await client().audio.transcriptions.create({ model: 'openai/whisper-large-v3', file }, answeredBy('together/transcription'));
    expect(transcription).toMatchObject({ text: 'The quarterly close is on the last business day of March.' });
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.provider.name'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['generate_content openai/whisper-large-v3', 'together', undefined]);
    expect(Object.values(span.attributes).map(String).filter((value) => value.includes('quarterly'))).toEqual([]);
  });
});
