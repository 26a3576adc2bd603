import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../support/telemetry-checks.js';
import { fixture, reliabilityBed } from './bed.js';
import { CHAT_STREAM, MESSAGE, RESPONSE } from './calls.js';

/**
 * Every way an app leaves a stream, for a stream of each provider: the span of the call ends
 * exactly once, with the outcome that says how, and no span stays open, as a processor that
 * counts the spans started and ended sees it. (The provider tests check what each span holds.)
 */

const bed = await reliabilityBed();

/** What the tests use of the SDKs' Stream, which both SDKs' streams have. */
interface SdkStream extends AsyncIterable<unknown> {
  readonly controller: AbortController;
  tee(): [AsyncIterable<unknown>, AsyncIterable<unknown>];
  toReadableStream(): ReadableStream;
}

/** Headers that slow the events down, so that the app acts while the stream is still coming. */
const SLOW = { 'x-fixture-event-delay-ms': '5' };

const STREAMS: Record<string, (headers?: Record<string, string>) => Promise<SdkStream>> = {
  'an OpenAI chat completion': (headers) => bed.openai.chat.completions.create(CHAT_STREAM, fixture('openai/chat-stream', headers)),
  'an OpenAI response': (headers) => bed.openai.responses.create({ ...RESPONSE, stream: true }, fixture('openai/responses-stream', headers)),
  'an Anthropic message': (headers) => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/message-stream', headers)),
};

async function readAll(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const event of stream) void event;
}

/** How the app leaves the stream, and the outcome its span must end with. */
const ENDINGS: Record<string, { outcome: string; leave: (open: (headers?: Record<string, string>) => Promise<SdkStream>) => Promise<void> }> = {
  'reads it to its end': { outcome: 'completed', leave: async (open) => readAll(await open()) },
  'breaks out of its loop early': {
    outcome: 'cancelled',
    leave: async (open) => {
      for await (const event of await open(SLOW)) {
        void event;
        break;
      }
    },
  },
  'throws inside its loop': {
    outcome: 'cancelled',
    leave: async (open) => {
      const stream = await open(SLOW);
      await expect(
        (async () => {
          for await (const event of stream) {
            void event;
            throw new Error('the app failed on an event');
          }
        })(),
      ).rejects.toThrow('the app failed on an event');
    },
  },
  'aborts it with controller.abort() mid-way': {
    outcome: 'cancelled',
    leave: async (open) => {
      const stream = await open(SLOW);
      let events = 0;
      for await (const event of stream) {
        void event;
        if (++events === 2) stream.controller.abort();
      }
    },
  },
  'is cut off by the server dropping the connection mid-stream': {
    outcome: 'failed',
    leave: async (open) => {
      await expect(readAll(await open({ 'x-fixture-drop': 'mid-stream' }))).rejects.toThrow();
    },
  },
  'never reads it, and drops it': {
    outcome: 'unread',
    leave: async (open) => {
      await open();
      await collectGarbage();
    },
  },
  'reads both tee() branches': {
    outcome: 'completed',
    leave: async (open) => {
      const [left, right] = (await open()).tee();
      await Promise.all([readAll(left), readAll(right)]);
    },
  },
  'reads it through toReadableStream()': {
    outcome: 'completed',
    leave: async (open) => {
      await new Response((await open()).toReadableStream()).text();
    },
  },
};

describe.each(Object.entries(STREAMS))('the stream of %s', (_, open) => {
  it.each(Object.entries(ENDINGS))('ends its span once when the app %s, and no span stays open', async (_ending, { outcome, leave }) => {
    await leave(open);
    const spans = bed.tracing.spans();
    expect(spans.map((span) => span.attributes['llm_observer.call.outcome'])).toEqual([outcome]);
    expect([...bed.ends.endsBySpanId.values()]).toEqual([1]);
    expect(bed.openSpans.open).toBe(0);
  });
});
