import { diag, DiagLogLevel, ROOT_CONTEXT, trace, type Attributes, type Context } from '@opentelemetry/api';
import { TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { UNCACHED_CALL } from '../insights/insights-bed.js';
import { DiagRecorder } from '../support/telemetry-checks.js';

/**
 * One API call that two instrumentations trace: the span of one started inside the other's, its
 * parent, still in flight (OpenTelemetry's `@opentelemetry/instrumentation-aws-sdk` inside this
 * package's Bedrock span, `@opentelemetry/instrumentation-openai` around its OpenAI span, an
 * OpenLLMetry LangChain span around an SDK's). Made here with the real OTel SDK, as those producers
 * make them, each with all of insights-bed.ts's `UNCACHED_CALL` (claude-sonnet-4-6, 6,020 input
 * and 50 output tokens: 6,020 × $3 + 50 × $15 per million = $0.01881). The child-process tests of
 * the real instrumentations are in other-instrumentations.test.ts.
 */

const diagnostics = new DiagRecorder();
diag.setLogger(diagnostics, DiagLogLevel.ALL);
afterAll(() => diag.disable());

const CALL_COST = 0.01881;
const OURS = 'otel-llm-observer/anthropic';

let processor: CostSpanProcessor;
let ended: ReadableSpan[];
let provider: TracerProvider;

beforeEach(() => {
  processor = new CostSpanProcessor();
  ended = [];
  provider = new TracerProvider({ spanProcessors: [processor, { onStart: () => undefined, onEnd: (span) => void ended.push(span), forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() }] });
  diagnostics.messages.length = 0;
});

/** The context the span started last is open in (no context manager is registered: the parent is passed by hand, as an instrumentation's context would carry it). */
let current: Context = ROOT_CONTEXT;

/** A span of `scope` with `attributes`, started in the current context; `inside` runs while it is open, in its context. */
function callSpan(scope: string, attributes: Attributes, inside: () => void = () => undefined): void {
  const parent = current;
  const span = provider.getTracer(scope).startSpan(`chat ${String(attributes['gen_ai.request.model'])}`, { attributes }, parent);
  current = trace.setSpan(parent, span);
  try {
    inside();
  } finally {
    current = parent;
  }
  span.end();
}

const costOf = (scope: string) => ended.find((span) => span.instrumentationScope.name === scope)?.attributes['llm_observer.cost.total_usd'];
const calls = () => processor.getReport().models.map(({ provider: name, model, calls: count, costUsd }) => ({ provider: name, model, calls: count, costUsd }));
const warnings = () => diagnostics.fromThisPackage().filter((message) => message.level === 'warn').map((message) => message.text);

describe('a call that two instrumentations trace', () => {
  it("is priced and counted once, on the outer span, when neither is this package's, and the pair is reported once", () => {
    for (let round = 0; round < 2; round++) callSpan('@traceloop/instrumentation-langchain', UNCACHED_CALL, () => callSpan('another-producer', UNCACHED_CALL));
    expect([costOf('@traceloop/instrumentation-langchain'), costOf('another-producer')]).toEqual([CALL_COST, undefined]);
    expect(calls()).toEqual([{ provider: 'anthropic', model: 'claude-sonnet-4-6', calls: 2, costUsd: 2 * CALL_COST }]);
    expect(warnings()).toEqual([
      'otel-llm-observer two instrumentations trace the same LLM calls, another-producer and @traceloop/instrumentation-langchain: each call is priced and counted once, on the @traceloop/instrumentation-langchain span; leave one of them out to export one span per call',
    ]);
  });

  it("is priced and counted on this package's span, inside another producer's or around it", () => {
    callSpan('@opentelemetry/instrumentation-openai', UNCACHED_CALL, () => callSpan(OURS, UNCACHED_CALL));
    expect([costOf(OURS), costOf('@opentelemetry/instrumentation-openai')]).toEqual([CALL_COST, undefined]);
    ended = [];
    callSpan(OURS, UNCACHED_CALL, () => callSpan('@opentelemetry/instrumentation-aws-sdk', UNCACHED_CALL));
    expect([costOf(OURS), costOf('@opentelemetry/instrumentation-aws-sdk')]).toEqual([CALL_COST, undefined]);
    expect(calls()).toEqual([{ provider: 'anthropic', model: 'claude-sonnet-4-6', calls: 2, costUsd: 2 * CALL_COST }]);
    expect(warnings()).toHaveLength(1);
  });

  it('is counted in flight once while both spans are open', () => {
    callSpan('@opentelemetry/instrumentation-openai', UNCACHED_CALL, () =>
      callSpan(OURS, UNCACHED_CALL, () => {
        expect(processor.getReport().models.map(({ calls: count, incompleteCalls }) => ({ calls: count, incompleteCalls }))).toEqual([{ calls: 0, incompleteCalls: 1 }]);
      }),
    );
  });

  it('leaves a span inside a call that is no call (its HTTP request) alone, and reports nothing', () => {
    callSpan(OURS, UNCACHED_CALL, () => callSpan('@opentelemetry/instrumentation-undici', { 'http.request.method': 'POST' }));
    expect(calls()).toEqual([{ provider: 'anthropic', model: 'claude-sonnet-4-6', calls: 1, costUsd: CALL_COST }]);
    expect(warnings()).toEqual([]);
  });

  it('counts two calls made one after the other under one parent that is no call (an agent) as two', () => {
    callSpan('an-agent-framework', { 'gen_ai.agent.name': 'support-bot' }, () => {
      callSpan(OURS, UNCACHED_CALL);
      callSpan(OURS, UNCACHED_CALL);
    });
    expect(calls()).toEqual([{ provider: 'anthropic', model: 'claude-sonnet-4-6', calls: 2, costUsd: 2 * CALL_COST }]);
    expect(warnings()).toEqual([]);
  });
});
