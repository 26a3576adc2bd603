import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { anthropicTestbed, fixture, onlySpan, OUR_SCOPE, QUESTION, SDK_SCOPE, SURFACES, type Anthropic } from './testbed.js';
import { PRICED_COST_USD, PRICED_USAGE, usageToPrice } from './usage-to-price.js';

/**
 * `AnthropicInstrumentation` registered, with the SDK's own tracing (1.13) on or off: each API
 * call has exactly one span, this package's, with the same usage and cost either way. The SDK's tracing
 * is on by default; a client turns it off with `openTelemetry: false`, or the environment with
 * ANTHROPIC_OPEN_TELEMETRY=false for the clients built after it is set.
 */

const bed = anthropicTestbed({ processors: [new CostSpanProcessor()] });
// The W3C trace-context propagator, which a NodeSDK app has registered.
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

afterEach(() => {
  delete process.env['ANTHROPIC_OPEN_TELEMETRY'];
});

const SDK_TRACING: readonly [string, () => Anthropic][] = [
  ['on (the default)', () => bed.client],
  ['off by the client option openTelemetry: false', () => bed.newClient({ openTelemetry: false })],
  [
    'off by ANTHROPIC_OPEN_TELEMETRY=false',
    () => {
      process.env['ANTHROPIC_OPEN_TELEMETRY'] = 'false';
      return bed.newClient();
    },
  ],
];

describe.each(SDK_TRACING)('with the SDK tracing %s', (_, clientOf) => {
  it.each(SURFACES)('%s has one span, this package’s, with the usage and the cost of every other combination', async (__, call) => {
    await call(clientOf());
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(OUR_SCOPE);
    expect(span.name).toBe('chat claude-sonnet-4-6');
    expect(usageToPrice(span)).toEqual(PRICED_USAGE);
    expect(span.attributes['llm_observer.cost.total_usd']).toBeCloseTo(PRICED_COST_USD, 12);
  });
});

describe.each(SDK_TRACING.slice(0, 2))('with the SDK tracing %s', (_, clientOf) => {
  it('makes this package’s span the current one while the SDK sends the request, for the spans of an HTTP instrumentation', async () => {
    const spanIdsWhileSending: (string | undefined)[] = [];
    const client = clientOf().withOptions({
      fetch: (url: string | URL | Request, init?: RequestInit) => {
        spanIdsWhileSending.push(trace.getActiveSpan()?.spanContext().spanId);
        return fetch(url, init);
      },
    });
    await client.messages.stream(QUESTION, fixture('message-stream')).finalMessage();
    expect(spanIdsWhileSending).toEqual([onlySpan(bed).spanContext().spanId]);
  });
});

describe('with the SDK tracing on', () => {
  it('lets the SDK send the trace context of this package’s span with the request, as it sends its own', async () => {
    await bed.client.messages.create(QUESTION, fixture('message'));
    const { traceId, spanId } = onlySpan(bed).spanContext();
    expect(bed.server.requests[0]?.headers['traceparent']).toBe(`00-${traceId}-${spanId}-01`);
  });

  it('leaves the spans of the SDK methods this package does not trace to the SDK', async () => {
    await bed.client.models.list({}, fixture('models'));
    const [span] = bed.tracing.spans();
    expect(span?.instrumentationScope.name).toBe(SDK_SCOPE);
  });

  it('gives the calls back to the SDK’s own span while the instrumentation is disabled, and takes them again once enabled', async () => {
    bed.instrumentation?.disable();
    try {
      await bed.client.messages.create(QUESTION, fixture('message'));
      expect(onlySpan(bed).instrumentationScope.name).toBe(SDK_SCOPE);
    } finally {
      bed.instrumentation?.enable();
    }
    bed.tracing.reset();
    await bed.client.messages.stream(QUESTION, fixture('message-stream')).finalMessage();
    expect(onlySpan(bed).instrumentationScope.name).toBe(OUR_SCOPE);
  });
});
