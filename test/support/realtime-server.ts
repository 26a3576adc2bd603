import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for OpenAI's Realtime API (`wss://api.openai.com/v1/realtime`, and Azure
 * OpenAI's `wss://<resource>.openai.azure.com/openai/v1/realtime`) and for the Responses API's
 * WebSocket mode (`wss://api.openai.com/v1/responses`), on 127.0.0.1
 * only: a WebSocket server that sends the server events of fixture files from
 * test/fixtures/openai-realtime/ (or the folder it is started with), one text frame an event, as
 * the API sends them. Each fixture is `{ "reference", "events": [...] }`:
 * - on connecting, the session's events: `session-<model>.json`, `<model>` the URL's `model`;
 * - on a client's `response.create` event, the events of the fixture its
 *   `response.metadata.fixture` (Realtime) or `metadata.fixture` (Responses) names (the API echoes
 *   a response's metadata; the tests use it to pick what the server answers), each with the
 *   event's `stream_id` when it has one, as the Responses API echoes a response's lane.
 * The client events it receives are kept, in order, with each connection's URL and headers.
 *
 * The SDK opens `wss:` URLs only (`buildRealtimeURL`); the tests hand its `ws` socket
 * {@link RealtimeServer.socketOptions}, whose `createConnection` opens a plain TCP connection to
 * this server, and point Node's own WebSocket (`openai/realtime/websocket`) the same way with
 * {@link plainTcpWebSockets}, so the WebSocket handshake and frames are the real ones, without TLS.
 */

export interface RealtimeConnection {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly socket: WebSocket;
}

export interface RealtimeServer {
  /** `http://127.0.0.1:<port>`: a client's `baseURL` is this with `/v1` (or any origin, its socket connected by {@link socketOptions}). */
  readonly origin: string;
  readonly connections: RealtimeConnection[];
  readonly clientEvents: unknown[];
  /** Resolves once the server has received `count` client events in all. */
  received(count: number): Promise<void>;
  /** Sends `events` (any JSON values, as a hostile server could) on the newest connection, one text frame each. */
  push(events: readonly unknown[]): void;
  /** The `ws` options that connect a `wss:` URL of this server's port to it in plain TCP. */
  socketOptions(): { createConnection: () => Socket };
  close(): Promise<void>;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The server events of fixture `name` of test/fixtures/`folder`. */
export function realtimeEvents(name: string, folder = 'openai-realtime'): unknown[] {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, folder, `${name}.json`), 'utf8')) as { events: unknown[] };
  return fixture.events;
}

/** Starts the server, sending the fixtures of test/fixtures/`folder`. */
export async function startRealtimeServer(folder = 'openai-realtime'): Promise<RealtimeServer> {
  const http = createServer((_request, response) => response.writeHead(426).end());
  // Any path: OpenAI's is /v1/realtime, Azure OpenAI's /openai/v1/realtime.
  const sockets = new WebSocketServer({ server: http });
  const connections: RealtimeConnection[] = [];
  const clientEvents: unknown[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const wake = () => {
    for (const waiter of waiting.filter((each) => clientEvents.length >= each.count)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  sockets.on('connection', (socket, request) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    connections.push({ path: `${url.pathname}${url.search}`, headers: request.headers, socket });
    const send = (events: unknown[]) => {
      for (const event of events) socket.send(JSON.stringify(event));
    };
    const model = url.searchParams.get('model');
    if (model !== null) send(realtimeEvents(`session-${model}`, folder));
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type?: string; stream_id?: string; metadata?: { fixture?: string }; response?: { metadata?: { fixture?: string } } };
      clientEvents.push(event);
      wake();
      const fixture = event.response?.metadata?.fixture ?? event.metadata?.fixture;
      if (event.type !== 'response.create' || fixture === undefined) return;
      const lane = event.stream_id;
      send(realtimeEvents(fixture, folder).map((each) => (lane === undefined ? each : { ...(each as object), stream_id: lane })));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections,
    clientEvents,
    received: (count) =>
      new Promise<void>((resolve) => {
        waiting.push({ count, resolve });
        wake();
      }),
    push: (events) => {
      for (const event of events) connections.at(-1)?.socket.send(JSON.stringify(event));
    },
    socketOptions: () => ({ createConnection: () => connect(port, '127.0.0.1') }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.close(() => resolve());
      }),
  };
}

/** The key under which Node's fetch and WebSocket (its bundled undici) find the global dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

type Connect = (options: { hostname: string; port: string }, callback: (error: Error | null, socket?: Socket) => void) => void;

/**
 * Makes Node's own WebSocket (and fetch) connect to the host and port of their URL in plain TCP,
 * `wss:` included, as {@link RealtimeServer.socketOptions} makes a `ws` socket do: the global
 * dispatcher is replaced by one of its own class whose connector opens a TCP connection. Every
 * connection of the process goes that way until the returned function puts the original back.
 */
export async function plainTcpWebSockets(): Promise<() => void> {
  const global = globalThis as Record<symbol, unknown>;
  // Node makes its dispatcher on the first request.
  if (global[GLOBAL_DISPATCHER] === undefined) await fetch('http://127.0.0.1:9/').catch(() => undefined);
  const original = global[GLOBAL_DISPATCHER] as { constructor: new (options: { connect: Connect }) => unknown };
  const connectInPlainTcp: Connect = (options, callback) => {
    const socket = connect(Number(options.port), options.hostname);
    socket.once('connect', () => callback(null, socket));
    socket.once('error', (error) => callback(error));
  };
  global[GLOBAL_DISPATCHER] = new original.constructor({ connect: connectInPlainTcp });
  return () => {
    global[GLOBAL_DISPATCHER] = original;
  };
}

/** What an app keeps of a socket's server events: the events, in order, and the checks to run on each. */
export interface EventLog {
  readonly events: unknown[];
  readonly onEvent: (() => void)[];
}

/** Keeps `event`, as the app's listener got it, in `log`, and runs its checks. */
export function logEvent(log: EventLog, event: unknown): void {
  log.events.push(event);
  for (const check of [...log.onEvent]) check();
}

/** Resolves once `log` holds `count` events in all. */
export function eventsReceived(log: EventLog, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (log.events.length < count) return;
      log.onEvent.splice(log.onEvent.indexOf(check), 1);
      resolve();
    };
    log.onEvent.push(check);
    check();
  });
}
