import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { after, beforeEach, it } from 'node:test';

/**
 * What every test file of the compat suite shares. The suite runs inside a row's folder (see
 * compat/run.ts), as an app there would: every package comes from the row's node_modules, loaded
 * with the row's own `require`, after the row's NodeSDK has started with this package's
 * instrumentations and CostSpanProcessor and an in-memory exporter of the row's OTel line.
 */

interface Row {
  readonly name: string;
  readonly node: string;
  readonly otel: '3.x' | '2.x';
  readonly expect: 'traced' | 'warned';
  /** Every pinned package, by name, at its exact version. */
  readonly pins: Readonly<Record<string, string>>;
  /** The repository's test/support/fixture-server.ts, by path. */
  readonly fixtureServer: string;
}

const ROW_FOLDER = join(import.meta.dirname, '..');
export const row = JSON.parse(readFileSync(join(ROW_FOLDER, 'row.json'), 'utf8')) as Row;

/** The AWS SDK's Bedrock Runtime client, which the rows of the Bedrock instrumentation pin. */
export const BEDROCK_RUNTIME = '@aws-sdk/client-bedrock-runtime';

/** GroqCloud's SDK, which the rows of the Groq instrumentation pin. */
export const GROQ_SDK = 'groq-sdk';

/** Mistral AI's SDK, which the rows of the Mistral instrumentation pin. */
export const MISTRAL_SDK = '@mistralai/mistralai';

/** Cohere's SDK, which the rows of the Cohere instrumentation pin. */
export const COHERE_SDK = 'cohere-ai';

/** Ollama's SDK (ollama-js), which the rows of the Ollama instrumentation pin. */
export const OLLAMA_SDK = 'ollama';

/** Together AI's SDK, which the rows of the Together instrumentation pin. */
export const TOGETHER_SDK = 'together-ai';

/** Cerebras's SDK, which the rows of the Cerebras instrumentation pin. */
export const CEREBRAS_SDK = '@cerebras/cerebras_cloud_sdk';

/** `require` as the row's app has it: packages resolve from the row's node_modules and nowhere else. */
export const requireFromApp = createRequire(join(ROW_FOLDER, 'package.json'));

/** The folder of the package `name` that the app loads. */
function packageFolder(name: string): string {
  // Some packages export no ./package.json: climb from the entry point to the package's folder.
  for (let folder = dirname(requireFromApp.resolve(name)); folder !== dirname(folder); folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return folder;
  }
  throw new Error(`no package.json of ${name} above ${requireFromApp.resolve(name)}`);
}

