import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { turnsOfTheEventLoop } from '../support/telemetry-checks.js';
import {
  endPropertiesAfterEach,
  fixture,
  geminiFixture,
  interactionFixture,
  mistralFixture,
  reliabilityBed,
  reportedErrors,
  spansEndedTwice,
  trackedProperty,
  whileTestRuns,
  withoutInstrumentation,
} from './bed.js';
import {
  CEREBRAS_CHAT,
  CEREBRAS_COMPLETION,
  CEREBRAS_STREAM,
  CHAT,
  CHAT_STREAM,
  COHERE_CHAT,
  COHERE_EMBED,
  COHERE_V1_CHAT,
  COHERE_V1_EMBED,
  COMPLETION,
  CONTENT,
  CONVERSE,
  EMBEDDING,
  eventsOf,
  GROQ_CHAT,
  groqTranscription,
  MISTRAL_CHAT,
  MISTRAL_EMBEDDING,
  MISTRAL_FIM,
  IMAGE,
  IMAGE_STREAM,
  imageEdit,
  INTERACTION,
  INTERACTION_STREAM,
  INVOKE_CLAUDE,
  INVOKE_NOVA,
  invokeModel,
  invokeModelStream,
  MESSAGE,
  ollamaChat,
  ollamaChatStream,
  ollamaEmbed,
  ollamaEmbeddings,
  ollamaGenerate,
  ollamaGenerateStream,
  RESPONSE,
  resultOf,
  TOGETHER_CHAT,
  TOGETHER_COMPLETION,
  TOGETHER_EMBEDDING,
  togetherTranscription,
  transcription,
  type AppView,
} from './calls.js';
import { FIGURES, largeFieldTimeoutMs, propertyTimeoutMs } from './figures.js';
import { chunkMessage, HostileFixtures } from './hostile-fixtures.js';
import { eventStreamFixture, jsonFixture, ndjsonFixture, sseFixture } from './wire-fixtures.js';

/**
 * Every value a response holds, made extreme, on every surface of every SDK, plain and streamed:
 * an index, a count or a token count of 2^32 or 1e308, negative, a number written as a string
 * ("NaN"), an array or object nested a thousand deep, a list of 100,000 items, a 1 MB string, and
 * (in a test of its own, as each takes seconds) a 10 MB string. Each case is called without and
 * with the instrumentations: the app gets the same result, nothing reaches the diag logger, the
 * call's span ends once and holds only finite numbers. No case may stall the app: before the
 * readers bounded what they read, one choice index of 4294967294 held a call for 92 s. How much
 * time the package adds to such a response is the benchmark's to report (npm run bench), not a
 * test's to assert.
 */

const extreme = new HostileFixtures();
afterAll(() => extreme.remove());
const bed = await reliabilityBed({ fixtures: extreme.folder });
endPropertiesAfterEach(bed);

/** The stream of a Bedrock ConverseStreamCommand answered with the fixture `name`, as the app reads it. */
async function converseStream(name: string): Promise<AsyncIterable<unknown>> {
  const { stream } = await bed.bedrock(name).send(new bed.bedrockSdk.ConverseStreamCommand(CONVERSE));
  if (stream === undefined) throw new Error('a ConverseStream response without its stream');
  return stream;
}
const converse = (name: string) => resultOf(() => bed.bedrock(name).send(new bed.bedrockSdk.ConverseCommand(CONVERSE)));

