import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for the Gemini Live API (the Gemini Developer API's
 * `wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.<version>.GenerativeService.BidiGenerateContent`
 * and Vertex AI's `…/ws/google.cloud.aiplatform.<version>.LlmBidiService/BidiGenerateContent`), on
 * 127.0.0.1 only: a WebSocket server that speaks the API's messages, one text frame each, as the
 * API sends them. A client's `baseUrl` is its `origin`: the SDK connects to `ws://` of it.
 * - on the client's `setup`, it sends `setupComplete` (with a `sessionId` on Vertex AI's path);
 * - on a `clientContent`, or a `toolResponse`, it sends the messages of the fixture file of
 *   test/fixtures/gemini-live/ that its first text part (a `toolResponse`: its first function
 *   response's `response.fixture`) names: `{ "reference", "messages": [...] }`.
 * The client messages it receives are kept, in order, with each connection's path and headers.
 * It imports no file of the repository's (as ./fixture-server.ts): the compat rows load it with
 * Node's own type stripping (compat/suite/gemini-live.ts), which finds no `.ts` file for a `.js` specifier.
 */

export interface LiveConnection {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly socket: WebSocket;
}

export interface GeminiLiveServer {
  /** `http://127.0.0.1:<port>`: a client's `httpOptions.baseUrl`. */
  readonly origin: string;
  readonly connections: LiveConnection[];
  readonly clientMessages: unknown[];
  /** Sends `messages` (any JSON values, as a hostile server could) on the newest connection, one text frame each. */
  push(messages: readonly unknown[]): void;
  /** Closes the newest connection from the server's side, as the API does at a session's time limit. */
  hangUp(): void;
  close(): Promise<void>;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gemini-live');

/** The server messages of fixture `name` of test/fixtures/gemini-live/. */
export function liveMessages(name: string): unknown[] {
  return (JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as { messages: unknown[] }).messages;
}

interface ClientMessage {
  setup?: unknown;
  clientContent?: { turns?: { parts?: { text?: string }[] }[] };
  toolResponse?: { functionResponses?: { response?: { fixture?: string } }[] };
}

/** The fixture a client message asks for, if any. */
function fixtureOf(message: ClientMessage): string | undefined {
  return message.clientContent?.turns?.[0]?.parts?.[0]?.text ?? message.toolResponse?.functionResponses?.[0]?.response?.fixture;
}

export async function startGeminiLiveServer(): Promise<GeminiLiveServer> {
  const http = createServer((_request, response) => response.writeHead(426).end());
  const sockets = new WebSocketServer({ server: http });
  const connections: LiveConnection[] = [];
  const clientMessages: unknown[] = [];
  sockets.on('connection', (socket, request) => {
    const path = request.url ?? '/';
    connections.push({ path, headers: request.headers, socket });
    const send = (messages: readonly unknown[]) => {
      for (const message of messages) socket.send(JSON.stringify(message));
    };
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      clientMessages.push(message);
      if (message.setup !== undefined) {
        // Vertex AI names the session; the Gemini API sends an empty object.
        send([{ setupComplete: path.includes('aiplatform') ? { sessionId: '5d3c2b1a-0f9e-4d8c-b7a6-958473625140' } : {} }]);
        return;
      }
      const fixture = fixtureOf(message);
      if (fixture !== undefined) send(liveMessages(fixture));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections,
    clientMessages,
    push: (messages) => {
      for (const message of messages) connections.at(-1)?.socket.send(JSON.stringify(message));
    },
    hangUp: () => connections.at(-1)?.socket.close(1011, 'session time limit'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.close(() => resolve());
      }),
  };
}
