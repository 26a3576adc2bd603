import {
  INVALID_SPAN_CONTEXT,
  context,
  propagation,
  trace,
  type AttributeValue,
  type Attributes,
  type Context,
  type Exception,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type TimeInput,
  type Tracer,
} from '@opentelemetry/api';
import { guard } from '../../guard.js';
import {
  ATTR_ANTHROPIC_ORGANIZATION_ID,
  ATTR_ANTHROPIC_REQUEST_ID,
  ATTR_ANTHROPIC_WORKSPACE_ID,
  ATTR_URL_FULL,
  ATTR_URL_QUERY,
} from '../../semconv.js';
import type { BuiltInTracing } from '../provider-contract.js';

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
 * For each call it traces, this instrumentation makes the SDK take the path it takes with its
 * tracing off, and does itself what the SDK's traced path does that shows outside the SDK. The
 * SDK chooses the path by the client's `_tracer`, which it reads as the call is made, before its
 * first `await`: `create` (`const call = this._client._tracer && startApiCallSpan(...)`), the
 * client's `request` (`if (!this._tracer)`, the untraced `makeRequest`), and the stream helpers
 * (`startMessagesStreamSpan`: `if (!client._tracer) return undefined`); nothing on the path reads
 * it after an `await`. So the client's tracer is hidden for that synchronous part of the call
 * (`makeWithoutSdkTracing`), and the call records nothing on any span of the SDK. What the traced
 * path does that shows outside, and how it is done here:
 * - The call's span is the current one while each attempt is sent (the SDK's
 *   `makeTracedRequest`), so that the spans of an HTTP instrumentation are its children: this
 *   instrumentation makes its span current around the call (genai-instrumentation.ts), and every
 *   attempt runs in that context.
 * - Each attempt's request carries the span's trace context (`injectTraceHeaders`: the registered
 *   propagator's fields for the active context with the span in it; not when the client's
 *   `propagation` option is off), set again after the request is prepared (`prepareRequest`), and
 *   kept from the platform SDKs' backend middleware (`withoutTraceHeaders`), so that no signature
 *   covers them (Bedrock's SigV4). Here a step after each client's own `prepareRequest`
 *   ({@link addTraceContextStep}) sets them on the request of each attempt of a call whose request
 *   options ask for it ({@link TRACE_CONTEXT}); the backend middleware runs before, so it never
 *   sees them.
 *
 * Where that cannot be done as the SDK does it, this instrumentation gives the SDK, in `__span`,
 * a non-recording view of its span instead, and the SDK runs its traced path on it: it records
 * and ends nothing on a span that does not record, but makes it current and sends its trace
 * context, as it would its own span's. That is so for a call whose client or request options have
 * middleware (the SDK sets the trace headers before the middleware runs, so the application's
 * middleware sees them), and for a client made before this instrumentation was enabled, or whose
 * `prepareRequest` was replaced after, which has no step to set them. Either way the span of the
 * call is this instrumentation's, with the same attributes whether the SDK's tracing is on or off,
 * and the SDK's span is not started.
 *
 * On that path, the stream helpers (`messages.stream()`, `beta.messages.stream()`), which start
 * the SDK's span before they call `create`, are handed in its place a placeholder that the
 * `create` call fills with the view of its span. Until then the placeholder holds a span with no
 * context, which neither records nor propagates: a helper whose `create` this instrumentation did
 * not trace (its guard failed) makes an untraced call.
 *
 * A call whose options already carry a span of the SDK (a helper not listed here, or one the
 * application passed) keeps it: this instrumentation starts none for it.
 *
 * The SDK's spans of the calls this instrumentation does not trace (`countTokens`, `models`,
 * `files`, batches, the tool runner's tool spans) stay the SDK's, cleaned: each client's tracer
 * (`_tracer`, which the client sets once, in the constructor of `BaseAnthropic`, the base class of
 * `Anthropic` and of the platform SDKs' clients) is wrapped as the client sets it, so
 * that its spans never get the attributes that identify the account or the request
 * (`anthropic.organization.id`, `anthropic.workspace.id`, `anthropic.request.id`, `url.full`,
 * `url.query`), which this package promises never leave.
 */

/** What this instrumentation reads and writes of an SDK client. */
interface SdkClient {
  _tracer?: unknown;
  /** The client's own middleware (0.134 on, as tracing). */
  middleware?: readonly unknown[];
  /** The client's settled `openTelemetry` option. */
  readonly openTelemetry?: { readonly propagation?: unknown };
  prepareRequest?: PrepareRequest;
}

/** An attempt's request as `prepareRequest` receives it: a `RequestInit`. */
interface PreparedRequest {
  headers?: ConstructorParameters<typeof Headers>[0];
}

type PrepareRequest = (this: SdkClient, request: PreparedRequest, details: { options?: RequestOptions } | undefined) => unknown;

/**
 * The key, in a call's request options, of the span context whose trace context each attempt's
 * request carries. A symbol: the options' own properties reach `prepareRequest` (the SDK spreads
 * them), no request option of the SDK's has it, and a logger that writes JSON leaves it out of
 * the SDK's debug log of the options (one that inspects them shows the span's ids, as the request's
 * `traceparent` does).
 */
const TRACE_CONTEXT = Symbol('otel-llm-observer trace context');

/** What the SDK reads of the call it is given in `__span`: only the span. */
interface HandedCall {
  span: Span;
}

/** The calls this instrumentation handed to the SDK, to tell them from the SDK's own. */
const handedCalls = new WeakSet<HandedCall>();

interface RequestOptions {
  __span?: unknown;
  middleware?: readonly unknown[];
  [TRACE_CONTEXT]?: SpanContext;
}

function requestOptions(args: readonly unknown[]): RequestOptions | undefined {
  const options = args[1];
  return typeof options === 'object' && options !== null ? (options as RequestOptions) : undefined;
}

function clientOf(resource: object): SdkClient | undefined {
  const client = (resource as { _client?: unknown })._client;
  return typeof client === 'object' && client !== null ? (client as SdkClient) : undefined;
}

/** The clients whose tracer is hidden now, for the synchronous part of a call. */
const pausedClients = new WeakSet<SdkClient>();

/** Whether `client` traces its calls itself (its tracer hidden for the call being made or not). */
function clientTraces(client: SdkClient | undefined): client is SdkClient {
  return client !== undefined && ((client._tracer !== undefined && client._tracer !== null) || pausedClients.has(client));
}

/** The `prepareRequest` steps this instrumentation gave clients: a client whose `prepareRequest` is one of them sends the trace context. */
const traceContextSteps = new WeakSet<object>();

/**
 * Whether this instrumentation does, for a call made with `options` through `client` (which
 * traces), what the SDK's tracing does outside the SDK: the call has no span of the SDK, the
 * client has the step that sets the trace headers, and neither the client nor the call has
 * middleware, which would see the headers on the SDK's traced path.
 */
function takesOverSdkTracing(client: SdkClient, options: RequestOptions | undefined): boolean {
  return (
    options?.__span === undefined &&
    traceContextSteps.has(client.prepareRequest as object) &&
    (client.middleware?.length ?? 0) === 0 &&
    (options?.middleware?.length ?? 0) === 0
  );
}

/** `args` with `call` as the span of the call, in a copy of the request options. */
function withCall(args: readonly unknown[], call: HandedCall): unknown[] {
  handedCalls.add(call);
  const withOptions = [...args];
  withOptions[1] = { ...requestOptions(args), __span: call };
  return withOptions;
}

/** `args` with the trace context of `spanContext` to send, in a copy of the request options. */
function withTraceContext(args: readonly unknown[], spanContext: SpanContext): unknown[] {
  const withOptions = [...args];
  withOptions[1] = { ...requestOptions(args), [TRACE_CONTEXT]: spanContext };
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
  cleanSdkSpans,
  stopCleaningSdkSpans,

  helperArguments(resource, args) {
    const client = clientOf(resource);
    const options = requestOptions(args);
    if (!clientTraces(client) || options?.__span !== undefined || takesOverSdkTracing(client, options)) return args;
    return withCall(args, { span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT) });
  },

  hasOwnSpan(_resource, args) {
    const given = requestOptions(args)?.__span;
    return given !== undefined && given !== null && !isHandedCall(given);
  },

  createArguments(span, resource, args) {
    const options = requestOptions(args);
    const given = options?.__span;
    if (isHandedCall(given)) {
      given.span = trace.wrapSpanContext(span.spanContext());
      return args;
    }
    const client = clientOf(resource);
    if (!clientTraces(client)) return args;
    if (!takesOverSdkTracing(client, options)) return withCall(args, { span: trace.wrapSpanContext(span.spanContext()) });
    // The SDK sends no trace context when the client's `propagation` option is off.
    return client.openTelemetry?.propagation ? withTraceContext(args, span.spanContext()) : args;
  },

  makeWithoutSdkTracing(resource, call) {
    const client = clientOf(resource);
    // A call inside another (the `create` of a helper) is made within the other's pause.
    if (!clientTraces(client) || pausedClients.has(client) || !takesOverSdkTracing(client, requestOptions(call.args))) return;
    const tracer = client._tracer;
    client._tracer = undefined;
    pausedClients.add(client);
    try {
      call.makeNow();
    } finally {
      client._tracer = tracer;
      pausedClients.delete(client);
    }
  },
};

/**
 * Sets on `request`, an attempt's request as the client prepared it, the trace context of
 * `spanContext` as the SDK sets its span's (`injectTraceHeaders`): the fields the registered
 * propagator writes for the active context with that span in it, each replacing a header of the
 * same name. A propagator that writes nothing leaves the request as it is.
 */
function setTraceHeaders(request: PreparedRequest, spanContext: SpanContext): void {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpanContext(context.active(), spanContext), carrier);
  const names = Object.keys(carrier);
  if (names.length === 0) return;
  const headers = new Headers(request.headers);
  for (const name of names) headers.set(name, carrier[name] as string);
  request.headers = headers;
}

