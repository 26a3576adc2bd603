import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { isSupportedVersion } from '../../src/instrumentation/genai-instrumentation.js';
import { OPENAI_MODULE } from '../../src/instrumentation/openai/sdk-module.js';
import { expectExactCost, noCache } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { eventsReceived, logEvent, realtimeEvents, type RealtimeServer, startRealtimeServer } from '../support/realtime-server.js';
import { API_KEY, clientSpans, expectTracedOnlyWhenInstrumented, openAITestbed, runPinnedUnderRegister } from './testbed.js';

/**
 * The OpenAI Agents SDK's voice agents (`@openai/agents-realtime`, re-exported by `@openai/agents`),
 * which call the Realtime API over a WebSocket of their own, without the `openai` SDK: a
 * `RealtimeSession` of a `RealtimeAgent`, as an app writes it, connected to the local Realtime
 * server (test/support/realtime-server.ts), which sends the server events of
 * test/fixtures/openai-realtime/ as the API sends them. Each response is one CLIENT `chat` span,
 * each transcription of the input audio a `generate_content` span, priced as
 * test/openai/realtime.test.ts works the same fixtures out by hand (µ$: millionths of a dollar).
 */

const bed = openAITestbed([new CostSpanProcessor()]);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const agents = createRequire(import.meta.url)('@openai/agents-realtime') as typeof import('@openai/agents-realtime');
type Session = InstanceType<typeof agents.RealtimeSession>;

let server: RealtimeServer;
beforeAll(async () => {
  server = await startRealtimeServer();
});
afterAll(() => server.close());

interface VoiceAgent {
  readonly session: Session;
  /** Every server event the app received (the session's `transport_event`), in order. */
  readonly events: unknown[];
  /** What the session reported to the app's `error` listener. */
  readonly errors: unknown[];
  readonly onEvent: (() => void)[];
}

/** Connects a voice agent's session of `model` to the Realtime server as an app does, and waits for the session's first events. */
async function connectAgent(model: string): Promise<VoiceAgent> {
  const agent = new agents.RealtimeAgent({ name: 'Support', instructions: 'You are a helpful assistant for a support line.' });
  const session = new agents.RealtimeSession(agent, { transport: 'websocket', model });
  const voice: VoiceAgent = { session, events: [], errors: [], onEvent: [] };
  session.on('transport_event', (event) => logEvent(voice, event));
  session.on('error', (error) => voice.errors.push(error));
  const url = `${server.origin.replace('http:', 'ws:')}/v1/realtime?model=${model}`;
  await session.connect({ apiKey: API_KEY, url });
  await eventsReceived(voice, realtimeEvents(`session-${model}`).length);
  return voice;
}

/** Asks for a response that the server answers with the events of `fixture`, and waits for them all. */
async function respond(voice: VoiceAgent, fixture: string): Promise<void> {
  const before = voice.events.length;
  voice.session.transport.sendEvent({ type: 'response.create', response: { metadata: { fixture } } });
  await eventsReceived(voice, before + realtimeEvents(fixture).length);
}

/** Has the server send the events of `fixture` unasked, and waits until the app has them all. */
async function serverSends(voice: VoiceAgent, fixture: string): Promise<void> {
  const sent = realtimeEvents(fixture);
  server.push(sent);
  await eventsReceived(voice, voice.events.length + sent.length);
}

/** Closes the session as an app does, and waits until the transport says its socket has closed. */
async function closeAgent(voice: VoiceAgent): Promise<void> {
  const disconnected = new Promise<void>((resolve) => voice.session.transport.on('disconnected', () => resolve()));
  voice.session.close();
  await disconnected;
}

/** Metadata only on every span: no key, no id of the session, response, item or conversation, no instructions, transcript or audio. */
function expectNoContent(): void {
  const recorded = JSON.stringify(bed.tracing.spans().map((each) => [each.attributes, each.events]));
  for (const secret of [API_KEY, 'sess_', 'resp_', 'item_', 'conv_', 'support line', 'morning', 'AAAAAAEAAQAC']) expect(recorded).not.toContain(secret);
}

