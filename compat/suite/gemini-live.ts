import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { onlySpan, row, type Recording } from './row.ts';

/**
 * One turn of a Live API session (`ai.live.connect()`) against the repository's Live server
 * (test/support/gemini-live-server.ts), as an app has it: the turn of
 * test/fixtures/gemini-live/text-turn.json on gemini-live-2.5-flash-preview, 515 text tokens in and
 * 38 out (0.50 and 2.00 per million): 515 × 0.50 + 38 × 2.00 = 333.5 µUSD. Every release of the
 * range has `Live.prototype.connect` with `params.callbacks`, and `Session.sendClientContent`;
 * 1.x calls the app's `onmessage` bare, 3.x on its callbacks object.
 */

interface LiveServer {
  readonly origin: string;
  close(): Promise<void>;
}

interface LiveClient {
  live: {
    connect(params: object): Promise<{ sendClientContent(params: object): void; close(): void }>;
  };
}

export async function assertLiveTurnTraced(GoogleGenAI: new (options: object) => LiveClient, recording: Recording): Promise<void> {
  const { startGeminiLiveServer } = (await import(join(dirname(row.fixtureServer), 'gemini-live-server.ts'))) as { startGeminiLiveServer(): Promise<LiveServer> };
  const server = await startGeminiLiveServer();
  try {
    const client = new GoogleGenAI({ apiKey: 'gemini-compat-test', httpOptions: { baseUrl: server.origin } });
    const messages: unknown[] = [];
    let wake = () => {};
    const until = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        wake = () => done() && resolve();
        wake();
      });
    let closed = false;
    const session = await client.live.connect({
      model: 'gemini-live-2.5-flash-preview',
      callbacks: {
        onmessage: (message: unknown) => {
          messages.push(message);
          wake();
        },
        onclose: () => {
          closed = true;
          wake();
        },
      },
    });
    await until(() => messages.length >= 1);
    session.sendClientContent({ turns: [{ role: 'user', parts: [{ text: 'text-turn' }] }], turnComplete: true });
    // setupComplete and the fixture's four messages.
    await until(() => messages.length >= 5);
    session.close();
    await until(() => closed);
    const span = onlySpan(recording);
    assert.deepEqual(
      [span.name, span.attributes['gen_ai.usage.input_tokens'], span.attributes['gen_ai.usage.output_tokens'], span.attributes['llm_observer.cost.total_usd']],
      ['chat gemini-live-2.5-flash-preview', 515, 38, 0.0003335],
    );
  } finally {
    await server.close();
  }
}