/**
 * Gives `client` a `prepareRequest` of its own: the one it has (its class's, which the platform
 * SDKs may override), then the trace headers of the call, when its request options carry a trace
 * context. The SDK runs `prepareRequest` once per attempt (and per replay by a middleware), after
 * the middleware, just before `fetch`: where it sets the trace headers of its own traced path.
 */
function addTraceContextStep(client: SdkClient): void {
  const prepareRequest = client.prepareRequest;
  if (typeof prepareRequest !== 'function') return;
  const prepareRequestWithTraceContext = async function (this: SdkClient, request: PreparedRequest, details: { options?: RequestOptions } | undefined): Promise<void> {
    await Reflect.apply(prepareRequest, this, [request, details]);
    const spanContext = details?.options?.[TRACE_CONTEXT];
    if (spanContext !== undefined) guard('send the trace context', setTraceHeaders, request, spanContext);
  };
  traceContextSteps.add(prepareRequestWithTraceContext);
  Object.defineProperty(client, 'prepareRequest', { value: prepareRequestWithTraceContext, writable: true, configurable: true });
}

/** The attributes of the SDK's spans that identify the account or the request: never recorded. */
const IDENTIFYING_ATTRIBUTES: ReadonlySet<string> = new Set([
  ATTR_ANTHROPIC_ORGANIZATION_ID,
  ATTR_ANTHROPIC_WORKSPACE_ID,
  ATTR_ANTHROPIC_REQUEST_ID,
  ATTR_URL_FULL,
  ATTR_URL_QUERY,
]);

