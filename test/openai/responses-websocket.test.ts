import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { OPENAI_MODULE } from '../../src/instrumentation/openai/sdk-module.js';
import { expectExactCost, noCache } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { eventsReceived, logEvent, realtimeEvents, type RealtimeServer, startRealtimeServer } from '../support/realtime-server.js';
import { API_KEY, clientSpans, expectTracedOnlyWhenInstrumented, openAITestbed } from './testbed.js';

/**
 * The Responses API's WebSocket mode through the SDK's `ResponsesWS`
 * (`openai/resources/responses/ws`, and the beta's), against a local WebSocket server that sends
 * the server events of test/fixtures/openai-responses-websocket/ as the API sends them: each
 * response is one CLIENT `chat` span, from the app's `response.create` to its last event, read as
 * a streamed Responses API call. Each expected cost is worked out by hand in the comment above it,
 * in millionths of a dollar (µ$).
 */

const FIXTURES = 'openai-responses-websocket';
const bed = openAITestbed([new CostSpanProcessor()]);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches them.
const { ResponsesWS } = createRequire(import.meta.url)('openai/resources/responses/ws') as typeof import('openai/resources/responses/ws');
const beta = createRequire(import.meta.url)('openai/resources/beta/responses/ws') as typeof import('openai/resources/beta/responses/ws');
type Socket = InstanceType<typeof ResponsesWS>;

let server: RealtimeServer;
beforeAll(async () => {
  server = await startRealtimeServer(FIXTURES);
});
afterAll(() => server.close());

interface OpenSocket {
  readonly ws: Socket;
  /** Every server event the app's `event` listener received, in order. */
  readonly events: unknown[];
  readonly errors: unknown[];
  readonly onEvent: (() => void)[];
}

type Client = ReturnType<typeof bed.newClient>;

/** Opens a Responses API WebSocket on the fixture server, as an app does (`make` builds it from the client), and waits until it is open. */
async function openSocket(make: (client: Client) => Socket = (client) => new ResponsesWS(client)): Promise<OpenSocket> {
  const ws = make(bed.newClient({ baseURL: `${server.origin}/v1` }));
  const socket: OpenSocket = { ws, events: [], errors: [], onEvent: [] };
  ws.on('event', (event) => logEvent(socket, event));
  ws.on('error', (error) => socket.errors.push(error));
  await new Promise<void>((resolve) => ws.socket.on('open', () => resolve()));
  return socket;
}

/** The `response.create` of a coding agent's turn, whose answer the server takes from `fixture` (none: the test pushes it). */
function request(fixture: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    type: 'response.create' as const,
    model: 'gpt-5.4-mini',
    instructions: 'You review SQL migrations.',
    input: 'The orders table scans on every join: what first?',
    max_output_tokens: 1024,
    store: false,
    ...(fixture === undefined ? {} : { metadata: { fixture } }),
    ...extra,
  };
}

/** Sends `requests` answered by no fixture, and waits until the server has them. */
async function ask(socket: OpenSocket, requests: Record<string, unknown>[]): Promise<void> {
  const before = server.clientEvents.length;
  for (const extra of requests) socket.ws.send(request(undefined, extra));
  await server.received(before + requests.length);
}

/** Asks for a response answered with the events of `fixture`, and waits for them all. */
async function respond(socket: OpenSocket, fixture: string, extra?: Record<string, unknown>): Promise<void> {
  const before = socket.events.length;
  socket.ws.send(request(fixture, extra));
  await eventsReceived(socket, before + realtimeEvents(fixture, FIXTURES).length);
}

/** Closes the socket as an app does, and waits for its `close` event. */
async function closeSocket(socket: OpenSocket): Promise<void> {
  const closed = new Promise<void>((resolve) => socket.ws.on('close', () => resolve()));
  socket.ws.close();
  await closed;
}

