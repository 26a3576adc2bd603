import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { expectFailed, failureOf, fixture, onlyClientSpan, onlySpan, openAITestbed, readStream, startAttributes } from './testbed.js';

const bed = openAITestbed();
const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };

describe('chat.completions.create', () => {
  it('gives a plain call one CLIENT span named after the operation and request model', async () => {
    await bed.client.chat.completions.create(question, fixture('chat'));
    const span = onlyClientSpan(bed, 'chat gpt-4o-mini');
    expect(span.attributes).toEqual({
      ...startAttributes(bed, 'chat', 'gpt-4o-mini'),
      'gen_ai.response.id': 'chatcmpl-CfZ3xQ9a1b2c3d4e5f6g7h8i9j',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 9,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.usage.reasoning.output_tokens': 0,
      'openai.usage.prompt_tokens_details.audio_tokens': 0,
      'openai.usage.completion_tokens_details.audio_tokens': 0,
      'openai.response.service_tier': 'default',
      'openai.response.system_fingerprint': 'fp_560af6e559',
      'llm_observer.call.outcome': 'completed',
      // The shape of the content: 'Capital of France?' is 18 characters, the answer 31.
      'llm_observer.request.messages.count': 1,
      'llm_observer.request.messages.roles': ['user'],
      'llm_observer.request.messages.chars': [18],
      'llm_observer.request.images.count': 0,
      'llm_observer.request.tool_calls.count': 0,
      'llm_observer.request.tools.count': 0,
      'llm_observer.response.output.chars': [31],
      'llm_observer.response.tool_calls.count': 0,
    });
  });

  it('records the request parameters the call was made with', async () => {
    await bed.client.chat.completions.create(
      {
        ...question,
        max_completion_tokens: 256,
        temperature: 0.3,
        top_p: 0.9,
        frequency_penalty: 0.5,
        presence_penalty: -0.25,
        seed: 42,
        n: 1,
        stop: ['\n\n', 'END'],
        service_tier: 'default',
        response_format: { type: 'json_object' },
      },
      fixture('chat'),
    );
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.frequency_penalty': 0.5,
      'gen_ai.request.presence_penalty': -0.25,
      'gen_ai.request.seed': 42,
      'gen_ai.request.choice.count': 1,
      'llm_observer.request.stop_sequences.count': 2,
      'openai.request.service_tier': 'default',
      'gen_ai.output.type': 'json',
    });
  });

  it('counts a single stop string as one stop sequence, and records no sequence, which is the app’s text', async () => {
    await bed.client.chat.completions.create({ ...question, stop: 'END' }, fixture('chat'));
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.request.stop_sequences.count']).toBe(1);
    expect(attributes['gen_ai.request.stop_sequences']).toBeUndefined();
  });

  it('records a service tier the API does not document as _OTHER, not as the app wrote it', async () => {
    await bed.client.chat.completions.create({ ...question, service_tier: 'tier for ACME project x91' as 'auto' }, fixture('chat'));
    expect(onlySpan(bed).attributes['openai.request.service_tier']).toBe('_OTHER');
  });

  it('reads cache-write and reasoning tokens of a reasoning model, and the flex tier it ran on', async () => {
    await bed.client.chat.completions.create(
      { model: 'gpt-5.6', messages: question.messages, reasoning_effort: 'high', service_tier: 'flex' },
      fixture('chat-reasoning'),
    );
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'gen_ai.response.model': 'gpt-5.6-2026-10-08',
      'gen_ai.usage.input_tokens': 5120,
      'gen_ai.usage.cache_read.input_tokens': 3072,
      'gen_ai.usage.cache_creation.input_tokens': 1536,
      'gen_ai.usage.output_tokens': 845,
      'gen_ai.usage.reasoning.output_tokens': 640,
      'openai.request.service_tier': 'flex',
      'openai.response.service_tier': 'flex',
    });
    expect(span.attributes).not.toHaveProperty('openai.response.system_fingerprint');
  });

  it('reads a streamed call usage from the final usage chunk', async () => {
    const stream = await bed.client.chat.completions.create(
      { ...question, stream: true, stream_options: { include_usage: true } },
      fixture('chat-stream'),
    );
    const text: string[] = [];
    for await (const chunk of stream) text.push(chunk.choices[0]?.delta.content ?? '');
    expect(text.join('')).toBe('The capital of France is Paris.');
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'chatcmpl-CfZ4stream000000000000001',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 1920,
      'gen_ai.response.finish_reasons': ['stop'],
      'openai.response.service_tier': 'default',
      'openai.response.system_fingerprint': 'fp_560af6e559',
      'llm_observer.call.outcome': 'completed',
    });
  });

  it('measures the time to the first chunk of a stream, in seconds, within the span', async () => {
    const stream = await bed.client.chat.completions.create(
      { ...question, stream: true },
      fixture('chat-stream', { 'x-fixture-event-delay-ms': '20' }),
    );
    for await (const chunk of stream) void chunk;
    const span = onlySpan(bed);
    const durationSeconds = span.duration[0] + span.duration[1] / 1e9;
    const firstChunkSeconds = span.attributes['gen_ai.response.time_to_first_chunk'] as number;
    // The server waits 20 ms before each event, so the first one is at least that late.
    expect(firstChunkSeconds).toBeGreaterThanOrEqual(0.019);
    expect(firstChunkSeconds).toBeLessThan(durationSeconds);
  });

  it('sets no usage on a stream that did not ask for it, and still reads its id, model and finish reason', async () => {
    const stream = await bed.client.chat.completions.create({ ...question, stream: true }, fixture('chat-stream-no-usage'));
    for await (const chunk of stream) void chunk;
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'gen_ai.response.id': 'chatcmpl-CfZ9nousage00000000000001',
      'gen_ai.response.finish_reasons': ['stop'],
      'llm_observer.call.outcome': 'completed',
    });
    expect(Object.keys(span.attributes).filter((key) => key.startsWith('gen_ai.usage.'))).toEqual([]);
  });

  it('reads cache-write and reasoning tokens from the usage chunk of a streamed reasoning call', async () => {
    const stream = await bed.client.chat.completions.create(
      { model: 'gpt-5.6', messages: question.messages, stream: true, stream_options: { include_usage: true } },
      fixture('chat-reasoning-stream'),
    );
    for await (const chunk of stream) void chunk;
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 5120,
      'gen_ai.usage.cache_read.input_tokens': 3072,
      'gen_ai.usage.cache_creation.input_tokens': 1536,
      'gen_ai.usage.output_tokens': 710,
      'gen_ai.usage.reasoning.output_tokens': 576,
      'openai.response.service_tier': 'flex',
    });
  });

  it.each([
    ['400 invalid request', 'error-400', 'BadRequestError', 400],
    ['401 authentication', 'error-401', 'AuthenticationError', 401],
    ['429 rate limit', 'error-429', 'RateLimitError', 429],
    ['500 server', 'error-500', 'InternalServerError', 500],
  ])('ends the span of a call that fails with a %s error as ERROR, typed by the SDK error class', async (_, name, errorType, status) => {
    const failure = await failureOf(bed.client.chat.completions.create(question, fixture(name)));
    expect(failure).toBeInstanceOf(bed.sdk.APIError);
    expect((failure as InstanceType<typeof bed.sdk.APIError>).status).toBe(status);
    const span = onlySpan(bed);
    expectFailed(span, errorType);
    expect(span.status.message).toMatch(new RegExp(`^${errorType} ${status}`));
    expect(span.attributes).not.toHaveProperty('gen_ai.response.id');
  });

  it('ends the span of a stream that carries an error as ERROR after the chunks before it', async () => {
    const stream = await bed.client.chat.completions.create({ ...question, stream: true }, fixture('chat-stream-error'));
    const { events, failure } = await readStream(stream);
    expect(events.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('The answer');
    expect(failure).toBeInstanceOf(bed.sdk.APIError);
    const span = onlySpan(bed);
    expectFailed(span, 'APIError');
    expect(span.attributes['gen_ai.response.id']).toBe('chatcmpl-CfZAerrorstream00000000001');
  });

  it('gives a call that the SDK retries after a 429 one span, with the usage of the attempt that succeeded', async () => {
    const retrying = bed.newClient({ maxRetries: 1 });
    const completion = await retrying.chat.completions.create(question, fixture('error-429,chat'));
    expect(completion.choices[0]?.message.content).toBe('The capital of France is Paris.');
    expect(bed.server.requests).toHaveLength(2);
    const span = onlySpan(bed);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 2310, 'llm_observer.call.outcome': 'completed' });
  });
});