// As test/openai/realtime.test.ts works it out at gpt-realtime's prices: 31,561.6 µ$ (input 9,328, cache reads 409.6, output 21,824), saved 26,982.4 µ$.
const SPOKEN = { entry: 'gpt-realtime', input: 0.009328, output: 0.021824, cacheRead: 0.0004096, cacheWrite: 0, total: 0.0315616, uncached: 0.058544, savings: 0.0269824 };

describe('the installed @openai/agents-realtime', () => {
  it('is in the hooked versions, and every transport it exports over a WebSocket receives its events through the hooked class', () => {
    // The package exports no ./package.json: it sits above its main module, dist/index.js.
    const main = createRequire(import.meta.url).resolve('@openai/agents-realtime');
    const { version } = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string };
    const hooked = OPENAI_MODULE.sessionPackages?.find((each) => each.moduleName === '@openai/agents-realtime');
    expect(hooked !== undefined && isSupportedVersion(version, hooked.supportedVersions)).toBe(true);
    // Each exported class whose instances parse the server's events (`_onMessage`) extends OpenAIRealtimeBase.
    const transports = Object.entries(agents as Record<string, unknown>).filter(
      (entry): entry is [string, { prototype: object }] => typeof entry[1] === 'function' && typeof (entry[1].prototype as { _onMessage?: unknown } | undefined)?._onMessage === 'function',
    );
    expect(transports.map(([name]) => name).sort()).toEqual(['OpenAIRealtimeBase', 'OpenAIRealtimeSIP', 'OpenAIRealtimeWebRTC', 'OpenAIRealtimeWebSocket']);
    for (const [name, transport] of transports) expect(transport === agents.OpenAIRealtimeBase || transport.prototype instanceof agents.OpenAIRealtimeBase, name).toBe(true);
  });
});