/** How each surface is called, and the wire fixture its responses are made from. */
const SURFACES = {
  'openai chat': { template: 'openai/chat', call: (name: string) => resultOf(() => bed.openai.chat.completions.create(CHAT, fixture(name))) },
  'openai chat streamed': { template: 'openai/chat-stream', call: (name: string) => eventsOf(() => bed.openai.chat.completions.create(CHAT_STREAM, fixture(name))) },
  'openai responses': { template: 'openai/responses', call: (name: string) => resultOf(() => bed.openai.responses.create(RESPONSE, fixture(name))) },
  'openai responses streamed': {
    template: 'openai/responses-stream',
    call: (name: string) => eventsOf(() => bed.openai.responses.create({ ...RESPONSE, stream: true }, fixture(name))),
  },
  'openai responses compact': {
    template: 'openai/responses-compact',
    call: (name: string) => resultOf(() => bed.openai.responses.compact(RESPONSE, fixture(name))),
  },
  'openai completions': { template: 'openai/completion', call: (name: string) => resultOf(() => bed.openai.completions.create(COMPLETION, fixture(name))) },
  'openai completions streamed': {
    template: 'openai/completion-stream',
    call: (name: string) => eventsOf(() => bed.openai.completions.create({ ...COMPLETION, stream: true }, fixture(name))),
  },
  'openai embeddings': { template: 'openai/embeddings', call: (name: string) => resultOf(() => bed.openai.embeddings.create(EMBEDDING, fixture(name))) },
  'openai images': { template: 'openai/images-generate', call: (name: string) => resultOf(() => bed.openai.images.generate(IMAGE, fixture(name))) },
  'openai images streamed': {
    template: 'openai/images-generate-stream',
    call: (name: string) => eventsOf(() => bed.openai.images.generate(IMAGE_STREAM, fixture(name))),
  },
  'openai audio transcriptions': {
    template: 'openai/audio-transcription',
    call: (name: string) => resultOf(async () => bed.openai.audio.transcriptions.create(await transcription(bed), fixture(name))),
  },
  'openai audio transcriptions streamed': {
    template: 'openai/audio-transcription-stream',
    call: (name: string) => eventsOf(async () => bed.openai.audio.transcriptions.create({ ...(await transcription(bed)), stream: true }, fixture(name))),
  },
  'openai audio transcriptions by duration': {
    template: 'openai/audio-transcription-duration',
    call: (name: string) => resultOf(async () => bed.openai.audio.transcriptions.create({ ...(await transcription(bed)), model: 'whisper-1' }, fixture(name))),
  },
  'openai images edit': { template: 'openai/images-edit', call: (name: string) => resultOf(async () => bed.openai.images.edit(await imageEdit(bed), fixture(name))) },
  // groq-sdk: GroqCloud's chat completions, a stream's usage in its last chunk's x_groq.
  'groq chat': { template: 'openai-backends/groq-chat', call: (name: string) => resultOf(() => bed.groq.chat.completions.create(GROQ_CHAT, fixture(name))) },
  'groq chat streamed': {
    template: 'openai-backends/groq-chat-stream-x-groq',
    call: (name: string) => eventsOf(() => bed.groq.chat.completions.create({ ...GROQ_CHAT, stream: true }, fixture(name))),
  },
  'groq embeddings': { template: 'groq/embeddings', call: (name: string) => resultOf(() => bed.groq.embeddings.create({ model: 'nomic-embed-text-v1_5', input: 'Paris' }, fixture(name))) },
  'groq audio transcriptions': {
    template: 'groq/transcription',
    call: (name: string) => resultOf(async () => bed.groq.audio.transcriptions.create(await groqTranscription(bed), fixture(name))),
  },
  'groq audio translations': {
    template: 'groq/transcription',
    call: (name: string) => resultOf(async () => bed.groq.audio.translations.create(await groqTranscription(bed), fixture(name))),
  },
  // together-ai: Together AI's chat completions (cached tokens flat in usage, a stream's usage in its last chunk), completions, embeddings and audio.
  'together chat': { template: 'openai-backends/together-chat', call: (name: string) => resultOf(() => bed.together.chat.completions.create(TOGETHER_CHAT, fixture(name))) },
  'together chat streamed': {
    template: 'openai-backends/together-chat-stream',
    call: (name: string) => eventsOf(() => bed.together.chat.completions.create({ ...TOGETHER_CHAT, stream: true }, fixture(name))),
  },
  'together completions': { template: 'together/completion', call: (name: string) => resultOf(() => bed.together.completions.create(TOGETHER_COMPLETION, fixture(name))) },
  'together embeddings': { template: 'together/embeddings', call: (name: string) => resultOf(() => bed.together.embeddings.create(TOGETHER_EMBEDDING, fixture(name))) },
  'together audio transcriptions': {
    template: 'together/transcription',
    call: (name: string) => resultOf(async () => bed.together.audio.transcriptions.create(await togetherTranscription(bed), fixture(name))),
  },
  'together audio translations': {
    template: 'together/transcription',
    call: (name: string) => resultOf(async () => bed.together.audio.translations.create(await togetherTranscription(bed), fixture(name))),
  },
  // @cerebras/cerebras_cloud_sdk: Cerebras's chat completions (cached and reasoning tokens in OpenAI's details, time_info beside the usage) and completions.
  'cerebras chat': { template: 'openai-backends/cerebras-chat', call: (name: string) => resultOf(() => bed.cerebras.chat.completions.create(CEREBRAS_CHAT, fixture(name))) },
  'cerebras chat streamed': {
    template: 'openai-backends/cerebras-chat-stream',
    call: (name: string) => eventsOf(() => bed.cerebras.chat.completions.create({ ...CEREBRAS_CHAT, ...CEREBRAS_STREAM }, fixture(name))),
  },
  'cerebras completions': { template: 'cerebras/completion', call: (name: string) => resultOf(() => bed.cerebras.completions.create(CEREBRAS_COMPLETION, fixture(name))) },
  // @mistralai/mistralai: the SDK parses each response (and each stream event) with its schemas before the app, or this package, sees it.
  'mistral chat': { template: 'mistral/chat', call: (name: string) => resultOf(() => bed.mistral.chat.complete(MISTRAL_CHAT, mistralFixture(name))) },
  'mistral chat streamed': { template: 'mistral/chat-stream', call: (name: string) => eventsOf(() => bed.mistral.chat.stream(MISTRAL_CHAT, mistralFixture(name))) },
  'mistral chat with a tool call': { template: 'mistral/chat-tool-call', call: (name: string) => resultOf(() => bed.mistral.chat.complete(MISTRAL_CHAT, mistralFixture(name))) },
  'mistral fim': { template: 'mistral/fim', call: (name: string) => resultOf(() => bed.mistral.fim.complete(MISTRAL_FIM, mistralFixture(name))) },
  'mistral fim streamed': { template: 'mistral/fim-stream', call: (name: string) => eventsOf(() => bed.mistral.fim.stream(MISTRAL_FIM, mistralFixture(name))) },
  'mistral embeddings': { template: 'mistral/embeddings', call: (name: string) => resultOf(() => bed.mistral.embeddings.create(MISTRAL_EMBEDDING, mistralFixture(name))) },
  // cohere-ai: the SDK parses each response (and each stream event) with its schemas, keeping what does not fit as it came, before the app sees it.
  'cohere v2 chat': { template: 'cohere/v2-chat', call: (name: string) => resultOf(() => bed.cohere.chat(COHERE_CHAT, fixture(name))) },
  'cohere v2 chat streamed': { template: 'cohere/v2-chat-stream', call: (name: string) => eventsOf(() => bed.cohere.chatStream(COHERE_CHAT, fixture(name))) },
  'cohere v2 chat with a tool call': { template: 'cohere/v2-chat-tool-call', call: (name: string) => resultOf(() => bed.cohere.chat(COHERE_CHAT, fixture(name))) },
  'cohere v2 chat with a tool call, streamed': {
    template: 'cohere/v2-chat-stream-tool-call',
    call: (name: string) => eventsOf(() => bed.cohere.chatStream(COHERE_CHAT, fixture(name))),
  },
  'cohere v2 chat with thinking': { template: 'cohere/v2-chat-thinking', call: (name: string) => resultOf(() => bed.cohere.chat(COHERE_CHAT, fixture(name))) },
  'cohere v2 embed': { template: 'cohere/v2-embed', call: (name: string) => resultOf(() => bed.cohere.embed(COHERE_EMBED, fixture(name))) },
  'cohere v1 chat': { template: 'cohere/v1-chat', call: (name: string) => resultOf(() => bed.cohereV1.chat(COHERE_V1_CHAT, fixture(name))) },
  'cohere v1 chat with a tool call': { template: 'cohere/v1-chat-tool-call', call: (name: string) => resultOf(() => bed.cohereV1.chat(COHERE_V1_CHAT, fixture(name))) },
  'cohere v1 chat streamed': { template: 'cohere/v1-chat-stream', call: (name: string) => eventsOf(() => bed.cohereV1.chatStream(COHERE_V1_CHAT, fixture(name))) },
  'cohere v1 embed': { template: 'cohere/v1-embed', call: (name: string) => resultOf(() => bed.cohereV1.embed(COHERE_V1_EMBED, fixture(name))) },
  // ollama: the API's own JSON, parsed and handed over as it came; a stream is newline-delimited JSON,
  // which the SDK splits into lines and parses one by one, ending at the first chunk that says it is done.
  'ollama chat': { template: 'ollama/chat', call: (name: string) => ollamaChat(bed, name) },
  'ollama chat with cache reads': { template: 'ollama/chat-cached', call: (name: string) => ollamaChat(bed, name) },
  'ollama chat with a tool call': { template: 'ollama/chat-tool-call', call: (name: string) => ollamaChat(bed, name) },
  'ollama chat with thinking': { template: 'ollama/chat-thinking', call: (name: string) => ollamaChat(bed, name) },
  'ollama chat streamed': { template: 'ollama/chat-stream', call: (name: string) => ollamaChatStream(bed, name) },
  'ollama chat with a tool call, streamed': { template: 'ollama/chat-stream-tool-call', call: (name: string) => ollamaChatStream(bed, name) },
  'ollama generate': { template: 'ollama/generate', call: (name: string) => ollamaGenerate(bed, name) },
  'ollama generate streamed': { template: 'ollama/generate-stream', call: (name: string) => ollamaGenerateStream(bed, name) },
  'ollama embed': { template: 'ollama/embed', call: (name: string) => ollamaEmbed(bed, name) },
  'ollama embeddings': { template: 'ollama/embeddings', call: (name: string) => ollamaEmbeddings(bed, name) },
  'anthropic messages': { template: 'anthropic/message', call: (name: string) => resultOf(() => bed.anthropic.messages.create(MESSAGE, fixture(name))) },
  'anthropic messages streamed': {
    template: 'anthropic/message-stream',
    call: (name: string) => eventsOf(() => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture(name))),
  },
  'anthropic beta messages': { template: 'anthropic/message', call: (name: string) => resultOf(() => bed.anthropic.beta.messages.create(MESSAGE, fixture(name))) },
  'anthropic beta messages streamed': {
    template: 'anthropic/message-stream',
    call: (name: string) => eventsOf(() => bed.anthropic.beta.messages.create({ ...MESSAGE, stream: true }, fixture(name))),
  },
  'gemini generateContent': {
    template: 'gemini/generate-content',
    call: (name: string) => resultOf(() => bed.gemini.models.generateContent({ ...CONTENT, config: geminiFixture(name) })),
  },
  'gemini generateContent streamed': {
    template: 'gemini/generate-content-stream',
    call: (name: string) => eventsOf(() => bed.gemini.models.generateContentStream({ ...CONTENT, config: geminiFixture(name) })),
  },
  'gemini embedContent': {
    template: 'gemini/embed-content',
    call: (name: string) => resultOf(() => bed.gemini.models.embedContent({ model: 'gemini-embedding-001', contents: ['Paris'], config: geminiFixture(name) })),
  },
  'gemini interactions': { template: 'gemini/interaction', call: (name: string) => resultOf(() => bed.gemini.interactions.create(INTERACTION, interactionFixture(name))) },
  'gemini interactions streamed': {
    template: 'gemini/interaction-stream',
    call: (name: string) => eventsOf(() => bed.gemini.interactions.create(INTERACTION_STREAM, interactionFixture(name))),
  },
  // Bedrock's Converse: a response with cache reads, writes and their lifetimes, one on a service
  // tier, and an event stream (an AWS event stream) with a tool use.
  'bedrock converse': { template: 'bedrock/converse-cache-write', call: converse },
  'bedrock converse on a service tier': { template: 'bedrock/converse-service-tier', call: converse },
  'bedrock converse streamed': { template: 'bedrock/converse-stream-tool-use', call: (name: string) => eventsOf(() => converseStream(name)) },
  // Bedrock's InvokeModel, the body in the model's own format: Claude's (the Messages API's), with
  // cache writes of both lifetimes and, streamed, a tool use; Amazon Nova's, with cache reads, and
  // its stream. A stream's extreme values are in its chunks' bytes, the model's events.
  'bedrock invokeModel claude': { template: 'bedrock/invoke-claude-cache-write', call: (name: string) => resultOf(() => invokeModel(bed, name, INVOKE_CLAUDE)) },
  'bedrock invokeModel claude streamed': {
    template: 'bedrock/invoke-claude-stream-tool-use',
    call: (name: string) => eventsOf(() => invokeModelStream(bed, name, INVOKE_CLAUDE)),
  },
  'bedrock invokeModel nova': { template: 'bedrock/invoke-nova-cache-read', call: (name: string) => resultOf(() => invokeModel(bed, name, INVOKE_NOVA)) },
  'bedrock invokeModel nova streamed': { template: 'bedrock/invoke-nova-stream', call: (name: string) => eventsOf(() => invokeModelStream(bed, name, INVOKE_NOVA)) },
} as const;
type SurfaceName = keyof typeof SURFACES;
const SURFACE_NAMES = Object.keys(SURFACES) as SurfaceName[];

