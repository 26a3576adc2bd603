import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { expectFailed, failureOf, fixture, onlySpan, openAITestbed } from './testbed.js';

const bed = openAITestbed();
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Capital of France?' }],
  stream_options: { include_usage: true },
};

describe('chat.completions.stream()', () => {
  it('emits every content event and a final completion while its one span reads the usage', async () => {
    const stream = bed.client.chat.completions.stream(request, fixture('chat-stream'));
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const completion = await stream.finalChatCompletion();
    expect(deltas.join('')).toBe('The capital of France is Paris.');
    expect(completion.choices[0]?.message.content).toBe('The capital of France is Paris.');
    expect(completion.usage?.prompt_tokens).toBe(2310);
    const span = onlySpan(bed);
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'chatcmpl-CfZ4stream000000000000001',
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 1920,
      'gen_ai.response.finish_reasons': ['stop'],
      'llm_observer.call.outcome': 'completed',
    });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
  });

  it('ends the span as cancelled, not failed, when the app aborts the helper mid-stream', async () => {
    const stream = bed.client.chat.completions.stream(request, fixture('chat-stream', { 'x-fixture-event-delay-ms': '10' }));
    const deltas: string[] = [];
    stream.on('content', (delta) => {
      deltas.push(delta);
      if (deltas.length === 2) stream.abort();
    });
    const failure = await failureOf(stream.finalChatCompletion());
    expect(failure).toBeInstanceOf(bed.sdk.APIUserAbortError);
    expect(deltas).toEqual(['The', ' capital']);
    const span = onlySpan(bed);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['llm_observer.call.outcome']).toBe('cancelled');
    expect(span.attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
  });

  it('reports a stream that carries an error to the app error listener and ends the span as ERROR', async () => {
    const stream = bed.client.chat.completions.stream(request, fixture('chat-stream-error'));
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(error));
    const failure = await failureOf(stream.finalChatCompletion());
    expect(errors).toEqual([failure]);
    expect(failure).toBeInstanceOf(bed.sdk.APIError);
    expectFailed(onlySpan(bed), 'APIError');
  });

  it('ends the span of a helper stream the API refuses with a 429 as ERROR', async () => {
    const stream = bed.client.chat.completions.stream(request, fixture('error-429'));
    const failure = await failureOf(stream.finalChatCompletion());
    expect(failure).toBeInstanceOf(bed.sdk.RateLimitError);
    expectFailed(onlySpan(bed), 'RateLimitError');
  });
});
