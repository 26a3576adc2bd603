import { context, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { liveMessages, startGeminiLiveServer, type GeminiLiveServer } from '../support/gemini-live-server.js';
import { API_KEY, endedSpans, geminiTestbed, OUR_SCOPE, type GoogleGenAI } from './testbed.js';

/**
 * The Live API (`ai.live.connect()`) of the Gemini Developer API and of Vertex AI, against a local
 * WebSocket server that sends the messages of test/fixtures/gemini-live/ as the API sends them:
 * each turn of the model is one CLIENT `chat` span, from its first message to its `turnComplete`,
 * with the usage the server sends for it, priced at the model's rates for text, audio and
 * image/video. Each expected cost is worked out by hand in the comment above it, in millionths of
 * a dollar (µ$), from the shipped table's Live prices (USD per million tokens):
 * - gemini-live-2.5-flash-preview and the 2.5 native-audio ids: 0.50 text and 3.00 audio in,
 *   2.00 text and 12.00 audio out; image and video in: no rate;
 * - gemini-3.1-flash-live-preview: 0.75 text, 3.00 audio and 1.00 image/video in, 4.50 text and
 *   12.00 audio out.
 */

const bed = geminiTestbed({ processors: [new CostSpanProcessor()] });

let server: GeminiLiveServer;
let liveClient: GoogleGenAI;
let vertexLiveClient: GoogleGenAI;
beforeAll(async () => {
  server = await startGeminiLiveServer();
  liveClient = new bed.sdk.GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: server.origin } });
  vertexLiveClient = new bed.sdk.GoogleGenAI({ vertexai: true, apiKey: API_KEY, httpOptions: { baseUrl: server.origin } });
});
afterAll(() => server.close());

type LiveSession = Awaited<ReturnType<GoogleGenAI['live']['connect']>>;

interface OpenSession {
  readonly session: LiveSession;
  /** Every message the app's `onmessage` received, in order, `setupComplete` first. */
  readonly messages: unknown[];
  /** The events the app's `onclose` received. */
  readonly closes: unknown[];
  /** Resolves once the app has received `count` messages in all. */
  received(count: number): Promise<void>;
  /** Resolves once the app's `onclose` has been called. */
  closed(): Promise<void>;
}

/** Conditions waited for, each checked whenever `wake()` is called (by a handler of the app's, after it received something). */
function waiter(): { wake: () => void; until: (done: () => boolean) => Promise<void> } {
  const waiting: { done: () => boolean; resolve: () => void }[] = [];
  const wake = () => {
    for (const each of waiting.filter((entry) => entry.done())) {
      waiting.splice(waiting.indexOf(each), 1);
      each.resolve();
    }
  };
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      waiting.push({ done, resolve });
      wake();
    });
  return { wake, until };
}

/** Connects as an app does, its handlers recording what they receive, and waits for `setupComplete`. */
async function openSession(model: string, client = liveClient, config: Record<string, unknown> = {}): Promise<OpenSession> {
  const messages: unknown[] = [];
  const closes: unknown[] = [];
  const { wake, until } = waiter();
  const callbacks = {
    onmessage: (message: unknown) => {
      messages.push(message);
      wake();
    },
    onclose: (event: unknown) => {
      closes.push(event);
      wake();
    },
  };
  const session = await client.live.connect({ model, config, callbacks });
  const open: OpenSession = { session, messages, closes, received: (count) => until(() => messages.length >= count), closed: () => until(() => closes.length > 0) };
  await open.received(1);
  return open;
}

/** Sends a user turn whose text names the fixture the server answers with, and waits until the app has received it all. */
async function turn(open: OpenSession, fixture: string): Promise<void> {
  const before = open.messages.length;
  open.session.sendClientContent({ turns: [{ role: 'user', parts: [{ text: fixture }] }], turnComplete: true });
  await open.received(before + liveMessages(fixture).length);
}

/** Closes the session as an app does, and waits for the app's `onclose`. */
async function closeSession(open: OpenSession): Promise<void> {
  open.session.close();
  await open.closed();
}

/** The one span ended so far, after checking that it ended once. */
function onlyTurn(): ReadableSpan {
  const spans = endedSpans(bed);
  expect(spans.map((span) => span.name)).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

/** The usage attributes of a span, by name. */
function usageOf(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => name.startsWith('gen_ai.usage.') || name.startsWith('gemini.usage.')));
}

