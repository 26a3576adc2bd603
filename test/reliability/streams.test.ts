import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../support/telemetry-checks.js';
import { fixture, geminiFixture, interactionFixture, reliabilityBed } from './bed.js';
import { CHAT_STREAM, CONTENT, INTERACTION_STREAM, MESSAGE, RESPONSE } from './calls.js';

/**
 * Every way an app leaves a stream, for a stream of each provider: the span of the call ends
 * exactly once, with the outcome that says how, and no span stays open, as a processor that
 * counts the spans started and ended sees it. (The provider tests check what each span holds.)
 * The Stainless SDKs' streams (`openai`, `@anthropic-ai/sdk`) are also left through what only
 * their `Stream` has; `@google/genai` streams are async generators, aborted by the request's
 * `abortSignal`, and its Interactions API's a web `ReadableStream`, aborted by the request's
 * `signal`, and also left through its reader.
 */

const bed = await reliabilityBed();

/** What the tests use of the Stainless SDKs' Stream. */
interface SdkStream extends AsyncIterable<unknown> {
  readonly controller: AbortController;
  tee(): [AsyncIterable<unknown>, AsyncIterable<unknown>];
  toReadableStream(): ReadableStream;
}

/** A stream as the app holds it: its events, and how the app aborts it. */
interface AppStream {
  readonly events: AsyncIterable<unknown>;
  abort(): void;
}

type Open<T> = (headers?: Record<string, string>) => Promise<T>;

/** Headers that slow the events down, so that the app acts while the stream is still coming. */
const SLOW = { 'x-fixture-event-delay-ms': '5' };

const STAINLESS_STREAMS: Record<string, Open<SdkStream>> = {
  'an OpenAI chat completion': (headers) => bed.openai.chat.completions.create(CHAT_STREAM, fixture('openai/chat-stream', headers)),
  'an OpenAI response': (headers) => bed.openai.responses.create({ ...RESPONSE, stream: true }, fixture('openai/responses-stream', headers)),
  'an Anthropic message': (headers) => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/message-stream', headers)),
};

/** A Stainless stream as the app holds it. */
const held = (stream: SdkStream): AppStream => ({ events: stream, abort: () => stream.controller.abort() });

const STREAMS: Record<string, Open<AppStream>> = {
  ...Object.fromEntries(Object.entries(STAINLESS_STREAMS).map(([name, open]) => [name, async (headers?: Record<string, string>) => held(await open(headers))])),
  'a Gemini generateContent stream': async (headers) => {
    const controller = new AbortController();
    const config = { ...geminiFixture('gemini/generate-content-stream', headers), abortSignal: controller.signal };
    return { events: await bed.gemini.models.generateContentStream({ ...CONTENT, config }), abort: () => controller.abort() };
  },
  'a Gemini Interactions stream': async (headers) => {
    const controller = new AbortController();
    const options = { ...interactionFixture('gemini/interaction-stream', headers), signal: controller.signal };
    return { events: await bed.gemini.interactions.create(INTERACTION_STREAM, options), abort: () => controller.abort() };
  },
};

const openInteractions: Open<ReadableStream<unknown>> = (headers) => bed.gemini.interactions.create(INTERACTION_STREAM, interactionFixture('gemini/interaction-stream', headers));

async function readAll(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const event of stream) void event;
}

/**
 * Reads `stream`, calling `onEvent` after each event, until it ends: a Stainless stream ends
 * quietly once aborted, an async generator of `@google/genai` throws an `AbortError`, which is
 * what an app that aborted expects.
 */
async function readAbortable(stream: AsyncIterable<unknown>, onEvent: () => void): Promise<void> {
  try {
    for await (const event of stream) {
      void event;
      onEvent();
    }
  } catch (error) {
    // The NextGen client of `@google/genai` (Interactions) throws its `APIUserAbortError`.
    if ((error as Error).name !== 'AbortError' && (error as Error).constructor.name !== 'APIUserAbortError') throw error;
  }
}

interface Ending<T> {
  /** The outcome the span must end with. */
  readonly outcome: string;
  leave(open: Open<T>): Promise<void>;
}

/** How the app leaves the stream, and the outcome its span must end with. */
const ENDINGS: Record<string, Ending<AppStream>> = {
  'reads it to its end': { outcome: 'completed', leave: async (open) => readAll((await open()).events) },
  'breaks out of its loop early': {
    outcome: 'cancelled',
    leave: async (open) => {
      for await (const event of (await open(SLOW)).events) {
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
          for await (const event of stream.events) {
            void event;
            throw new Error('the app failed on an event');
          }
        })(),
      ).rejects.toThrow('the app failed on an event');
    },
  },
  'aborts it mid-way': {
    outcome: 'cancelled',
    leave: async (open) => {
      const stream = await open(SLOW);
      let events = 0;
      await readAbortable(stream.events, () => {
        if (++events === 2) stream.abort();
      });
    },
  },
  'is cut off by the server dropping the connection mid-stream': {
    outcome: 'failed',
    leave: async (open) => {
      await expect(readAll((await open({ 'x-fixture-drop': 'mid-stream' })).events)).rejects.toThrow();
    },
  },
  'never reads it, and drops it': {
    outcome: 'unread',
    leave: async (open) => {
      await open();
      await collectGarbage();
    },
  },
};

/** What only a Stainless SDK's `Stream` lets the app do. */
const STAINLESS_ENDINGS: Record<string, Ending<SdkStream>> = {
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

/** What only a web `ReadableStream` (the Interactions API's) lets the app do. */
const READER_ENDINGS: Record<string, Ending<ReadableStream<unknown>>> = {
  'reads it to its end through getReader()': {
    outcome: 'completed',
    leave: async (open) => {
      const reader = (await open()).getReader();
      while (!(await reader.read()).done);
    },
  },
  'cancels its reader after the first event': {
    outcome: 'cancelled',
    leave: async (open) => {
      const reader = (await open(SLOW)).getReader();
      await reader.read();
      await reader.cancel();
    },
  },
  'cancels the stream before reading it': {
    outcome: 'cancelled',
    leave: async (open) => {
      await (await open()).cancel();
    },
  },
};

async function expectEndedOnce<T>(open: Open<T>, { outcome, leave }: Ending<T>): Promise<void> {
  await leave(open);
  const spans = bed.tracing.spans();
  expect(spans.map((span) => span.attributes['llm_observer.call.outcome'])).toEqual([outcome]);
  expect([...bed.ends.endsBySpanId.values()]).toEqual([1]);
  expect(bed.openSpans.open).toBe(0);
}

describe.each(Object.entries(STREAMS))('the stream of %s', (_, open) => {
  it.each(Object.entries(ENDINGS))('ends its span once when the app %s, and no span stays open', (_ending, ending) => expectEndedOnce(open, ending));
});

describe.each(Object.entries(STAINLESS_STREAMS))('the Stainless stream of %s', (_, open) => {
  it.each(Object.entries(STAINLESS_ENDINGS))('ends its span once when the app %s, and no span stays open', (_ending, ending) => expectEndedOnce(open, ending));
});

describe('the web stream of a Gemini Interactions call', () => {
  it.each(Object.entries(READER_ENDINGS))('ends its span once when the app %s, and no span stays open', (_ending, ending) => expectEndedOnce(openInteractions, ending));
});