/** The fields the readers read, by name: each case makes every field of that name, at any depth, extreme. */
const FIELDS = [
  'index',
  'output_index',
  'content_index',
  'finish_reason',
  'stop_reason',
  'status',
  'id',
  'model',
  'service_tier',
  'system_fingerprint',
  'choices',
  'content',
  'output',
  'tool_calls',
  'usage',
  'prompt_tokens',
  'prompt_tokens_details',
  'completion_tokens',
  // The output's details (its reasoning tokens), and the reasoning text some backends put beside a chat message's content (Cerebras's).
  'completion_tokens_details',
  'reasoning_tokens',
  'reasoning',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation',
  // OpenAI's cache writes, and the Responses API's split of them by retention.
  'cache_write_tokens',
  'cache_write_tokens_details',
  'ttl_30m_tokens',
  'ttl_12h_tokens',
  // The Images API's usage: its split of the input and output into text and image tokens.
  'input_tokens_details',
  'output_tokens_details',
  'image_tokens',
  // A transcription's: its usage of tokens or of seconds, and its transcript.
  'input_token_details',
  'audio_tokens',
  'seconds',
  'type',
  'delta',
  'text',
  'name',
  'arguments',
  'data',
  'embedding',
  // Gemini's (generateContent, its stream, embedContent).
  'candidates',
  'finishReason',
  'usageMetadata',
  'promptTokenCount',
  'candidatesTokenCount',
  'cachedContentTokenCount',
  'thoughtsTokenCount',
  'toolUsePromptTokenCount',
  'totalTokenCount',
  'modelVersion',
  'responseId',
  'parts',
  'embeddings',
  'values',
  // Gemini's Interactions API.
  'total_input_tokens',
  'total_output_tokens',
  'total_cached_tokens',
  'total_thought_tokens',
  'total_tool_use_tokens',
  'input_tokens_by_modality',
  'output_tokens_by_modality',
  'cached_tokens_by_modality',
  'tokens',
  'modality',
  'steps',
  'event_type',
  'interaction',
  'step',
  'summary',
  // Bedrock's Converse (its response, and its stream's events).
  'stopReason',
  'inputTokens',
  'outputTokens',
  'totalTokens',
  'cacheReadInputTokens',
  'cacheWriteInputTokens',
  'cacheDetails',
  'ttl',
  'serviceTier',
  'message',
  'role',
  'contentBlockIndex',
  'start',
  'toolUse',
  'toolUseId',
  'input',
  'metrics',
  'latencyMs',
  // Anthropic's cache writes by lifetime, and its streamed content blocks (Claude's InvokeModel too).
  'ephemeral_5m_input_tokens',
  'ephemeral_1h_input_tokens',
  'content_block',
  'partial_json',
  // Bedrock's InvokeModel: Amazon Nova's names (its usage, its stream's events), and the invocation
  // metrics Bedrock adds to a stream's last event.
  'cacheReadInputTokenCount',
  'cacheWriteInputTokenCount',
  'messageStart',
  'contentBlockDelta',
  'contentBlockStop',
  'messageStop',
  'metadata',
  'amazon-bedrock-invocationMetrics',
  'inputTokenCount',
  'outputTokenCount',
  // Cohere's (v2 chat, its stream's events, v1 chat, its stream's events, embed).
  'billed_units',
  'meta',
  'generation_id',
  'response',
  'tool_plan',
  'function',
  'parameters',
  'thinking',
  // Ollama's (chat, generate and embed, plain and each chunk of a stream).
  'done',
  'done_reason',
  'prompt_eval_count',
  'prompt_eval_cached_count',
  'eval_count',
];

