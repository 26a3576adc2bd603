import { createRequire } from 'node:module';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { guardSeam } from '../../src/guard.js';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  AnthropicInstrumentation,
  BedrockInstrumentation,
  CerebrasInstrumentation,
  CohereInstrumentation,
  CostSpanProcessor,
  GeminiInstrumentation,
  GroqInstrumentation,
  MistralInstrumentation,
  OllamaInstrumentation,
  OpenAIInstrumentation,
  TogetherInstrumentation,
} from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { DiagRecorder, OpenSpanCounter, SpanEndCounter } from '../support/telemetry-checks.js';
import { setupTracing, type Tracing } from '../support/tracing.js';

/**
 * Bytes compared as bytes: an InvokeModel response's `body` (a `Uint8Array` of the AWS SDK's) that
 * a hostile case makes 10 to 60 MB long would otherwise be compared key by key, one string a byte
 * (4 GB of heap for one case: the worker ran out of memory). Every reliability file loads this one.
 */
function sameBytes(a: unknown, b: unknown): boolean | undefined {
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return undefined;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || a.byteLength !== b.byteLength) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
expect.addEqualityTesters([sameBytes]);

/**
 * What the reliability tests share: every provider's instrumentation and the cost processor on the real OTel
 * SDK, with processors that count each span's ends and the spans still open, a diag logger that
 * keeps every message, the installed `openai`, `@anthropic-ai/sdk`, `@google/genai`, `@aws-sdk/client-bedrock-runtime`, `groq-sdk`,
 * `@mistralai/mistralai`, `cohere-ai`, `ollama`, `together-ai` and `@cerebras/cerebras_cloud_sdk` loaded after them, and a client of each pointed at the fixture server (no retries; Cohere's
 * v2 client and its v1 client; an Ollama client for each fixture, as its calls take no headers of their own). Call once, at the top of a test file.
 */

type OpenAISdk = typeof import('openai');
type AnthropicSdk = typeof import('@anthropic-ai/sdk');
type GeminiSdk = typeof import('@google/genai');
export type BedrockSdk = typeof import('@aws-sdk/client-bedrock-runtime');
export type BedrockClient = InstanceType<BedrockSdk['BedrockRuntimeClient']>;
export type OpenAIClient = InstanceType<OpenAISdk['OpenAI']>;
export type AnthropicClient = InstanceType<AnthropicSdk['Anthropic']>;
export type GeminiClient = InstanceType<GeminiSdk['GoogleGenAI']>;
type GroqSdk = typeof import('groq-sdk');
export type GroqClient = InstanceType<GroqSdk['Groq']>;
export type MistralSdk = typeof import('@mistralai/mistralai');
export type MistralClient = InstanceType<MistralSdk['Mistral']>;
export type CohereSdk = typeof import('cohere-ai');
export type CohereClient = InstanceType<CohereSdk['CohereClientV2']>;
export type CohereV1Client = InstanceType<CohereSdk['CohereClient']>;
export type OllamaSdk = typeof import('ollama');
export type OllamaClient = InstanceType<OllamaSdk['Ollama']>;
export type TogetherSdk = typeof import('together-ai');
export type TogetherClient = InstanceType<TogetherSdk['Together']>;
export type CerebrasSdk = typeof import('@cerebras/cerebras_cloud_sdk');
export type CerebrasClient = InstanceType<CerebrasSdk['Cerebras']>;