/** The version of the package `name` that the app loads. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageFolder(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Whether `version` is at least `minimum`, comparing major, minor and patch. */
export function isAtLeast(version: string, minimum: string): boolean {
  const parts = version.split('.').map(Number);
  const minimumParts = minimum.split('.').map(Number);
  for (let index = 0; index < 3; index++) {
    const difference = (parts[index] ?? 0) - (minimumParts[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/** A method of an SDK that a version may or may not have: `since` it came, `until` it went. */
export interface VersionedMethod {
  /** Its path on a client, `chat.completions.parse`. */
  readonly method: string;
  readonly since: string;
  readonly until?: string;
}

function versionHas(version: string, method: VersionedMethod): boolean {
  return isAtLeast(version, method.since) && (method.until === undefined || !isAtLeast(version, method.until));
}

/** The value at `path` on `client`, `undefined` where any step of the path is missing. */
function methodAt(client: object, path: string): unknown {
  let value: unknown = client;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** What an SDK method returns: the SDK's API promise. */
export interface ApiPromise extends Promise<unknown> {
  withResponse(): Promise<{ data: unknown; response: Response }>;
}

/** Calls the method at `path` on `client` (`chat.completions.create`) with `args`; an API promise unless said otherwise. */
export function callMethod<Result = ApiPromise>(client: object, path: string, args: readonly unknown[]): Result {
  const keys = path.split('.');
  const name = keys.pop() as string;
  const resource = methodAt(client, keys.join('.')) as Record<string, (...args: unknown[]) => Result>;
  return Reflect.apply(resource[name] as (...args: unknown[]) => Result, resource, args);
}

interface FinishedSpan {
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: { readonly code: number; readonly message?: string };
  readonly instrumentationScope?: { readonly name: string };
}

interface TracingModule {
  InMemorySpanExporter: new () => { getFinishedSpans(): FinishedSpan[]; reset(): void };
  SimpleSpanProcessor: new (argument: unknown) => object;
}

/** Each line's package of span processors and exporters, and how its SimpleSpanProcessor is built. */
const LINE_TRACING = {
  '3.x': { module: '@opentelemetry/sdk-trace', simpleProcessor: (exporter: object) => ({ exporter }) },
  '2.x': { module: '@opentelemetry/sdk-trace-base', simpleProcessor: (exporter: object) => exporter },
} as const;

interface FixtureServer {
  readonly origin: string;
  close(): Promise<void>;
}

export interface Recording {
  /** The spans exported so far, oldest first. */
  spans(): FinishedSpan[];
  /** Forgets the spans exported so far; each test starts with none. */
  reset(): void;
  /** The diag messages of level warn and above, each as one line. */
  readonly warnings: string[];
  /** The fixture server's origin. */
  readonly origin: string;
  /** This package's instrumentation of `@anthropic-ai/sdk`, to turn off and on again. */
  readonly anthropicInstrumentation: { enable(): void; disable(): void };
}

/**
 * Starts the row's NodeSDK with this package's instrumentations and CostSpanProcessor, ahead of an
 * exporting processor of the row's line, and a fixture server; each test starts with no spans.
 * Await once, at the top of a test file, before the SDKs under test are required.
 */
export async function startRecording(): Promise<Recording> {
  const api = requireFromApp('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const warnings: string[] = [];
  const keep = (...parts: unknown[]) => warnings.push(parts.map(String).join(' '));
  api.diag.setLogger({ error: keep, warn: keep, info: () => {}, debug: () => {}, verbose: () => {} }, api.DiagLogLevel.WARN);

  const observer = requireFromApp('otel-llm-observer') as typeof import('otel-llm-observer');
  const tracing = LINE_TRACING[row.otel];
  const { InMemorySpanExporter, SimpleSpanProcessor } = requireFromApp(tracing.module) as TracingModule;
  const exporter = new InMemorySpanExporter();
  const { NodeSDK } = requireFromApp('@opentelemetry/sdk-node') as { NodeSDK: new (config: object) => { start(): void; shutdown(): Promise<void> } };
  const anthropicInstrumentation = new observer.AnthropicInstrumentation();
  // The Bedrock instrumentation in the rows that pin the AWS SDK's client only: the rows of
  // @anthropic-ai/bedrock-sdk install that client too, as a dependency of their own.
  const bedrock = BEDROCK_RUNTIME in row.pins ? [new observer.BedrockInstrumentation()] : [];
  const sdk = new NodeSDK({
    instrumentations: [
      new observer.OpenAIInstrumentation(),
      anthropicInstrumentation,
      new observer.GeminiInstrumentation(),
      ...bedrock,
      new observer.GroqInstrumentation(),
      new observer.MistralInstrumentation(),
      new observer.CohereInstrumentation(),
      new observer.OllamaInstrumentation(),
      new observer.TogetherInstrumentation(),
      new observer.CerebrasInstrumentation(),
    ],
    spanProcessors: [new observer.CostSpanProcessor(), new SimpleSpanProcessor(tracing.simpleProcessor(exporter))],
    // No resource detection: a resource still detecting holds back the export of every span.
    resourceDetectors: [],
  });
  sdk.start();

  const { startFixtureServer } = (await import(row.fixtureServer)) as { startFixtureServer(): Promise<FixtureServer> };
  const server = await startFixtureServer();
  after(async () => {
    await server.close();
    await sdk.shutdown();
  });
  const recording: Recording = {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    warnings,
    origin: server.origin,
    anthropicInstrumentation,
  };
  beforeEach(recording.reset);
  return recording;
}

/** The one span exported so far, after checking that there is exactly one. */
export function onlySpan(recording: Recording): FinishedSpan {
  const spans = recording.spans();
  assert.equal(spans.length, 1, `one span, not ${spans.map((span) => `"${span.name}" (${span.instrumentationScope?.name})`).join(', ') || 'none'}`);
  return spans[0] as FinishedSpan;
}

/** The attributes of `span` named in `expected`, to compare with it. */
export function attributesLike(span: FinishedSpan, expected: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(expected).map((name) => [name, span.attributes[name]]));
}

/** `SpanStatusCode.ERROR` of the OpenTelemetry API, on either line. */
const SPAN_STATUS_ERROR = 2;

/** Checks that `span` was priced with the pricing entry `entryId` before the exporter saw it. */
function assertPriced(span: FinishedSpan, entryId: string): void {
  assert.equal(span.attributes['llm_observer.pricing.entry'], entryId);
  const totalUsd = span.attributes['llm_observer.cost.total_usd'];
  assert.ok(typeof totalUsd === 'number' && totalUsd > 0, `a positive total cost, not ${String(totalUsd)}`);
}

/** A surface of an SDK that this package traces: a method (or a way of calling it) and its one span. */
export interface Surface extends VersionedMethod {
  /** What the test calls it, when the method alone does not say. */
  readonly variant?: string;
  /** Makes one call of the surface against its fixture, and reads the result to its end. */
  readonly run: () => Promise<unknown>;
  /** What the one span of the call must record, in words (the test's name) and as attributes. */
  readonly records: string;
  readonly span: Readonly<Record<string, unknown>>;
  /** The span's name, where the surface checks it. */
  readonly spanName?: string;
  /** The status message of a failed call's span (the error's class and HTTP status), whose status must be ERROR. */
  readonly errorStatus?: string;
  /** The pricing entry of the fixture's model, where it has one. */
  readonly pricedAs?: string;
}

/**
 * One test per surface: a surface that `version` of the SDK has is called, and its call must give
 * one span of `scope` recording what the surface says; a surface the version lacks must be absent
 * from `client` (one test for all the ways of calling it). Last, no diag warning must have come.
 */
export function testSurfaces(recording: Recording, client: object, version: string, scope: string, surfaces: readonly Surface[]): void {
  const checkedAbsent = new Set<string>();
  for (const surface of surfaces) {
    const title = surface.variant === undefined ? surface.method : `${surface.method}, ${surface.variant}`;
    if (!versionHas(version, surface)) {
      if (!checkedAbsent.has(surface.method)) {
        checkedAbsent.add(surface.method);
        it(`has no ${surface.method}`, () => assert.equal(methodAt(client, surface.method), undefined));
      }
      continue;
    }
    it(`${title}: one span, recording ${surface.records}${surface.pricedAs === undefined ? '' : ', and its cost'}`, async () => {
      await surface.run();
      const span = onlySpan(recording);
      assert.equal(span.instrumentationScope?.name, scope);
      assert.deepEqual(attributesLike(span, surface.span), surface.span);
      if (surface.spanName !== undefined) assert.equal(span.name, surface.spanName);
      if (surface.errorStatus !== undefined) assert.deepEqual(span.status, { code: SPAN_STATUS_ERROR, message: surface.errorStatus });
      if (surface.pricedAs !== undefined) assertPriced(span, surface.pricedAs);
    });
  }

  it('draws no diag warning', () => {
    assert.deepEqual(recording.warnings, []);
  });
}

/**
 * The surfaces of the API promise that `method` returns, which every SDK version has: read with
 * `withResponse()` (the body is the fixture `fixtureName` of `fixtureFolder`, the provider's own
 * folder unless said otherwise, with the response id `responseId`, and the span records `usage`),
 * and failed with a 429 (the provider's `error-429` fixture).
 */
export function apiPromiseSurfaces(
  provider: 'openai' | 'anthropic' | 'groq' | 'together' | 'cerebras',
  call: (fixtureOptions: { headers: Record<string, string> }) => ApiPromise,
  {
    method,
    since,
    fixtureFolder = provider,
    fixtureName,
    responseId,
    usage,
  }: VersionedMethod & { fixtureFolder?: FixtureFolder; fixtureName: string; responseId: string; usage: Readonly<Record<string, unknown>> },
): Surface[] {
  return [
    {
      method,
      variant: 'read with withResponse()',
      since,
      run: async () => {
        const { data, response } = await call(fixture(fixtureFolder, fixtureName)).withResponse();
        assert.equal((data as { id: string }).id, responseId);
        assert.equal(response.status, 200);
      },
      records: 'its usage',
      span: { ...usage, 'llm_observer.call.outcome': 'completed' },
    },
    {
      method,
      variant: 'failed with a 429',
      since,
      run: () => assert.rejects(call(fixture(provider, 'error-429')), { status: 429 }),
      records: "the failure and the error's class",
      span: { 'error.type': 'RateLimitError', 'llm_observer.call.outcome': 'failed' },
    },
  ];
}

/** Reads a stream of events to its end. */
export async function readStream(stream: unknown): Promise<void> {
  for await (const event of stream as AsyncIterable<unknown>) void event;
}

/**
 * The folders of the repository's test/fixtures that the suite reads: a provider's own, and
 * `openai-backends`, the OpenAI API's wire format as other backends (GroqCloud, Together AI, Cerebras) send it.
 */
type FixtureFolder = 'openai' | 'anthropic' | 'groq' | 'mistral' | 'cohere' | 'ollama' | 'together' | 'cerebras' | 'openai-backends';

/** Request options that pick the fixture `<folder>/<name>` of the repository's test/fixtures. */
export function fixture(folder: FixtureFolder, name: string): { headers: Record<string, string> } {
  return { headers: { 'x-fixture': `${folder}/${name}` } };
}