const DEPTH = 1_000;
const MANY = 100_000;

/** Extreme values as JSON text, so that numbers `JSON.stringify` cannot write are written as they are. */
const EXTREME_VALUES: readonly string[] = [
  String(2 ** 32),
  String(2 ** 32 - 2),
  '1e308',
  '-1e308',
  '-1',
  '-4294967294',
  '0.5',
  '"NaN"',
  '"4294967294"',
  `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
  `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
  `[${Array.from({ length: MANY }, (_, index) => `{"index":${index}}`).join(',')}]`,
  JSON.stringify('x'.repeat(1024 * 1024)),
];

const MARKER = '@@extreme@@';

/** `value` with every field named `field`, at any depth, replaced by the marker. */
function marked(value: unknown, field: string): unknown {
  if (Array.isArray(value)) return value.map((item) => marked(item, field));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === field ? MARKER : marked(item, field)]));
}

/** The JSON text of `value` with every field named `field` holding `extremeValue`. */
function withExtreme(value: unknown, field: string, extremeValue: string): string {
  return JSON.stringify(marked(value, field)).replaceAll(`"${MARKER}"`, () => extremeValue);
}

/** Writes the fixture of `surface` with `field` made `extremeValue`, and returns its name. */
function extremeFixture(surface: SurfaceName, field: string, extremeValue: string): string {
  const template = SURFACES[surface].template;
  if (surface.startsWith('bedrock invokeModel') && surface.endsWith('streamed')) {
    // An InvokeModelWithResponseStream: the field made extreme in each chunk's model event, sent base64 as Bedrock sends it.
    const { status, headers, eventStream } = eventStreamFixture(template);
    return extreme.eventStream(status, headers, eventStream.map(({ payload }) => chunkMessage(withExtreme(payload['bytes'], field, extremeValue), payload['p'] as string | undefined)));
  }
  if (surface.startsWith('bedrock') && surface.endsWith('streamed')) {
    // An AWS event stream: the field made extreme in each message's payload.
    const { status, headers, eventStream } = eventStreamFixture(template);
    return extreme.eventStream(status, headers, eventStream.map((message) => ({ headers: message.headers, payload: withExtreme(message.payload, field, extremeValue) })));
  }
  if (surface.startsWith('cohere v1') && surface.endsWith('streamed')) {
    // Cohere's v1 chat stream, newline-delimited JSON: the field made extreme in each line's event.
    return extreme.ndjson(ndjsonFixture(template).map((line) => `${withExtreme(JSON.parse(line), field, extremeValue)}\n`).join(''));
  }
  if (surface.startsWith('ollama') && surface.endsWith('streamed')) {
    // Ollama's streams, newline-delimited JSON sent as application/x-ndjson: the field made extreme in
    // each chunk, which makes lines of a megabyte and more (a 1 MB string, a list of 100,000 items).
    const lines = ndjsonFixture(template).map((line) => `${withExtreme(JSON.parse(line), field, extremeValue)}\n`);
    return extreme.ndjson(lines.join(''), 'application/x-ndjson');
  }
  if (!surface.endsWith('streamed')) {
    const { status, headers, body } = jsonFixture(template);
    return extreme.json(status, headers, withExtreme(body, field, extremeValue));
  }
  const events = sseFixture(template).map((event) =>
    event.replace(/^data: (.*)$/m, (line, data: string) => {
      try {
        return `data: ${withExtreme(JSON.parse(data), field, extremeValue)}`;
      } catch {
        return line;
      }
    }),
  );
  return extreme.sse(events.map((event) => `${event}\n\n`).join(''));
}