export interface ReliabilityBed {
  readonly openaiInstrumentation: OpenAIInstrumentation;
  readonly anthropicInstrumentation: AnthropicInstrumentation;
  readonly geminiInstrumentation: GeminiInstrumentation;
  readonly bedrockInstrumentation: BedrockInstrumentation;
  readonly groqInstrumentation: GroqInstrumentation;
  readonly mistralInstrumentation: MistralInstrumentation;
  readonly cohereInstrumentation: CohereInstrumentation;
  readonly ollamaInstrumentation: OllamaInstrumentation;
  readonly togetherInstrumentation: TogetherInstrumentation;
  readonly cerebrasInstrumentation: CerebrasInstrumentation;
  readonly costs: CostSpanProcessor;
  readonly tracing: Tracing;
  readonly ends: SpanEndCounter;
  readonly openSpans: OpenSpanCounter;
  readonly diagnostics: DiagRecorder;
  readonly openaiSdk: OpenAISdk;
  readonly anthropicSdk: AnthropicSdk;
  readonly geminiSdk: GeminiSdk;
  readonly bedrockSdk: BedrockSdk;
  readonly groqSdk: GroqSdk;
  readonly mistralSdk: MistralSdk;
  readonly cohereSdk: CohereSdk;
  readonly ollamaSdk: OllamaSdk;
  readonly togetherSdk: TogetherSdk;
  readonly cerebrasSdk: CerebrasSdk;
  readonly server: FixtureServer;
  readonly openai: OpenAIClient;
  readonly anthropic: AnthropicClient;
  readonly gemini: GeminiClient;
  readonly groq: GroqClient;
  readonly mistral: MistralClient;
  /** Cohere's v2 client (`CohereClientV2`), and its v1 client (`CohereClient`), which LangChain.js calls. */
  readonly cohere: CohereClient;
  readonly cohereV1: CohereV1Client;
  readonly together: TogetherClient;
  readonly cerebras: CerebrasClient;
  /**
   * The bed's one `BedrockRuntimeClient`, whose commands sent through this answer with the fixture
   * `name` (`bedrock/converse`): the AWS SDK takes no headers per call, so each command gets them
   * from a middleware of its own ({@link withHeaders}).
   */
  bedrock(name: string, headers?: Record<string, string>): Pick<BedrockClient, 'send'>;
  /**
   * An `ollama` client of the fixture server whose calls answer with the fixture `name`
   * (`ollama/chat`): the SDK takes no options per call, so the client's own headers name it
   * ({@link ollamaClient}).
   */
  ollama(name: string, headers?: Record<string, string>): OllamaClient;
}

export interface BedOptions {
  /** The folder the fixture server serves: test/fixtures/ unless the file generates its own. */
  readonly fixtures?: string;
  /** Instances of each instrumentation registered, as an app that registers them twice does; 1 unless said. */
  readonly instances?: number;
}

/**
 * Sets the bed up and starts the fixture server: `await` it at the top of the file, so that the
 * tests can be made from calls. The instrumentations it names are the first instance of each.
 */