/** `attributes` without the identifying ones; the same object when it has none. */
function withoutIdentifying<T extends Attributes | undefined>(attributes: T): T {
  if (attributes === undefined || !Object.keys(attributes).some((name) => IDENTIFYING_ATTRIBUTES.has(name))) return attributes;
  const kept: Attributes = {};
  for (const [name, value] of Object.entries(attributes)) if (!IDENTIFYING_ATTRIBUTES.has(name)) kept[name] = value;
  return kept as T;
}

/** A span of the SDK, as the SDK records on it: everything but the identifying attributes reaches the span. */
class CleanedSpan implements Span {
  private readonly span: Span;

  constructor(span: Span) {
    this.span = span;
  }

  spanContext(): SpanContext {
    return this.span.spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (!IDENTIFYING_ATTRIBUTES.has(key)) this.span.setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    this.span.setAttributes(withoutIdentifying(attributes));
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this {
    this.span.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.span.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.span.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.span.setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.span.updateName(name);
    return this;
  }

  end(endTime?: TimeInput): void {
    this.span.end(endTime);
  }

  isRecording(): boolean {
    return this.span.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.span.recordException(exception, time);
  }
}

/** `tracer`, a client's, with each span it starts cleaned; anything that is not a tracer as it is. */
function cleaningTracer(tracer: unknown): unknown {
  if (typeof (tracer as Partial<Tracer> | null)?.startSpan !== 'function') return tracer;
  const sdkTracer = tracer as Tracer;
  return {
    startSpan(name: string, options?: SpanOptions, context?: Context): Span {
      const cleanOptions = options?.attributes === undefined ? options : { ...options, attributes: withoutIdentifying(options.attributes) };
      return new CleanedSpan(sdkTracer.startSpan(name, cleanOptions, context));
    },
    startActiveSpan: sdkTracer.startActiveSpan.bind(sdkTracer),
  } satisfies Tracer;
}

/** The accessor this instrumentation puts on the client class's prototype: what the constructor sets lands on the instance, cleaned. */
const TRACER_ACCESSOR: PropertyDescriptor = {
  configurable: true,
  get: () => undefined,
  set(this: object, tracer: unknown) {
    const cleaned = guard('clean the SDK spans', cleaningTracer, tracer) ?? tracer;
    Object.defineProperty(this, '_tracer', { value: cleaned, writable: true, enumerable: true, configurable: true });
    if (tracer !== undefined && tracer !== null) guard('add the trace context step', addTraceContextStep, this);
  },
};

/**
 * The prototype that takes the accessor for clients of `clientClass`: its base class's
 * (`BaseAnthropic`, whose constructor sets `_tracer`, and which the platform SDKs' clients extend
 * too), else its own; `undefined` for anything that is not a class.
 */
function tracerPrototype(clientClass: unknown): object | undefined {
  const ownPrototype = (clientClass as { prototype?: object } | undefined)?.prototype;
  if (ownPrototype === undefined) return undefined;
  const basePrototype = (Object.getPrototypeOf(clientClass) as { prototype?: object } | null)?.prototype;
  return basePrototype ?? ownPrototype;
}

/** Makes each client of `clientClass` and of the platform SDKs' classes made from now on record its own spans cleaned. */
export function cleanSdkSpans(clientClass: unknown): void {
  const prototype = tracerPrototype(clientClass);
  if (prototype === undefined || Object.hasOwn(prototype, '_tracer')) return;
  Object.defineProperty(prototype, '_tracer', TRACER_ACCESSOR);
}

/** Undoes {@link cleanSdkSpans} for clients made from now on; those made before keep their cleaned tracer. */
export function stopCleaningSdkSpans(clientClass: unknown): void {
  const prototype = tracerPrototype(clientClass);
  if (prototype !== undefined && Object.getOwnPropertyDescriptor(prototype, '_tracer')?.set === TRACER_ACCESSOR.set) {
    delete (prototype as { _tracer?: unknown })._tracer;
  }
}
