import { context, propagation, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { CompositePropagator, TraceState, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { anthropicTestbed, fixture, onlySpan, OUR_SCOPE, QUESTION, SURFACES, type ClientOptions } from './testbed.js';

/**
 * The trace context that the request of each attempt of a call carries, with the SDK's own tracing
 * on (1.13, its default): that of this package's span, the call's one span, as the SDK sends its
 * own span's (`injectTraceHeaders`: the registered propagator's fields for the caller's context
 * with the span in it), set after the client's `prepareRequest`, on each attempt of a retried
 * call, and none when the client's `propagation` option is off. See
 * src/instrumentation/anthropic/built-in-tracing.ts.
 */

const bed = anthropicTestbed();
// The W3C trace-context and baggage propagators, which a NodeSDK app has registered by default.
propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));

/** The caller's trace: a remote parent with a trace state, and baggage. */
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const callerContext = (): Context =>
  propagation.setBaggage(
    trace.setSpanContext(context.active(), {
      traceId: CALLER_TRACE_ID,
      spanId: CALLER_SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
      traceState: new TraceState('vendor=opaque'),
      isRemote: true,
    }),
    propagation.createBaggage({ tenant: { value: 'acme' } }),
  );

/** The trace headers of each request the fixture server received. */
const traceHeadersSent = () =>
  bed.server.requests.map(({ headers }) => ({ traceparent: headers['traceparent'], tracestate: headers['tracestate'], baggage: headers['baggage'] }));

/** The headers the W3C propagators write for this package's only span, a child of the caller's. */
function expectedTraceHeaders() {
  const span = onlySpan(bed);
  expect(span.instrumentationScope.name).toBe(OUR_SCOPE);
  expect(span.spanContext().traceId).toBe(CALLER_TRACE_ID);
  return { traceparent: `00-${CALLER_TRACE_ID}-${span.spanContext().spanId}-01`, tracestate: 'vendor=opaque', baggage: 'tenant=acme' };
}

describe('with the SDK tracing on', () => {
  it.each(SURFACES)('%s sends the trace context of this package’s span, with the caller’s trace state and baggage', async (_, call) => {
    await context.with(callerContext(), () => call(bed.client));
    expect(traceHeadersSent()).toEqual([expectedTraceHeaders()]);
  });

  it('sends the same trace context with each attempt of a call the SDK retries', async () => {
    const client = bed.newClient({ maxRetries: 1 });
    await context.with(callerContext(), () => client.messages.create(QUESTION, fixture('error-529,message')));
    const expected = expectedTraceHeaders();
    expect(traceHeadersSent()).toEqual([expected, expected]);
  });

  it('sends no trace context when the client’s propagation option is off, and the span is still this package’s only one', async () => {
    const client = bed.newClient({ openTelemetry: { propagation: false } });
    await context.with(callerContext(), () => client.messages.create(QUESTION, fixture('message')));
    expect(traceHeadersSent()).toEqual([{ traceparent: undefined, tracestate: undefined, baggage: undefined }]);
    expect(onlySpan(bed).instrumentationScope.name).toBe(OUR_SCOPE);
  });

  it('sets the trace context after the client’s prepareRequest, which does not see it, as the SDK does', async () => {
    const seenByPrepareRequest: (string | null)[] = [];
    class PreparingAnthropic extends bed.sdk.Anthropic {
      protected override async prepareRequest(...args: Parameters<InstanceType<typeof bed.sdk.Anthropic>['prepareRequest']>): Promise<void> {
        seenByPrepareRequest.push(new Headers(args[0].headers).get('traceparent'));
        await super.prepareRequest(...args);
      }
    }
    const client = new PreparingAnthropic({ apiKey: 'sk-ant-api03-test-Qx7vN2kW9pR4', baseURL: bed.server.origin, maxRetries: 0 });
    await context.with(callerContext(), () => client.messages.create(QUESTION, fixture('message')));
    expect(seenByPrepareRequest).toEqual([null]);
    expect(traceHeadersSent()).toEqual([expectedTraceHeaders()]);
  });

  it.each<[string, (seen: (string | null)[]) => { client: ClientOptions; call: object }]>([
    ['the client', (seen) => ({ client: { middleware: [recordingTraceparent(seen)] }, call: {} })],
    ['the call', (seen) => ({ client: {}, call: { middleware: [recordingTraceparent(seen)] } })],
  ])('shows the trace context to the middleware of %s, as the SDK does, and sends it', async (_, options) => {
    const seenByMiddleware: (string | null)[] = [];
    const { client: clientOptions, call } = options(seenByMiddleware);
    const client = bed.newClient(clientOptions);
    await context.with(callerContext(), () => client.messages.create(QUESTION, { ...fixture('message'), ...call }));
    const expected = expectedTraceHeaders();
    expect(seenByMiddleware).toEqual([expected.traceparent]);
    expect(traceHeadersSent()).toEqual([expected]);
  });
});

/** A middleware that records the `traceparent` of each request it passes on. */
function recordingTraceparent(seen: (string | null)[]) {
  return (request: { headers: ConstructorParameters<typeof Headers>[0] }, next: (request: never) => Promise<Response>) => {
    seen.push(new Headers(request.headers).get('traceparent'));
    return next(request as never);
  };
}
