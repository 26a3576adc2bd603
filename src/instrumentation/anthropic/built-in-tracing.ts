import {
  INVALID_SPAN_CONTEXT,
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
 *
 * The SDK's spans of the calls this instrumentation does not trace (`countTokens`, `models`,
 * `files`, batches, the tool runner's tool spans) stay the SDK's, cleaned: each client's tracer
 * (`_tracer`, which the client sets once, in the constructor of `BaseAnthropic`, the base class of
 * `Anthropic` and of the platform SDKs' clients) is wrapped as the client sets it, so
 * that its spans never get the attributes that identify the account or the request
 * (`anthropic.organization.id`, `anthropic.workspace.id`, `anthropic.request.id`, `url.full`,
 * `url.query`), which this package promises never leave.
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
  cleanSdkSpans,
  stopCleaningSdkSpans,

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
