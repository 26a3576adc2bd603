import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchToFixtures } from '../support/fixture-server.js';
import { turnsOfTheEventLoop } from '../support/telemetry-checks.js';
import { endPropertiesAfterEach, fixture, geminiFixture, interactionFixture, mistralFixture, reliabilityBed, reportedErrors, spansEndedTwice, trackedProperty, whileTestRuns, withoutInstrumentation } from './bed.js';
import {
  CEREBRAS_STREAM,
  COHERE_CHAT,
  COHERE_V1_CHAT,
  CONVERSE,
  eventsOf,
  INVOKE_CLAUDE,
  INVOKE_NOVA,
  invokeModel,
  invokeModelStream,
  MISTRAL_CHAT,
  ollamaChat,
  ollamaChatStream,
  ollamaEmbed,
  ollamaGenerate,
  ollamaGenerateStream,
  resultOf,
  type AppView,
} from './calls.js';
import {
  type ChatPrices,
  expectedBackendChatCost,
  expectedChatCost,
  expectedCohereChatCost,
  expectedCohereV1ChatCost,
  expectedConverseCost,
  expectedDurationCost,
  expectedGenerateContentCost,
  expectedGroundedCost,
  expectedImageCost,
  expectedInteractionCost,
  expectedInvokeClaudeCost,
  expectedMessageCost,
  expectedMistralChatCost,
  expectedNovaCost,
  expectedOllamaUsage,
  invokeModelBody,
  lastOllamaChunk,
  modelEventsOf,
  streamedChatUsage,
  streamedCohereUsage,
  streamedCohereV1Meta,
  streamedConverseMetadata,
  streamedGenerateContentUsage,
  streamedGroqUsage,
  streamedInteractionUsage,
  streamedMessageUsage,
  streamedMistralUsage,
  type ExpectedCost,
} from './expected-cost.js';
import { FIGURES, largeFieldTimeoutMs, propertyTimeoutMs } from './figures.js';
import {
  chunkMessage,
  eventStreamHazards,
  type EventStreamMessage,
  hostileBackendUsage,
  hostileChatUsage,
  hostileCohereMeta,
  hostileCohereUsage,
  hostileConverseServiceTier,
  hostileConverseUsage,
  hostileDeltaUsage,
  hostileDurationUsage,
  hostileGeminiUsage,
  hostileGroundingMetadata,
  hostileImageUsage,
  hostileInteractionUsage,
  hostileInvokeServiceTier,
  HostileFixtures,
  hostileMessageUsage,
  jsonObject,
  type JsonText,
  hostileNovaUsage,
  hostileOllamaCounts,
  hostileServiceTier,
  invokeStreamHazards,
  ndjsonHazards,
  ndjsonText,
  ollamaNdjsonHazards,
  OLLAMA_STREAMS,
  sseText,
  streamHazards,
  unusualString,
  USAGE_MARKER,
  withFields,
  withUnknown,
  withUsage,
} from './hostile-fixtures.js';
import { eventStreamFixture, jsonFixture, ndjsonFixture, sseFixture, type EventStreamFixture } from './wire-fixtures.js';

/**
 * Responses no API should send, through the real SDKs: each generated case is called twice, with
 * both instrumentations disabled and then enabled. The app must get the same either way; this
 * package must not throw (nothing reaches the diag logger, but that a body or an event it reads
 * itself, which Bedrock's InvokeModel hands the app as bytes, is not JSON), the call's span must end once, and its
 * cost must be the one expected-cost.ts works out, or absent with `llm_observer.cost.unpriced_reason`
 * set: never NaN, Infinity or negative. The usage report must stay made of finite numbers, and
 * name no row after a model id longer than a model's can be.
 */

const hostile = new HostileFixtures();
afterAll(() => hostile.remove());
const bed = await reliabilityBed({ fixtures: hostile.folder });
endPropertiesAfterEach(bed);

const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };
const CHAT_STREAM = { ...CHAT, stream: true as const, stream_options: { include_usage: true } };
const MESSAGE = { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };

const CHAT_FIXTURE = jsonFixture('openai/chat');
const CHAT_STREAM_EVENTS = sseFixture('openai/chat-stream');
const CONTENT = { model: 'gemini-2.5-flash', contents: 'What is the capital of France?' };
const INTERACTION = { model: 'gemini-3.6-flash', input: 'What is the capital of France?' };
const MESSAGE_FIXTURE = jsonFixture('anthropic/message');
const MESSAGE_STREAM_EVENTS = sseFixture('anthropic/message-stream');
const CONTENT_FIXTURE = jsonFixture('gemini/generate-content');
const CONTENT_STREAM_EVENTS = sseFixture('gemini/generate-content-stream');
const INTERACTION_FIXTURE = jsonFixture('gemini/interaction');
const INTERACTION_STREAM_EVENTS = sseFixture('gemini/interaction-stream');
const IMAGE = { model: 'gpt-image-1.5', prompt: 'A lighthouse at dusk' };
const IMAGE_FIXTURE = jsonFixture('openai/images-edit');
const TRANSCRIPTION_FIXTURE = jsonFixture('openai/audio-transcription-duration');
const CONVERSE_FIXTURE = jsonFixture('bedrock/converse');
const CONVERSE_STREAM_FIXTURE = eventStreamFixture('bedrock/converse-stream');
/** The messages of the ConverseStream fixture, each payload as its JSON text. */
const CONVERSE_STREAM_MESSAGES: readonly EventStreamMessage[] = CONVERSE_STREAM_FIXTURE.eventStream.map(({ headers, payload }) => ({ headers, payload: JSON.stringify(payload) }));
const isMetadata = (message: EventStreamMessage) => message.headers[':event-type'] === 'metadata';
const INVOKE_CLAUDE_FIXTURE = jsonFixture('bedrock/invoke-claude');
const INVOKE_CLAUDE_STREAM_FIXTURE = eventStreamFixture('bedrock/invoke-claude-stream');
const INVOKE_NOVA_FIXTURE = jsonFixture('bedrock/invoke-nova');
const INVOKE_NOVA_STREAM_FIXTURE = eventStreamFixture('bedrock/invoke-nova-stream');

/**
 * The chunks of the InvokeModelWithResponseStream fixture `fixture`, each holding the text
 * `eventText` makes from the fixture's model event (its `bytes`), base64 as Bedrock sends it.
 */
function chunksOf(fixture: EventStreamFixture, eventText: (event: Record<string, unknown>) => string): EventStreamMessage[] {
  return fixture.eventStream.map(({ payload }) => chunkMessage(eventText(payload['bytes'] as Record<string, unknown>), payload['p'] as string | undefined));
}

/** An InvokeModelWithResponseStream fixture answering with `messages`, cut after `keepFraction` of its bytes when given. */
function invokeStream(fixture: EventStreamFixture, messages: readonly EventStreamMessage[], keepFraction?: number): string {
  return hostile.eventStream(fixture.status, fixture.headers, messages, keepFraction);
}