export async function reliabilityBed({ fixtures, instances = 1 }: BedOptions = {}): Promise<ReliabilityBed> {
  const diagnostics = new DiagRecorder();
  diag.setLogger(diagnostics, DiagLogLevel.ALL);
  const registered = Array.from({ length: instances }, () => [
    new OpenAIInstrumentation(),
    new AnthropicInstrumentation(),
    new GeminiInstrumentation(),
    new BedrockInstrumentation(),
    new GroqInstrumentation(),
    new MistralInstrumentation(),
    new CohereInstrumentation(),
    new OllamaInstrumentation(),
    new TogetherInstrumentation(),
    new CerebrasInstrumentation(),
  ] as const);
  const [
    openaiInstrumentation,
    anthropicInstrumentation,
    geminiInstrumentation,
    bedrockInstrumentation,
    groqInstrumentation,
    mistralInstrumentation,
    cohereInstrumentation,
    ollamaInstrumentation,
    togetherInstrumentation,
    cerebrasInstrumentation,
  ] = registered[0] as (typeof registered)[number];
  const costs = new CostSpanProcessor({ printReport: false });
  const ends = new SpanEndCounter();
  const openSpans = new OpenSpanCounter();
  const tracing = setupTracing(registered.flat(), [costs, ends, openSpans]);
  const load = createRequire(import.meta.url);
  const openaiSdk = load('openai') as OpenAISdk;
  const anthropicSdk = load('@anthropic-ai/sdk') as AnthropicSdk;
  const geminiSdk = load('@google/genai') as GeminiSdk;
  const bedrockSdk = load('@aws-sdk/client-bedrock-runtime') as BedrockSdk;
  const groqSdk = load('groq-sdk') as GroqSdk;
  const mistralSdk = load('@mistralai/mistralai') as MistralSdk;
  const cohereSdk = load('cohere-ai') as CohereSdk;
  const ollamaSdk = load('ollama') as OllamaSdk;
  const togetherSdk = load('together-ai') as TogetherSdk;
  const cerebrasSdk = load('@cerebras/cerebras_cloud_sdk') as CerebrasSdk;
  const server = await startFixtureServer(fixtures);
  const bedrock = bedrockClient(bedrockSdk, server.origin);
  afterAll(() => server.close());
  beforeEach(() => {
    guardSeam.beforeStep = undefined;
    tracing.reset();
    ends.endsBySpanId.clear();
    diagnostics.messages.length = 0;
    server.requests.length = 0;
  });
  return {
    openaiInstrumentation,
    anthropicInstrumentation,
    geminiInstrumentation,
    bedrockInstrumentation,
    groqInstrumentation,
    mistralInstrumentation,
    cohereInstrumentation,
    ollamaInstrumentation,
    togetherInstrumentation,
    cerebrasInstrumentation,
    costs,
    tracing,
    ends,
    openSpans,
    diagnostics,
    openaiSdk,
    anthropicSdk,
    geminiSdk,
    bedrockSdk,
    groqSdk,
    mistralSdk,
    cohereSdk,
    ollamaSdk,
    togetherSdk,
    cerebrasSdk,
    server,
    openai: new openaiSdk.OpenAI({ apiKey: 'sk-test-reliability', baseURL: `${server.origin}/v1`, maxRetries: 0, logLevel: 'off' }),
    anthropic: new anthropicSdk.Anthropic({ apiKey: 'sk-ant-test-reliability', baseURL: server.origin, maxRetries: 0, logLevel: 'off' }),
    gemini: new geminiSdk.GoogleGenAI({ apiKey: 'AIzaSy-test-reliability', httpOptions: { baseUrl: server.origin } }),
    groq: new groqSdk.Groq({ apiKey: 'gsk_test-reliability', baseURL: server.origin, maxRetries: 0, logLevel: 'off' }),
    mistral: mistralClient(mistralSdk, server.origin),
    cohere: cohereClient(cohereSdk, server.origin),
    cohereV1: cohereV1Client(cohereSdk, server.origin),
    together: togetherClient(togetherSdk, server.origin),
    cerebras: cerebrasClient(cerebrasSdk, server.origin),
    bedrock: (name, headers = {}) => ({ send: ((command: { middlewareStack: object }) => bedrock.send(withHeaders(command, { 'x-fixture': name, ...headers }) as never)) as BedrockClient['send'] }),
    ollama: (name, headers = {}) => ollamaClient(ollamaSdk, server.origin, name, headers),
  };
}

/** A Mistral AI client of `origin`, with no retry. */
export function mistralClient(sdk: MistralSdk, origin: string): MistralClient {
  return new sdk.Mistral({ apiKey: 'test-reliability-mistral', serverURL: origin, retryConfig: { strategy: 'none' } });
}

/** The request options of a Mistral AI call answered with the fixture `name`: the SDK takes a call's headers in its `fetchOptions`. */
export function mistralFixture(name: string, headers: Record<string, string> = {}): { fetchOptions: { headers: Record<string, string> } } {
  return { fetchOptions: fixture(name, headers) };
}

/** A Cohere v2 client (`CohereClientV2`) of `origin`, with no retry (Fern's clients retry twice by default). A call picks its fixture with {@link fixture}: the SDK takes a call's headers in its request options. */
export function cohereClient(sdk: CohereSdk, origin: string): CohereClient {
  return new sdk.CohereClientV2({ token: 'test-reliability-cohere', baseUrl: origin, maxRetries: 0 });
}