// gpt-5.4-mini (0.75 / cached 0.075 / output 4.50 USD per million tokens). Input 3,300 − 2,048 cached = 1,252 × 0.75 = 939 µ$;
// cache reads 2,048 × 0.075 = 153.6 µ$; output 88 × 4.50 = 396 µ$. Total 1,488.6 µ$. Caching off: 3,300 × 0.75 + 396 = 2,871 µ$; saved 1,382.4 µ$.
const TURN = { entry: 'gpt-5.4-mini', input: 0.000939, output: 0.000396, cacheRead: 0.0001536, cacheWrite: 0, total: 0.0014886, uncached: 0.002871, savings: 0.0013824 };

describe('the entry points of the installed openai', () => {
  it('that export a Responses API WebSocket class are each hooked, in both builds', () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('openai'));
    // Every file of the resources that exports a class whose instances send client events and receive server events.
    const entries = ['resources/responses', 'resources/beta/responses'].flatMap((folder) =>
      readdirSync(join(root, folder))
        .filter((file) => file.endsWith('.js'))
        .map((file) => `${folder}/${file}`)
        .filter((file) => Object.values(require(join(root, file)) as Record<string, unknown>).some(isSocketClass)),
    );
    expect(entries).toEqual(['resources/responses/ws.js', 'resources/beta/responses/ws.js']);
    const hooked = (OPENAI_MODULE.sessionFiles ?? []).filter((file) => file.startsWith('resources/'));
    expect([...hooked].sort()).toEqual(entries.flatMap((file) => [file, file.replace(/\.js$/, '.mjs')]).sort());
  });
});

/** The event types the SDK keeps for its own events: a server event of one is not delivered. */
const RESERVED = new Set(['raw', 'close', 'event', 'reconnecting', 'reconnected', 'open']);

/** A class whose instances are a Responses API WebSocket: it extends the SDK's `ResponsesWSBase`. */
function isSocketClass(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  const parent: unknown = Object.getPrototypeOf(value.prototype);
  return (parent as { constructor?: { name?: unknown } } | null)?.constructor?.name === 'ResponsesWSBase';
}

describe('openai/resources/responses/ws in an app that no load-time hook sees (a bundled app)', () => {
  it('is traced and priced once the app hands the module it imported to instrumentModule(), and not without', async () => {
    await expectTracedOnlyWhenInstrumented('responses-websocket-manual.mjs', { REALTIME_ORIGIN: server.origin }, 'chat gpt-5.4-mini', TURN.total);
  });
});

