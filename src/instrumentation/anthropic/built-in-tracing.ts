import { INVALID_SPAN_CONTEXT, trace, type Span } from '@opentelemetry/api';
import type { BuiltInTracing } from '../genai-instrumentation.js';

/**
 * How this instrumentation and the SDK's own tracing give each API call exactly one span.
 *
 * From 0.134 on, `@anthropic-ai/sdk` starts a CLIENT span of its own for each API call (scope
 * `com.anthropic.sdk.typescript`) with the global tracer provider, unless the client's tracing is
 * off (`openTelemetry: false`, `ANTHROPIC_OPEN_TELEMETRY=false`); the client then has no
 * `_tracer`. Its methods take, in their request options, the span of a call that already has one
 * (`__span`: what its stream helpers pass to `create` for the span they started). The SDK then
 * starts none, and records on the span it was given.
 *
 * For each call it traces, this instrumentation gives the SDK a non-recording view of its own
 * span there. The SDK records nothing and ends nothing on it (every step of its tracing does
 * nothing to a span that does not record), but it still makes that span the current one during
 * each attempt and sends its trace context in the request headers, as it would its own span's.
 * So the span of the call is this instrumentation's, with the same attributes whether the SDK's
 * tracing is on or off, and the SDK's span is not started.
 *
 * The stream helpers (`messages.stream()`, `beta.messages.stream()`) start the SDK's span before
 * they call `create`. They are handed, in its place, a placeholder that the `create` call fills
 * with the view of its span. Until then the placeholder holds a span with no context, which
 * neither records nor propagates: a helper whose `create` this instrumentation did not trace
 * (its guard failed) makes an untraced call.
 *
 * A call whose options already carry a span of the SDK (a helper not listed here, or one the
 * application passed) keeps it: this instrumentation starts none for it.
 */

/** What the SDK reads of the call it is given in `__span`: only the span. */
interface HandedCall {
  span: Span;
}

/** The calls this instrumentation handed to the SDK, to tell them from the SDK's own. */
const handedCalls = new WeakSet<HandedCall>();

interface RequestOptions {
  __span?: unknown;
}

function requestOptions(args: readonly unknown[]): RequestOptions | undefined {
  const options = args[1];
  return typeof options === 'object' && options !== null ? (options as RequestOptions) : undefined;
}

/** Whether the client of `resource` traces its calls itself. */
function clientTraces(resource: object): boolean {
  const client = (resource as { _client?: { _tracer?: unknown } })._client;
  return client?._tracer !== undefined && client._tracer !== null;
}

/** `args` with `call` as the span of the call, in a copy of the request options. */
function withCall(args: readonly unknown[], call: HandedCall): unknown[] {
  handedCalls.add(call);
  const withOptions = [...args];
  withOptions[1] = { ...requestOptions(args), __span: call };
  return withOptions;
}

function isHandedCall(value: unknown): value is HandedCall {
  return typeof value === 'object' && value !== null && handedCalls.has(value as HandedCall);
}

/** The helpers that start the SDK's span before they call `create`, by path from the `Anthropic` class. */
const SPAN_STARTING_HELPERS = [
  { resourcePath: ['Messages'], method: 'stream' },
  { resourcePath: ['Beta', 'Messages'], method: 'stream' },
] as const;

export const ANTHROPIC_BUILT_IN_TRACING: BuiltInTracing = {
  helpers: SPAN_STARTING_HELPERS,

  helperArguments(resource, args) {
    if (!clientTraces(resource) || requestOptions(args)?.__span !== undefined) return args;
    return withCall(args, { span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT) });
  },

  hasOwnSpan(_resource, args) {
    const given = requestOptions(args)?.__span;
    return given !== undefined && given !== null && !isHandedCall(given);
  },

  createArguments(span, resource, args) {
    const view = trace.wrapSpanContext(span.spanContext());
    const given = requestOptions(args)?.__span;
    if (isHandedCall(given)) {
      given.span = view;
      return args;
    }
    return clientTraces(resource) ? withCall(args, { span: view }) : args;
  },
};