/** A Cohere v1 client (`CohereClient`) of `origin`, with no retry. */
export function cohereV1Client(sdk: CohereSdk, origin: string): CohereV1Client {
  return new sdk.CohereClient({ token: 'test-reliability-cohere', baseUrl: origin, maxRetries: 0 });
}

/**
 * An `ollama` client (ollama-js's `Ollama`) of `origin`, whose calls answer with the fixture `name`:
 * the SDK has no per-request options (no headers, no retries), only the client's `headers`, which
 * it sends with each call. A client is cheap to make: the tests make one per call, as the fixture
 * of each call is its own.
 */
export function ollamaClient(sdk: OllamaSdk, origin: string, name: string, headers: Record<string, string> = {}): OllamaClient {
  return new sdk.Ollama({ host: origin, headers: { 'x-fixture': name, ...headers } });
}

/**
 * A `together-ai` client of `origin`, with no retry. Its base URL is the fixture server's: the
 * client reads Together's dialect whatever its host (src/instrumentation/together/provider-sdk.ts).
 */
export function togetherClient(sdk: TogetherSdk, origin: string): TogetherClient {
  return new sdk.Together({ apiKey: 'tgp_v1_test-reliability', baseURL: origin, maxRetries: 0, logLevel: 'off' });
}

/**
 * A `@cerebras/cerebras_cloud_sdk` client of `origin`, with no retry. Its base URL is the fixture
 * server's: the client reads Cerebras's dialect whatever its host (src/instrumentation/cerebras/provider-sdk.ts).
 * `warmTCPConnection: false`, as by default the constructor sends `GET /v1/tcp_warming` (from 1.6.0)
 * and does not wait for it: a request of no call of the test's (untraced, no API call), which the
 * fixture server would answer with a 404 and record among the requests of whichever test is
 * running when it lands, and one more for each client made (concurrency.test.ts makes one for each
 * run). Its `fetch` is the SDK's own, node-fetch with a keep-alive agent, as an app's is; the SDK has
 * no log level (its streams write a chunk that is not JSON to the console).
 */
export function cerebrasClient(sdk: CerebrasSdk, origin: string): CerebrasClient {
  return new sdk.Cerebras({ apiKey: 'csk-test-reliability', baseURL: origin, maxRetries: 0, warmTCPConnection: false });
}

/** A Bedrock Runtime client of `origin`, over HTTP/1.1 (the SDK's default handler speaks HTTP/2, which the fixture server does not), with no retry. */
export function bedrockClient(sdk: BedrockSdk, origin: string): BedrockClient {
  return new sdk.BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: origin,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  });
}

/** The part of a command's middleware stack used here: a step of its request's building. */
type Request = { request: { headers: Record<string, string> } };
interface BuildStack {
  add(middleware: (next: (args: Request) => unknown) => (args: Request) => unknown, options: { step: 'build' }): void;
}

/** `command` (an AWS SDK command), which sends `headers` with its request: a middleware of the command's own stack adds them. */
export function withHeaders<C extends { middlewareStack: object }>(command: C, headers: Record<string, string>): C {
  (command.middlewareStack as BuildStack).add(
    (next) => (args) => {
      Object.assign(args.request.headers, headers);
      return next(args);
    },
    { step: 'build' },
  );
  return command;
}

/** Request options that pick the fixture `name` (`openai/chat`), with more headers if given. */
export function fixture(name: string, headers: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'x-fixture': name, ...headers } };
}

/** The `config` of a `@google/genai` call that picks the fixture `name` (`gemini/generate-content`): its headers go in `httpOptions`. */
export function geminiFixture(name: string, headers: Record<string, string> = {}): { httpOptions: { headers: Record<string, string> } } {
  return { httpOptions: { headers: { 'x-fixture': name, ...headers } } };
}

