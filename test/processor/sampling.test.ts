import { createRequire } from 'node:module';
import { context, metrics, ROOT_CONTEXT, SamplingDecision, SpanKind, trace, type Attributes, type Sampler, type SamplingResult } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DataPointType, MeterProvider } from '@opentelemetry/sdk-metrics';
import { AlwaysOffSampler, InMemorySpanExporter, ParentBasedSampler, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor, llmObserver } from '../../src/index.js';
import { PRICED_COST_USD } from '../anthropic/usage-to-price.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { CollectingReader } from '../support/telemetry-checks.js';

/**
 * An app that samples its traces, built as the README says (`llmObserver({ sampler })`): every
 * LLM call is priced and counted in the metrics and the report, sampled or not, and only the
 * sampled ones are exported. The app's own sampler decides by its request span (an attribute the
 * app sets), and its LLM calls follow their request's trace (`ParentBasedSampler`), as in an app
 * that samples by trace. Calls: this package's OpenAI spans and `@anthropic-ai/sdk`'s own (this
 * package's Anthropic instrumentation left out), against the fixture server.
 */

/** The app's decision for a request span: the attribute it starts with. */
const SAMPLED = 'app.sampled';

/** The app's root sampler: a request it marks is sampled; a span that starts a trace otherwise is not. */
class RequestSampler implements Sampler {
  shouldSample(_context: unknown, _traceId: string, _name: string, _kind: unknown, attributes: Attributes): SamplingResult {
    return { decision: attributes[SAMPLED] === true ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  }

  toString(): string {
    return 'RequestSampler';
  }
}

const exporter = new InMemorySpanExporter();
const parts = llmObserver({
  anthropic: false,
  sampler: new ParentBasedSampler({ root: new RequestSampler() }),
  exportingProcessors: [new SimpleSpanProcessor({ exporter })],
});
const costProcessor = parts.spanProcessors[0] as unknown as CostSpanProcessor;
const provider = new TracerProvider({ sampler: parts.sampler!, spanProcessors: parts.spanProcessors as never[] });
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(provider);
registerInstrumentations({ instrumentations: parts.instrumentations, tracerProvider: provider });
const reader = new CollectingReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

const require = createRequire(import.meta.url);
const OpenAI = (require('openai') as typeof import('openai')).OpenAI;
const Anthropic = (require('@anthropic-ai/sdk') as typeof import('@anthropic-ai/sdk')).Anthropic;

let server: FixtureServer;
let openai: InstanceType<typeof OpenAI>;
let anthropic: InstanceType<typeof Anthropic>;
beforeAll(async () => {
  server = await startFixtureServer();
  openai = new OpenAI({ apiKey: 'sk-proj-sampling-not-a-real-key', baseURL: `${server.origin}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'sk-ant-api03-sampling-not-a-real-key', baseURL: server.origin, maxRetries: 0 });
});
afterAll(() => server.close());

/**
 * The calls, each with what it costs, worked out by hand from data/pricing_v1.json:
 * - gpt-4o-mini (input 0.15, cached input 0.075, output 0.60 per million): the fixture's 2,310
 *   input tokens, 2,048 of them cached, and 9 output tokens cost
 *   262 × 0.15 + 2048 × 0.075 + 9 × 0.60 = 198.3 per million;
 * - claude-sonnet-4-6 through the SDK's own span: test/anthropic/usage-to-price.ts.
 */
const CALLS = {
  openai: {
    cost: 0.0001983,
    model: 'gpt-4o-mini',
    make: () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is the capital of France?' }] }, { headers: { 'x-fixture': 'openai/chat' } }),
  },
  anthropic: {
    cost: PRICED_COST_USD,
    model: 'claude-sonnet-4-6',
    make: () =>
      anthropic.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user', content: 'What is the capital of France?' }] }, { headers: { 'x-fixture': 'anthropic/message' } }),
  },
} as const;
type Call = keyof typeof CALLS;

/** What the metrics and the report have counted so far: calls (the metric's, of this package's spans) and USD. */
async function counted() {
  const all = await reader.metricsByName();
  const cost = all.get('llm_observer.client.cost');
  const duration = all.get('gen_ai.client.operation.duration');
  const report = costProcessor.getReport();
  return {
    metricUsd: (cost?.dataPoints ?? []).reduce((sum, point) => sum + (point.value as number), 0),
    metricCalls: duration?.dataPointType === DataPointType.HISTOGRAM ? duration.dataPoints.reduce((sum, point) => sum + (point.value as { count: number }).count, 0) : 0,
    reportUsd: report.models.reduce((sum, row) => sum + row.costUsd, 0),
    reportCalls: report.models.reduce((sum, row) => sum + row.calls, 0),
  };
}

/** A request of the app: its span, sampled as `sampled` says, and `call` made inside it. */
async function request(call: Call, sampled: boolean): Promise<{ traceId: string; recording: boolean }> {
  const span = trace.getTracer('app').startSpan('GET /answer', { attributes: { [SAMPLED]: sampled } });
  const recording = span.isRecording();
  await context.with(trace.setSpan(context.active(), span), CALLS[call].make);
  span.end();
  return { traceId: span.spanContext().traceId, recording };
}

describe('an app that samples its traces, with llmObserver({ sampler })', () => {
  it('prices and counts every call in the metrics and the report, and exports only the calls of the sampled traces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ call: fc.constantFrom<Call>('openai', 'anthropic'), sampled: fc.boolean() }), { minLength: 1, maxLength: 6 }), async (requests) => {
        exporter.reset();
        const before = await counted();
        const traces = [];
        for (const { call, sampled } of requests) traces.push({ call, sampled, ...(await request(call, sampled)) });
        const after = await counted();
        const usd = requests.reduce((sum, { call }) => sum + CALLS[call].cost, 0);
        // gen_ai.client.operation.duration counts this package's spans (docs/insights.md): the SDK records its own.
        expect(after.metricCalls - before.metricCalls).toBe(requests.filter(({ call }) => call === 'openai').length);
        expect(after.reportCalls - before.reportCalls).toBe(requests.length);
        expect(after.metricUsd - before.metricUsd).toBeCloseTo(usd, 12);
        expect(after.reportUsd - before.reportUsd).toBeCloseTo(usd, 12);
        // The app's spans are sampled as its sampler says: a request it does not sample is not recorded.
        expect(traces.map(({ recording }) => recording)).toEqual(requests.map(({ sampled }) => sampled));
        const exported = exporter.getFinishedSpans().filter((span) => span.attributes['gen_ai.operation.name'] !== undefined);
        const sampledCalls = traces.filter(({ sampled }) => sampled);
        expect(exported.map((span) => [span.spanContext().traceId, span.attributes['gen_ai.request.model']])).toEqual(
          sampledCalls.map(({ traceId, call }) => [traceId, CALLS[call].model]),
        );
        for (const [span, { call }] of exported.map((span, index) => [span, sampledCalls[index]!] as const)) {
          expect(span.attributes['llm_observer.cost.total_usd']).toBeCloseTo(CALLS[call].cost, 12);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('exports the report at shutdown, with every call in it, though the app samples no trace it starts', async () => {
    exporter.reset();
    const before = await counted();
    await request('openai', false);
    await request('anthropic', false);
    await costProcessor.shutdown();
    const report = exporter.getFinishedSpans().filter((span) => span.name === 'llm_observer.report');
    expect(report).toHaveLength(1);
    const totals = report[0]!.events.filter((event) => event.name === 'llm_observer.report.model_totals');
    const calls = totals.reduce((sum, event) => sum + (event.attributes?.['llm_observer.report.calls'] as number), 0);
    const usd = totals.reduce((sum, event) => sum + (event.attributes?.['llm_observer.cost.total_usd'] as number), 0);
    expect(calls).toBe(before.reportCalls + 2);
    expect(usd).toBeCloseTo(before.reportUsd + CALLS.openai.cost + CALLS.anthropic.cost, 12);
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['llm_observer.report']);
  });
});

describe('the parts of llmObserver() and the sampler', () => {
  it('carry no sampler without the option, so that the app’s own stands', () => {
    expect(llmObserver()).not.toHaveProperty('sampler');
  });

  it('carry the app’s sampler as it is when the cost processor is off: recording a call no processor prices would only cost', () => {
    const sampler = new RequestSampler();
    expect(llmObserver({ cost: false, sampler }).sampler).toBe(sampler);
  });
});

describe('which spans the sampler records where the app’s sampler drops them', () => {
  const sampler = llmObserver({ sampler: new AlwaysOffSampler() }).sampler!;
  const decision = (name: string, attributes: Attributes) => sampler.shouldSample(ROOT_CONTEXT, '0af7651916cd43dd8448eb211c80319c', name, SpanKind.CLIENT, attributes, []).decision;

  // The attributes each producer starts its call span with (the SDKs' and instrumentations' sources).
  it.each([
    ['this package’s and the conventions’ (gen_ai.operation.name, gen_ai.provider.name)', 'chat gpt-4o-mini', { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai' }],
    ['@anthropic-ai/sdk’s own (gen_ai.provider.name first)', 'anthropic.messages.create', { 'gen_ai.provider.name': 'anthropic', 'server.address': 'api.anthropic.com' }],
    ['the conventions’ older versions and the Vercel AI SDK’s provider calls (gen_ai.system)', 'ai.generateText.doGenerate', { 'gen_ai.system': 'openai.chat', 'gen_ai.request.model': 'gpt-4o-mini' }],
    ['OpenInference’s model calls', 'ChatCompletion', { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini' }],
    ['OpenInference’s embeddings', 'CreateEmbeddings', { 'openinference.span.kind': 'EMBEDDING' }],
  ])('records %s, unsampled', (_, name, attributes) => {
    expect(decision(name, attributes)).toBe(SamplingDecision.RECORD);
  });

  it.each([
    ['an HTTP client span', 'POST', { 'http.request.method': 'POST', 'server.address': 'api.openai.com' }],
    ['a span with no attributes', 'work', {}],
    ['an OpenInference span that is no model call', 'agent run', { 'openinference.span.kind': 'CHAIN' }],
  ])('leaves %s unrecorded', (_, name, attributes) => {
    expect(decision(name, attributes)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('samples the report’s span', () => {
    expect(decision('llm_observer.report', {})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('names the app’s sampler in its own name', () => {
    expect(sampler.toString()).toBe('LlmCallRecordingSampler{AlwaysOffSampler}');
  });
});