describe('a turn of a Live session', () => {
  it('is one chat span from its first message to turnComplete, with the turn usage priced; the app receives every message as the server sent it', async () => {
    const open = await openSession('gemini-live-2.5-flash-preview', liveClient, { temperature: 0.4, maxOutputTokens: 256 });
    await turn(open, 'text-turn');
    const span = onlyTurn();
    expect([span.name, span.kind, span.instrumentationScope.name]).toEqual(['chat gemini-live-2.5-flash-preview', SpanKind.CLIENT, OUR_SCOPE]);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'gcp.gemini',
      'gen_ai.request.model': 'gemini-live-2.5-flash-preview',
      'gen_ai.request.temperature': 0.4,
      'gen_ai.request.max_tokens': 256,
      'server.address': '127.0.0.1',
      'gen_ai.usage.input_tokens': 515,
      'gen_ai.usage.output_tokens': 38,
      'llm_observer.call.outcome': 'completed',
    });
    // 515 text × 0.50 = 257.5 µ$; 38 text × 2.00 = 76 µ$.
    expectExactCost(span.attributes, noCache('gemini-2.5-flash-native-audio', 0.0002575, 0.000076, 0.0003335));
    expect(JSON.parse(JSON.stringify(open.messages.slice(1)))).toEqual(liveMessages('text-turn'));
    // Nothing of the session's content, its URL (which holds the API key) or the key itself is on the span.
    const values = JSON.stringify(Object.values(span.attributes));
    for (const secret of [API_KEY, 'anything you like', 'text-turn', 'BidiGenerateContent']) expect(values).not.toContain(secret);
    await closeSession(open);
    expect(endedSpans(bed)).toHaveLength(1);
  });

  it('prices a spoken turn at the audio rates, and a transcription of the user speech (even one that trails the turn) starts no turn', async () => {
    const open = await openSession('gemini-2.5-flash-native-audio-preview-12-2025');
    await turn(open, 'audio-turn');
    await closeSession(open);
    const span = onlyTurn();
    expect(usageOf(span.attributes)).toEqual({
      'gen_ai.usage.input_tokens': 541,
      'gen_ai.usage.output_tokens': 156,
      'gen_ai.usage.cache_read.input_tokens': 0,
      'gen_ai.usage.reasoning.output_tokens': 0,
      'gemini.usage.tool_use_prompt_tokens': 0,
      'gemini.usage.prompt_audio_tokens': 131,
      'gemini.usage.cached_audio_tokens': 0,
      'gemini.usage.candidates_audio_tokens': 156,
    });
    // In: 410 text × 0.50 = 205 µ$ + 131 audio × 3.00 = 393 µ$; out: 156 audio × 12.00 = 1,872 µ$.
    expectExactCost(span.attributes, noCache('gemini-2.5-flash-native-audio', 0.000598, 0.001872, 0.00247));
    expect(span.attributes['llm_observer.call.outcome']).toBe('completed');
  });

  it('is one span across a tool call and the app toolResponse, ended by the turnComplete after it', async () => {
    const open = await openSession('gemini-live-2.5-flash-preview');
    await turn(open, 'tool-call');
    expect(endedSpans(bed)).toEqual([]);
    const before = open.messages.length;
    open.session.sendToolResponse({ functionResponses: [{ id: 'function-call-5831923424298605773', name: 'get_current_weather', response: { fixture: 'tool-result' } }] });
    await open.received(before + liveMessages('tool-result').length);
    await closeSession(open);
    const span = onlyTurn();
    // 1,203 text × 0.50 = 601.5 µ$; 41 text × 2.00 = 82 µ$.
    expectExactCost(span.attributes, noCache('gemini-2.5-flash-native-audio', 0.0006015, 0.000082, 0.0006835));
  });

  it('ends an interrupted turn at its turnComplete, its thinking at the text output rate', async () => {
    const open = await openSession('gemini-2.5-flash-native-audio-preview-09-2025');
    await turn(open, 'interrupted-turn');
    const span = onlyTurn();
    expect([span.attributes['gen_ai.usage.output_tokens'], span.attributes['gen_ai.usage.reasoning.output_tokens']]).toEqual([184, 120]);
    // In: 300 text × 0.50 = 150 µ$ + 520 audio × 3.00 = 1,560 µ$; out: 120 thinking × 2.00 = 240 µ$ + 64 audio × 12.00 = 768 µ$.
    expectExactCost(span.attributes, noCache('gemini-2.5-flash-native-audio', 0.00171, 0.001008, 0.002718));
    await closeSession(open);
  });

  it("prices a turn's image and video tokens at the model's image rate, and leaves the turn unpriced where the model has none", async () => {
    const live31 = await openSession('gemini-3.1-flash-live-preview');
    await turn(live31, 'video-turn');
    await closeSession(live31);
    const span = onlyTurn();
    expect(span.attributes['gemini.usage.prompt_image_tokens']).toBe(258);
    // In: 300 text × 0.75 = 225 µ$ + 200 audio × 3.00 = 600 µ$ + 258 video × 1.00 = 258 µ$;
    // out: (20 text + 40 thinking) × 4.50 = 270 µ$ + 100 audio × 12.00 = 1,200 µ$.
    expectExactCost(span.attributes, noCache('gemini-3.1-flash-live-preview', 0.001083, 0.00147, 0.002553));
    bed.tracing.reset();
    const native = await openSession('gemini-2.5-flash-native-audio-latest');
    await turn(native, 'video-turn');
    await closeSession(native);
    const unpriced = onlyTurn();
    expect([unpriced.attributes['gen_ai.usage.input_tokens'], unpriced.attributes['gemini.usage.prompt_image_tokens']]).toEqual([758, 258]);
    expectUnpriced(unpriced.attributes, 'unpriced_image');
  });

  it('records the turnCompleteReason of a turn the API ended without an answer, priced for the prompt it read', async () => {
    const open = await openSession('gemini-live-2.5-flash-preview');
    await turn(open, 'rejected-turn');
    await closeSession(open);
    const span = onlyTurn();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['PROHIBITED_INPUT_CONTENT']);
    // 212 text × 0.50 = 106 µ$.
    expectExactCost(span.attributes, noCache('gemini-2.5-flash-native-audio', 0.000106, 0, 0.000106));
  });

  it('records each TurnCompleteReason of the installed SDK as itself, and one it does not know as _OTHER', async () => {
    const open = await openSession('gemini-live-2.5-flash-preview');
    const reasons = [...Object.values(bed.sdk.TurnCompleteReason), 'A_REASON_OF_2027'];
    for (const reason of reasons) server.push([{ serverContent: { turnComplete: true, turnCompleteReason: reason } }]);
    await open.received(1 + reasons.length);
    await closeSession(open);
    const recorded = endedSpans(bed).map((span) => (span.attributes['gen_ai.response.finish_reasons'] as string[])[0]);
    expect(recorded).toEqual([...Object.values(bed.sdk.TurnCompleteReason), '_OTHER']);
  });

  it('reads a Vertex AI session as gcp.vertex_ai, its usage in Vertex names and its traffic type; a Provisioned Throughput turn is unpriced', async () => {
    const open = await openSession('gemini-live-2.5-flash-native-audio', vertexLiveClient);
    expect(server.connections.at(-1)?.path).toContain('google.cloud.aiplatform');
    await turn(open, 'vertex-turn');
    const span = onlyTurn();
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'gcp.vertex_ai',
      'gen_ai.usage.input_tokens': 541,
      'gen_ai.usage.output_tokens': 156,
      'gemini.usage.candidates_audio_tokens': 156,
      'gemini.response.service_tier': 'standard',
    });
    // As the Gemini API's spoken turn: 205 + 393 µ$ in, 1,872 µ$ out.
    expectExactCost(span.attributes, noCache('gemini-2.5-flash-native-audio', 0.000598, 0.001872, 0.00247));
    bed.tracing.reset();
    await turn(open, 'vertex-provisioned-turn');
    expectUnpriced(onlyTurn().attributes, 'unpriced_service_tier');
    await closeSession(open);
  });

  it('records no content of a session with content capture on, neither on the spans nor as events', async () => {
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_AND_EVENT' });
    try {
      const open = await openSession('gemini-2.5-flash-native-audio-preview-12-2025', liveClient, { systemInstruction: 'You are the support line of Contoso.' });
      await turn(open, 'audio-turn');
      await closeSession(open);
      const span = onlyTurn();
      expect(span.events).toEqual([]);
      const recorded = JSON.stringify([span.attributes, span.events]);
      for (const secret of [API_KEY, 'Contoso', 'what should', 'anything you like', 'AAABAAIAAw', 'audio-turn']) expect(recorded).not.toContain(secret);
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  it('is a child of the span active when the app connected', async () => {
    const app = trace.getTracer('app').startSpan('voice call');
    const open = await context.with(trace.setSpan(context.active(), app), () => openSession('gemini-live-2.5-flash-preview'));
    await turn(open, 'text-turn');
    await closeSession(open);
    app.end();
    const span = endedSpans(bed).find((each) => each.name.startsWith('chat'));
    expect([span?.parentSpanContext?.spanId, span?.spanContext().traceId]).toEqual([app.spanContext().spanId, app.spanContext().traceId]);
  });
});

describe('a turn whose end does not come', () => {
  it('ends cancelled when the app closes the session, unpriced for want of usage', async () => {
    const open = await openSession('gemini-2.5-flash-native-audio-preview-12-2025');
    await turn(open, 'unfinished-turn');
    expect(endedSpans(bed)).toEqual([]);
    await closeSession(open);
    const span = onlyTurn();
    expect([span.attributes['llm_observer.call.outcome'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['cancelled', undefined]);
  });

  it('ends cancelled, with the usage it was sent, when the server hangs up; the app still gets its onclose', async () => {
    const open = await openSession('gemini-live-2.5-flash-preview');
    server.push([{ serverContent: { modelTurn: { parts: [{ text: 'So' }] } }, usageMetadata: { promptTokenCount: 100, responseTokenCount: 1 } }]);
    await open.received(2);
    server.hangUp();
    await open.closed();
    const span = onlyTurn();
    expect([span.attributes['llm_observer.call.outcome'], span.attributes['gen_ai.usage.input_tokens'], span.attributes['gen_ai.usage.output_tokens']]).toEqual(['cancelled', 100, 1]);
    expect((open.closes[0] as { code?: number }).code).toBe(1011);
  });
});

describe('what the server sends, however hostile', () => {
  it('sums the usages of one turn, as each is billed', async () => {
    const open = await openSession('gemini-live-2.5-flash-preview');
    server.push([
      { toolCall: { functionCalls: [{ id: 'a', name: 'lookup', args: {} }] }, usageMetadata: { promptTokenCount: 400, responseTokenCount: 10, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 400 }] } },
      { serverContent: { turnComplete: true }, usageMetadata: { promptTokenCount: 450, responseTokenCount: 30, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 450 }] } },
    ]);
    await open.received(3);
    await closeSession(open);
    const span = onlyTurn();
    expect([span.attributes['gen_ai.usage.input_tokens'], span.attributes['gen_ai.usage.output_tokens']]).toEqual([850, 40]);
    // 850 text × 0.50 = 425 µ$; 40 text × 2.00 = 80 µ$.
    expectExactCost(span.attributes, noCache('gemini-2.5-flash-native-audio', 0.000425, 0.00008, 0.000505));
  });

  it.each([
    ['a count that is a string', [{ promptTokenCount: '515', responseTokenCount: 38 }]],
    ['a negative count', [{ promptTokenCount: 515, responseTokenCount: -1 }]],
    ['a count by modality that is no count', [{ promptTokenCount: 515, promptTokensDetails: [{ modality: 'AUDIO', tokenCount: 1e308 }] }]],
    ['counts whose sum is past 2^53', [{ promptTokenCount: 2 ** 52 }, { promptTokenCount: 2 ** 52 }]],
  ])('records no usage from %s, and ends the turn', async (_name, usages) => {
    const open = await openSession('gemini-live-2.5-flash-preview');
    server.push([...usages.map((usageMetadata) => ({ usageMetadata })), { serverContent: { turnComplete: true } }]);
    await open.received(2 + usages.length);
    await closeSession(open);
    const span = onlyTurn();
    expect([span.attributes['gen_ai.usage.input_tokens'], span.attributes['llm_observer.call.outcome']]).toEqual([undefined, 'completed']);
  });

  it('hands every message to the app unchanged, ends every turn once, and reports nothing failed, for any JSON the server sends', async () => {
    const open = await openSession('gemini-live-2.5-flash-preview');
    const count = fc.oneof(fc.nat(), fc.constant(2 ** 32), fc.constant(1e308), fc.integer({ min: -5, max: -1 }), fc.string(), fc.constant(null));
    const usage = fc.record({ promptTokenCount: count, responseTokenCount: count, thoughtsTokenCount: count, promptTokensDetails: fc.array(fc.record({ modality: fc.constantFrom('TEXT', 'AUDIO', 'VIDEO', 'IMAGE', 'SMELL'), tokenCount: count })) }, { requiredKeys: [] });
    const serverContent = fc.record({ modelTurn: fc.jsonValue(), turnComplete: fc.boolean(), interrupted: fc.boolean(), inputTranscription: fc.jsonValue(), turnCompleteReason: fc.jsonValue() }, { requiredKeys: [] });
    const message = fc.oneof(fc.record({ serverContent, toolCall: fc.jsonValue(), usageMetadata: fc.oneof(usage, fc.jsonValue()) }, { requiredKeys: [] }), fc.jsonValue({ depthSize: 'large' }));
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 8 }), async (messages) => {
        const before = open.messages.length;
        server.push([...messages, { serverContent: { turnComplete: true } }]);
        await open.received(before + messages.length + 1);
        // What the SDK itself hands on: the message parsed, copied onto a LiveServerMessage (the Gemini API's, unconverted).
        const expected = [...messages, { serverContent: { turnComplete: true } }].map((sent) => Object.assign(new bed.sdk.LiveServerMessage(), JSON.parse(JSON.stringify(sent)) as unknown));
        expect(open.messages.slice(before)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
    await closeSession(open);
    // Every span ended once (endedSpans checks it), and none is left open: the last message ended the last turn.
    expect(endedSpans(bed).every((span) => span.attributes['llm_observer.call.outcome'] === 'completed')).toBe(true);
    expect(bed.diagnostics.messages.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});

describe("the app's contract with the SDK", () => {
  it('with a fault in each guarded step a session runs, in turn, gives the app every message unchanged, reports the fault once and ends no span twice', async () => {
    // A session with a spoken turn, and one left open when the app closes it.
    const run = async () => {
      const open = await openSession('gemini-2.5-flash-native-audio-preview-12-2025');
      await turn(open, 'audio-turn');
      await turn(open, 'unfinished-turn');
      await closeSession(open);
      return { messages: JSON.parse(JSON.stringify(open.messages)) as unknown, closes: open.closes.length };
    };
    await expectEachFaultContained(bed, run, ['read live session', 'read live message', 'read live turn', 'end live turn']);
  });

  it("calls the app's handlers on its own callbacks object, and the SDK's writes to the parameters reach the app's object", async () => {
    const seen: unknown[] = [];
    const { wake, until } = waiter();
    const callbacks = {
      received: [] as unknown[],
      onmessage(this: { received: unknown[] }, message: unknown) {
        seen.push(this);
        this.received.push(message);
        wake();
      },
    };
    // Vertex AI without a config: the SDK sets the app's `params.config` to ask for audio.
    const parameters: Parameters<GoogleGenAI['live']['connect']>[0] = { model: 'gemini-live-2.5-flash-native-audio', callbacks };
    const session = await vertexLiveClient.live.connect(parameters);
    expect(parameters.config).toEqual({ responseModalities: ['AUDIO'] });
    session.sendClientContent({ turns: [{ role: 'user', parts: [{ text: 'vertex-turn' }] }], turnComplete: true });
    await until(() => callbacks.received.length >= 1 + liveMessages('vertex-turn').length);
    expect(seen.every((self) => self === callbacks)).toBe(true);
    expect(endedSpans(bed)).toHaveLength(1);
    session.close();
  });

  it('connects a session whose parameters are frozen as the app made them, untraced', async () => {
    const received: unknown[] = [];
    const { wake, until } = waiter();
    const onmessage = (message: unknown) => {
      received.push(message);
      wake();
    };
    const parameters = Object.freeze({ model: 'gemini-live-2.5-flash-preview', config: {}, callbacks: Object.freeze({ onmessage }) });
    const session = await liveClient.live.connect(parameters);
    session.sendClientContent({ turns: [{ role: 'user', parts: [{ text: 'text-turn' }] }], turnComplete: true });
    await until(() => received.length >= 1 + liveMessages('text-turn').length);
    expect(bed.tracing.spans()).toEqual([]);
    session.close();
  });
});
