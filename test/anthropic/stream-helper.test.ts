import { describe, expect, it } from 'vitest';
import { anthropicTestbed, CACHED_USAGE, fixture, onlySpan, OUR_SCOPE, QUESTION } from './testbed.js';

const bed = anthropicTestbed();

/** Slow enough events that the test acts while the stream is still open. */
const slowStream = fixture('message-stream', { 'x-fixture-event-delay-ms': '20' });

describe('messages.stream()', () => {
  it('gives the helper one span of this package, with the usage of the events its text came from', async () => {
    const stream = bed.client.messages.stream(QUESTION, fixture('message-stream'));
    const text: string[] = [];
    stream.on('text', (delta) => text.push(delta));
    const message = await stream.finalMessage();
    expect(text.join('')).toBe('The capital of France is Paris.');
    expect(message.usage.output_tokens).toBe(9);
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(OUR_SCOPE);
    expect(span.attributes).toMatchObject({
      ...CACHED_USAGE,
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'anthropic.request.cache_control.breakpoints': 2,
      'llm_observer.call.outcome': 'completed',
    });
  });

  it('ends the span, completed, when the application iterates the helper to its end', async () => {
    const types: string[] = [];
    for await (const event of bed.client.messages.stream(QUESTION, fixture('message-stream'))) types.push(event.type);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(onlySpan(bed).attributes).toMatchObject({ ...CACHED_USAGE, 'llm_observer.call.outcome': 'completed' });
  });

  it('ends the span once, cancelled, when the application aborts the helper mid-stream, which then rejects as without this package', async () => {
    const stream = bed.client.messages.stream(QUESTION, slowStream);
    stream.once('text', () => stream.abort());
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(bed.sdk.APIUserAbortError);
    const span = onlySpan(bed);
    expect(span.attributes['llm_observer.call.outcome']).toBe('cancelled');
    expect(span.attributes['gen_ai.usage.cache_read.input_tokens']).toBe(1800);
  });

  it('ends the span once, cancelled, when the application breaks out of the helper early', async () => {
    for await (const event of bed.client.messages.stream(QUESTION, slowStream)) {
      if (event.type === 'content_block_delta') break;
    }
    await expect.poll(() => bed.tracing.spans().length).toBe(1);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('ends the span, failed, with the error class, when the API sends an error event mid-stream', async () => {
    const stream = bed.client.messages.stream(QUESTION, fixture('message-stream-overloaded'));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(bed.sdk.APIError);
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'llm_observer.call.outcome': 'failed',
      'error.type': 'APIError',
      'gen_ai.usage.cache_read.input_tokens': 1800,
    });
  });
});

describe('beta.messages.stream()', () => {
  it('gives the beta helper one span of this package with the usage of its events', async () => {
    const message = await bed.client.beta.messages.stream(QUESTION, fixture('message-stream')).finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(OUR_SCOPE);
    expect(span.attributes).toMatchObject({ ...CACHED_USAGE, 'llm_observer.call.outcome': 'completed' });
  });
});