describe('the Responses API over a WebSocket (ResponsesWS)', () => {
  it('gives each response one CLIENT chat span with the request attributes, usage and cost; the app gets every event unchanged', async () => {
    const socket = await openSocket();
    await respond(socket, 'completed');
    await respond(socket, 'completed', { temperature: 0.2 });
    expect(socket.events).toEqual([...realtimeEvents('completed', FIXTURES), ...realtimeEvents('completed', FIXTURES)]);
    expect(socket.errors).toEqual([]);
    const [first, second, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect(first?.name).toBe('chat gpt-5.4-mini');
    expect(first?.status.code).toBe(SpanStatusCode.UNSET);
    expect(first?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-5.4-mini',
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.response.model': 'gpt-5.4-mini-2026-03-17',
      'gen_ai.usage.input_tokens': 3300,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.usage.output_tokens': 88,
      'gen_ai.usage.reasoning.output_tokens': 64,
      'gen_ai.response.finish_reasons': ['completed'],
      'llm_observer.call.outcome': 'completed',
      'server.address': '127.0.0.1',
    });
    expect(second?.attributes['gen_ai.request.temperature']).toBe(0.2);
    expectExactCost(first?.attributes, TURN);
    expectExactCost(second?.attributes, TURN);
    const recorded = JSON.stringify(bed.tracing.spans().map((each) => [each.attributes, each.events]));
    for (const secret of [API_KEY, 'orders table', 'SQL migrations', 'foreign keys']) expect(recorded).not.toContain(secret);
    await closeSocket(socket);
  });

  it('records the request and the streamed answer as a streamed call does, with content capture on', async () => {
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    try {
      const socket = await openSocket();
      await respond(socket, 'completed');
      await closeSocket(socket);
      const [span] = clientSpans(bed);
      expect(String(span?.attributes['gen_ai.input.messages'])).toContain('orders table');
      expect(String(span?.attributes['gen_ai.system_instructions'])).toContain('SQL migrations');
      expect(String(span?.attributes['gen_ai.output.messages'])).toContain('Index the foreign keys first.');
      expect(String(span?.attributes['gen_ai.input.messages'])).not.toContain(API_KEY);
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  // The failed response's input: 410 × 0.75 = 307.5 µ$.
  it('ends a failed response as failed, with the error code the API documents and what it was billed, and a refused request as failed', async () => {
    const socket = await openSocket();
    await respond(socket, 'failed');
    await respond(socket, 'error', { model: 'gpt-9-codex' });
    const [failed, refused, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect([failed?.status, failed?.attributes['llm_observer.call.outcome'], failed?.attributes['gen_ai.response.finish_reasons']]).toEqual([
      { code: SpanStatusCode.ERROR, message: '_OTHER server_error' },
      'failed',
      ['failed'],
    ]);
    expectExactCost(failed?.attributes, noCache('gpt-5.4-mini', 0.0003075, 0, 0.0003075));
    expect([refused?.name, refused?.status, refused?.attributes['llm_observer.call.outcome']]).toEqual([
      'chat gpt-9-codex',
      { code: SpanStatusCode.ERROR, message: '_OTHER 400 model_not_found' },
      'failed',
    ]);
    await closeSocket(socket);
  });

  it('reads each lane (stream_id) apart: events of two responses made at once go to their own spans', async () => {
    const socket = await openSocket();
    // Two lanes asked at once; the server interleaves their events, each echoing its lane.
    await ask(socket, [{ stream_id: 'review' }, { stream_id: 'tests', max_output_tokens: 256 }]);
    const events = realtimeEvents('completed', FIXTURES) as Record<string, unknown>[];
    const interleaved = events.flatMap((event) => [
      { ...event, stream_id: 'tests' },
      { ...event, stream_id: 'review' },
    ]);
    server.push(interleaved);
    await eventsReceived(socket, interleaved.length);
    await closeSocket(socket);
    const spans = clientSpans(bed);
    expect(spans.map((span) => [span.attributes['gen_ai.request.max_tokens'], span.attributes['llm_observer.call.outcome'], span.attributes['llm_observer.cost.total_usd']])).toEqual([
      [256, 'completed', TURN.total],
      [1024, 'completed', TURN.total],
    ]);
  });

  it('ends a response still open when the app closes the socket, cancelled and unpriced for want of usage', async () => {
    const socket = await openSocket();
    await respond(socket, 'open');
    expect(bed.tracing.spans()).toEqual([]);
    await closeSocket(socket);
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect([span?.name, span?.attributes['llm_observer.call.outcome'], span?.attributes['gen_ai.usage.input_tokens']]).toEqual(['chat gpt-5.4-mini', 'cancelled', undefined]);
  });

  it('ends a response still open when the server drops the connection: at the close, or when the socket starts to reconnect', async () => {
    const dropped = await openSocket();
    await respond(dropped, 'open');
    const closed = new Promise<void>((resolve) => dropped.ws.on('close', () => resolve()));
    server.connections.at(-1)?.socket.terminate();
    await closed;
    const reconnecting = await openSocket((client) => new ResponsesWS(client, { reconnect: { onReconnecting: () => undefined, maxRetries: 1 } }));
    await respond(reconnecting, 'open');
    const reconnected = new Promise<void>((resolve) => reconnecting.ws.on('reconnected', () => resolve()));
    server.connections.at(-1)?.socket.terminate();
    await reconnected;
    const [first, second, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect([first?.attributes['llm_observer.call.outcome'], second?.attributes['llm_observer.call.outcome']]).toEqual(['cancelled', 'cancelled']);
    await closeSocket(reconnecting);
  });

  it('traces at most 32 responses open at once on a connection, and tells the diag logger once of the others', async () => {
    const socket = await openSocket();
    bed.diagnostics.messages.length = 0;
    await ask(socket, Array.from({ length: 34 }, () => ({})));
    await closeSocket(socket);
    const spans = clientSpans(bed);
    expect([spans.length, new Set(spans.map((span) => span.attributes['llm_observer.call.outcome']))]).toEqual([32, new Set(['cancelled'])]);
    expect(bed.diagnostics.fromThisPackage().map((message) => [message.level, message.text])).toEqual([
      ['warn', 'otel-llm-observer a Responses API WebSocket has 32 responses open; its further responses are not traced until they end'],
    ]);
  });

  it('starts a response whose request it did not see at its response.created, its request read from the response', async () => {
    const socket = await openSocket();
    socket.ws.sendRaw(JSON.stringify(request('completed')));
    await eventsReceived(socket, realtimeEvents('completed', FIXTURES).length);
    await closeSocket(socket);
    const [span] = clientSpans(bed);
    expect([span?.name, span?.attributes['gen_ai.request.model'], span?.attributes['gen_ai.request.max_tokens']]).toEqual(['chat gpt-5.4-mini-2026-03-17', 'gpt-5.4-mini-2026-03-17', 1024]);
    expectExactCost(span?.attributes, TURN);
  });

  it('traces the beta ResponsesWS the same way', async () => {
    const socket = await openSocket((client) => new beta.ResponsesWS(client) as unknown as Socket);
    await respond(socket, 'completed');
    await closeSocket(socket);
    expect(clientSpans(bed).map((span) => span.attributes['llm_observer.cost.total_usd'])).toEqual([TURN.total]);
  });

  it('with a fault in each guarded step a socket runs, in turn, gives the app every event unchanged, reports the fault once and ends no span twice', async () => {
    const run = async () => {
      const socket = await openSocket();
      await respond(socket, 'completed');
      await respond(socket, 'open');
      await closeSocket(socket);
      return { events: socket.events, errors: socket.errors };
    };
    await expectEachFaultContained(bed, run, ['read responses websocket request', 'read responses websocket event', 'read stream event', 'end responses websocket calls']);
  });

  it('leaves every event of a hostile server as the SDK delivers it, and ends each span once, whatever the events hold', async () => {
    const count = fc.oneof(fc.nat(), fc.constant(2 ** 32), fc.constant(1e308), fc.double(), fc.constant(-1), fc.string(), fc.constant(null));
    const usage = fc.oneof(fc.record({ input_tokens: count, output_tokens: count, input_tokens_details: fc.record({ cached_tokens: count }) }, { requiredKeys: [] }), fc.anything());
    const response = fc.oneof(fc.record({ id: fc.anything(), model: fc.anything(), status: fc.anything(), usage, output: fc.anything(), error: fc.anything() }, { requiredKeys: [] }), fc.anything());
    const lane = fc.oneof(fc.constant(undefined), fc.constantFrom('a', 'b'), fc.anything());
    const event = fc.oneof(
      fc.record({ type: fc.constantFrom('response.created', 'response.in_progress', 'response.completed', 'response.incomplete', 'response.failed'), response, stream_id: lane }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('error'), error: fc.anything(), code: fc.anything(), status: fc.anything(), stream_id: lane }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constantFrom('response.output_text.delta', 'response.output_item.done', 'response.steer.accepted'), delta: fc.anything(), item: fc.anything(), stream_id: lane }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.string(), response: fc.anything() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom(undefined, 'a', 'b'), { maxLength: 3 }), async (events, asked) => {
        bed.tracing.reset();
        bed.ends.endsBySpanId.clear();
        const socket = await openSocket();
        await ask(
          socket,
          asked.map((stream_id) => (stream_id === undefined ? {} : { stream_id })),
        );
        // The SDK delivers what is an object with a string type of its own, and no reserved type.
        const sent = events.map((each) => JSON.parse(JSON.stringify(each)) as { type: string });
        const delivered = sent.filter((each) => !RESERVED.has(each.type));
        server.push([...sent, { type: 'test.last' }]);
        await eventsReceived(socket, delivered.length + 1);
        expect(socket.events).toEqual([...delivered, { type: 'test.last' }]);
        await closeSocket(socket);
        // Every span ended, once: at its last event or when the socket closed.
        for (const span of bed.tracing.spans()) expect(bed.ends.endsBySpanId.get(span.spanContext().spanId)).toBe(1);
      }),
      { numRuns: 60 },
    );
  });
});
