import { guard, guardCall, logger } from '../../guard.js';
import type { ApiCall } from '../api-call.js';
import { fields } from '../api-fields.js';
import type { SessionTracer, SessionTracing } from '../provider-contract.js';
import { RESPONSES } from './responses-api.js';

/**
 * The Responses API's WebSocket mode (`ResponsesWS` of `openai/resources/responses/ws`, and of
 * `openai/resources/beta/responses/ws`; openai 6.23 on): one lasting connection to /v1/responses
 * on which the app sends `response.create` events, each a Responses request's body, and the server
 * sends each response's events, those of a streamed `responses.create` call. Each response is one
 * API call, billed by its usage, and one span, read as a streamed call of the Responses API
 * (./responses-api.ts), content and cacheable prefix included:
 * - the app's `send({ type: 'response.create', … })` starts it, in the app's context;
 * - the server's events of the response are the call's stream events;
 * - `response.completed` and `response.incomplete` end it completed, `response.failed` and an
 *   `error` event failed (with the error code the API documents, never the message).
 * Responses on one lane (a `response.create`'s `stream_id`; none is the connection's default lane)
 * are made in the order asked, and each event of a response names its lane: an event is the oldest
 * open call's of its lane. A response whose request was not seen (sent before the instrumentation
 * was enabled, or with `sendRaw`) is started at its `response.created`, its request read from the
 * response, which repeats the request's parameters. The calls open when the connection drops
 * (`reconnecting`) or closes end `cancelled`: a connection's responses end with it.
 * API reference: https://developers.openai.com/api/reference/resources/responses/websocket-events
 */

/** The calls a connection may have open at once, on all its lanes; beyond it, a call is not traced. */
const MAX_OPEN_CALLS = 32;

/** The open calls of one connection, by lane, oldest first. */
class Connection {
  readonly lanes = new Map<unknown, ApiCall[]>();
  open = 0;
  tooManyNoted = false;

  /** Adds `call`, the newest of `lane`. */
  add(lane: unknown, call: ApiCall): void {
    const calls = this.lanes.get(lane);
    if (calls === undefined) this.lanes.set(lane, [call]);
    else calls.push(call);
    this.open++;
  }

  /** Ends the oldest open call of `lane`, if any, with `outcome`; a lane left with none is dropped (an app may name a new lane for every response). */
  endOldest(lane: unknown, outcome: 'completed' | 'failed', error?: unknown): void {
    const calls = this.lanes.get(lane);
    const call = calls?.shift();
    if (call === undefined) return;
    if (calls?.length === 0) this.lanes.delete(lane);
    this.open--;
    call.end(outcome, error);
  }

  /** Ends every open call: the connection is gone. */
  endAll(): void {
    for (const calls of this.lanes.values()) for (const call of calls) guardCall('end responses websocket call', call, call.end, 'cancelled');
    this.lanes.clear();
    this.open = 0;
  }
}

const connections = new WeakMap<object, Connection>();

function connectionOf(socket: object): Connection {
  let connection = connections.get(socket);
  if (connection === undefined) {
    connection = new Connection();
    connections.set(socket, connection);
  }
  return connection;
}

/** Starts and returns the call of a response of `socket` whose request is `body` on `lane`; `undefined` when the connection has too many open. */
function startCall(tracer: SessionTracer, socket: object, lane: unknown, body: unknown): ApiCall | undefined {
  const connection = connectionOf(socket);
  if (connection.open >= MAX_OPEN_CALLS) {
    if (!connection.tooManyNoted) logger.warn(`a Responses API WebSocket has ${MAX_OPEN_CALLS} responses open; its further responses are not traced until they end`);
    connection.tooManyNoted = true;
    return undefined;
  }
  const call = tracer.startCall(RESPONSES, fields(socket)['_client'], body);
  connection.add(lane, call);
  return call;
}

/** A client event the app sends: a `response.create` starts a call. */
function readClientEvent(tracer: SessionTracer, socket: object, event: unknown): void {
  const read = fields(event);
  if (read['type'] === 'response.create') startCall(tracer, socket, read['stream_id'], event);
}

/** One server event of `socket`: read onto the oldest open call of its lane, which it may end. */
function readServerEvent(tracer: SessionTracer, socket: object, event: unknown): void {
  const read = fields(event);
  const type = read['type'];
  const lane = read['stream_id'];
  const connection = connections.get(socket);
  const call = connection?.lanes.get(lane)?.[0] ?? (type === 'response.created' ? startCall(tracer, socket, lane, read['response']) : undefined);
  if (call === undefined) return;
  guardCall('read stream event', call, call.readStreamEvent, event);
  // The connection is there now: the call is one of its.
  const open = connection ?? connectionOf(socket);
  if (type === 'response.completed' || type === 'response.incomplete') open.endOldest(lane, 'completed');
  else if (type === 'response.failed') open.endOldest(lane, 'failed', fields(read['response'])['error']);
  // A protocol error holds its code in `error`, its HTTP status beside; an error of the response's stream is the details itself.
  else if (type === 'error') open.endOldest(lane, 'failed', read['error'] === undefined ? event : { status: read['status'], code: fields(read['error'])['code'] });
}

/** Ends the calls open on `socket`: its connection dropped or closed. */
function endCalls(socket: object): void {
  connections.get(socket)?.endAll();
}

/** The class that both `ResponsesWS` classes (GA and beta) extend, from the exports of their file; `undefined` for any other file. */
function socketClassOf(moduleExports: Record<string, unknown>): object | undefined {
  const responsesWS = moduleExports['ResponsesWS'];
  const base: unknown = typeof responsesWS === 'function' ? Object.getPrototypeOf(responsesWS.prototype) : undefined;
  const { send, _emit } = fields(base);
  return typeof send === 'function' && typeof _emit === 'function' ? (base as object) : undefined;
}

/** The app's client events, through the socket class's `send`. */
export const RESPONSES_WEBSOCKET_REQUESTS: SessionTracing = {
  method: 'send',
  emitterOf: socketClassOf,
  traced(tracer, original) {
    return function send(this: object, ...args: unknown[]): unknown {
      guard('read responses websocket request', readClientEvent, tracer, this, args[0]);
      return Reflect.apply(original, this, args);
    };
  },
};

/** The server's events (`_emit('event', event)`) and the connection's drops and close, through the socket class's `_emit`. */
export const RESPONSES_WEBSOCKET_EVENTS: SessionTracing = {
  method: '_emit',
  emitterOf: socketClassOf,
  traced(tracer, original) {
    return function emit(this: object, ...args: unknown[]): unknown {
      const name = args[0];
      if (name === 'event') guard('read responses websocket event', readServerEvent, tracer, this, args[1]);
      else if (name === 'reconnecting' || name === 'close') guard('end responses websocket calls', endCalls, this);
      return Reflect.apply(original, this, args);
    };
  },
};
