import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, GroqInstrumentation } from '../../src/index.js';
import { expectCost } from '../processor/expect-cost.js';
import { GROQ_GPT_OSS_CACHED_COST } from '../processor/groq-cached-chat.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { expectRejectsAsUntraced, onlySpan, testbedParts } from '../support/testbed-parts.js';

/**
 * `groq-sdk` (installed: 1.x), traced by GroqInstrumentation with the real OTel SDK and the cost
 * processor. The client keeps GroqCloud's own base URL (https://api.groq.com/openai/v1); its
 * `fetch` option sends each request to the fixture server instead, keeping the path, and notes the
 * host it was meant for. The fixtures are GroqCloud's wire format, JSON and SSE, each naming the
 * reference it follows (test/fixtures/groq/, and the Groq fixtures of test/fixtures/openai-backends/
 * that the `openai` SDK's tests use too: the two SDKs receive the same bytes). Prices are
 * data/pricing_v1.json's, USD per million tokens.
 */

type Sdk = typeof import('groq-sdk');
const parts = testbedParts(() => new GroqInstrumentation(), [new CostSpanProcessor()], () => undefined);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const sdk = createRequire(import.meta.url)('groq-sdk') as Sdk;
const API_KEY = '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';
const intendedHosts: string[] = [];
const client = () => new sdk.Groq({ apiKey: API_KEY, maxRetries: 0, fetch: fetchToFixtures(parts.server.origin, (meant) => intendedHosts.push(meant.host)) });
const answeredBy = (name: string) => ({ headers: { 'x-fixture': name } });
const question = { model: 'openai/gpt-oss-120b', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };

describe('a chat completion through groq-sdk', () => {
  it("is one CLIENT span of provider groq at GroqCloud's host, with its usage, cache reads and finish reason, priced at GroqCloud's price", async () => {
    intendedHosts.length = 0;
    const completion = await client().chat.completions.create(question, answeredBy('openai-backends/groq-chat'));
    expect(completion.choices[0]?.message.content).toBe('Paris.');
    expect(intendedHosts).toEqual(['api.groq.com']);
    const span = onlySpan(parts);
    expect([span.name, span.kind, span.status.code, span.instrumentationScope.name]).toEqual([
      'chat openai/gpt-oss-120b',
      SpanKind.CLIENT,
      SpanStatusCode.UNSET,
      'otel-llm-observer/groq',
    ]);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'groq',
      'server.address': 'api.groq.com',
      'server.port': 443,
      'gen_ai.request.model': 'openai/gpt-oss-120b',
      'gen_ai.response.model': 'openai/gpt-oss-120b',
      'gen_ai.usage.input_tokens': 2100,
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.usage.cache_read.input_tokens': 1024,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expectCost(span.attributes, GROQ_GPT_OSS_CACHED_COST);
  });

  it("streamed without stream_options, reads the usage GroqCloud puts in the last chunk's x_groq", async () => {
    const stream = await client().chat.completions.create({ ...question, stream: true }, answeredBy('openai-backends/groq-chat-stream-x-groq'));
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Paris.');
    const span = onlySpan(parts);
    expect([span.attributes['gen_ai.request.stream'], span.attributes['llm_observer.call.outcome']]).toEqual([true, 'completed']);
    expectCost(span.attributes, GROQ_GPT_OSS_CACHED_COST);
  });

  it('left after its first chunk ends its span as cancelled, and the app keeps what it read', async () => {
    const stream = await client().chat.completions.create({ ...question, stream: true }, answeredBy('openai-backends/groq-chat-stream-x-groq'));
    for await (const chunk of stream) {
      expect(chunk.id).toBe('chatcmpl-4e2a9c71-0b3d-4f58-a6e1-7c9d2b8f5a30');
      break;
    }
    expect(onlySpan(parts).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('keeps the APIPromise the SDK returns: withResponse() gives the body and the raw response', async () => {
    const { data, response } = await client().chat.completions.create(question, answeredBy('openai-backends/groq-chat')).withResponse();
    expect([data.usage?.prompt_tokens, response.status]).toEqual([2100, 200]);
    expect(onlySpan(parts).attributes['gen_ai.usage.input_tokens']).toBe(2100);
  });

  it('carries no message text by default', async () => {
    await client().chat.completions.create(question, answeredBy('openai-backends/groq-chat'));
    const values = Object.values(onlySpan(parts).attributes).map(String);
    expect(values.filter((value) => value.includes('capital of France') || value.includes('Paris'))).toEqual([]);
  });

  it.each([
    ['429 rate limit', 'groq/error-429', 'RateLimitError 429 rate_limit_exceeded'],
    ['400 decommissioned model', 'groq/error-400-decommissioned', 'BadRequestError 400 model_decommissioned'],
  ])('failing with a %s, rejects as without the instrumentation, and ends the span with the error', async (_, fixture, status) => {
    await expectRejectsAsUntraced(parts, () => client().chat.completions.create(question, answeredBy(fixture)), status);
  });
});

describe('the other surfaces of groq-sdk', () => {
  it('an embeddings call is an embeddings span with its input tokens; its model, which GroqCloud no longer lists, unpriced', async () => {
    await client().embeddings.create({ model: 'nomic-embed-text-v1_5', input: 'quarterly close' }, answeredBy('groq/embeddings'));
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.provider.name'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['embeddings nomic-embed-text-v1_5', 'groq', 9]);
    expect(span.attributes['llm_observer.cost.unpriced_reason']).toBe('unknown_model');
  });

  it('a transcription is a span of its model, the audio never read; Groq reports no usage for it', async () => {
    const file = await sdk.toFile(Buffer.from('RIFF0000WAVEfmt '), 'close.wav', { type: 'audio/wav' });
    const transcription = await client().audio.transcriptions.create({ model: 'whisper-large-v3', file }, answeredBy('groq/transcription'));
    expect(transcription.text).toContain('quarterly close');
    const span = onlySpan(parts);
    expect([span.attributes['gen_ai.provider.name'], span.attributes['gen_ai.request.model'], span.attributes['gen_ai.usage.input_tokens']]).toEqual([
      'groq',
      'whisper-large-v3',
      undefined,
    ]);
    expect(Object.values(span.attributes).map(String).filter((value) => value.includes('quarterly'))).toEqual([]);
  });
});
