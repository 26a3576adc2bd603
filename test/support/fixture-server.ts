import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * A local stand-in for the providers' APIs, on 127.0.0.1 only. It answers every request with a
 * fixture file from test/fixtures/<provider>/, written as the API sends it on the wire:
 * - `<name>.json`: `{ "status", "headers", "body" }`, a JSON response (an error body included),
 *   or `{ "status", "headers", "rawBody" }`, whose `rawBody` string is sent as it is: a body that is
 *   not JSON, or JSON that `JSON.stringify` cannot write (numbers beyond 2^53, `1e400`);
 * - `<name>.sse`: the exact bytes of a `text/event-stream` response;
 * - `<name>.ndjson`: a newline-delimited JSON stream, each line an event, sent as it is; a line that
 *   starts with `#` (the fixture's reference) is not sent, as the format has no comments. It is
 *   sent as `application/stream+json` (as Cohere's v1 chat stream is), or as the type a
 *   `# content-type: <type>` line names (Ollama's `application/x-ndjson`);
 * - `<name>.json` with `eventStream` in place of `body`: an AWS event stream response (Amazon
 *   Bedrock's streams), each message `{ "headers", "payload" }` encoded as `encodeEventStreamMessage`
 *   (below) says, or `{ "headers", "rawPayload" }`, whose string is the payload as it is (a payload
 *   that is not JSON, or JSON that `JSON.stringify` cannot write); with `keepFraction` (a generated
 *   fixture's), only that fraction of the stream's bytes is sent, then the response ends: a stream
 *   cut short, maybe inside a message.
 *
 * The request picks its fixture with the `x-fixture` header (`openai/chat`), which the tests set
 * through the SDK's own per-request `headers` option; a request without it gets its endpoint's
 * default fixture (`DEFAULT_FIXTURES`). A comma-separated list of fixtures
 * (`openai/chat-tool-call,openai/chat-tool-answer`) answers the requests that carry that same list
 * in turn, starting over after the last: the calls a helper or a retry makes share their headers.
 * A request may ask the connection to misbehave:
 * - `x-fixture-drop: before-response` closes the socket without answering;
 * - `x-fixture-drop: mid-stream` sends the first half of a stream's events, then closes the socket;
 * - `x-fixture-event-delay-ms: N` waits N ms between a stream's events;
 * - `x-fixture-body-delay-ms: N` sends the head of a JSON response, then the body N ms later.
 *
 * A fixture may hold placeholders, `{{name}}`, anywhere in its text: the server fills each with
 * the value the test put in `placeholders` under that name, escaped as a JSON string's content, and
 * answers 500 for a fixture with a placeholder the test did not fill.
 *
 * Fixtures a test generates (test/reliability/) are served from a folder of its own, laid out the
 * same way, given to `startFixtureServer`.
 *
 * Two options of the instruction-count bench (not the tests'), each removing a way timing changes
 * the work the client does:
 * - by default a stream's events are written one by one, so how many of them a socket read brings
 *   the client depends on timing; `streamInOneWrite` writes a stream that neither drops nor waits
 *   in one write instead: the client reads the same bytes in the same pieces on every run;
 * - Node's server closes a connection idle for 5 s and tells the client so (`Keep-Alive:
 *   timeout=5`), and a process under callgrind can take that long between two calls: the next
 *   call then opens a new connection, or fails and retries. `keepAliveMs` keeps it open longer.
 */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** The values of the fixtures' placeholders, by name. */
  readonly placeholders: Record<string, string>;
  close(): Promise<void>;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

interface JsonFixture {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  eventStream?: EventStreamFixtureMessage[];
  keepFraction?: number;
}

/**
 * The AWS event stream encoding (`application/vnd.amazon.eventstream`), in which Amazon Bedrock
 * streams a model's response (InvokeModelWithResponseStream), written as the AWS SDKs' event
 * stream codec reads it. A *message* is, in order:
 * - the prelude: the message's total length and its headers' length (each a big-endian uint32),
 *   then the CRC32 of those 8 bytes;
 * - the headers, each: the name's length (uint8), the name (UTF-8), the value's type (uint8; 7 is
 *   a string), the value's length (big-endian uint16), the value (UTF-8);
 * - the payload;
 * - the CRC32 of everything before it.
 * The checksums are CRC-32 (IEEE 802.3, zlib's), as the AWS codec checks them.
 */

/** The value type of a string header. */
const STRING_VALUE = 7;
const PRELUDE_BYTES = 8;
const CHECKSUM_BYTES = 4;

/** A message's headers, each a string, in order. */
type EventStreamHeaders = Readonly<Record<string, string>>;

function encodeHeaders(headers: EventStreamHeaders): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + nameBytes.length + 1 + 2);
    head.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(head, 1);
    head.writeUInt8(STRING_VALUE, 1 + nameBytes.length);
    head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    parts.push(head, valueBytes);
  }
  return Buffer.concat(parts);
}

/** One event stream message with `headers` and `payload`, as its bytes on the wire. */
function encodeEventStreamMessage(headers: EventStreamHeaders, payload: Uint8Array): Buffer {
  const headerBytes = encodeHeaders(headers);
  const totalBytes = PRELUDE_BYTES + CHECKSUM_BYTES + headerBytes.length + payload.length + CHECKSUM_BYTES;
  const message = Buffer.alloc(totalBytes);
  message.writeUInt32BE(totalBytes, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, PRELUDE_BYTES)), PRELUDE_BYTES);
  headerBytes.copy(message, PRELUDE_BYTES + CHECKSUM_BYTES);
  Buffer.from(payload).copy(message, PRELUDE_BYTES + CHECKSUM_BYTES + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, totalBytes - CHECKSUM_BYTES)), totalBytes - CHECKSUM_BYTES);
  return message;
}

/**
 * A message of an event stream fixture: its headers and its JSON payload. Bedrock's `chunk`
 * events carry the model's event as base64 in the payload's `bytes`; a fixture writes that event
 * as the JSON object it is, and {@link encodeFixtureMessage} encodes it as Bedrock does.
 */
interface EventStreamFixtureMessage {
  readonly headers: EventStreamHeaders;
  readonly payload?: Readonly<Record<string, unknown>>;
  /** The payload's text, sent as it is, in place of `payload`. */
  readonly rawPayload?: string;
}

/** The bytes of a fixture's message: its payload's `bytes` object (where it has one) base64-encoded JSON, the payload then JSON; a raw payload as it is. */
function encodeFixtureMessage({ headers, payload = {}, rawPayload }: EventStreamFixtureMessage): Buffer {
  if (rawPayload !== undefined) return encodeEventStreamMessage(headers, Buffer.from(rawPayload, 'utf8'));
  const event = payload['bytes'];
  const wirePayload =
    typeof event === 'object' && event !== null ? { ...payload, bytes: Buffer.from(JSON.stringify(event), 'utf8').toString('base64') } : payload;
  return encodeEventStreamMessage(headers, Buffer.from(JSON.stringify(wirePayload), 'utf8'));
}

/** The first `keepFraction` of the bytes of `messages`, as the messages whole and the part of the one cut. */
function cutShort(messages: readonly Buffer[], keepFraction: number): Buffer[] {
  let left = Math.floor(messages.reduce((bytes, message) => bytes + message.length, 0) * keepFraction);
  const kept: Buffer[] = [];
  for (const message of messages) {
    if (left <= 0) break;
    kept.push(message.subarray(0, left));
    left -= message.length;
  }
  return kept;
}

/** The SSE events of a fixture file, each with its blank-line terminator. */
function sseEvents(text: string): string[] {
  return text
    .split(/\n\n/)
    .filter((event) => event.trim() !== '')
    .map((event) => `${event}\n\n`);
}

/** The events of an NDJSON fixture file, each a line with its newline, without the comment lines. */
function ndjsonEvents(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => `${line}\n`);
}

/** The text of `file`, or `undefined` where there is none. */
function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The fixtures that answer a request naming none, by path, plain and streamed: what the examples
 * call, configured only by the SDKs' own base-URL variables.
 */
const DEFAULT_FIXTURES: Readonly<
  Record<string, readonly [plain: string, streamed: string, cacheMarked?: string]>
> = {
  '/v1/chat/completions': ['openai/chat', 'openai/chat-stream'],
  // A request that marks a cache breakpoint writes the prefix, and the next two read it.
  '/v1/messages': [
    'anthropic/message-long-prompt-uncached',
    'anthropic/message-stream',
    'anthropic/message-long-prompt-cache-write,anthropic/message-long-prompt-cache-read,anthropic/message-long-prompt-cache-read',
  ],
};

function defaultFixture(path: string | undefined, body: unknown): string {
  const fixtures = DEFAULT_FIXTURES[path ?? ''];
  if (fixtures === undefined) return '';
  if ((body as { stream?: unknown } | undefined)?.stream === true) return fixtures[1];
  const [plain, , cacheMarked] = fixtures;
  return cacheMarked !== undefined && JSON.stringify(body).includes('"cache_control"') ? cacheMarked : plain;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `text` with its placeholders filled from `values`; throws naming a placeholder that has no value. */
function filled(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{([\w/]+)\}\}/g, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`no value for the fixture placeholder {{${name}}}`);
    return JSON.stringify(value).slice(1, -1);
  });
}

export interface FixtureServerOptions {
  /** Writes each stream that neither drops nor waits between events in one write (see above). */
  readonly streamInOneWrite?: boolean;
  /** How long an idle connection stays open (Node's default: 5 s). */
  readonly keepAliveMs?: number;
}

export async function startFixtureServer(
  fixtures = FIXTURES,
  { streamInOneWrite = false, keepAliveMs }: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const placeholders: Record<string, string> = {};
  const server: Server = createServer((request, response) => {
    // No Date header: a fixture answers the same bytes every time, and @google/genai hands the
    // response headers to the app (`sdkHttpResponse`), which tests compare run with run.
    response.sendDate = false;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: recorded as text
      }
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      void answer(request.headers, response, defaultFixture(request.url, body));
    });
  });

  const turnsTaken = new Map<string, number>();
  function fixtureInTurn(list: string): string {
    const names = list.split(',');
    const turn = turnsTaken.get(list) ?? 0;
    turnsTaken.set(list, turn + 1);
    return names[turn % names.length] ?? '';
  }

  async function answer(
    headers: IncomingHttpHeaders,
    response: import('node:http').ServerResponse,
    fallback: string,
  ): Promise<void> {
    const name = fixtureInTurn(String(headers['x-fixture'] ?? fallback));
    const drop = headers['x-fixture-drop'];
    const delayMs = Number(headers['x-fixture-event-delay-ms'] ?? 0);
    if (drop === 'before-response') {
      response.socket?.destroy();
      return;
    }
    if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(name)) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no fixture named "${name}"`, type: 'invalid_request_error' } }));
      return;
    }
    const path = join(fixtures, name);
    const sse = readIfPresent(`${path}.sse`);
    const ndjson = sse === undefined ? readIfPresent(`${path}.ndjson`) : undefined;
    let text: string;
    const raw = sse ?? ndjson ?? readFileSync(`${path}.json`, 'utf8');
    try {
      text = filled(raw, placeholders);
    } catch (problem) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: String(problem), type: 'fixture_error' } }));
      return;
    }
    if (ndjson !== undefined) {
      response.writeHead(200, { 'content-type': /^# content-type: (.+)$/m.exec(text)?.[1] ?? 'application/stream+json' });
      await sendInTurn(response, ndjsonEvents(text), { drop, delayMs });
      return;
    }
    if (sse === undefined) {
      const fixture = JSON.parse(text) as JsonFixture;
      if (fixture.eventStream !== undefined) {
        response.writeHead(fixture.status, { 'content-type': 'application/vnd.amazon.eventstream', ...fixture.headers });
        const messages = fixture.eventStream.map(encodeFixtureMessage);
        await sendInTurn(response, fixture.keepFraction === undefined ? messages : cutShort(messages, fixture.keepFraction), { drop, delayMs });
        return;
      }
      const payload = fixture.rawBody ?? JSON.stringify(fixture.body);
      response.writeHead(fixture.status, { 'content-type': 'application/json', ...fixture.headers });
      const bodyDelayMs = Number(headers['x-fixture-body-delay-ms'] ?? 0);
      if (bodyDelayMs > 0) {
        response.flushHeaders();
        await sleep(bodyDelayMs);
      }
      response.end(payload);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req_fixture_stream' });
    await sendInTurn(response, sseEvents(text), { drop, delayMs });
  }

  /**
   * Sends the events of a stream one by one, as the request's `x-fixture-drop` and
   * `x-fixture-event-delay-ms` say, or all in one write where `streamInOneWrite` is set.
   */
  async function sendInTurn(
    response: import('node:http').ServerResponse,
    events: readonly (string | Buffer)[],
    { drop, delayMs }: { drop: string | string[] | undefined; delayMs: number },
  ): Promise<void> {
    if (streamInOneWrite && drop === undefined && delayMs === 0) {
      response.end(Buffer.concat(events.map((event) => (typeof event === 'string' ? Buffer.from(event, 'utf8') : event))));
      return;
    }
    const sendCount = drop === 'mid-stream' ? Math.floor(events.length / 2) : events.length;
    for (let index = 0; index < sendCount; index++) {
      if (response.destroyed) return;
      if (delayMs > 0) await sleep(delayMs);
      // Each event waits until it is handed to the socket: Node corks a response's writes within
      // a tick, and a socket destroyed while corked would never send the events before the drop.
      await new Promise((resolve) => response.write(events[index], resolve));
    }
    if (drop === 'mid-stream') {
      response.socket?.destroy();
      return;
    }
    response.end();
  }

  if (keepAliveMs !== undefined) server.keepAliveTimeout = keepAliveMs;
  // The backlog has room for the burst of connections that thousands of calls at once open.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    placeholders,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A `fetch` for an SDK client given a provider's real base URL: each request goes to the fixture
 * server at `origin` instead, keeping its path and query; `onRequest`, if given, sees the URL it was
 * meant for. The SDK may give a URL and its init, or a Request.
 */
export function fetchToFixtures(origin: string, onRequest?: (meant: URL) => void): (url: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return (url, init) => {
    const meant = new URL(url instanceof Request ? url.url : url);
    onRequest?.(meant);
    const target = `${origin}${meant.pathname}${meant.search}`;
    // An SDK that hands `fetch` a whole Request (`@mistralai/mistralai`'s) keeps its method, headers and body.
    return url instanceof Request && init === undefined ? fetch(new Request(target, url)) : fetch(target, init);
  };
}