/** The usage of the JSON an InvokeModel response's body holds, from what the app got. */
const invokeUsage = (result: unknown) => (invokeModelBody(result) as { usage?: unknown } | null | undefined)?.usage;

/** The ConverseStream fixture's messages with the `metadata` event's payload made by `payload` from the fixture's. */
function withMetadata(payload: (metadata: Record<string, unknown>) => string): EventStreamMessage[] {
  return CONVERSE_STREAM_MESSAGES.map((message) =>
    isMetadata(message) ? { ...message, payload: payload(JSON.parse(message.payload) as Record<string, unknown>) } : message,
  );
}

const UNPRICED_REASON = 'llm_observer.cost.unpriced_reason';
const TOTAL_COST = 'llm_observer.cost.total_usd';

/** No model's id is longer: the report must not keep a longer one (a 10 MB one, say) as a row's name. */
const LONGEST_MODEL_ID = 256;

const isOurs = (span: ReadableSpan) => span.instrumentationScope.name.startsWith('otel-llm-observer/');

/** Every number of `value`, at any depth, with its path. */
function numbersIn(value: unknown, path: string): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`));
}

/** No attribute of `span` is NaN or infinite; no cost and no token count is negative. */
function expectSoundNumbers(span: ReadableSpan): void {
  const numbers = numbersIn(span.attributes, 'span');
  expect(numbers.filter(([, value]) => !Number.isFinite(value))).toEqual([]);
  expect(numbers.filter(([path, value]) => /\.(llm_observer\.cost\.|gen_ai\.usage\.)/.test(path) && value < 0)).toEqual([]);
}

function expectCost(span: ReadableSpan, expected: ExpectedCost): void {
  const costs = Object.keys(span.attributes).filter((name) => name.startsWith('llm_observer.cost.') && name !== UNPRICED_REASON);
  if (expected === 'unpriced') {
    expect(span.attributes[UNPRICED_REASON]).toEqual(expect.any(String));
    expect(costs).toEqual([]);
    return;
  }
  expect(span.attributes[UNPRICED_REASON]).toBeUndefined();
  const total = span.attributes[TOTAL_COST] as number;
  expect(Math.abs(total - expected.usd)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected.usd));
}

/**
 * What a case must have reported to the diag logger: nothing, or, where the instrumentation reads
 * a body or an event that the SDK hands the app as bytes and that is not JSON (an InvokeModel
 * response's), that it does not parse, once, by the step that read it.
 */
type Reported = 'nothing' | 'not JSON';

function expectReported(reported: Reported): void {
  const errors = reportedErrors(bed);
  if (reported === 'nothing') expect(errors).toEqual([]);
  else expect(errors).toEqual([expect.stringMatching(/^otel-llm-observer read [a-z ]+ failed\b[\s\S]*\bdoes not parse\b/)]);
}

/**
 * Calls `call` without and then with the instrumentations and checks what holds for every hostile
 * response; returns what the app got and the call's span.
 */
async function tryHostile(call: () => Promise<AppView>, reported: Reported = 'nothing'): Promise<{ view: AppView; span: ReadableSpan }> {
  const baseline = await withoutInstrumentation(bed, call);
  bed.diagnostics.messages.length = 0;
  const mark = bed.openSpans.mark();
  const view = await call();
  await turnsOfTheEventLoop(3);
  expect(view).toEqual(baseline);
  expectReported(reported);
  expect(bed.openSpans.openSince(mark)).toBe(0);
  expect(spansEndedTwice(bed)).toEqual([]);
  const spans = bed.tracing.spans().filter(isOurs);
  expect(spans).toHaveLength(1);
  const span = spans[0] as ReadableSpan;
  expectSoundNumbers(span);
  const report = bed.costs.getReport();
  expect(numbersIn(report, 'report').filter(([, value]) => !Number.isFinite(value))).toEqual([]);
  expect(report.models.filter((row) => row.model.length > LONGEST_MODEL_ID).map((row) => row.model.length)).toEqual([]);
  bed.tracing.reset();
  bed.ends.endsBySpanId.clear();
  return { view, span };
}

/** The data of an SSE event, parsed, changed by `change`, and written back as JSON text. */
function withData(event: string, change: (data: Record<string, unknown>) => string): string {
  const [head, data] = event.split(/^data: /m) as [string, string];
  return `${head}data: ${change(JSON.parse(data) as Record<string, unknown>)}`;
}

const runs = { numRuns: FIGURES.hostileRuns };

describe('hostile OpenAI chat completions', () => {
  it(`${FIGURES.hostileRuns} bodies with malformed usage, service tier and model: same result, span ended once, cost right or unpriced`, async () => {
    const model = fc.oneof(fc.constant('gpt-4o-mini-2024-07-18'), fc.constant(undefined), fc.constant(42), unusualString);
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileChatUsage, hostileServiceTier, model, whileTestRuns(async (usage, serviceTier, responseModel) => {
        const body = { ...CHAT_FIXTURE.body, model: responseModel, service_tier: serviceTier, usage: USAGE_MARKER };
        const name = hostile.json(200, CHAT_FIXTURE.headers, withUsage(body, usage));
        const { view, span } = await tryHostile(() => resultOf(() => bed.openai.chat.completions.create(CHAT, fixture(name))));
        const completion = view.result as { usage?: unknown; model?: unknown; service_tier?: unknown };
        expectCost(span, expectedChatCost(completion.usage, completion.service_tier));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} streams with malformed usage, unknown events and cut short: same chunks, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileChatUsage, streamHazards, whileTestRuns(async (usage, { unknown, keepFraction }) => {
        const events = CHAT_STREAM_EVENTS.map((event) =>
          event.includes('"usage":{') ? withData(event, (chunk) => withUsage({ ...chunk, usage: USAGE_MARKER }, usage)) : event,
        );
        const name = hostile.sse(sseText(events, unknown, keepFraction));
        const { view, span } = await tryHostile(() => eventsOf(() => bed.openai.chat.completions.create(CHAT_STREAM, fixture(name))));
        expectCost(span, expectedChatCost(streamedChatUsage(view.events ?? []), 'default'));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

/**
 * The `openai` SDK pointed at a backend by its real base URL, its requests sent to the fixture
 * server, and for Together also together-ai, and for Cerebras also @cerebras/cerebras_cloud_sdk,
 * each of which reads its backend's dialect whatever its base URL. Each case reads a field of the
 * backend's own dialect (src/instrumentation/formats/openai/backends.ts), priced at the backend's
 * prices (data/pricing_v1.json): DeepSeek's deepseek-chat at its last prices, Together's Llama 3.3
 * 70B (no cached-input price), OpenRouter's gpt-4o-mini at OpenAI's list price, beside the cost
 * OpenRouter says it billed, and Cerebras's gpt-oss-120b (no cached-input price).
 */
const toFixtures = fetchToFixtures(new URL(bed.openai.baseURL).origin);
const backendClient = (baseURL: string) => new bed.openaiSdk.OpenAI({ apiKey: 'sk-test-reliability', baseURL, maxRetries: 0, logLevel: 'off', fetch: toFixtures });
/** A chat completion of `request` answered with the fixture `name`, through one SDK. */
type ChatCall = (request: typeof CHAT, name: string) => Promise<unknown>;
const throughOpenAI = (baseURL: string): ChatCall => {
  const client = backendClient(baseURL);
  return (request, name) => client.chat.completions.create(request, fixture(name));
};
/** A backend's dialect, and the SDKs that send it, by name: each case goes through one of them. */
type Dialect = { backend: string; sdks: Readonly<Record<string, ChatCall>>; model: string; field: string; cacheField?: string; prices: ChatPrices };
const DEEPSEEK: Dialect = { backend: 'DeepSeek', sdks: { openai: throughOpenAI('https://api.deepseek.com') }, model: 'deepseek-chat', field: 'prompt_cache_hit_tokens', cacheField: 'prompt_cache_hit_tokens', prices: { input: 0.14, cacheRead: 0.0028, output: 0.28 } };
const TOGETHER: Dialect = {
  backend: 'Together',
  // The same bytes through either SDK: the openai SDK pointed at Together, and together-ai.
  sdks: { openai: throughOpenAI('https://api.together.xyz/v1'), 'together-ai': (request, name) => bed.together.chat.completions.create(request, fixture(name)) },
  model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  field: 'cached_tokens',
  cacheField: 'cached_tokens',
  prices: { input: 0.88, cacheRead: 0.88, output: 0.88 },
};
const CEREBRAS: Dialect = {
  backend: 'Cerebras',
  // The same bytes through either SDK: the openai SDK pointed at Cerebras, and @cerebras/cerebras_cloud_sdk. Cerebras's usage
  // is OpenAI's, with no field of its own to read (its time_info is beside the usage, and timing): the flat field made
  // hostile is its total_tokens, which no cost is worked out from; cache reads only in prompt_tokens_details.
  sdks: { openai: throughOpenAI('https://api.cerebras.ai/v1'), '@cerebras/cerebras_cloud_sdk': (request, name) => bed.cerebras.chat.completions.create(request, fixture(name)) },
  model: 'gpt-oss-120b',
  field: 'total_tokens',
  prices: { input: 0.35, cacheRead: 0.35, output: 0.75 },
};
const OPENROUTER: Dialect = { backend: 'OpenRouter', sdks: { openai: throughOpenAI('https://openrouter.ai/api/v1') }, model: 'openai/gpt-4o-mini', field: 'cost', prices: { input: 0.15, cacheRead: 0.075, output: 0.6 } };

/** The property of a backend's dialect: the app's result unchanged, the cost right or unpriced, OpenRouter's billed cost kept when it is a finite number. */
function dialectProperty(dialect: Dialect) {
  return fc.asyncProperty(hostileBackendUsage(dialect.field), fc.constantFrom(...Object.keys(dialect.sdks)), whileTestRuns(async (usage, sdk) => {
    const body = { ...CHAT_FIXTURE.body, model: dialect.model, usage: USAGE_MARKER };
    const name = hostile.json(200, CHAT_FIXTURE.headers, withUsage(body, usage));
    const chat = dialect.sdks[sdk] as ChatCall;
    const { view, span } = await tryHostile(() => resultOf(() => chat({ ...CHAT, model: dialect.model }, name)));
    const completion = view.result as { usage?: unknown };
    expectCost(span, expectedBackendChatCost(completion.usage, dialect.prices, dialect.cacheField));
    if (dialect.cacheField !== undefined) return;
    const billed = (completion.usage as Record<string, unknown> | null | undefined)?.['cost'];
    expect(span.attributes['llm_observer.provider.billed_cost_usd']).toBe(typeof billed === 'number' && Number.isFinite(billed) ? billed : undefined);
  }));
}

/** GroqCloud's openai/gpt-oss-120b, whose streams carry their usage in the final chunk's `x_groq`, asked for or not. */
const GROQ_CLIENT = backendClient('https://api.groq.com/openai/v1');
const GROQ_PRICES: ChatPrices = { input: 0.15, cacheRead: 0.075, output: 0.6 };
const GROQ_STREAM_EVENTS = sseFixture('openai-backends/groq-chat-stream-x-groq');
/** The final chunk's `x_groq`: not an object, an object without a usage, or one with a hostile usage. */
const hostileXGroq: fc.Arbitrary<JsonText> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('null', '"x_groq"', '[]', '{"id":"req_01kbm3x7w2f9qv8r6t4y5n0c1d"}') },
  { weight: 8, arbitrary: fc.option(hostileBackendUsage('queue_time'), { nil: undefined }).map((usage) => jsonObject({ id: '"req_01kbm3x7w2f9qv8r6t4y5n0c1d"', usage })) },
);

const dialectTitle = (dialect: Dialect) => {
  const sdks = Object.keys(dialect.sdks);
  const through = sdks.length > 1 ? `, to the ${sdks.slice(0, -1).join(', ')} SDK or ${sdks.at(-1)}` : '';
  return `${FIGURES.hostileRuns} ${dialect.backend} bodies with malformed usage and ${dialect.field}${through}: same result, span ended once, cost right or unpriced`;
};

describe('hostile chat completions in the dialects of the backends the openai SDK is pointed at', () => {
  it(dialectTitle(DEEPSEEK), async () => {
    await trackedProperty(fc.assert(
      dialectProperty(DEEPSEEK),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(dialectTitle(TOGETHER), async () => {
    await trackedProperty(fc.assert(
      dialectProperty(TOGETHER),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(dialectTitle(OPENROUTER), async () => {
    await trackedProperty(fc.assert(
      dialectProperty(OPENROUTER),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(dialectTitle(CEREBRAS), async () => {
    await trackedProperty(fc.assert(
      dialectProperty(CEREBRAS),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} Groq streams with a malformed x_groq and usage, unknown events and cut short, to the openai SDK or groq-sdk: same chunks, span ended once, cost right or unpriced`, async () => {
    // The same bytes through either SDK: the openai SDK pointed at GroqCloud, and groq-sdk.
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileXGroq, streamHazards, fc.constantFrom('openai', 'groq-sdk'), whileTestRuns(async (xGroq, { unknown, keepFraction }, sdk) => {
        const events = GROQ_STREAM_EVENTS.map((event) =>
          event.includes('"usage":{') ? withData(event, (chunk) => withUsage({ ...chunk, x_groq: USAGE_MARKER }, xGroq)) : event,
        );
        const name = hostile.sse(sseText(events, unknown, keepFraction));
        const request = { ...CHAT, model: 'openai/gpt-oss-120b', stream: true as const };
        const streamed = () => (sdk === 'groq-sdk' ? bed.groq.chat.completions.create(request, fixture(name)) : GROQ_CLIENT.chat.completions.create(request, fixture(name)));
        const { view, span } = await tryHostile(() => eventsOf(streamed));
        expectCost(span, expectedBackendChatCost(streamedGroqUsage(view.events ?? []), GROQ_PRICES));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('hostile OpenAI image generations', () => {
  it(`${FIGURES.hostileRuns} bodies with malformed usage: same images, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileImageUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, IMAGE_FIXTURE.headers, withUsage({ ...IMAGE_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => resultOf(() => bed.openai.images.generate(IMAGE, fixture(name))));
        expectCost(span, expectedImageCost((view.result as { usage?: unknown }).usage));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('hostile OpenAI transcriptions billed by duration', () => {
  it(`${FIGURES.hostileRuns} bodies with malformed seconds of audio: same transcript, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileDurationUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, TRANSCRIPTION_FIXTURE.headers, withUsage({ ...TRANSCRIPTION_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const file = await bed.openaiSdk.toFile(Buffer.from('RIFF....WAVEfmt '), 'meeting.wav', { type: 'audio/wav' });
        const { view, span } = await tryHostile(() => resultOf(() => bed.openai.audio.transcriptions.create({ model: 'whisper-1', file }, fixture(name))));
        expectCost(span, expectedDurationCost((view.result as { usage?: unknown }).usage));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('hostile Anthropic messages', () => {
  it(`${FIGURES.hostileRuns} bodies with malformed usage: same message, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileMessageUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, MESSAGE_FIXTURE.headers, withUsage({ ...MESSAGE_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => resultOf(() => bed.anthropic.messages.create(MESSAGE, fixture(name))));
        const message = view.result as { usage?: unknown; model?: unknown };
        expectCost(span, expectedMessageCost(message.usage));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} streams with malformed usage at the start and in the delta, unknown events and cut short: same events, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileMessageUsage, hostileDeltaUsage, streamHazards, whileTestRuns(async (startUsage, deltaUsage, { unknown, keepFraction }) => {
        const events = MESSAGE_STREAM_EVENTS.map((event) => {
          if (event.startsWith('event: message_start')) {
            return withData(event, (data) => withUsage({ ...data, message: { ...(data['message'] as object), usage: USAGE_MARKER } }, startUsage));
          }
          if (event.startsWith('event: message_delta')) return withData(event, (data) => withUsage({ ...data, usage: USAGE_MARKER }, deltaUsage));
          return event;
        });
        const name = hostile.sse(sseText(events, unknown, keepFraction));
        const { view, span } = await tryHostile(() => eventsOf(() => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture(name))));
        expectCost(span, expectedMessageCost(streamedMessageUsage(view.events ?? [])));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('hostile Gemini responses', () => {
  it(`${FIGURES.hostileRuns} bodies with malformed usageMetadata: same response, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileGeminiUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, CONTENT_FIXTURE.headers, withUsage({ ...CONTENT_FIXTURE.body, usageMetadata: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => EACH_CALL['gemini plain'](name));
        expectCost(span, expectedGenerateContentCost((view.result as { usageMetadata?: unknown } | undefined)?.usageMetadata));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} bodies with malformed groundingMetadata: same response, span ended once, the grounded prompt's fee counted from the queries that are text`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileGroundingMetadata, whileTestRuns(async (grounding) => {
        const candidates = (CONTENT_FIXTURE.body as { candidates: object[] }).candidates.map((candidate) => ({ ...candidate, groundingMetadata: USAGE_MARKER }));
        const name = hostile.json(200, CONTENT_FIXTURE.headers, withUsage({ ...CONTENT_FIXTURE.body, candidates }, grounding));
        const { view, span } = await tryHostile(() => EACH_CALL['gemini plain'](name));
        expectCost(span, expectedGroundedCost(view.result));
        hostile.discard(name);
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} streams with malformed usageMetadata on the last chunk, unknown events and cut short: same chunks, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileGeminiUsage, streamHazards, whileTestRuns(async (usage, { unknown, keepFraction }) => {
        const last = CONTENT_STREAM_EVENTS.length - 1;
        const events = CONTENT_STREAM_EVENTS.map((event, index) =>
          index === last ? withData(event, (chunk) => withUsage({ ...chunk, usageMetadata: USAGE_MARKER }, usage)) : event,
        );
        const name = hostile.sse(sseText(events, unknown, keepFraction));
        const { view, span } = await tryHostile(() => EACH_CALL['gemini streamed'](name));
        expectCost(span, expectedGenerateContentCost(streamedGenerateContentUsage(view.events ?? [])));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('hostile Gemini interactions', () => {
  it(`${FIGURES.hostileRuns} interactions with malformed usage: same result, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileInteractionUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, INTERACTION_FIXTURE.headers, withUsage({ ...INTERACTION_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => EACH_CALL['gemini interactions plain'](name));
        expectCost(span, expectedInteractionCost((view.result as { usage?: unknown } | undefined)?.usage));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} streamed interactions with malformed usage on interaction.completed, unknown events and cut short: same events, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileInteractionUsage, streamHazards, whileTestRuns(async (usage, { unknown, keepFraction }) => {
        const events = INTERACTION_STREAM_EVENTS.map((event) =>
          event.startsWith('event: interaction.completed')
            ? withData(event, (data) => withUsage({ ...data, interaction: { ...(data['interaction'] as object), usage: USAGE_MARKER } }, usage))
            : event,
        );
        const name = hostile.sse(sseText(events, unknown, keepFraction));
        const { view, span } = await tryHostile(() => EACH_CALL['gemini interactions streamed'](name));
        expectCost(span, expectedInteractionCost(streamedInteractionUsage(view.events ?? [])));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('hostile Bedrock Converse responses', () => {
  it(`${FIGURES.hostileRuns} bodies with malformed usage, cacheDetails and service tier: same response, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileConverseUsage, hostileConverseServiceTier, whileTestRuns(async (usage, serviceTier) => {
        const name = hostile.json(200, CONVERSE_FIXTURE.headers, withUsage({ ...CONVERSE_FIXTURE.body, usage: USAGE_MARKER, serviceTier }, usage));
        const { view, span } = await tryHostile(() => EACH_CALL['bedrock converse plain'](name));
        const response = view.result as { usage?: unknown; serviceTier?: unknown } | undefined;
        expectCost(span, expectedConverseCost(response?.usage, response?.serviceTier));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} event streams with malformed usage and service tier in the metadata event, unknown events and cut short: same events, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileConverseUsage, hostileConverseServiceTier, eventStreamHazards, whileTestRuns(async (usage, serviceTier, { unknown, keepFraction }) => {
        const messages = withMetadata((metadata) => withUsage({ ...metadata, usage: USAGE_MARKER, serviceTier }, usage));
        const name = hostile.eventStream(CONVERSE_STREAM_FIXTURE.status, CONVERSE_STREAM_FIXTURE.headers, withUnknown(messages, unknown), keepFraction);
        const { view, span } = await tryHostile(() => EACH_CALL['bedrock converse streamed'](name));
        const metadata = streamedConverseMetadata(view.events ?? []) as { usage?: unknown; serviceTier?: unknown } | undefined;
        expectCost(span, expectedConverseCost(metadata?.usage, metadata?.serviceTier));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('hostile Bedrock InvokeModel responses', () => {
  it(`${FIGURES.hostileRuns} Claude bodies with malformed usage: same bytes, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileMessageUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, INVOKE_CLAUDE_FIXTURE.headers, withUsage({ ...INVOKE_CLAUDE_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => EACH_CALL['bedrock invokeModel claude plain'](name));
        expectCost(span, expectedInvokeClaudeCost(invokeUsage(view.result)));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} Claude event streams with malformed usage in message_start and message_delta, unknown events and cut short: same events, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileMessageUsage, hostileDeltaUsage, invokeStreamHazards, whileTestRuns(async (startUsage, deltaUsage, { unknown, keepFraction }) => {
        const messages = chunksOf(INVOKE_CLAUDE_STREAM_FIXTURE, (event) => {
          if (event['type'] === 'message_start') return withUsage({ ...event, message: { ...(event['message'] as object), usage: USAGE_MARKER } }, startUsage);
          if (event['type'] === 'message_delta') return withUsage({ ...event, usage: USAGE_MARKER }, deltaUsage);
          return JSON.stringify(event);
        });
        const name = invokeStream(INVOKE_CLAUDE_STREAM_FIXTURE, withUnknown(messages, unknown), keepFraction);
        const { view, span } = await tryHostile(() => EACH_CALL['bedrock invokeModel claude streamed'](name));
        expectCost(span, expectedInvokeClaudeCost(streamedMessageUsage(modelEventsOf(view.events ?? []))));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} Amazon Nova bodies with malformed usage and service tier: same bytes, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileNovaUsage, hostileInvokeServiceTier, whileTestRuns(async (usage, serviceTier) => {
        const headers = serviceTier === undefined ? INVOKE_NOVA_FIXTURE.headers : { ...INVOKE_NOVA_FIXTURE.headers, 'x-amzn-bedrock-service-tier': serviceTier };
        const name = hostile.json(200, headers, withUsage({ ...INVOKE_NOVA_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => EACH_CALL['bedrock invokeModel nova plain'](name));
        expectCost(span, expectedNovaCost(invokeUsage(view.result), (view.result as { serviceTier?: unknown } | undefined)?.serviceTier));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

/**
 * Mistral AI's chat completions through `@mistralai/mistralai`, which parses each body and event
 * with its own schemas (a count that is no integer fails the call in the SDK, before the app or
 * this package sees it) and renames the counts it knows: the usage priced is the one the app got.
 */
const MISTRAL_CHAT_FIXTURE = jsonFixture('mistral/chat');
const MISTRAL_STREAM_EVENTS = sseFixture('mistral/chat-stream');

describe('hostile Mistral AI chat completions through @mistralai/mistralai', () => {
  it(`${FIGURES.hostileRuns} bodies with malformed usage: same result, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileChatUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, MISTRAL_CHAT_FIXTURE.headers, withUsage({ ...MISTRAL_CHAT_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => EACH_CALL['mistral plain'](name));
        expectCost(span, expectedMistralChatCost((view.result as { usage?: unknown } | undefined)?.usage));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} streams with malformed usage, unknown events and cut short: same events, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileChatUsage, streamHazards, whileTestRuns(async (usage, { unknown, keepFraction }) => {
        const events = MISTRAL_STREAM_EVENTS.map((event) =>
          event.includes('"usage":{') ? withData(event, (chunk) => withUsage({ ...chunk, usage: USAGE_MARKER }, usage)) : event,
        );
        const name = hostile.sse(sseText(events, unknown, keepFraction));
        const { view, span } = await tryHostile(() => EACH_CALL['mistral streamed'](name));
        expectCost(span, expectedMistralChatCost(streamedMistralUsage(view.events ?? [])));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

/**
 * Cohere's chats through `cohere-ai`, v2 and v1, priced from the units Cohere bills: the SDK parses
 * each body and event with its schemas without failing (it keeps a value they do not take as it
 * came) and renames the fields it knows, so the usage priced is the one the app got. A v2 stream's
 * usage comes in its `message-end` event; a v1 stream (newline-delimited JSON) ends with the whole
 * response, its `meta` holding the units.
 */
const COHERE_CHAT_FIXTURE = jsonFixture('cohere/v2-chat');
const COHERE_STREAM_EVENTS = sseFixture('cohere/v2-chat-stream');
const COHERE_V1_CHAT_FIXTURE = jsonFixture('cohere/v1-chat');
const COHERE_V1_STREAM_LINES = ndjsonFixture('cohere/v1-chat-stream');

describe('hostile Cohere chats through cohere-ai', () => {
  it(`${FIGURES.hostileRuns} v2 bodies with malformed usage: same result, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileCohereUsage, whileTestRuns(async (usage) => {
        const name = hostile.json(200, COHERE_CHAT_FIXTURE.headers, withUsage({ ...COHERE_CHAT_FIXTURE.body, usage: USAGE_MARKER }, usage));
        const { view, span } = await tryHostile(() => EACH_CALL['cohere v2 plain'](name));
        expectCost(span, expectedCohereChatCost((view.result as { usage?: unknown } | undefined)?.usage));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} v2 streams with malformed usage in message-end, unknown events and cut short: same events, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileCohereUsage, streamHazards, whileTestRuns(async (usage, { unknown, keepFraction }) => {
        const events = COHERE_STREAM_EVENTS.map((event) =>
          event.includes('"type":"message-end"')
            ? withData(event, (end) => withUsage({ ...end, delta: { ...(end['delta'] as object), usage: USAGE_MARKER } }, usage))
            : event,
        );
        const name = hostile.sse(sseText(events, unknown, keepFraction));
        const { view, span } = await tryHostile(() => EACH_CALL['cohere v2 streamed'](name));
        expectCost(span, expectedCohereChatCost(streamedCohereUsage(view.events ?? [])));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} v1 bodies with a malformed meta: same result, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileCohereMeta, whileTestRuns(async (meta) => {
        const name = hostile.json(200, COHERE_V1_CHAT_FIXTURE.headers, withUsage({ ...COHERE_V1_CHAT_FIXTURE.body, meta: USAGE_MARKER }, meta));
        const { view, span } = await tryHostile(() => EACH_CALL['cohere v1 plain'](name));
        expectCost(span, expectedCohereV1ChatCost((view.result as { meta?: unknown } | undefined)?.meta));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} v1 streams with a malformed meta in stream-end, unknown events and cut short: same events, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileCohereMeta, ndjsonHazards, whileTestRuns(async (meta, { unknown, keepFraction }) => {
        const lines = COHERE_V1_STREAM_LINES.map((line) => {
          const event = JSON.parse(line) as Record<string, unknown>;
          return event['event_type'] === 'stream-end' ? withUsage({ ...event, response: { ...(event['response'] as object), meta: USAGE_MARKER } }, meta) : line;
        });
        const name = hostile.ndjson(ndjsonText(lines, unknown, keepFraction));
        const { view, span } = await tryHostile(() => EACH_CALL['cohere v1 streamed'](name));
        expectCost(span, expectedCohereV1ChatCost(streamedCohereV1Meta(view.events ?? [])));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

/**
 * Ollama's chats, completions and embeddings through `ollama`, which hands the app the API's JSON
 * as it parsed it, a stream's chunks one by one (newline-delimited JSON, its read ending at the
 * chunk that says it is done). The counts are the body's top-level `prompt_eval_count`,
 * `prompt_eval_cached_count` and `eval_count`, a stream's in its last chunk: the span must carry
 * the ones the app got, or none. Never priced.
 */
const OLLAMA_CHAT_FIXTURE = jsonFixture('ollama/chat');
const OLLAMA_CHAT_STREAM_LINES = ndjsonFixture('ollama/chat-stream');
const OLLAMA_GENERATE_FIXTURE = jsonFixture('ollama/generate');
const OLLAMA_GENERATE_STREAM_LINES = ndjsonFixture('ollama/generate-stream');
const OLLAMA_EMBED_FIXTURE = jsonFixture('ollama/embed');
/** The content type Ollama sends its streams as. */
const NDJSON = 'application/x-ndjson';

/** The usage attributes of `span`, by name. */
function ollamaUsageOf(span: ReadableSpan): Record<string, unknown> {
  return Object.fromEntries(Object.keys(expectedOllamaUsage(undefined)).map((name) => [name, span.attributes[name]]));
}

/** The lines of an Ollama stream fixture with `counts` in place of those of its last chunk (the one done). */
function withLastCounts(lines: readonly string[], counts: Readonly<Record<string, JsonText | undefined>>): string[] {
  return lines.map((line, index) => (index === lines.length - 1 ? withFields(JSON.parse(line) as Record<string, unknown>, counts) : line));
}

describe('hostile Ollama responses through ollama', () => {
  it(`${FIGURES.hostileRuns} chat bodies with malformed counts: same result, span ended once, the counts the app got or none, unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileOllamaCounts, whileTestRuns(async (counts) => {
        const name = hostile.json(200, OLLAMA_CHAT_FIXTURE.headers, withFields(OLLAMA_CHAT_FIXTURE.body, counts));
        const { view, span } = await tryHostile(() => EACH_CALL['ollama chat plain'](name));
        expect(ollamaUsageOf(span)).toEqual(expectedOllamaUsage(view.result));
        expectCost(span, 'unpriced');
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} completion bodies with malformed counts: same result, span ended once, the counts the app got or none, unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileOllamaCounts, whileTestRuns(async (counts) => {
        const name = hostile.json(200, OLLAMA_GENERATE_FIXTURE.headers, withFields(OLLAMA_GENERATE_FIXTURE.body, counts));
        const { view, span } = await tryHostile(() => EACH_CALL['ollama generate plain'](name));
        expect(ollamaUsageOf(span)).toEqual(expectedOllamaUsage(view.result));
        expectCost(span, 'unpriced');
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  // One property for each of Ollama's streams, chat and completion: the same hazards, each its own runs.
  it.each(OLLAMA_STREAMS)(`${FIGURES.hostileRuns} $stream streams with malformed counts in the last chunk, unknown lines and cut short: same chunks, span ended once, the counts the app got or none, unpriced`, async ({ fixture: streamFixture, kind }) => {
    const lines = ndjsonFixture(streamFixture);
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileOllamaCounts, ollamaNdjsonHazards, whileTestRuns(async (counts, { unknown, keepFraction }) => {
        const name = hostile.ndjson(ndjsonText(withLastCounts(lines, counts), unknown, keepFraction), NDJSON);
        const { view, span } = await tryHostile(() => EACH_CALL[kind](name));
        expect(ollamaUsageOf(span)).toEqual(expectedOllamaUsage(lastOllamaChunk(view.events ?? [])));
        expectCost(span, 'unpriced');
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} embed bodies with malformed counts: same embeddings, span ended once, the counts the app got or none, unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(hostileOllamaCounts, whileTestRuns(async (counts) => {
        const name = hostile.json(200, OLLAMA_EMBED_FIXTURE.headers, withFields(OLLAMA_EMBED_FIXTURE.body, counts));
        const { view, span } = await tryHostile(() => ollamaEmbed(bed, name));
        expect(ollamaUsageOf(span)).toEqual(expectedOllamaUsage(view.result));
        expectCost(span, 'unpriced');
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

/** The stream of a ConverseStreamCommand answered with the fixture `name`, as the app reads it. */
async function converseStream(name: string): Promise<AsyncIterable<unknown>> {
  const { stream } = await bed.bedrock(name).send(new bed.bedrockSdk.ConverseStreamCommand(CONVERSE));
  if (stream === undefined) throw new Error('a ConverseStream response without its stream');
  return stream;
}

/** The calls of every provider, plain and streamed, each reading a fixture the way its API sends it. */
const EACH_CALL = {
  'openai plain': (name: string) => resultOf(() => bed.openai.chat.completions.create(CHAT, fixture(name))),
  'openai streamed': (name: string) => eventsOf(() => bed.openai.chat.completions.create(CHAT_STREAM, fixture(name))),
  'groq plain': (name: string) => resultOf(() => bed.groq.chat.completions.create(CHAT, fixture(name))),
  'groq streamed': (name: string) => eventsOf(() => bed.groq.chat.completions.create(CHAT_STREAM, fixture(name))),
  'together plain': (name: string) => resultOf(() => bed.together.chat.completions.create(CHAT, fixture(name))),
  'together streamed': (name: string) => eventsOf(() => bed.together.chat.completions.create({ ...CHAT, stream: true }, fixture(name))),
  'cerebras plain': (name: string) => resultOf(() => bed.cerebras.chat.completions.create(CHAT, fixture(name))),
  'cerebras streamed': (name: string) => eventsOf(() => bed.cerebras.chat.completions.create({ ...CHAT, ...CEREBRAS_STREAM }, fixture(name))),
  'mistral plain': (name: string) => resultOf(() => bed.mistral.chat.complete(MISTRAL_CHAT, mistralFixture(name))),
  'mistral streamed': (name: string) => eventsOf(() => bed.mistral.chat.stream(MISTRAL_CHAT, mistralFixture(name))),
  'cohere v2 plain': (name: string) => resultOf(() => bed.cohere.chat(COHERE_CHAT, fixture(name))),
  'cohere v2 streamed': (name: string) => eventsOf(() => bed.cohere.chatStream(COHERE_CHAT, fixture(name))),
  'cohere v1 plain': (name: string) => resultOf(() => bed.cohereV1.chat(COHERE_V1_CHAT, fixture(name))),
  'cohere v1 streamed': (name: string) => eventsOf(() => bed.cohereV1.chatStream(COHERE_V1_CHAT, fixture(name))),
  'ollama chat plain': (name: string) => ollamaChat(bed, name),
  'ollama chat streamed': (name: string) => ollamaChatStream(bed, name),
  'ollama generate plain': (name: string) => ollamaGenerate(bed, name),
  'ollama generate streamed': (name: string) => ollamaGenerateStream(bed, name),
  'anthropic plain': (name: string) => resultOf(() => bed.anthropic.messages.create(MESSAGE, fixture(name))),
  'anthropic streamed': (name: string) => eventsOf(() => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture(name))),
  'gemini plain': (name: string) => resultOf(() => bed.gemini.models.generateContent({ ...CONTENT, config: geminiFixture(name) })),
  'gemini streamed': (name: string) => eventsOf(() => bed.gemini.models.generateContentStream({ ...CONTENT, config: geminiFixture(name) })),
  'gemini interactions plain': (name: string) => resultOf(() => bed.gemini.interactions.create(INTERACTION, interactionFixture(name))),
  'gemini interactions streamed': (name: string) => eventsOf(() => bed.gemini.interactions.create({ ...INTERACTION, stream: true }, interactionFixture(name))),
  'bedrock converse plain': (name: string) => resultOf(() => bed.bedrock(name).send(new bed.bedrockSdk.ConverseCommand(CONVERSE))),
  'bedrock converse streamed': (name: string) => eventsOf(() => converseStream(name)),
  'bedrock invokeModel claude plain': (name: string) => resultOf(() => invokeModel(bed, name, INVOKE_CLAUDE)),
  'bedrock invokeModel claude streamed': (name: string) => eventsOf(() => invokeModelStream(bed, name, INVOKE_CLAUDE)),
  'bedrock invokeModel nova plain': (name: string) => resultOf(() => invokeModel(bed, name, INVOKE_NOVA)),
  'bedrock invokeModel nova streamed': (name: string) => eventsOf(() => invokeModelStream(bed, name, INVOKE_NOVA)),
};
type Kind = keyof typeof EACH_CALL;

/**
 * The calls whose SDK hands the app the response's body, or each event's, as bytes it does not
 * read (Bedrock's InvokeModel): the instrumentation reads them itself, and reports what is not JSON.
 */
const readsTheBytesItself = (kind: Kind) => kind.startsWith('bedrock invokeModel');

/** A fixture for `kind` (a key of EACH_CALL) whose body, or one of whose events, is `text`, which is no JSON. */
function notJsonFixture(kind: Kind, text: string): string {
  if (kind.endsWith('plain')) return hostile.json(200, {}, text);
  // An InvokeModelWithResponseStream: the chunk whose bytes hold the usage (Claude's message_start, Nova's metadata) holds the text.
  if (kind === 'bedrock invokeModel claude streamed') {
    return invokeStream(INVOKE_CLAUDE_STREAM_FIXTURE, chunksOf(INVOKE_CLAUDE_STREAM_FIXTURE, (event) => (event['type'] === 'message_start' ? text : JSON.stringify(event))));
  }
  if (kind === 'bedrock invokeModel nova streamed') {
    return invokeStream(INVOKE_NOVA_STREAM_FIXTURE, chunksOf(INVOKE_NOVA_STREAM_FIXTURE, (event) => (event['metadata'] !== undefined ? text : JSON.stringify(event))));
  }
  // Cohere's v1 chat stream, newline-delimited JSON: a line the text.
  if (kind === 'cohere v1 streamed') return hostile.ndjson(`${text}\n`);
  // Ollama's streams, newline-delimited JSON: the first chunk, then a line the text, then the last chunk.
  if (kind === 'ollama chat streamed') return hostile.ndjson(ndjsonText([OLLAMA_CHAT_STREAM_LINES[0] as string, text, OLLAMA_CHAT_STREAM_LINES.at(-1) as string], [], undefined), NDJSON);
  if (kind === 'ollama generate streamed') return hostile.ndjson(ndjsonText([OLLAMA_GENERATE_STREAM_LINES[0] as string, text, OLLAMA_GENERATE_STREAM_LINES.at(-1) as string], [], undefined), NDJSON);
  // An AWS event stream: the ConverseStream's events, its metadata event's payload the text.
  if (kind.startsWith('bedrock')) return hostile.eventStream(CONVERSE_STREAM_FIXTURE.status, CONVERSE_STREAM_FIXTURE.headers, withMetadata(() => text));
  return hostile.sse(`${kind.startsWith('anthropic') ? 'event: message_start\n' : ''}data: ${text}\n\n`);
}

/** The bytes of an InvokeModel call's response the app got, each as hex: the body's, or each chunk's. */
function invokeBytes(view: AppView): string[] {
  const body = (view.result as { body?: unknown } | undefined)?.body;
  const chunks = (view.events ?? []).map((event) => (event as { chunk?: { bytes?: unknown } }).chunk?.bytes);
  return [body, ...chunks].filter((bytes): bytes is Uint8Array => bytes instanceof Uint8Array).map((bytes) => Buffer.from(bytes).toString('hex'));
}

/** Texts that are not JSON, nor once a decoder of their bytes (which drops a leading byte order mark) has read them. */
const notJson = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).filter((text) => {
  for (const read of [text, text.replace(/^\uFEFF/, '')]) {
    try {
      JSON.parse(read);
      return false;
    } catch {
      // not JSON: the case is kept
    }
  }
  return !text.includes('{{');
});

describe('bodies and events that are not JSON', () => {
  it(`${FIGURES.hostileRuns} of them, for every provider, plain and streamed: same outcome, span ended once, unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(fc.constantFrom(...(Object.keys(EACH_CALL) as Kind[])), notJson, whileTestRuns(async (kind, text) => {
        const name = notJsonFixture(kind, text);
        const { view, span } = await tryHostile(() => EACH_CALL[kind](name), readsTheBytesItself(kind) ? 'not JSON' : 'nothing');
        expectCost(span, 'unpriced');
        // The app gets the bytes as they came.
        if (readsTheBytesItself(kind)) expect(invokeBytes(view)).toContain(Buffer.from(text, 'utf8').toString('hex'));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});

describe('fields of 10 MB', () => {
  const TEN_MB = 10 * 1024 * 1024;
  type Body = { usage?: unknown; usageMetadata?: unknown; service_tier?: unknown; serviceTier?: unknown; meta?: unknown };
  /** Each plain call's wire fixture, and the cost of what the app got. */
  const PLAIN_CALLS = {
    'openai plain': { template: CHAT_FIXTURE, cost: (body: Body) => expectedChatCost(body.usage, body.service_tier) },
    'anthropic plain': { template: MESSAGE_FIXTURE, cost: (body: Body) => expectedMessageCost(body.usage) },
    'gemini plain': { template: CONTENT_FIXTURE, cost: (body: Body) => expectedGenerateContentCost(body.usageMetadata) },
    'gemini interactions plain': { template: INTERACTION_FIXTURE, cost: (body: Body) => expectedInteractionCost(body.usage) },
    'bedrock converse plain': { template: CONVERSE_FIXTURE, cost: (body: Body) => expectedConverseCost(body.usage, body.serviceTier) },
    'bedrock invokeModel claude plain': { template: INVOKE_CLAUDE_FIXTURE, cost: (body: Body) => expectedInvokeClaudeCost(invokeUsage(body)) },
    'bedrock invokeModel nova plain': { template: INVOKE_NOVA_FIXTURE, cost: (body: Body) => expectedNovaCost(invokeUsage(body), body.serviceTier) },
    'mistral plain': { template: MISTRAL_CHAT_FIXTURE, cost: (body: Body) => expectedMistralChatCost(body.usage) },
    'cohere v2 plain': { template: COHERE_CHAT_FIXTURE, cost: (body: Body) => expectedCohereChatCost(body.usage) },
    'cohere v1 plain': { template: COHERE_V1_CHAT_FIXTURE, cost: (body: Body) => expectedCohereV1ChatCost(body.meta) },
    'ollama chat plain': { template: OLLAMA_CHAT_FIXTURE, cost: (): ExpectedCost => 'unpriced' },
    'ollama generate plain': { template: OLLAMA_GENERATE_FIXTURE, cost: (): ExpectedCost => 'unpriced' },
  } satisfies Partial<Record<Kind, unknown>>;

  /** The plain call, and the path of the string field made 10 MB in its body. */
  const bigFields: readonly (readonly [keyof typeof PLAIN_CALLS, readonly (string | number)[]])[] = [
    ['openai plain', ['id']],
    ['openai plain', ['model']],
    ['openai plain', ['system_fingerprint']],
    ['anthropic plain', ['id']],
    ['anthropic plain', ['model']],
    ['anthropic plain', ['stop_reason']],
    ['gemini plain', ['responseId']],
    ['gemini plain', ['modelVersion']],
    ['gemini interactions plain', ['id']],
    ['gemini interactions plain', ['model']],
    ['bedrock converse plain', ['stopReason']],
    ['bedrock converse plain', ['output', 'message', 'content', 0, 'text']],
    ['bedrock invokeModel claude plain', ['id']],
    ['bedrock invokeModel claude plain', ['model']],
    ['bedrock invokeModel claude plain', ['stop_reason']],
    ['bedrock invokeModel nova plain', ['stopReason']],
    ['mistral plain', ['id']],
    ['mistral plain', ['model']],
    ['cohere v2 plain', ['id']],
    ['cohere v2 plain', ['finish_reason']],
    ['cohere v1 plain', ['generation_id']],
    ['cohere v1 plain', ['finish_reason']],
    ['ollama chat plain', ['model']],
    ['ollama chat plain', ['message', 'content']],
    ['ollama generate plain', ['done_reason']],
  ];

  /** `value` with the field at `path` replaced by `replacement` (the objects and lists on the way copied). */
  function withFieldAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
    const [key, ...rest] = path;
    if (key === undefined) return replacement;
    if (Array.isArray(value)) return value.map((item: unknown, index) => (index === key ? withFieldAt(item, rest, replacement) : item));
    const copy = { ...(value as Record<string | number, unknown>) };
    copy[key] = withFieldAt(copy[key], rest, replacement);
    return copy;
  }

  it(`${FIGURES.largeFieldRuns} bodies with one, in the id, model or another string: same result, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(fc.constantFrom(...bigFields), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), whileTestRuns(async ([kind, path], character) => {
        const { template, cost } = PLAIN_CALLS[kind];
        const big = character.repeat(Math.ceil(TEN_MB / character.length)).slice(0, TEN_MB);
        const name = hostile.json(200, template.headers, JSON.stringify(withFieldAt(template.body, path, big)));
        const { view, span } = await tryHostile(() => EACH_CALL[kind](name));
        hostile.discard(name);
        expectCost(span, cost((view.result ?? {}) as Body));
      })),
      { numRuns: FIGURES.largeFieldRuns },
    ));
  }, largeFieldTimeoutMs(FIGURES.largeFieldRuns));
});

describe('the comparison of what the app gets', () => {
  it('compares bytes (an InvokeModel body) as bytes: equal when every byte is, not when one differs or the kind of array does', () => {
    const body = new Uint8Array(3 * 1024 * 1024).fill(7);
    expect({ body }).toEqual({ body: new Uint8Array(body) });
    const changed = new Uint8Array(body);
    changed[changed.length - 1] = 8;
    expect({ body }).not.toEqual({ body: changed });
    expect({ body }).not.toEqual({ body: new Uint8Array(body.length - 1).fill(7) });
    expect({ body }).not.toEqual({ body: Buffer.from(body) });
  });
});

describe('unusual Unicode', () => {
  const strings = fc.record({ id: unusualString, model: unusualString, reason: unusualString, text: unusualString, tier: unusualString });

  it(`${FIGURES.hostileRuns} chat completions with it in every string the span reads: same result, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(strings, whileTestRuns(async ({ id, model, reason, text, tier }) => {
        const choice = { index: 0, message: { role: 'assistant', content: text }, finish_reason: reason };
        const completion = { ...CHAT_FIXTURE.body, id, model, service_tier: tier, system_fingerprint: text, choices: [choice] };
        const name = hostile.json(200, CHAT_FIXTURE.headers, JSON.stringify(completion));
        const { view, span } = await tryHostile(() => EACH_CALL['openai plain'](name));
        const body = view.result as { usage?: unknown; model?: unknown; service_tier?: unknown };
        expectCost(span, expectedChatCost(body.usage, body.service_tier));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));

  it(`${FIGURES.hostileRuns} messages with it in every string the span reads: same message, span ended once, cost right or unpriced`, async () => {
    await trackedProperty(fc.assert(
      fc.asyncProperty(strings, whileTestRuns(async ({ id, model, reason, text, tier }) => {
        const usage = { ...(MESSAGE_FIXTURE.body['usage'] as object), service_tier: tier };
        const message = { ...MESSAGE_FIXTURE.body, id, model, stop_reason: reason, content: [{ type: 'text', text }], usage };
        const name = hostile.json(200, MESSAGE_FIXTURE.headers, JSON.stringify(message));
        const { view, span } = await tryHostile(() => EACH_CALL['anthropic plain'](name));
        const body = view.result as { usage?: unknown; model?: unknown };
        expectCost(span, expectedMessageCost(body.usage));
      })),
      runs,
    ));
  }, propertyTimeoutMs(FIGURES.hostileRuns));
});
