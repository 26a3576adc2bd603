import { createRequire } from 'node:module';
import { SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { startRealtimeServer, type RealtimeServer } from '../support/realtime-server.js';
import { API_KEY, clientSpans, expectTracedOnlyWhenInstrumented, openAITestbed, runPinnedUnderRegister } from './testbed.js';

/**
 * The OpenAI Agents SDK's Responses API WebSocket transport (`OpenAIResponsesWSModel` of
 * `@openai/agents-openai`), which sends each turn on a WebSocket of its own: an agent run, as an
 * app writes it, against the local WebSocket server (test/support/realtime-server.ts) sending the
 * server events of test/fixtures/openai-responses-websocket/ as the API sends them. Each turn is one
 * CLIENT `chat` span, priced as test/openai/responses-websocket.test.ts works the same fixture out
 * by hand.
 */

const FIXTURES = 'openai-responses-websocket';
const bed = openAITestbed([new CostSpanProcessor()]);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches them.
const require = createRequire(import.meta.url);
const core = require('@openai/agents-core') as typeof import('@openai/agents-core');
const { OpenAIResponsesWSModel } = require('@openai/agents-openai') as typeof import('@openai/agents-openai');
// The Agents SDK's own traces, which it would print on stdout, are not these tests'.
core.setTracingDisabled(true);

let server: RealtimeServer;
beforeAll(async () => {
  server = await startRealtimeServer(FIXTURES);
});
afterAll(() => server.close());

// As test/openai/responses-websocket.test.ts works it out: gpt-5.4-mini, 1,252 × 0.75 + 2,048 × 0.075 + 88 × 4.50 = 1,488.6 µ$; saved 1,382.4 µ$.
const TURN = { entry: 'gpt-5.4-mini', input: 0.000939, output: 0.000396, cacheRead: 0.0001536, cacheWrite: 0, total: 0.0014886, uncached: 0.002871, savings: 0.0013824 };

/** An agent on the WebSocket model, whose turns the server answers with the events of `fixture`. */
function agentAnswering(fixture: string) {
  const model = new OpenAIResponsesWSModel(bed.newClient({ baseURL: `${server.origin}/v1` }), 'gpt-5.4-mini');
  const agent = new core.Agent({
    name: 'Reviewer',
    instructions: 'You review SQL migrations.',
    model,
    modelSettings: { providerData: { metadata: { fixture } } },
  });
  return { agent, model };
}

const PROMPT = 'The orders table scans on every join: what first?';

describe('an agent of the OpenAI Agents SDK on the Responses API WebSocket transport', () => {
  it('gives a turn one CLIENT chat span with its usage and cost; the run returns what it returns without the instrumentation', async () => {
    const { agent, model } = agentAnswering('completed');
    const result = await core.run(agent, PROMPT);
    await model.close();
    expect(result.finalOutput).toBe('Index the foreign keys first.');
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect(span?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-5.4-mini',
      'gen_ai.response.model': 'gpt-5.4-mini-2026-03-17',
      'gen_ai.usage.input_tokens': 3300,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'llm_observer.call.outcome': 'completed',
    });
    expectExactCost(span?.attributes, TURN);
    const recorded = JSON.stringify(bed.tracing.spans().map((each) => [each.attributes, each.events]));
    for (const secret of [API_KEY, 'orders table', 'SQL migrations', 'foreign keys']) expect(recorded).not.toContain(secret);
  });

  it('gives a streamed turn one span, ended at its last event, and the app every event', async () => {
    const { agent, model } = agentAnswering('completed');
    const streamed = await core.run(agent, PROMPT, { stream: true });
    const deltas: string[] = [];
    for await (const event of streamed) {
      if (event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta') deltas.push(event.data.delta);
    }
    await streamed.completed;
    await model.close();
    expect([deltas.join(''), streamed.finalOutput]).toEqual(['Index the foreign keys first.', 'Index the foreign keys first.']);
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect([span?.attributes['llm_observer.call.outcome'], span?.attributes['gen_ai.response.finish_reasons']]).toEqual(['completed', ['completed']]);
    expectExactCost(span?.attributes, TURN);
  });

  it('ends the span of a turn the API refuses as failed, and the run fails as it would', async () => {
    const { agent, model } = agentAnswering('error');
    const failure = await core.run(agent, PROMPT).then(
      () => undefined,
      (error: unknown) => error,
    );
    await model.close();
    expect(failure).toBeInstanceOf(Error);
    const spans = clientSpans(bed);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) expect([span.status.code, span.attributes['llm_observer.call.outcome']]).toEqual([SpanStatusCode.ERROR, 'failed']);
  });

  it('with a fault in each guarded step a turn runs, in turn, gives the app the same result, reports the fault once and ends no span twice', async () => {
    const run = async () => {
      const { agent, model } = agentAnswering('completed');
      const result = await core.run(agent, PROMPT);
      await model.close();
      return result.finalOutput;
    };
    await expectEachFaultContained(bed, run, ['start agents websocket call', 'read response']);
  });
});

describe('an agent of the OpenAI Agents SDK on its default HTTP transport', () => {
  it("is traced through the openai SDK it calls: one span a turn, as the SDK's responses.create", async () => {
    const { OpenAIResponsesModel } = require('@openai/agents-openai') as typeof import('@openai/agents-openai');
    const client = bed.newClient({ defaultHeaders: { 'x-fixture': 'openai/responses' } });
    const agent = new core.Agent({ name: 'Reviewer', instructions: 'You review SQL migrations.', model: new OpenAIResponsesModel(client, 'gpt-5.6') });
    const result = await core.run(agent, PROMPT);
    expect(result.finalOutput).toBe('Use a partial index on the rows where archived_at is null.');
    const [span, ...others] = clientSpans(bed);
    expect(others).toEqual([]);
    expect([span?.name, span?.attributes['gen_ai.provider.name'], span?.attributes['gen_ai.response.model'], span?.attributes['gen_ai.usage.input_tokens']]).toEqual([
      'chat gpt-5.6',
      'openai',
      'gpt-5.6-2026-10-08',
      6144,
    ]);
  });
});

describe('@openai/agents-openai in an app that no load-time hook sees (a bundled app)', () => {
  it('is traced and priced once the app hands the module it imported to instrumentModule(), and not without', async () => {
    await expectTracedOnlyWhenInstrumented('agents-websocket-manual.mjs', { FIXTURE_ORIGIN: server.origin }, 'chat gpt-5.4-mini', TURN.total);
  });
});

describe('@openai/agents-openai 0.5.0, the first release with the WebSocket transport, zero-code in a CommonJS app', () => {
  it('traces and prices its turns', { timeout: 180_000 }, async () => {
    const { result, calls } = await runPinnedUnderRegister(
      { '@openai/agents-openai': '0.5.0', '@openai/agents-core': '0.5.0', openai: '7.60.0', zod: '4.6.7' },
      'agents-websocket.cjs',
      { FIXTURE_ORIGIN: server.origin, OTEL_SERVICE_NAME: 'agents-websocket' },
    );
    expect(result).toEqual({ code: 0, stdout: 'Index the foreign keys first.\n', stderr: '' });
    expect(calls.map((span) => [span.name, span.attributes['llm_observer.cost.total_usd']])).toEqual([['chat gpt-5.4-mini', TURN.total]]);
  });
});
