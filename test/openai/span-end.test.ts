import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { collectGarbage, turnsOfTheEventLoop } from '../support/telemetry-checks.js';
import { fixture, onlySpan, openAITestbed, readStream } from './testbed.js';

const bed = openAITestbed();
const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };
const streamed = { ...question, stream: true as const, stream_options: { include_usage: true } };

/** The OTel SDK's own complaint when a span is ended twice. */
const ENDED_TWICE = 'You can only call end() on a span once';

afterEach(() => {
  expect(bed.diagnostics.messages.filter((message) => message.text.includes(ENDED_TWICE))).toEqual([]);
});

const outcome = (span: ReadableSpan) => span.attributes['llm_observer.call.outcome'];
const epochMs = (time: ReadableSpan['endTime']) => time[0] * 1000 + time[1] / 1e6;

describe('the span of an API call ends exactly once', () => {
  it('when a plain call succeeds', async () => {
    await bed.client.chat.completions.create(question, fixture('chat'));
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('completed');
  });

  it('when a call fails asynchronously with a 429', async () => {
    await bed.client.chat.completions.create(question, fixture('error-429')).catch(() => undefined);
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('failed');
  });

  it('when its stream fails mid-way because the connection drops', async () => {
    const stream = await bed.client.chat.completions.create(streamed, fixture('chat-stream', { 'x-fixture-drop': 'mid-stream' }));
    const { failure } = await readStream(stream);
    expect(failure).toBeInstanceOf(Error);
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('failed');
  });

  it('when the app aborts its stream with controller.abort() mid-way', async () => {
    const stream = await bed.client.chat.completions.create(streamed, fixture('chat-stream', { 'x-fixture-event-delay-ms': '10' }));
    let chunks = 0;
    for await (const chunk of stream) {
      void chunk;
      if (++chunks === 2) stream.controller.abort();
    }
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('cancelled');
  });

  it('when the app aborts the request before the response arrives', async () => {
    const controller = new AbortController();
    const call = bed.client.chat.completions.create(question, { ...fixture('chat', { 'x-fixture-body-delay-ms': '50' }), signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(bed.sdk.APIUserAbortError);
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('cancelled');
  });

  it('when the app breaks out of a for await early, before the loop moves on', async () => {
    const stream = await bed.client.chat.completions.create(streamed, fixture('chat-stream'));
    for await (const chunk of stream) {
      void chunk;
      break;
    }
    expect(outcome(onlySpan(bed))).toBe('cancelled');
    await collectGarbage();
    expect(bed.ends.endsBySpanId.size).toBe(1);
    expect([...bed.ends.endsBySpanId.values()]).toEqual([1]);
  });

  it('when the app never reads its stream, once the stream is garbage-collected, as unread at the response arrival', async () => {
    await (async () => {
      await bed.client.chat.completions.create(streamed, fixture('chat-stream'));
    })();
    const droppedAtMs = Date.now();
    await collectGarbage();
    const span = onlySpan(bed);
    expect(outcome(span)).toBe('unread');
    expect(epochMs(span.endTime)).toBeLessThanOrEqual(droppedAtMs);
    expect(epochMs(span.endTime)).toBeGreaterThanOrEqual(epochMs(span.startTime));
  });

  it('when the app splits its stream with tee() and reads neither branch, once they are garbage-collected', async () => {
    await (async () => {
      const stream = await bed.client.chat.completions.create(streamed, fixture('chat-stream'));
      stream.tee();
    })();
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('unread');
  });

  it('when the app reads part of its stream by hand and drops it, once it is garbage-collected, as cancelled', async () => {
    await (async () => {
      const stream = await bed.client.chat.completions.create(streamed, fixture('chat-stream'));
      await stream[Symbol.asyncIterator]().next();
    })();
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('cancelled');
  });

  it('when the app never awaits its API promise, once the promise is garbage-collected', async () => {
    (() => {
      void bed.client.chat.completions.create(question, fixture('chat'));
    })();
    while (bed.server.requests.length === 0) await turnsOfTheEventLoop(1);
    await collectGarbage();
    expect(outcome(onlySpan(bed))).toBe('unread');
  });

  it('when the app takes the raw response with asResponse() and reads its body itself', async () => {
    const response = await bed.client.chat.completions.create(question, fixture('chat')).asResponse();
    expect((JSON.parse(await response.text()) as { id: string }).id).toBe('chatcmpl-CfZ3xQ9a1b2c3d4e5f6g7h8i9j');
    await collectGarbage();
    const span = onlySpan(bed);
    expect(outcome(span)).toBe('completed');
    expect(span.attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
  });

  it('when the app asks withResponse() for both the body and the raw response', async () => {
    const { data, response } = await bed.client.chat.completions.create(question, fixture('chat')).withResponse();
    expect(data.id).toBe('chatcmpl-CfZ3xQ9a1b2c3d4e5f6g7h8i9j');
    expect(response.status).toBe(200);
    await collectGarbage();
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.call.outcome': 'completed', 'gen_ai.usage.input_tokens': 2310 });
  });
});

/** Runs `call` while collecting garbage every few milliseconds, as a busy app would. */
async function whileCollectingGarbage<T>(call: () => Promise<T>): Promise<T> {
  const gc = globalThis.gc as () => void;
  let waiting = true;
  const collector = (async () => {
    while (waiting) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    return await call();
  } finally {
    waiting = false;
    await collector;
  }
}

describe('garbage collections while the app waits for a response', () => {
  // The server holds each body back, so the collections happen while the SDK waits for it.
  const slowBody = { 'x-fixture-body-delay-ms': '60' };

  it('leave the span of a plain call to its parse, which ends it with the usage rather than as unread', async () => {
    const completion = await whileCollectingGarbage(() => bed.client.chat.completions.create(question, fixture('chat', slowBody)));
    expect(completion.id).toBe('chatcmpl-CfZ3xQ9a1b2c3d4e5f6g7h8i9j');
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.call.outcome': 'completed', 'gen_ai.usage.input_tokens': 2310 });
  });

  it('leave the span of a parse() helper call, on the promise the SDK derived for it, to that promise', async () => {
    const completion = await whileCollectingGarbage(() =>
      bed.client.chat.completions.parse({ ...question, response_format: { type: 'json_object' } }, fixture('chat-structured', slowBody)),
    );
    expect(completion.choices[0]?.message.content).toContain('Marseille');
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.call.outcome': 'completed', 'gen_ai.usage.input_tokens': 96 });
  });
});
