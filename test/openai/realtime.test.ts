import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SpanStatusCode, type Attributes } from '@opentelemetry/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { OPENAI_MODULE } from '../../src/instrumentation/openai/sdk-module.js';
import { expectExactCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { eventsReceived, logEvent, plainTcpWebSockets, realtimeEvents, type RealtimeServer, startRealtimeServer } from '../support/realtime-server.js';
import { API_KEY, clientSpans, expectTracedOnlyWhenInstrumented, openAITestbed } from './testbed.js';

/**
 * OpenAI's Realtime API through the SDK's `OpenAIRealtimeWS` (openai/realtime/ws; the beta's, and
 * `OpenAIRealtimeWebSocket` on Node's own WebSocket, too), against a local WebSocket server that
 * sends the server events of test/fixtures/openai-realtime/ as the API sends them: each response
 * of a session is one CLIENT `chat` span, from its `response.created` to its `response.done`, with
 * the usage of its text, audio and image tokens and what the cache served of each, priced at the
 * model's rate for each; each transcription of its input audio a `generate_content` span of the
 * transcription model. Each expected cost is worked out by hand in the comment above it, in
 * millionths of a dollar (µ$).
 */

const bed = openAITestbed([new CostSpanProcessor()]);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const { OpenAIRealtimeWS } = createRequire(import.meta.url)('openai/realtime/ws') as typeof import('openai/realtime/ws');
const beta = createRequire(import.meta.url)('openai/beta/realtime/ws') as typeof import('openai/beta/realtime/ws');
const { OpenAIRealtimeWebSocket } = createRequire(import.meta.url)('openai/realtime/websocket') as typeof import('openai/realtime/websocket');
type Session = InstanceType<typeof OpenAIRealtimeWS>;

let server: RealtimeServer;
beforeAll(async () => {
  server = await startRealtimeServer();
});
afterAll(() => server.close());

interface OpenSession {
  readonly rt: Session;
  /** Every server event the app's `event` listener received, in order. */
  readonly events: unknown[];
  /** What the SDK reported to the app's `error` listener. */
  readonly errors: unknown[];
  /** Called after each event the app receives. */
  readonly onEvent: (() => void)[];
}

/** Opens a session of `model` on the fixture server, as an app does, and waits for its session events. */
async function openSession(model: string, sessionClass: typeof OpenAIRealtimeWS = OpenAIRealtimeWS): Promise<OpenSession> {
  const client = bed.newClient({ baseURL: `${server.origin}/v1` });
  return listenTo(new sessionClass({ model, options: server.socketOptions() }, client), model);
}

/** Listens to the session `rt` as an app does, and waits for the events of its start (`session-<model>`). */
async function listenTo(rt: Session, model: string): Promise<OpenSession> {
  const session: OpenSession = { rt, events: [], errors: [], onEvent: [] };
  rt.on('event', (event) => logEvent(session, event));
  rt.on('error', (error) => session.errors.push(error));
  await eventsReceived(session, realtimeEvents(`session-${model}`).length);
  return session;
}

/** Asks for a response that the server answers with the events of `fixture`, and waits for them all. */
async function respond(session: OpenSession, fixture: string): Promise<void> {
  const before = session.events.length;
  session.rt.send({ type: 'response.create', response: { metadata: { fixture } } });
  await eventsReceived(session, before + realtimeEvents(fixture).length);
}

/** Waits until the session's socket has closed. */
async function closed(session: OpenSession): Promise<void> {
  if (session.rt.socket.readyState === session.rt.socket.CLOSED) return;
  await once(session.rt.socket, 'close');
}

/** Closes the session as an app does, and waits until its socket has closed. */
async function closeSession(session: OpenSession): Promise<void> {
  session.rt.close();
  await closed(session);
}

/** Has the server send the events of `fixture` unasked, and waits until the app has them all. */
async function serverSends(session: OpenSession, fixture: string): Promise<void> {
  const sent = realtimeEvents(fixture);
  server.push(sent);
  await eventsReceived(session, session.events.length + sent.length);
}

const withoutCost = (attributes: Attributes): Attributes =>
  Object.fromEntries(
    Object.entries(attributes).filter(([name]) => !name.startsWith('llm_observer.cost.') && !name.startsWith('llm_observer.pricing.') && name !== 'llm_observer.cache.savings_usd'),
  );

/** The attributes a session's call starts with: its operation, the provider, the model asked for (and the one answering, for a response), the server. */
const startOf = (operation: string, requestModel: string, responseModel?: string): Attributes => ({
  'gen_ai.operation.name': operation,
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': requestModel,
  ...(responseModel === undefined ? {} : { 'gen_ai.response.model': responseModel }),
  'server.address': '127.0.0.1',
  'server.port': Number(new URL(server.origin).port),
});

/** Metadata only on every span: no key, no id of the session, response, item or conversation, no transcript, no audio. */
function expectNoContent(): void {
  const recorded = JSON.stringify(bed.tracing.spans().map((each) => [each.attributes, each.events]));
  for (const secret of [API_KEY, 'sess_', 'resp_', 'item_', 'conv_', 'morning', 'Thursday', 'AAAAAAEAAQAC', 'support line', 'my order']) expect(recorded).not.toContain(secret);
}

// gpt-realtime (text 4 / cached 0.40 / output 16; audio 32 / cached 0.40 / output 64, USD per million tokens).
// Input: text 220 − 192 cached = 28 × 4 = 112 µ$; audio 1,120 − 832 cached = 288 × 32 = 9,216 µ$: 9,328 µ$.
// Cache reads: 192 × 0.40 = 76.8 µ$ + 832 × 0.40 = 332.8 µ$: 409.6 µ$. Output: 92 × 16 = 1,472 µ$ + 318 × 64 = 20,352 µ$: 21,824 µ$.
// Total 31,561.6 µ$. With caching off: 220 × 4 = 880 µ$ + 1,120 × 32 = 35,840 µ$ + the output: 58,544 µ$; saved 26,982.4 µ$.
const SPOKEN = { entry: 'gpt-realtime', input: 0.009328, output: 0.021824, cacheRead: 0.0004096, cacheWrite: 0, total: 0.0315616, uncached: 0.058544, savings: 0.0269824 };

describe('the entry points of the installed openai', () => {
  it('that export a Realtime session class are each hooked, in both builds', () => {
    const require = createRequire(import.meta.url);
    // The main module, index.js, sits at the package's root.
    const root = dirname(require.resolve('openai'));
    const entries = ['realtime', 'beta/realtime'].flatMap((folder) =>
      readdirSync(join(root, folder))
        .filter((file) => file.endsWith('.js'))
        .map((file) => `${folder}/${file}`)
        .filter((file) => Object.values(require(join(root, file)) as Record<string, unknown>).some(isSessionClass)),
    );
    expect(entries).toEqual(['realtime/websocket.js', 'realtime/ws.js', 'beta/realtime/websocket.js', 'beta/realtime/ws.js']);
    const hooked = (OPENAI_MODULE.sessionFiles ?? []).filter((file) => file.includes('realtime/'));
    expect([...hooked].sort()).toEqual(entries.flatMap((file) => [file, file.replace(/\.js$/, '.mjs')]).sort());
  });
});

describe('a Realtime entry point that no load-time hook sees (a bundled app)', () => {
  it('is traced and priced once the app hands the module it imported to instrumentModule(), and not without', async () => {
    await expectTracedOnlyWhenInstrumented('realtime-manual.mjs', { REALTIME_ORIGIN: server.origin }, 'chat gpt-realtime', SPOKEN.total);
  });
});

/** A class whose instances receive a Realtime session's server events: it extends the SDK's shared emitter. */
function isSessionClass(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  const parent: unknown = Object.getPrototypeOf(value.prototype);
  return (parent as { constructor?: { name?: unknown } } | null)?.constructor?.name === 'OpenAIRealtimeEmitter';
}

describe('OpenAI Realtime API sessions (OpenAIRealtimeWS)', () => {
  it('give a spoken response one CLIENT chat span, its usage split by modality and by what the cache served, priced at each rate; the app gets every event unchanged', async () => {
    const session = await openSession('gpt-realtime');
    await respond(session, 'response-audio');
    expect(session.events).toEqual([...realtimeEvents('session-gpt-realtime'), ...realtimeEvents('response-audio')]);
    expect(session.errors).toEqual([]);
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect(span?.name).toBe('chat gpt-realtime');
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(withoutCost(span?.attributes ?? {})).toEqual({
      ...startOf('chat', 'gpt-realtime', 'gpt-realtime-2025-08-28'),
      'gen_ai.usage.input_tokens': 1340,
      'gen_ai.usage.output_tokens': 410,
      'gen_ai.usage.cache_read.input_tokens': 1024,
      'openai.usage.prompt_tokens_details.audio_tokens': 1120,
      'openai.usage.input_token_details.cached_tokens_details.audio_tokens': 832,
      'openai.usage.input_tokens_details.image_tokens': 0,
      'openai.usage.input_token_details.cached_tokens_details.image_tokens': 0,
      'openai.usage.completion_tokens_details.audio_tokens': 318,
      'gen_ai.response.finish_reasons': ['completed'],
      'llm_observer.call.outcome': 'completed',
    });
    expectExactCost(span?.attributes, SPOKEN);
    expectNoContent();
    await closeSession(session);
  });

  it('record no content of a session with content capture on, neither on the spans nor as events', async () => {
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_AND_EVENT' });
    try {
      const session = await openSession('gpt-realtime');
      await respond(session, 'response-audio');
      const [span] = clientSpans(bed);
      expect(span?.events).toEqual([]);
      expectNoContent();
      await closeSession(session);
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  // gpt-realtime-2 (text 4 / cached 0.40 / output 24; image 5 / cached 0.50). Input: text 300 − 256 = 44 × 4 = 176 µ$,
  // images 1,700 − 1,280 = 420 × 5 = 2,100 µ$: 2,276 µ$. Cache reads: 256 × 0.40 = 102.4 µ$ + 1,280 × 0.50 = 640 µ$: 742.4 µ$.
  // Output: 120 × 24 = 2,880 µ$. Total 5,898.4 µ$. Caching off: 300 × 4 + 1,700 × 5 = 9,700 µ$ + 2,880 µ$ = 12,580 µ$; saved 6,681.6 µ$.
  it('prices the image tokens of the input, and those the cache served, at the model image rates', async () => {
    const session = await openSession('gpt-realtime-2');
    await respond(session, 'response-image');
    const [span] = clientSpans(bed);
    expect(span?.name).toBe('chat gpt-realtime-2');
    expect([span?.attributes['openai.usage.input_tokens_details.image_tokens'], span?.attributes['openai.usage.input_token_details.cached_tokens_details.image_tokens']]).toEqual([1700, 1280]);
    expectExactCost(span?.attributes, { entry: 'gpt-realtime-2', input: 0.002276, output: 0.00288, cacheRead: 0.0007424, cacheWrite: 0, total: 0.0058984, uncached: 0.01258, savings: 0.0066816 });
    await closeSession(session);
  });

  // The cancelled response's usage, none of it cached: text 100 × 4 = 400 µ$ + audio 400 × 32 = 12,800 µ$; output 10 × 16 = 160 µ$ + 30 × 64 = 1,920 µ$.
  it('end a response the caller talked over as cancelled, with its reason and what it was billed; a session has one span per response', async () => {
    const session = await openSession('gpt-realtime');
    await respond(session, 'response-audio');
    await respond(session, 'response-cancelled');
    const [first, second, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expectExactCost(first?.attributes, SPOKEN);
    expect([second?.attributes['llm_observer.call.outcome'], second?.attributes['gen_ai.response.finish_reasons'], second?.status.code]).toEqual([
      'cancelled',
      ['turn_detected'],
      SpanStatusCode.UNSET,
    ]);
    expectExactCost(second?.attributes, noCache('gpt-realtime', 0.0132, 0.00208, 0.01528));
    await closeSession(session);
  });

  // The failed response's input: 120 text tokens × 4 = 480 µ$.
  it('end a response the server failed as failed, with the error code the API documents and no message', async () => {
    const session = await openSession('gpt-realtime');
    await respond(session, 'response-failed');
    const [span] = clientSpans(bed);
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: '_OTHER server_error' });
    expect([span?.attributes['error.type'], span?.attributes['llm_observer.call.outcome'], span?.attributes['gen_ai.response.finish_reasons']]).toEqual([
      '_OTHER',
      'failed',
      ['failed'],
    ]);
    expectExactCost(span?.attributes, noCache('gpt-realtime', 0.00048, 0, 0.00048));
    await closeSession(session);
  });

  it('end the span of a response still open when the app closes the session, cancelled and unpriced for want of usage', async () => {
    const session = await openSession('gpt-realtime');
    await respond(session, 'response-open');
    expect(bed.tracing.spans()).toEqual([]);
    await closeSession(session);
    const [span] = clientSpans(bed);
    expect([span?.name, span?.attributes['llm_observer.call.outcome'], span?.attributes['gen_ai.usage.input_tokens']]).toEqual(['chat gpt-realtime', 'cancelled', undefined]);
    expectUnpriced(span?.attributes, 'no_usage');
  });

  it('end the span of a response still open when the server drops the connection', async () => {
    const session = await openSession('gpt-realtime');
    await respond(session, 'response-open');
    for (const connection of server.connections) connection.socket.terminate();
    await closed(session);
    const [span] = clientSpans(bed);
    expect(span?.attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('leave every event of a hostile server as the SDK delivers it, and end each response span once, whatever the events hold', async () => {
    // Counts a usage may carry: whole, past 2^32, 1e308, fractional, negative, not numbers.
    const count = fc.oneof(fc.nat(), fc.constant(2 ** 32), fc.constant(1e308), fc.double(), fc.constant(-1), fc.string(), fc.constant(null));
    const usage = fc.oneof(
      fc.record({ input_tokens: count, output_tokens: count, input_token_details: fc.record({ cached_tokens: count, audio_tokens: count, image_tokens: count, cached_tokens_details: fc.record({ audio_tokens: count, image_tokens: count }) }) }, { requiredKeys: [] }),
      fc.anything(),
    );
    const id = fc.oneof(fc.constantFrom('resp_a', 'resp_b', 'resp_c'), fc.anything());
    const response = fc.oneof(fc.record({ id, status: fc.oneof(fc.constantFrom('completed', 'failed', 'cancelled', 'incomplete'), fc.anything()), status_details: fc.anything(), usage }, { requiredKeys: [] }), fc.anything());
    const event = fc.oneof(
      fc.record({ type: fc.constantFrom('response.created', 'response.done'), response }),
      fc.record({ type: fc.constantFrom('session.created', 'session.updated'), session: fc.oneof(fc.record({ model: fc.oneof(fc.string(), fc.anything()) }), fc.anything()) }),
      fc.record(
        {
          type: fc.constantFrom('conversation.item.input_audio_transcription.delta', 'conversation.item.input_audio_transcription.completed', 'conversation.item.input_audio_transcription.failed'),
          item_id: fc.oneof(fc.constantFrom('item_a', 'item_b'), fc.anything()),
          usage: fc.oneof(usage, fc.record({ type: fc.constant('duration'), seconds: count })),
          error: fc.anything(),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record({ type: fc.string(), response: fc.anything() }),
      // Not an object with a string type: the SDK reports each to the app's error listener.
      fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.nat())),
    );
    const isEvent = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 12 }), async (events) => {
        bed.tracing.reset();
        bed.ends.endsBySpanId.clear();
        const session = await openSession('gpt-realtime');
        const sent = events.map((each) => JSON.parse(JSON.stringify(each)) as unknown);
        const before = session.events.length;
        server.push([...sent, { type: 'test.last' }]);
        await eventsReceived(session, before + sent.filter(isEvent).length + 1);
        expect(session.events.slice(before)).toEqual([...sent.filter(isEvent), { type: 'test.last' }]);
        expect(session.errors).toHaveLength(sent.filter((each) => !isEvent(each)).length);
        await closeSession(session);
        // One span a response, keyed by its id, and one a transcription, keyed by its item's, each
        // ended: at its last event, or when the session closed.
        const open = new Set<string>();
        let calls = 0;
        const start = (key: string) => {
          if (open.has(key)) return;
          open.add(key);
          calls += 1;
        };
        const end = (key: string) => {
          if (!open.delete(key)) calls += 1;
        };
        for (const each of sent.filter(isEvent) as { type: string; response?: { id?: unknown }; item_id?: unknown }[]) {
          const transcription = `transcription of ${typeof each.item_id === 'string' ? each.item_id : ''}`;
          if (each.type === 'conversation.item.input_audio_transcription.delta') start(transcription);
          else if (each.type.startsWith('conversation.item.input_audio_transcription.')) end(transcription);
          if (typeof each.response !== 'object' || each.response === null) continue;
          const key = typeof each.response.id === 'string' ? each.response.id : '';
          if (each.type === 'response.created') start(key);
          else if (each.type === 'response.done') end(key);
        }
        const spans = clientSpans(bed);
        expect(spans).toHaveLength(calls);
        for (const span of spans) expect(['completed', 'failed', 'cancelled']).toContain(span.attributes['llm_observer.call.outcome']);
      }),
      { numRuns: 40 },
    );
  });

  it('read a model id of 10 MB, and events nested 1,000 deep, as no model and nothing, the app getting them unchanged', async () => {
    const session = await openSession('gpt-realtime');
    let nested: unknown = 'usage';
    for (let depth = 0; depth < 1000; depth++) nested = { usage: nested };
    const sent = [
      { type: 'session.updated', session: { model: 'm'.repeat(10 * 1024 * 1024) } },
      { type: 'response.created', response: { id: 'resp_deep', usage: nested } },
      { type: 'response.done', response: { id: 'resp_deep', status: 'completed', usage: nested } },
    ];
    server.push(sent);
    await eventsReceived(session, session.events.length + sent.length);
    expect(session.events.slice(-sent.length)).toEqual(sent);
    const [span] = clientSpans(bed);
    expect([span?.name, span?.attributes['gen_ai.response.model'], span?.attributes['gen_ai.usage.input_tokens']]).toEqual(['chat gpt-realtime', 'gpt-realtime-2025-08-28', undefined]);
    await closeSession(session);
  });

  // gpt-4o-realtime-preview (text 5 / cached 2.50 / output 20; audio 40 / cached 2.50 / output 80). Input: text 200 − 128 = 72 × 5 = 360 µ$,
  // audio 800 − 384 = 416 × 40 = 16,640 µ$: 17,000 µ$. Cache reads: (128 + 384) × 2.50 = 1,280 µ$. Output: 50 × 20 + 200 × 80 = 17,000 µ$.
  // Total 35,280 µ$. Caching off: 200 × 5 + 800 × 40 = 33,000 µ$ + 17,000 µ$ = 50,000 µ$; saved 14,720 µ$.
  it('of the beta Realtime API (openai/beta/realtime/ws) are traced and priced the same way', async () => {
    const session = await openSession('gpt-4o-realtime-preview', beta.OpenAIRealtimeWS as unknown as typeof OpenAIRealtimeWS);
    await respond(session, 'response-beta-audio');
    expect(server.connections.at(-1)?.headers['openai-beta']).toBe('realtime=v1');
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect(withoutCost(span?.attributes ?? {})).toEqual({
      ...startOf('chat', 'gpt-4o-realtime-preview', 'gpt-4o-realtime-preview-2024-12-17'),
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 250,
      'gen_ai.usage.cache_read.input_tokens': 512,
      'openai.usage.prompt_tokens_details.audio_tokens': 800,
      'openai.usage.input_token_details.cached_tokens_details.audio_tokens': 384,
      'openai.usage.completion_tokens_details.audio_tokens': 200,
      'gen_ai.response.finish_reasons': ['completed'],
      'llm_observer.call.outcome': 'completed',
    });
    expectExactCost(span?.attributes, { entry: 'gpt-4o-realtime-preview', input: 0.017, output: 0.017, cacheRead: 0.00128, cacheWrite: 0, total: 0.03528, uncached: 0.05, savings: 0.01472 });
    await closeSession(session);
  });

  // gpt-4o-transcribe (audio input 6, output 10): 48 audio tokens × 6 = 288 µ$ + 14 × 10 = 140 µ$: 428 µ$.
  // whisper-1 ($0.006 a minute): 3.2 s billed as 3 s × $0.0001 = 300 µ$.
  it('give each transcription of the input audio a generate_content span of the transcription model, priced by its tokens or its seconds', async () => {
    const session = await openSession('gpt-realtime-mini');
    await serverSends(session, 'transcription-tokens');
    await serverSends(session, 'transcription-duration');
    const [tokens, duration, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect(withoutCost(tokens?.attributes ?? {})).toEqual({
      ...startOf('generate_content', 'gpt-4o-transcribe'),
      'gen_ai.usage.input_tokens': 48,
      'gen_ai.usage.output_tokens': 14,
      'openai.usage.prompt_tokens_details.audio_tokens': 48,
      'llm_observer.call.outcome': 'completed',
    });
    expect(tokens?.name).toBe('generate_content gpt-4o-transcribe');
    expectExactCost(tokens?.attributes, noCache('gpt-4o-transcribe', 0.000288, 0.00014, 0.000428));
    expect([duration?.name, duration?.attributes['openai.usage.seconds']]).toEqual(['generate_content whisper-1', 3.2]);
    expectExactCost(duration?.attributes, noCache('whisper-1', 0.0003, 0, 0.0003));
    expectNoContent();
    await closeSession(session);
  });

  it('end a transcription that failed as failed, with the error code the API documents and no message', async () => {
    const session = await openSession('gpt-realtime-mini');
    await serverSends(session, 'transcription-failed');
    const [span] = clientSpans(bed);
    expect([span?.name, span?.status, span?.attributes['llm_observer.call.outcome']]).toEqual([
      'generate_content gpt-4o-transcribe',
      { code: SpanStatusCode.ERROR, message: '_OTHER audio_unintelligible' },
      'failed',
    ]);
    await closeSession(session);
  });

  it('with a fault in each guarded step a session runs, in turn, give the app every event unchanged, report the fault once and end no span twice', async () => {
    // A session with a spoken response and one left open when the app closes it.
    const run = async () => {
      const session = await openSession('gpt-realtime');
      await respond(session, 'response-audio');
      await respond(session, 'response-open');
      await closeSession(session);
      return { events: session.events, errors: session.errors };
    };
    await expectEachFaultContained(bed, run, ['read realtime event', 'read realtime call', 'end realtime call']);
  });

  it("on Node's own WebSocket (OpenAIRealtimeWebSocket) are traced the same way, and a response open when the socket closes ends", async () => {
    const restore = await plainTcpWebSockets();
    try {
      const session = await openSession('gpt-realtime', OpenAIRealtimeWebSocket as unknown as typeof OpenAIRealtimeWS);
      await respond(session, 'response-audio');
      await respond(session, 'response-open');
      await closeSession(session);
      const [spoken, open, ...others] = clientSpans(bed);
      expect(others).toEqual([]);
      expectExactCost(spoken?.attributes, SPOKEN);
      expect(open?.attributes['llm_observer.call.outcome']).toBe('cancelled');
    } finally {
      restore();
    }
  });

  it('of an Azure OpenAI deployment (OpenAIRealtimeWS.azure) report the provider azure.ai.openai and its host, priced at OpenAI\'s prices', async () => {
    const azure = new bed.sdk.AzureOpenAI({ apiKey: API_KEY, endpoint: 'https://contoso-voice.openai.azure.com', apiVersion: '2025-04-01-preview', maxRetries: 0 });
    const session = await listenTo(await OpenAIRealtimeWS.azure(azure, { deploymentName: 'gpt-realtime', options: server.socketOptions() }), 'gpt-realtime');
    await respond(session, 'response-audio');
    expect(server.connections.at(-1)?.path).toBe('/openai/v1/realtime?model=gpt-realtime');
    const [span] = clientSpans(bed);
    expect([span?.attributes['gen_ai.provider.name'], span?.attributes['server.address'], span?.attributes['server.port']]).toEqual(['azure.ai.openai', 'contoso-voice.openai.azure.com', 443]);
    expectExactCost(span?.attributes, SPOKEN);
    expectNoContent();
    await closeSession(session);
  });

  it('that reconnect (reconnect: true) end a response open when each connection drops, and one open when the app closes the session', async () => {
    const client = bed.newClient({ baseURL: `${server.origin}/v1` });
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', reconnect: true, reconnectInitialDelay: 0, options: server.socketOptions() }, client);
    const session = await listenTo(rt, 'gpt-realtime');
    // Twice: a response open, the connection dropped, the session reconnected (its session events sent again).
    for (const drop of [1, 2]) {
      await respond(session, 'response-open');
      const reconnected = new Promise<void>((resolve) => rt.once('reconnected', () => resolve()));
      const sessionEvents = session.events.length + realtimeEvents('session-gpt-realtime').length;
      server.connections.at(-1)?.socket.terminate();
      await Promise.all([reconnected, eventsReceived(session, sessionEvents)]);
      expect(clientSpans(bed).map((span) => span.attributes['llm_observer.call.outcome']), `drop ${drop}`).toEqual(Array(drop).fill('cancelled'));
    }
    await respond(session, 'response-open');
    await closeSession(session);
    expect(clientSpans(bed).map((span) => span.attributes['llm_observer.call.outcome'])).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('trace a response whose response.created came before the instrumentation was enabled, from its response.done', async () => {
    const session = await openSession('gpt-realtime');
    bed.instrumentation.disable();
    session.rt.on('response.created', () => bed.instrumentation.enable());
    await respond(session, 'response-audio');
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expectExactCost(span?.attributes, SPOKEN);
    await closeSession(session);
  });
});