/**
 * Request options of `ai.interactions.create` (`@google/genai`'s NextGen client) that pick the
 * fixture `name` (`gemini/interaction`), with no retry: by default the NextGen client retries a
 * 429 four times, with back-off, and no option of the `GoogleGenAI` client reaches it.
 */
export function interactionFixture(name: string, headers: Record<string, string> = {}): { headers: Record<string, string>; maxRetries: number } {
  return { ...fixture(name, headers), maxRetries: 0 };
}

/**
 * Runs `run` with every instrumentation disabled (the SDKs unpatched), as an app without this
 * package would, then enables them again and forgets the spans made meanwhile (the Anthropic SDK's
 * own): the baseline a test compares what the app gets with.
 */
export async function withoutInstrumentation<T>(bed: ReliabilityBed, run: () => Promise<T>): Promise<T> {
  bed.openaiInstrumentation.disable();
  bed.anthropicInstrumentation.disable();
  bed.geminiInstrumentation.disable();
  bed.bedrockInstrumentation.disable();
  bed.groqInstrumentation.disable();
  bed.mistralInstrumentation.disable();
  bed.cohereInstrumentation.disable();
  bed.ollamaInstrumentation.disable();
  bed.togetherInstrumentation.disable();
  bed.cerebrasInstrumentation.disable();
  try {
    return await run();
  } finally {
    bed.openaiInstrumentation.enable();
    bed.anthropicInstrumentation.enable();
    bed.geminiInstrumentation.enable();
    bed.bedrockInstrumentation.enable();
    bed.groqInstrumentation.enable();
    bed.mistralInstrumentation.enable();
    bed.cohereInstrumentation.enable();
    bed.ollamaInstrumentation.enable();
    bed.togetherInstrumentation.enable();
    bed.cerebrasInstrumentation.enable();
    bed.tracing.reset();
    bed.ends.endsBySpanId.clear();
  }
}

/** The errors this package reported to the diag logger, as text. */
export function reportedErrors(bed: ReliabilityBed): string[] {
  return bed.diagnostics
    .fromThisPackage()
    .filter((message) => message.level === 'error')
    .map((message) => message.text);
}

/** The OTel SDK's own complaint when a span is ended twice. */
export const ENDED_TWICE = 'You can only call end() on a span once';

/** The ids of the spans that ended more than once. */
export function spansEndedTwice(bed: ReliabilityBed): string[] {
  return [...bed.ends.endsBySpanId].filter(([, ends]) => ends > 1).map(([spanId]) => spanId);
}

/**
 * The property runs of the test running now, so that none outlives its test: a property whose test
 * timed out would otherwise go on calling, and its spans would land in the next test's.
 */
const propertyRuns = { over: false, running: [] as Promise<unknown>[] };

/**
 * `predicate`, a property's, made to throw at once when its test is over: fast-check then stops
 * (and each shrink step stops at once too). Use with {@link trackedProperty}.
 */
export function whileTestRuns<Args extends unknown[]>(predicate: (...args: Args) => Promise<void>): (...args: Args) => Promise<void> {
  return (...args) => {
    if (propertyRuns.over) return Promise.reject(new Error('the test is over: no more cases'));
    return predicate(...args);
  };
}

/** `assertion` (an `fc.assert` promise), awaited after its test, however the test ended. */
export function trackedProperty<T>(assertion: Promise<T>): Promise<T> {
  propertyRuns.running.push(assertion);
  return assertion;
}

/**
 * For a file of property tests: after each test, stops its properties and waits for the case
 * running, then checks that every span started (this package's and the Anthropic SDK's) has ended.
 */
export function endPropertiesAfterEach(bed: ReliabilityBed): void {
  beforeEach(() => {
    propertyRuns.over = false;
    propertyRuns.running = [];
  });
  afterEach(async () => {
    propertyRuns.over = true;
    await Promise.allSettled(propertyRuns.running);
    expect(bed.openSpans.open, 'spans left open when the test ended').toBe(0);
  });
}
