import { describe, expect, it } from 'vitest';
import { anthropicTestbed, CACHED_USAGE, fixture, onlySpan, QUESTION, withoutThisPackage } from './testbed.js';

/**
 * The SDK's contract as the application sees it, which this package must leave as it is: the API
 * promise's `withResponse()` and `asResponse()`, the request id, and the stream's `tee()`,
 * `toReadableStream()` and `controller`. Each test compares with the same call made with the
 * instrumentation disabled.
 */

const bed = anthropicTestbed();

const ask = () => bed.client.messages.create(QUESTION, fixture('message'));
const askStreamed = () => bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream'));

async function eventsOf(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('the API promise', () => {
  it('gives the same message and request id when awaited', async () => {
    const baseline = await withoutThisPackage(bed, ask);
    const message = await ask();
    expect(message).toEqual(baseline);
    expect(message._request_id).toBe('req_011CVQ7mK2xWqP8sYd3nR4tA');
  });

  it('gives the same data, response and request id from withResponse(), and the span its usage', async () => {
    const baseline = await withoutThisPackage(bed, () => ask().withResponse());
    const { data, response, request_id } = await ask().withResponse();
    expect(data).toEqual(baseline.data);
    expect(request_id).toBe(baseline.request_id);
    expect(response.status).toBe(baseline.response.status);
    expect(onlySpan(bed).attributes).toMatchObject({ ...CACHED_USAGE, 'llm_observer.call.outcome': 'completed' });
  });

  it('leaves the body of asResponse() unread for the application, and ends the span without usage', async () => {
    const baseline = await withoutThisPackage(bed, async () => (await ask().asResponse()).json());
    const response = await ask().asResponse();
    expect(await response.json()).toEqual(baseline);
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.call.outcome']).toBe('completed');
    expect(attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
  });

  it('gives a streamed call the same stream from withResponse(), whose events the span reads', async () => {
    const baseline = await withoutThisPackage(bed, async () => eventsOf((await askStreamed().withResponse()).data));
    const { data } = await askStreamed().withResponse();
    expect(await eventsOf(data)).toEqual(baseline);
    expect(onlySpan(bed).attributes).toMatchObject(CACHED_USAGE);
  });
});

describe('the stream', () => {
  it('gives both halves of tee() every event, and the span the usage, ended once', async () => {
    const baseline = await withoutThisPackage(bed, async () => eventsOf(await askStreamed()));
    const [left, right] = (await askStreamed()).tee();
    expect(await eventsOf(left)).toEqual(baseline);
    expect(await eventsOf(right)).toEqual(baseline);
    expect(onlySpan(bed).attributes).toMatchObject({ ...CACHED_USAGE, 'llm_observer.call.outcome': 'completed' });
  });

  it('gives toReadableStream() the same bytes, and the span the usage', async () => {
    const read = async () => new Response((await askStreamed()).toReadableStream()).text();
    const baseline = await withoutThisPackage(bed, read);
    expect(await read()).toBe(baseline);
    expect(onlySpan(bed).attributes).toMatchObject(CACHED_USAGE);
  });

  it('keeps the SDK controller, whose abort ends the read and the span, cancelled', async () => {
    const stream = await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream', { 'x-fixture-event-delay-ms': '20' }));
    const events: unknown[] = [];
    for await (const event of stream) {
      events.push(event);
      if (events.length === 2) stream.controller.abort();
    }
    expect(events).toHaveLength(2);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });
});