const isOurs = (span: ReadableSpan) => span.instrumentationScope.name.startsWith('otel-llm-observer/');

/** Every number among the attributes of `span` that is NaN or infinite. */
const unsoundNumbers = (span: ReadableSpan) =>
  Object.values(span.attributes)
    .flat()
    .filter((value) => typeof value === 'number' && !Number.isFinite(value));

/** Calls `surface` on the fixture `name` without and with the instrumentations, and checks what holds for every case. */
async function expectUnchanged(surface: SurfaceName, name: string): Promise<void> {
  const call = () => SURFACES[surface].call(name);
  const baseline: AppView = await withoutInstrumentation(bed, call);
  bed.diagnostics.messages.length = 0;
  const mark = bed.openSpans.mark();
  const view = await call();
  await turnsOfTheEventLoop(3);
  expect(view).toEqual(baseline);
  expect(reportedErrors(bed)).toEqual([]);
  expect(bed.openSpans.openSince(mark)).toBe(0);
  expect(spansEndedTwice(bed)).toEqual([]);
  const spans = bed.tracing.spans().filter(isOurs);
  expect(spans).toHaveLength(1);
  expect(unsoundNumbers(spans[0] as ReadableSpan)).toEqual([]);
  bed.tracing.reset();
  bed.ends.endsBySpanId.clear();
}