describe('a voice agent of the OpenAI Agents SDK (RealtimeSession over a WebSocket)', () => {
  it('gives a spoken response one CLIENT chat span, priced at each modality rate and by what the cache served; the app gets every event unchanged', async () => {
    const voice = await connectAgent('gpt-realtime');
    await respond(voice, 'response-audio');
    expect(voice.events).toEqual([...realtimeEvents('session-gpt-realtime'), ...realtimeEvents('response-audio')]);
    expect(voice.errors).toEqual([]);
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect([span?.name, span?.status.code, span?.attributes['gen_ai.request.model'], span?.attributes['gen_ai.response.model'], span?.attributes['gen_ai.provider.name']]).toEqual([
      'chat gpt-realtime',
      SpanStatusCode.UNSET,
      'gpt-realtime',
      'gpt-realtime-2025-08-28',
      'openai',
    ]);
    expect([span?.attributes['server.address'], span?.attributes['server.port']]).toEqual(['127.0.0.1', Number(new URL(server.origin).port)]);
    expectExactCost(span?.attributes, SPOKEN);
    expectNoContent();
    await closeAgent(voice);
  });

  it('records no content of a session with content capture on, neither on the spans nor as events', async () => {
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_AND_EVENT' });
    try {
      const voice = await connectAgent('gpt-realtime');
      await respond(voice, 'response-audio');
      await closeAgent(voice);
      const [span] = clientSpans(bed);
      expect([span?.name, span?.events]).toEqual(['chat gpt-realtime', []]);
      expectNoContent();
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  // As test/openai/realtime.test.ts works it out: gpt-4o-transcribe, 48 audio tokens × 6 + 14 × 10 = 428 µ$.
  it('gives a transcription of the caller audio a generate_content span of the transcription model, priced', async () => {
    const voice = await connectAgent('gpt-realtime-mini');
    await serverSends(voice, 'transcription-tokens');
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect(span?.name).toBe('generate_content gpt-4o-transcribe');
    expectExactCost(span?.attributes, noCache('gpt-4o-transcribe', 0.000288, 0.00014, 0.000428));
    await closeAgent(voice);
  });

  it('ends a response still open when the app closes the session, cancelled, and one when the server drops the connection', async () => {
    const voice = await connectAgent('gpt-realtime');
    await respond(voice, 'response-open');
    expect(bed.tracing.spans()).toEqual([]);
    await closeAgent(voice);
    const dropped = await connectAgent('gpt-realtime');
    await respond(dropped, 'response-open');
    const disconnected = new Promise<void>((resolve) => dropped.session.transport.on('disconnected', () => resolve()));
    server.connections.at(-1)?.socket.terminate();
    await disconnected;
    const [closed, drop, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect([closed?.attributes['llm_observer.call.outcome'], drop?.attributes['llm_observer.call.outcome']]).toEqual(['cancelled', 'cancelled']);
  });

  it('with a fault in each guarded step a session runs, in turn, gives the app every event unchanged, reports the fault once and ends no span twice', async () => {
    const run = async () => {
      const voice = await connectAgent('gpt-realtime');
      await respond(voice, 'response-audio');
      await respond(voice, 'response-open');
      await closeAgent(voice);
      return { events: voice.events, errors: voice.errors };
    };
    await expectEachFaultContained(bed, run, ['read realtime event', 'read realtime call', 'end realtime call', 'end realtime calls']);
  });

  it('is not traced once the instrumentation is disabled, and traced again once enabled', async () => {
    bed.instrumentation.disable();
    try {
      const voice = await connectAgent('gpt-realtime');
      await respond(voice, 'response-audio');
      await closeAgent(voice);
      expect(bed.tracing.spans()).toEqual([]);
    } finally {
      bed.instrumentation.enable();
    }
    const voice = await connectAgent('gpt-realtime');
    await respond(voice, 'response-audio');
    await closeAgent(voice);
    expect(clientSpans(bed).map((span) => span.attributes['llm_observer.cost.total_usd'])).toEqual([SPOKEN.total]);
  });
});

describe('@openai/agents-realtime in an app that no load-time hook sees (a bundled app)', () => {
  it('is traced and priced once the app hands the module it imported to instrumentModule(), and not without', async () => {
    await expectTracedOnlyWhenInstrumented('agents-realtime-manual.mjs', { REALTIME_ORIGIN: server.origin }, 'chat gpt-realtime', SPOKEN.total);
  });
});

describe('releases of @openai/agents-realtime at the edge of the hooked range, zero-code in a CommonJS app', () => {
  /**
   * Runs the voice agent of test/fixtures/apps/openai/agents-realtime.cjs on `version` under the
   * register entry, with zod 4, the peer 0.14.x asks for, which a pinned install leaves out.
   */
  const runOn = (version: string) =>
    runPinnedUnderRegister({ '@openai/agents-realtime': version, zod: '4.6.7' }, 'agents-realtime.cjs', { REALTIME_ORIGIN: server.origin, OTEL_SERVICE_NAME: 'agents-range' });

  it('traces and prices 0.14.2, the first whose sessions pass on each server event whole', { timeout: 180_000 }, async () => {
    const { result, calls } = await runOn('0.14.2');
    expect(result).toEqual({ code: 0, stdout: 'completed\n', stderr: '' });
    expect(calls.map((span) => [span.name, span.attributes['llm_observer.cost.total_usd']])).toEqual([['chat gpt-realtime', SPOKEN.total]]);
  });

  it('says that 0.14.1 is outside the range, and traces none of its calls', { timeout: 180_000 }, async () => {
    const { result, calls } = await runOn('0.14.1');
    expect(result).toEqual({
      code: 0,
      stdout: 'completed\n',
      stderr: 'otel-llm-observer/register: @openai/agents-realtime 0.14.1 is outside the supported range >=0.14.2 <1; its voice sessions are not traced\n',
    });
    expect(calls).toEqual([]);
  });
});
