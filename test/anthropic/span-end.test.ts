import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../support/telemetry-checks.js';
import { anthropicTestbed, fixture, onlySpan, QUESTION } from './testbed.js';

/** When the span of a call ends: once, whichever way the application leaves the call. */

const bed = anthropicTestbed();

const slowStream = fixture('message-stream', { 'x-fixture-event-delay-ms': '20' });

describe('the span of a call', () => {
  it('ends once, cancelled, when the application aborts the request before it goes out', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(bed.client.messages.create(QUESTION, { ...fixture('message'), signal: controller.signal })).rejects.toBeInstanceOf(
      bed.sdk.APIUserAbortError,
    );
    expect(bed.server.requests).toEqual([]);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('ends once, cancelled, when the application breaks out of the stream early', async () => {
    const stream = await bed.client.messages.create({ ...QUESTION, stream: true }, slowStream);
    for await (const event of stream) {
      if (event.type === 'content_block_start') break;
    }
    expect(onlySpan(bed).attributes).toMatchObject({
      'llm_observer.call.outcome': 'cancelled',
      'gen_ai.usage.cache_read.input_tokens': 1800,
    });
  });

  it('ends once, unread, when the application drops the API promise without awaiting it', async () => {
    void bed.client.messages.create(QUESTION, fixture('message'));
    await expect.poll(() => bed.server.requests.length).toBe(1);
    await collectGarbage();
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('unread');
  });

  it('ends once, unread, when the application drops a stream it never reads', async () => {
    await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream'));
    await collectGarbage();
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('unread');
  });

  it('ends once when the application reads the stream after withResponse() and iterates it again', async () => {
    const { data } = await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream')).withResponse();
    for await (const event of data) void event;
    await expect(async () => {
      for await (const event of data) void event;
    }).rejects.toThrow('Cannot iterate over a consumed stream');
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('completed');
  });
});