describe('extreme values in every field the readers read', () => {
  it(
    `${FIGURES.extremeRuns} responses over every surface, plain and streamed: the app gets the same, the span ends once`,
    async () => {
      await trackedProperty(
        fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...SURFACE_NAMES),
            fc.constantFrom(...FIELDS),
            fc.constantFrom(...EXTREME_VALUES),
            whileTestRuns(async (surface: SurfaceName, field: string, extremeValue: string) => {
              const name = extremeFixture(surface, field, extremeValue);
              await expectUnchanged(surface, name);
              extreme.discard(name);
            }),
          ),
          { numRuns: FIGURES.extremeRuns },
        ),
      );
    },
    propertyTimeoutMs(FIGURES.extremeRuns),
  );

  it('a choice index of 4294967294, as a plain chat completion and in every chunk of a stream: the app gets the same, at once', async () => {
    for (const surface of ['openai chat', 'openai chat streamed', 'openai completions', 'openai completions streamed'] as const) {
      const name = extremeFixture(surface, 'index', String(2 ** 32 - 2));
      await expectUnchanged(surface, name);
    }
  });
});

describe('a 10 MB string', () => {
  const TEN_MB = JSON.stringify('y'.repeat(10 * 1024 * 1024));
  /** One field of each plain surface that its span reads: a string field, where a string that long is at home. */
  const CASES: readonly [SurfaceName, string][] = [
    ['openai chat', 'system_fingerprint'],
    ['openai responses', 'status'],
    ['openai completions', 'finish_reason'],
    ['openai embeddings', 'model'],
    ['anthropic messages', 'stop_reason'],
    ['anthropic beta messages', 'id'],
    ['gemini generateContent', 'modelVersion'],
    ['gemini embedContent', 'values'],
    ['gemini interactions', 'status'],
    ['bedrock converse', 'stopReason'],
    ['bedrock invokeModel claude', 'stop_reason'],
    ['bedrock invokeModel nova', 'stopReason'],
    ['ollama chat', 'done_reason'],
    ['ollama generate', 'model'],
  ];

  it.each(CASES)('in %s, in its %s: the app gets the same, the span ends once', async (surface, field) => {
    const name = extremeFixture(surface, field, TEN_MB);
    await expectUnchanged(surface, name);
    extreme.discard(name);
  }, largeFieldTimeoutMs(1));
});
