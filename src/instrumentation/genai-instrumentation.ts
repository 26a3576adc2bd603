import { SpanKind, context, trace, type Attributes, type Span } from '@opentelemetry/api';
import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
  type InstrumentationConfig,
} from '@opentelemetry/instrumentation';
import { guard, logger, warnPerson } from '../guard.js';
import { contentCaptureOf, type ContentCapture, type ContentCaptureConfig } from '../privacy/capture-mode.js';
import { ATTR_GEN_AI_AGENT_NAME, ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '../semconv.js';
import { ApiCall, endFailedCall, handOverResult } from './api-call.js';
import { readAttributes } from './attribute-table.js';
import { startCallContent } from './call-content.js';
import { prefixHasherOf, writePrefixFingerprint, type PrefixFingerprintConfig } from './prefix-attributes.js';
import type { PrefixHasher } from './prefix-fingerprint.js';
import type { BuiltInTracing, ClientDescription, MethodPath, ProviderSdk, SdkModule, Surface, SupportedVersions, ToolNamesConfig } from './provider-contract.js';

/**
 * This package's wrappers of the SDKs' methods, and how each is undone, under a symbol that every
 * copy of the package shares (`Symbol.for`: the CommonJS and ESM entries, two instances).
 *
 * They are not made with `InstrumentationBase._wrap`, which first unwraps any wrapper it finds at
 * the method, the owner's or an inherited one: OpenTelemetry's own `@opentelemetry/instrumentation-aws-sdk`
 * wraps the AWS SDK's base `Client.prototype.send`, which `BedrockRuntimeClient` inherits, and
 * `@opentelemetry/instrumentation-openai` the same `create` methods as this package, and `_wrap`
 * took the other's wrapper off (every AWS client of the app lost its spans), or the other's
 * `_wrap` took this package's off. Here each wraps over the other, and each call goes through
 * both: a wrapper keeps the function it wrapped as `__original`, as shimmer's do, but has no
 * `__unwrap`, so that another instrumentation's `_wrap` wraps over it rather than taking it off.
 */
const UNWRAP = Symbol.for('otel-llm-observer.unwrap');

/** The depth to which wrappers of wrappers are followed, in case a chain loops. */
const MAX_WRAPPERS = 16;

type Wrapper = ((...args: unknown[]) => unknown) & { __original?: unknown; [UNWRAP]?: () => void };

const isOurWrapper = (method: unknown): method is Wrapper => typeof method === 'function' && typeof (method as Wrapper)[UNWRAP] === 'function';

/** Whether `method` is this package's wrapper, or another instrumentation's wrapper of it. */
function wrapsOurs(method: unknown): boolean {
  let wrapper = method;
  for (let depth = 0; depth < MAX_WRAPPERS && typeof wrapper === 'function'; depth++) {
    if (isOurWrapper(wrapper)) return true;
    wrapper = (wrapper as Wrapper).__original;
  }
  return false;
}

/** Defines `owner[name]` as `value`, enumerable as it was. */
function defineMethod(owner: object, name: string, value: unknown): void {
  Object.defineProperty(owner, name, { configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(owner, name), writable: true, value });
}

/** Puts `wrap(original)` in place of `owner[name]`, an own or an inherited function. */
function wrapMethod(owner: SdkMethods, name: string, wrap: (original: SdkMethod) => SdkMethod): void {
  const original = owner[name];
  if (typeof original !== 'function') return;
  const inherited = !Object.hasOwn(owner, name);
  const wrapped = wrap(original) as Wrapper;
  Object.defineProperty(wrapped, '__original', { configurable: true, value: original });
  Object.defineProperty(wrapped, UNWRAP, {
    value: () => {
      if (owner[name] !== wrapped) return;
      if (inherited) delete owner[name];
      else defineMethod(owner, name, original);
    },
  });
  defineMethod(owner, name, wrapped);
}

/** Takes off `owner[name]` when it is this package's own wrapper (not one another instrumentation wrapped over it, nor an inherited one). */
function unwrapMethod(owner: SdkMethods, name: string): void {
  const method = owner[name];
  if (Object.hasOwn(owner, name) && isOurWrapper(method)) method[UNWRAP]?.();
}

/** The semver range of `versions`, as `InstrumentationNodeModuleDefinition` takes it. */
export function versionRange(versions: SupportedVersions): string {
  return `>=${versions.minimum} <${versions.belowMajor}`;
}

function numericParts(version: string): number[] {
  return version.split(/[.+-]/, 3).map(Number);
}

export function isSupportedVersion(version: string, versions: SupportedVersions): boolean {
  const [major = NaN, minor = NaN, patch = NaN] = numericParts(version);
  const [minMajor = 0, minMinor = 0, minPatch = 0] = numericParts(versions.minimum);
  if (!(major < versions.belowMajor)) return false;
  if (major !== minMajor) return major > minMajor;
  if (minor !== minMinor) return minor > minMinor;
  return patch >= minPatch;
}

/** The definition that warns of `moduleName` in a version outside `versions`, naming it and what of it (`untraced`) is not traced, instead of spans silently missing. */
function outsideRange(moduleName: string, versions: SupportedVersions, untraced = 'calls'): InstrumentationNodeModuleDefinition {
  return new InstrumentationNodeModuleDefinition(moduleName, ['*'], (moduleExports, version) => {
    if (version !== undefined && !isSupportedVersion(version, versions)) {
      warnPerson(`${moduleName} ${version} is outside the supported range ${versionRange(versions)}; its ${untraced} are not traced`);
    }
    return moduleExports;
  });
}

/**
 * What every provider's instrumentation shares, the generic core: the SDK module is hooked at load
 * time (require-in-the-middle for CommonJS, import-in-the-middle for ESM), and the call method
 * (`create`) of each resource class in the provider's table is wrapped on its prototype, so every
 * API call, including those that the SDK's helpers (`stream()`, `parse()`, `runTools()`) make, has
 * one span. What the method returns is followed by the provider's observer (`observeResult`).
 */
export abstract class GenAIInstrumentation<
  Config extends InstrumentationConfig & PrefixFingerprintConfig & ContentCaptureConfig & ToolNamesConfig = InstrumentationConfig &
    PrefixFingerprintConfig &
    ContentCaptureConfig &
    ToolNamesConfig,
> extends InstrumentationBase<Config> {
  private readonly clients = new WeakMap<object, ClientDescription>();
  private readonly manuallyInstrumented = new Set<Record<string, unknown>>();
  /**
   * The content capture of the config, read when the config is set. Declared, not initialized:
   * the base class sets the first config from its constructor, before this class's fields exist.
   * @internal
   */
  declare contentCapture: ContentCapture;
  /** The prefix fingerprints' hasher of the config, `undefined` with them off; declared, as above. @internal */
  declare prefixHasher: PrefixHasher | undefined;
  /** The config's `recordToolNames`; declared, as above. @internal */
  declare recordToolNames: boolean;
  /** @internal Whether a call whose span does not record has been said to the diag logger (once). */
  unrecordedCallNoted = false;

  /**
   * Sets the config, reading its content capture and fingerprint options first: a value they do not
   * accept throws a `TypeError` (from the constructor, for the first config) and leaves the config
   * as it was.
   */
  override setConfig(config: Config): void {
    const contentCapture = contentCaptureOf(config);
    const prefixHasher = prefixHasherOf(config);
    super.setConfig(config);
    this.contentCapture = contentCapture;
    this.prefixHasher = prefixHasher;
    this.recordToolNames = config.recordToolNames !== false;
  }

  /**
   * The module this instrumentation patches and its versions. A prototype getter, not a field: the
   * base class calls `init()` from its constructor, before a subclass's fields exist.
   */
  protected abstract get sdkModule(): SdkModule;

  /**
   * The SDK this instrumentation patches: read when the SDK is patched or called, not before, so
   * that a provider may load it on first use (`<provider>/lazy-provider-sdk.ts`).
   */
  protected abstract get sdk(): ProviderSdk;

  protected override init(): InstrumentationNodeModuleDefinition[] {
    const { moduleName, supportedVersions, clientFiles = [], sessionFiles = [], sessionPackages = [] } = this.sdkModule;
    const patch = (moduleExports: Record<string, unknown>) => this.patch(moduleExports);
    const unpatch = (moduleExports: Record<string, unknown> | undefined) => this.unpatch(moduleExports);
    const range = versionRange(supportedVersions);
    return [
      new InstrumentationNodeModuleDefinition(
        moduleName,
        [range],
        patch,
        unpatch,
        [...clientFiles, ...sessionFiles].map((file) => new InstrumentationNodeModuleFile(`${moduleName}/${file}`, [range], patch, unpatch)),
      ),
      outsideRange(moduleName, supportedVersions),
      ...sessionPackages.flatMap((sessionPackage) => [
        new InstrumentationNodeModuleDefinition(sessionPackage.moduleName, [versionRange(sessionPackage.supportedVersions)], patch, unpatch),
        outsideRange(sessionPackage.moduleName, sessionPackage.supportedVersions, sessionPackage.sessions),
      ]),
    ];
  }

  /**
   * The methods of `moduleExports` to wrap, each with its prototype and wrapper: the call method of
   * each surface's resource, and the helpers that the SDK's own tracing needs wrapped. A method
   * this SDK version lacks is skipped: the surface is absent, not broken.
   */
  private *methods(moduleExports: Record<string, unknown> | undefined): Generator<[SdkMethods, string, MethodWrapper]> {
    const client = moduleExports === undefined ? undefined : this.sdk.clientClass(moduleExports);
    const sdk = this.sdk;
    for (const { resourcePath, method = sdk.callMethod, surface } of sdk.surfaces) {
      const prototype = prototypeWith(client, { resourcePath, method });
      if (prototype !== undefined) yield [prototype, method, (original) => traced(this, sdk, original, surface)];
    }
    const builtInTracing = sdk.builtInTracing;
    for (const helper of builtInTracing?.helpers ?? []) {
      const prototype = prototypeWith(client, helper);
      if (prototype !== undefined && builtInTracing !== undefined) {
        yield [prototype, helper.method, (original) => handingOverSpans(builtInTracing, original)];
      }
    }
    if (moduleExports === undefined) return;
    for (const sessions of sdk.sessions ?? []) {
      const emitter = sessions.emitterOf(moduleExports);
      if (emitter !== undefined) yield [emitter as SdkMethods, sessions.method, (original) => sessions.traced(this, original)];
    }
  }

  /**
   * Patches an SDK module that the app loaded itself, for bundled apps where no load-time hook
   * sees the SDK: `instrumentation.instrumentModule(await import('openai'))`. Patching is
   * idempotent, and `disable()` undoes it.
   */
  instrumentModule(moduleExports: object): void {
    this.manuallyInstrumented.add(moduleExports as Record<string, unknown>);
    if (this.isEnabled()) this.patch(moduleExports as Record<string, unknown>);
  }

  override enable(): void {
    super.enable();
    // Undefined while the base constructor enables: no module has been handed over yet.
    this.manuallyInstrumented?.forEach((moduleExports) => this.patch(moduleExports));
  }

  override disable(): void {
    super.disable();
    this.manuallyInstrumented.forEach((moduleExports) => this.unpatch(moduleExports));
  }

  private patch(moduleExports: Record<string, unknown>): Record<string, unknown> {
    for (const [prototype, method, wrapper] of this.methods(moduleExports)) {
      // The CommonJS and ESM builds of an SDK are distinct classes, each wrapped once, by the first
      // of two instances; another instrumentation's wrapper is wrapped over.
      if (wrapsOurs(prototype[method])) continue;
      wrapMethod(prototype, method, wrapper);
    }
    const builtInTracing = this.sdk.builtInTracing;
    if (builtInTracing !== undefined) guard('clean the SDK spans', builtInTracing.cleanSdkSpans, this.sdk.clientClass(moduleExports));
    return moduleExports;
  }

  private unpatch(moduleExports: Record<string, unknown> | undefined): void {
    for (const [prototype, method] of this.methods(moduleExports)) {
      // Only this package's own wrapper, on top: another instrumentation's is left as it is.
      unwrapMethod(prototype, method);
    }
    const builtInTracing = this.sdk.builtInTracing;
    if (builtInTracing !== undefined && moduleExports !== undefined) {
      guard('stop cleaning the SDK spans', builtInTracing.stopCleaningSdkSpans, this.sdk.clientClass(moduleExports));
    }
  }

  /** @internal */
  describe(client: unknown): ClientDescription {
    if (typeof client !== 'object' || client === null) return this.sdk.unreadableClient;
    let description = this.clients.get(client);
    if (description === undefined) {
      description = this.sdk.describeClient(client as Record<string, unknown>, this.getConfig());
      this.clients.set(client, description);
    }
    return description;
  }

  /** @internal */
  startSpan(name: string, attributes: Attributes): import('@opentelemetry/api').Span {
    return this.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
  }

  /** @internal */
  startCall(surface: Surface, client: unknown, body: unknown): ApiCall {
    return startCall(this, surface, client, body);
  }
}

export type SdkMethod = (...args: unknown[]) => unknown;
type SdkMethods = Record<string, SdkMethod>;
type MethodWrapper = (original: SdkMethod) => SdkMethod;

/** The prototype of the resource class at `resourcePath` from `client`, if it has `method`. */
function prototypeWith(client: unknown, { resourcePath, method }: MethodPath): SdkMethods | undefined {
  let resource: unknown = client;
  for (const key of resourcePath) resource = (resource as Record<string, unknown> | undefined)?.[key];
  const prototype = (resource as { prototype?: Partial<SdkMethods> } | undefined)?.prototype;
  return typeof prototype?.[method] === 'function' ? (prototype as SdkMethods) : undefined;
}

/**
 * `original`, a resource's call method, traced: one span per call, observed on the SDK's own result.
 * A client that bound the method when it was made (`cohere-ai`'s `CohereClientV2`) keeps this
 * wrapper after `disable()` takes it off the prototype: the wrapper then makes the SDK's call as it is.
 */
function traced(instrumentation: GenAIInstrumentation, sdk: ProviderSdk, original: SdkMethod, surface: Surface): SdkMethod {
  const builtInTracing = sdk.builtInTracing;
  return function call(this: object, ...args: unknown[]): unknown {
    if (!instrumentation.isEnabled()) return Reflect.apply(original, this, args);
    if (builtInTracing !== undefined && guard('look for the SDK span', builtInTracing.hasOwnSpan, this, args) === true) {
      return Reflect.apply(original, this, args);
    }
    const call = guard('start span', startCall, instrumentation, surface, sdk.clientOf(this), args[0]);
    if (call === undefined) return Reflect.apply(original, this, args);
    const callArgs =
      builtInTracing === undefined ? args : (guard('hand the span to the SDK', builtInTracing.createArguments, call.span, this, args) ?? args);
    const result = makeInCall(call, new MadeCall(original, this, callArgs, builtInTracing));
    // A span that does not record keeps nothing read from the result: the result is left alone.
    if (call.span.isRecording()) return handOverResult('observe call', sdk.observeResult, call, result);
    if (!instrumentation.unrecordedCallNoted) noteUnrecordedCall(instrumentation);
    return result;
  };
}

/** Makes `made` with the span of `call` current, and returns what it returned; what it throws ends the span failed and is thrown on. */
function makeInCall(call: ApiCall, made: MadeCall): unknown {
  // The context manager is the application's: what it throws is telemetry's failure, and the call is made without the span's context.
  guard('make the span current', makeInSpanContext, call.span, made);
  if (!made.tried) made.make();
  if (made.failed) {
    guard('end failed call', endFailedCall, call, made.error);
    throw made.error;
  }
  return made.result;
}

/**
 * Makes `original` on `self` with `args` as `call`, a call a provider's session reader started
 * (`SessionTracer.startCall`; `undefined` when starting it failed: the SDK's method is then made as
 * it is), as `traced` makes a surface's: the span current while the SDK runs, so that its HTTP
 * spans are the call's children; a throw ends the span failed and goes on to the app; what the SDK
 * returned is handed to `observe`, whose result the app gets (`handOverResult`).
 */
export function makeTracedCall(
  call: ApiCall | undefined,
  original: SdkMethod,
  self: object,
  args: unknown[],
  observe: (call: ApiCall, result: unknown) => unknown,
): unknown {
  if (call === undefined) return Reflect.apply(original, self, args);
  const result = makeInCall(call, new MadeCall(original, self, args, undefined));
  return call.span.isRecording() ? handOverResult('observe call', observe, call, result) : result;
}

/** Says once, for the app's developer, why the calls of traces the app's sampler drops are not priced. */
function noteUnrecordedCall(instrumentation: GenAIInstrumentation): void {
  instrumentation.unrecordedCallNoted = true;
  logger.info(
    `${instrumentation.instrumentationName}: a call's span does not record (its trace is not sampled), so the call is not priced nor counted in the metrics and the report; give the app's sampler to llmObserver({ sampler }) to count every call (README, "Sampling")`,
  );
}

/** One call of an SDK method, made once, keeping what it returned or threw apart from what the code around it throws. */
class MadeCall {
  tried = false;
  failed = false;
  result: unknown;
  error: unknown;
  private readonly original: SdkMethod;
  private readonly self: object;
  readonly args: unknown[];
  private readonly builtInTracing: BuiltInTracing | undefined;

  constructor(original: SdkMethod, self: object, args: unknown[], builtInTracing: BuiltInTracing | undefined) {
    this.original = original;
    this.self = self;
    this.args = args;
    this.builtInTracing = builtInTracing;
  }

  /** Makes the call, with the SDK's own tracing paused for it where this instrumentation does that tracing's part (see BuiltInTracing). */
  make(): void {
    if (this.tried) return;
    if (this.builtInTracing !== undefined) guard('pause the SDK tracing', this.builtInTracing.makeWithoutSdkTracing, this.self, this);
    this.makeNow();
  }

  /** Makes the call as it is, once. */
  makeNow(): void {
    if (this.tried) return;
    this.tried = true;
    try {
      this.result = Reflect.apply(this.original, this.self, this.args);
    } catch (error) {
      this.failed = true;
      this.error = error;
    }
  }
}

/** Makes `made` with `span` as the current span; the SDK's own calls inside see it as their parent. */
function makeInSpanContext(span: Span, made: MadeCall): void {
  context.with(trace.setSpan(context.active(), span), made.make, made);
}

/** `original`, a helper of the SDK, called with arguments that leave the span of its call to `create`. */
function handingOverSpans(builtInTracing: BuiltInTracing, original: SdkMethod): SdkMethod {
  return function helper(this: object, ...args: unknown[]): unknown {
    const helperArgs = guard('prepare the SDK helper', builtInTracing.helperArguments, this, args) ?? args;
    const made = new MadeCall(original, this, helperArgs, builtInTracing);
    made.make();
    if (made.failed) throw made.error;
    return made.result;
  };
}

/** Starts the span of a call to `surface` made through `sdkClient` with `body`. */
function startCall(instrumentation: GenAIInstrumentation, surface: Surface, sdkClient: unknown, body: unknown): ApiCall {
  const client = instrumentation.describe(sdkClient);
  // Stored one by one: as computed keys of a literal, the names would each cost a runtime call (../privacy/shape.ts).
  const attributes: Attributes = {};
  attributes[ATTR_GEN_AI_OPERATION_NAME] = surface.operation;
  attributes[ATTR_GEN_AI_PROVIDER_NAME] = client.provider;
  if (client.serverAddress !== undefined) attributes[ATTR_SERVER_ADDRESS] = client.serverAddress;
  if (client.serverPort !== undefined) attributes[ATTR_SERVER_PORT] = client.serverPort;
  guard('read request', readRequest, surface, body, attributes);
  const content = surface.content === undefined ? undefined : guard('read request content', startCallContent, instrumentation.contentCapture, surface.content, body, attributes, instrumentation.recordToolNames);
  if (surface.cacheablePrefix !== undefined && instrumentation.prefixHasher !== undefined) {
    guard('fingerprint the cacheable prefix', writePrefixFingerprint, instrumentation.prefixHasher, surface.cacheablePrefix, body, attributes);
  }
  // The surface's request reader may name the operation otherwise (an agent's run, `invoke_agent {agent}`).
  // The conventions name the span by the request's model as the surface read it (Bedrock's `modelId`).
  const operation = attributes[ATTR_GEN_AI_OPERATION_NAME] as string;
  const subject = attributes[ATTR_GEN_AI_REQUEST_MODEL] ?? attributes[ATTR_GEN_AI_AGENT_NAME];
  const name = typeof subject === 'string' ? `${operation} ${subject}` : operation;
  return new ApiCall(instrumentation.startSpan(name, attributes), surface, content, client.dialect);
}

/** Writes into `attributes` those of the request `body` that `surface` reads. */
function readRequest(surface: Surface, body: unknown, attributes: Attributes): void {
  readAttributes(surface.request, body, attributes);
  surface.readRequest?.(body, attributes);
}

/** `server.address` and `server.port` of a client's `baseURL`, with the scheme's default port. */
export function serverOf(baseURL: unknown): Pick<ClientDescription, 'serverAddress' | 'serverPort'> {
  if (typeof baseURL !== 'string' || !URL.canParse(baseURL)) return { serverAddress: undefined, serverPort: undefined };
  const url = new URL(baseURL);
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
  return { serverAddress: url.hostname, serverPort: port };
}
