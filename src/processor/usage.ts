import type { Attributes } from '@opentelemetry/api';
import { guard } from '../guard.js';
import { billedSeconds, isBilledSearchQuery, type TokenUsage } from '../pricing/token-usage.js';
import { PACKAGE_NAME } from '../version.js';
import { aiSdkProviderName } from './ai-sdk-providers.js';
import {
  AI_SDK_MODEL_ID,
  AI_SDK_MODEL_PROVIDER,
  AI_SDK_OPERATION_ID,
  AI_SDK_RESPONSE_PROVIDER_METADATA,
  AI_SDK_USAGE_CACHE_READ_TOKENS,
  AI_SDK_USAGE_CACHE_WRITE_TOKENS,
  AI_SDK_USAGE_TOKENS,
  ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_TTLS,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS,
  ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS,
  ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS,
  ATTR_GEMINI_USAGE_CACHED_AUDIO_TOKENS,
  ATTR_GEMINI_USAGE_CANDIDATES_AUDIO_TOKENS,
  ATTR_GEMINI_USAGE_CANDIDATES_IMAGE_TOKENS,
  ATTR_GEMINI_USAGE_PROMPT_AUDIO_TOKENS,
  ATTR_GEMINI_USAGE_PROMPT_IMAGE_TOKENS,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
  ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_COMPLETION_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_PROMPT_TOKENS,
  ATTR_LLM_MODEL_NAME,
  ATTR_LLM_PROVIDER,
  ATTR_LLM_TOKEN_COUNT_COMPLETION,
  ATTR_LLM_TOKEN_COUNT_PROMPT,
  ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ,
  ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE,
  ATTR_LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO,
  ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO,
  ATTR_LLM_OBSERVER_USAGE_FILE_SEARCHES,
  ATTR_LLM_OBSERVER_USAGE_IMAGE_GENERATIONS,
  ATTR_LLM_OBSERVER_USAGE_MAPS_GROUNDINGS,
  ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
  ATTR_OPENAI_USAGE_CACHED_AUDIO_TOKENS,
  ATTR_OPENAI_USAGE_CACHED_IMAGE_TOKENS,
  ATTR_OPENAI_USAGE_COMPLETION_TOKENS_DETAILS_AUDIO_TOKENS,
  ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_12H_TOKENS,
  ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_30M_TOKENS,
  ATTR_OPENAI_USAGE_INPUT_TOKENS_DETAILS_IMAGE_TOKENS,
  ATTR_OPENAI_USAGE_OUTPUT_TOKENS_DETAILS_IMAGE_TOKENS,
  ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS,
  ATTR_OPENAI_USAGE_SECONDS,
} from '../semconv.js';

/** A producer's counts inside one JSON attribute, each as a path of keys (see `UsageNames.usageInJson`). */
export interface UsageInJson {
  readonly attribute: string;
  readonly cacheWrite5m: readonly string[];
  readonly cacheWrite1h: readonly string[];
  /** Where the web searches are, by the provider whose metadata it is: the first the JSON holds counts. */
  readonly webSearches: readonly WebSearchesInJson[];
}

/** Where a provider's metadata counts its web searches. */
export interface WebSearchesInJson {
  /** Text the JSON holds when it has them: a JSON without it is not parsed for them. */
  readonly named: string;
  /** A count, or (`queries`) a list of the search queries, whose distinct texts that are not empty are counted, as Google bills them. */
  readonly path: readonly string[];
  readonly queries?: boolean;
}

/**
 * How the token usage of an API call reads off a span, whoever made the span. Producers differ
 * in two ways: the names they write, and whether their input count includes the tokens read
 * from and written to the cache (the conventions say it does; Anthropic's API counts them apart).
 */
export interface UsageNames {
  /** Who writes the span this way. */
  readonly producer: string;
  /**
   * The instrumentation scopes whose spans read this way, whatever names they carry. Absent: the
   * spans of any scope that carry `input`.
   */
  readonly scopes?: readonly string[];
  readonly input: string;
  readonly inputIncludesCache: boolean;
  readonly output: string;
  readonly cacheRead: string;
  /** The names of the cache-write total; the first the span carries counts. */
  readonly cacheWrite: readonly string[];
  /**
   * The parts of the cache writes with the provider's default and its longer lifetime, where the
   * producer tells them apart: Anthropic's 5 minutes and 1 hour, OpenAI's 30 minutes and 12 hours.
   * The longer one is priced at the model's `cache_write_1h` or `cache_write_12h`.
   */
  readonly cacheWrite5m?: string;
  readonly cacheWrite1h?: string;
  /**
   * Where a producer that has no attributes of its own for that split, nor for the web searches,
   * tells them inside a JSON attribute (the Vercel AI SDK's provider metadata: Anthropic's raw
   * usage, Google's grounding metadata), as paths of keys. The JSON is parsed at most once a span:
   * for the split only when the span reports cache writes, for the web searches only when its text
   * names them.
   */
  readonly usageInJson?: UsageInJson;
  /** The audio tokens among the input and among the output tokens, where the producer counts them apart. */
  readonly audioInput?: string;
  readonly audioOutput?: string;
  /** The image tokens among the input tokens, where the producer counts them apart (OpenAI's image models, its Realtime API, Gemini's Live API). */
  readonly imageInput?: string;
  /** The image tokens among the output tokens, where the producer counts them apart (OpenAI's and Gemini's image models). */
  readonly imageOutput?: string;
  /** Where a producer's audio input count includes audio read from the cache: that part, which the cache read prices (Gemini, OpenAI's Realtime API). */
  readonly cachedAudioInput?: string;
  /** Where a producer's image input count includes images read from the cache: that part, which the cache read prices (OpenAI's Realtime API). */
  readonly cachedImageInput?: string;
  /**
   * The duration in seconds of the input audio of a call billed by it (OpenAI's transcriptions and
   * translations by whisper-1 and gpt-transcribe), where the producer records it: a span of the
   * row's scopes that has it is read without a token count, which such a call has none of.
   */
  readonly audioSeconds?: string;
  /** The web searches, file searches and Maps groundings the provider ran for the call, each billed at its tool's fee, where the producer counts them. */
  readonly webSearches?: string;
  readonly fileSearches?: string;
  readonly mapsGroundings?: string;
  /** The images OpenAI's `image_generation` tool made, where the producer counts them: a call that used it is not priced (its image tokens are not in the usage). */
  readonly imageGenerations?: string;
  /** The model the response names, and the one the request named. */
  readonly responseModel: string;
  readonly requestModel: string;
  /** Where the span names its provider. */
  readonly provider: string;
  /**
   * The conventions' provider name (`gen_ai.provider.name` value) of a value of this producer's
   * own, so that the price is the named provider's. A value it names no provider for: the span is
   * priced by the entry of any provider, as a span that names none. Absent: the value is the
   * conventions' name.
   */
  readonly providerName?: (value: string) => string | undefined;
  /**
   * The providers (conventions' names) whose calls this producer counts with tokens the provider
   * does not bill: their cost is an estimate, the bill at most the cost.
   */
  readonly unbilledTokensOf?: readonly string[];
  /**
   * Which of the scopes' spans are provider calls: those whose `attribute` is one of `values`.
   * The others (an agent run or a step, which repeat the totals of the calls under them; a tool)
   * are left alone: no cost, and no call in the report. Absent: every span is one.
   */
  readonly callSpans?: {
    readonly attribute: string;
    readonly values: readonly string[];
    /**
     * The values that name both an operation and the provider calls under it, whose spans are
     * provider calls only when they carry a usage (the AI SDK's `embeddings`: the `embed` call's
     * span and each of its provider calls', of which only the latter count tokens).
     */
    readonly valuesWithUsage?: readonly string[];
  };
  /**
   * The names of the scope's provider calls whose `callSpans` attribute is one of `values`, which
   * write their usage, model and provider otherwise (the legacy AI SDK's embedding calls).
   */
  readonly variant?: { readonly values: readonly string[]; readonly names: UsageNames };
}

const CONVENTIONS = {
  input: ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  output: ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  cacheRead: ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  // The conventions renamed "creation" to "write"; @anthropic-ai/sdk writes the new name.
  cacheWrite: [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS],
  cacheWrite5m: ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS,
  cacheWrite1h: ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS,
  // OpenAI's own names: the conventions have none for audio tokens.
  audioInput: ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS,
  audioOutput: ATTR_OPENAI_USAGE_COMPLETION_TOKENS_DETAILS_AUDIO_TOKENS,
} as const;

/**
 * This package's names for the uses of the tools billed by the use (the conventions count none),
 * on the rows whose spans can carry them: its OpenAI instrumentation's, and the conventions' row
 * that reads its Anthropic instrumentation's (its Gemini instrumentation's row names the web
 * searches alone); the other rows' spans do not pay for the look-ups.
 */
const TOOL_USES = {
  webSearches: ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
  fileSearches: ATTR_LLM_OBSERVER_USAGE_FILE_SEARCHES,
} as const;

const CONVENTIONS_MODEL_AND_PROVIDER = {
  responseModel: ATTR_GEN_AI_RESPONSE_MODEL,
  requestModel: ATTR_GEN_AI_REQUEST_MODEL,
  provider: ATTR_GEN_AI_PROVIDER_NAME,
} as const;

/**
 * The Vercel AI SDK's provider metadata: Anthropic's raw usage (the cache writes split by
 * lifetime, the web searches), and Google's grounding metadata (the queries of grounding with
 * Google Search, through `@ai-sdk/google`).
 */
const AI_SDK_PROVIDER_METADATA: UsageInJson = {
  attribute: AI_SDK_RESPONSE_PROVIDER_METADATA,
  cacheWrite5m: ['anthropic', 'usage', 'cache_creation', 'ephemeral_5m_input_tokens'],
  cacheWrite1h: ['anthropic', 'usage', 'cache_creation', 'ephemeral_1h_input_tokens'],
  webSearches: [
    { named: '"web_search_requests"', path: ['anthropic', 'usage', 'server_tool_use', 'web_search_requests'] },
    { named: '"webSearchQueries"', path: ['google', 'groundingMetadata', 'webSearchQueries'], queries: true },
  ],
};

/** OpenInference's `llm.provider` values, as the conventions name them; any other names no provider. */
const OPENINFERENCE_PROVIDERS: ReadonlyMap<string, string> = new Map([
  ['openai', 'openai'],
  ['anthropic', 'anthropic'],
  ['azure', 'azure.ai.openai'],
]);

/** The legacy AI SDK's embedding calls, one span per provider call of `embed` and `embedMany`. */
const AI_SDK_EMBEDDING_CALLS: readonly string[] = ['ai.embed.doEmbed', 'ai.embedMany.doEmbed'];

/** How the legacy AI SDK's embedding calls write their usage: the input tokens alone, the model and provider as the AI SDK names them. */
const AI_SDK_LEGACY_EMBEDDINGS: UsageNames = {
  producer: 'the Vercel AI SDK (ai 7, @ai-sdk/otel LegacyOpenTelemetry; ai 6), embedding calls',
  input: AI_SDK_USAGE_TOKENS,
  inputIncludesCache: true,
  output: ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  cacheRead: AI_SDK_USAGE_CACHE_READ_TOKENS,
  cacheWrite: [AI_SDK_USAGE_CACHE_WRITE_TOKENS],
  responseModel: AI_SDK_MODEL_ID,
  requestModel: AI_SDK_MODEL_ID,
  provider: AI_SDK_MODEL_PROVIDER,
  providerName: aiSdkProviderName,
};

/**
 * The providers whose chat calls the AI SDK counts with tokens they do not bill: `@ai-sdk/cohere`
 * reports Cohere's `usage.tokens`, which count the tokens Cohere adds to a prompt, where Cohere
 * bills `usage.billed_units` (its embeddings report the billed units).
 */
const AI_SDK_UNBILLED_TOKENS = ['cohere'];

/** The producers, in the order a span is tried against them. */
export const USAGE_PRODUCERS: readonly UsageNames[] = [
  {
    // Since 0.25 it writes the conventions' names, with Anthropic's input count, cache excluded.
    producer: '@traceloop/instrumentation-anthropic',
    scopes: ['@traceloop/instrumentation-anthropic'],
    ...CONVENTIONS,
    ...CONVENTIONS_MODEL_AND_PROVIDER,
    inputIncludesCache: false,
  },
  {
    // @ai-sdk/otel's OpenTelemetry integration: one `chat` span per provider call, under the
    // `invoke_agent` span of the generateText / streamText call and a span per step; the
    // invoke_agent span repeats the totals of the calls under it.
    producer: 'the Vercel AI SDK (ai 7, @ai-sdk/otel OpenTelemetry)',
    scopes: ['gen_ai'],
    ...CONVENTIONS,
    ...CONVENTIONS_MODEL_AND_PROVIDER,
    inputIncludesCache: true,
    usageInJson: AI_SDK_PROVIDER_METADATA,
    // Its provider names are the conventions' but for some it leaves as the AI SDK writes them (./ai-sdk-providers.ts).
    providerName: aiSdkProviderName,
    unbilledTokensOf: AI_SDK_UNBILLED_TOKENS,
    callSpans: { attribute: ATTR_GEN_AI_OPERATION_NAME, values: ['chat'], valuesWithUsage: ['embeddings'] },
  },
  {
    // @ai-sdk/otel's LegacyOpenTelemetry integration, whose spans are those AI SDK 6 makes itself
    // (experimental_telemetry): one `ai.generateText.doGenerate` / `ai.streamText.doStream` span
    // per provider call, under the `ai.generateText` / `ai.streamText` span, which repeats their
    // totals under `ai.usage.*` only; and one `ai.embed.doEmbed` / `ai.embedMany.doEmbed` span per
    // embedding call, under the `ai.embed` / `ai.embedMany` span, with names of their own.
    producer: 'the Vercel AI SDK (ai 7, @ai-sdk/otel LegacyOpenTelemetry; ai 6)',
    scopes: ['ai'],
    input: ATTR_GEN_AI_USAGE_INPUT_TOKENS,
    inputIncludesCache: true,
    output: ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
    cacheRead: AI_SDK_USAGE_CACHE_READ_TOKENS,
    cacheWrite: [AI_SDK_USAGE_CACHE_WRITE_TOKENS],
    usageInJson: AI_SDK_PROVIDER_METADATA,
    ...CONVENTIONS_MODEL_AND_PROVIDER,
    provider: ATTR_GEN_AI_SYSTEM,
    providerName: aiSdkProviderName,
    unbilledTokensOf: AI_SDK_UNBILLED_TOKENS,
    callSpans: {
      attribute: AI_SDK_OPERATION_ID,
      values: ['ai.generateText.doGenerate', 'ai.streamText.doStream', 'ai.generateObject.doGenerate', 'ai.streamObject.doStream', ...AI_SDK_EMBEDDING_CALLS],
    },
    variant: { values: AI_SDK_EMBEDDING_CALLS, names: AI_SDK_LEGACY_EMBEDDINGS },
  },
  {
    // The conventions' names, and OpenAI's own for the cache writes by retention (the Responses
    // API's split: 30 minutes, and 12 hours at the model's 12-hour write price), for the image
    // tokens of an image generation or edit, in its input and its output, for the audio and image
    // tokens a Realtime API response read from the cache, for the duration of the audio of a
    // transcription or translation billed by it, and for the images the Responses API's
    // image_generation tool made. Looked up on this scope's spans only, as the Gemini row below.
    producer: "this package's OpenAI instrumentation",
    scopes: [`${PACKAGE_NAME}/openai`],
    ...CONVENTIONS,
    ...TOOL_USES,
    ...CONVENTIONS_MODEL_AND_PROVIDER,
    inputIncludesCache: true,
    cacheWrite5m: ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_30M_TOKENS,
    cacheWrite1h: ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_12H_TOKENS,
    imageGenerations: ATTR_LLM_OBSERVER_USAGE_IMAGE_GENERATIONS,
    imageInput: ATTR_OPENAI_USAGE_INPUT_TOKENS_DETAILS_IMAGE_TOKENS,
    imageOutput: ATTR_OPENAI_USAGE_OUTPUT_TOKENS_DETAILS_IMAGE_TOKENS,
    cachedAudioInput: ATTR_OPENAI_USAGE_CACHED_AUDIO_TOKENS,
    cachedImageInput: ATTR_OPENAI_USAGE_CACHED_IMAGE_TOKENS,
    audioSeconds: ATTR_OPENAI_USAGE_SECONDS,
  },
  {
    // The conventions' names, and Gemini's own for the tokens it counts by modality (the
    // conventions have none): a prompt's audio, counted with the part of it read from the cache,
    // a Live API turn's image and video input, and the candidates' image and audio; and the
    // queries of grounding with Google Search, this package's web searches, and its groundings
    // with Google Maps. Looked up on this scope's spans only, so that the spans of every other
    // call do not pay for names they never carry.
    producer: "this package's Gemini instrumentation",
    scopes: [`${PACKAGE_NAME}/gemini`],
    ...CONVENTIONS,
    ...CONVENTIONS_MODEL_AND_PROVIDER,
    webSearches: ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
    mapsGroundings: ATTR_LLM_OBSERVER_USAGE_MAPS_GROUNDINGS,
    inputIncludesCache: true,
    audioInput: ATTR_GEMINI_USAGE_PROMPT_AUDIO_TOKENS,
    cachedAudioInput: ATTR_GEMINI_USAGE_CACHED_AUDIO_TOKENS,
    imageInput: ATTR_GEMINI_USAGE_PROMPT_IMAGE_TOKENS,
    audioOutput: ATTR_GEMINI_USAGE_CANDIDATES_AUDIO_TOKENS,
    imageOutput: ATTR_GEMINI_USAGE_CANDIDATES_IMAGE_TOKENS,
  },
  {
    // The conventions' names, and its own for the cache writes by lifetime (Bedrock's `cacheDetails`:
    // 5 minutes, and 1 hour at the model's 1-hour write price).
    producer: "this package's Amazon Bedrock instrumentation",
    scopes: [`${PACKAGE_NAME}/bedrock`],
    ...CONVENTIONS,
    // A Claude body of InvokeModel counts its web searches as the Claude API's calls do.
    ...TOOL_USES,
    ...CONVENTIONS_MODEL_AND_PROVIDER,
    inputIncludesCache: true,
    cacheWrite5m: ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS,
    cacheWrite1h: ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS,
  },
  {
    producer:
      'the GenAI conventions: this package, @anthropic-ai/sdk (its own tracing), @opentelemetry/instrumentation-openai, @traceloop/instrumentation-openai 0.25 on',
    ...CONVENTIONS,
    ...TOOL_USES,
    ...CONVENTIONS_MODEL_AND_PROVIDER,
    inputIncludesCache: true,
  },
  {
    // OpenAI's prompt_tokens includes the cached tokens; Traceloop's Anthropic spans of that time
    // carry no cache counts, so the input is the whole input either way.
    producer: 'OpenLLMetry (Traceloop) legacy names, @traceloop/instrumentation-* before 0.25',
    input: ATTR_GEN_AI_USAGE_PROMPT_TOKENS,
    inputIncludesCache: true,
    output: ATTR_GEN_AI_USAGE_COMPLETION_TOKENS,
    cacheRead: ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
    cacheWrite: [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY],
    ...CONVENTIONS_MODEL_AND_PROVIDER,
  },
  {
    // Both its OpenAI and its Anthropic instrumentation count the cache reads and writes in the
    // prompt. llm.model_name is the request's model until the response names its own.
    producer: 'OpenInference (@arizeai/openinference-instrumentation-openai, -anthropic)',
    input: ATTR_LLM_TOKEN_COUNT_PROMPT,
    inputIncludesCache: true,
    output: ATTR_LLM_TOKEN_COUNT_COMPLETION,
    cacheRead: ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ,
    cacheWrite: [ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE],
    audioInput: ATTR_LLM_TOKEN_COUNT_PROMPT_DETAILS_AUDIO,
    audioOutput: ATTR_LLM_TOKEN_COUNT_COMPLETION_DETAILS_AUDIO,
    responseModel: ATTR_LLM_MODEL_NAME,
    requestModel: ATTR_LLM_MODEL_NAME,
    provider: ATTR_LLM_PROVIDER,
    providerName: (value) => OPENINFERENCE_PROVIDERS.get(value),
  },
];

const BY_SCOPE = new Map(USAGE_PRODUCERS.flatMap((names) => (names.scopes ?? []).map((scope) => [scope, names] as const)));
const BY_NAMES = USAGE_PRODUCERS.filter((names) => names.scopes === undefined);

/**
 * The last scope looked up in {@link BY_SCOPE}, and what it found: an application's spans come
 * from few scopes, and each span is looked up three times (its start, its end, its reading), so
 * most lookups are one comparison.
 */
let lastScope: string | undefined;
let lastScoped: UsageNames | undefined;

/** The producer that writes the spans of `scope` its own way, whatever names they carry; `undefined` for most scopes. */
function scopedNamesOf(scope: string | undefined): UsageNames | undefined {
  if (scope !== lastScope) {
    lastScoped = scope === undefined ? undefined : BY_SCOPE.get(scope);
    lastScope = scope;
  }
  return lastScoped;
}

/**
 * Whether the span is one of a producer's that are not provider calls (an agent run, a step, a
 * tool: see `callSpans`), which the cost processor and the report leave alone.
 */
export function isOuterSpan(attributes: Attributes, scope: string | undefined): boolean {
  const scoped = scopedNamesOf(scope);
  if (scoped?.callSpans === undefined) return false;
  const { attribute, values, valuesWithUsage } = scoped.callSpans;
  const value = attributes[attribute];
  if (typeof value !== 'string') return true;
  if (values.includes(value)) return false;
  return !(valuesWithUsage?.includes(value) === true && attributes[scoped.input] !== undefined);
}

/**
 * How the span's usage reads, or `undefined` when it carries no input token count, nor, on a
 * producer's scope that records it, the duration of the audio of a call billed by it.
 */
export function usageNamesOf(attributes: Attributes, scope: string | undefined): UsageNames | undefined {
  let scoped = scopedNamesOf(scope);
  if (scoped !== undefined) {
    const variant = scoped.variant;
    if (variant !== undefined && scoped.callSpans !== undefined) {
      const value = attributes[scoped.callSpans.attribute];
      if (typeof value === 'string' && variant.values.includes(value)) scoped = variant.names;
    }
    const hasUsage = attributes[scoped.input] !== undefined || (scoped.audioSeconds !== undefined && attributes[scoped.audioSeconds] !== undefined);
    return hasUsage && (scoped.callSpans === undefined || !isOuterSpan(attributes, scope)) ? scoped : undefined;
  }
  // By index: this runs for every span, and `for...of` runs the iterator protocol until V8 optimizes it.
  for (let index = 0; index < BY_NAMES.length; index++) {
    const names = BY_NAMES[index] as UsageNames;
    if (attributes[names.input] !== undefined) return names;
  }
  return undefined;
}

/**
 * The provider a span names in the attribute `names.provider` (whose value is `provider`), as the
 * conventions name it (`gen_ai.provider.name`); `undefined` when it names none, or one `names`
 * does not map.
 */
export function providerNamed(provider: unknown, names: UsageNames): string | undefined {
  if (typeof provider !== 'string') return undefined;
  return names.providerName === undefined ? provider : names.providerName(provider);
}

/** Where {@link readTokenUsage} reads a span's usage to, and whether the span carries its cache counts at all. */
export interface UsageReading {
  readonly usage: TokenUsage;
  /** Whether the span counts tokens: a call billed by the duration of its audio (whisper-1) counts none. */
  tokensKnown: boolean;
  /**
   * Whether the span carries its cache-read and cache-write counts, zero or not. Some producers
   * leave a zero count out, so a missing count is unknown, never zero.
   */
  cacheReadsKnown: boolean;
  cacheWritesKnown: boolean;
}

/**
 * Reads the span's usage into `reading.usage` as `names` says, and whether it carries its cache
 * counts into `reading` (each attribute is looked up once: this runs for every span). Returns false
 * when a count is not a whole number >= 0 or the counts contradict each other: more cache, audio and
 * image tokens than input tokens, more audio and image tokens than output tokens, more cached audio
 * than cache reads or than the audio input, or 5-minute and 1-hour writes that do not add up to the
 * writes; or an audio duration that is not a number of seconds >= 0 that can be billed. A split
 * that is all zeros beside writes (as some Anthropic responses carry) tells nothing, and is read as
 * no split. A span without an input count (one {@link usageNamesOf} took for its audio's duration)
 * reads as 0 tokens.
 */
export function readTokenUsage(reading: UsageReading, attributes: Attributes, names: UsageNames): boolean {
  const usage = reading.usage;
  const toldInput = attributes[names.input];
  const input = count(toldInput ?? 0);
  const output = count(attributes[names.output] ?? 0);
  const toldCacheRead = attributes[names.cacheRead];
  const cacheRead = count(toldCacheRead ?? 0);
  let told5m = names.cacheWrite5m === undefined ? undefined : attributes[names.cacheWrite5m];
  let told1h = names.cacheWrite1h === undefined ? undefined : attributes[names.cacheWrite1h];
  const writesTotal = firstPresent(attributes, names.cacheWrite);
  reading.tokensKnown = toldInput !== undefined;
  reading.cacheReadsKnown = toldCacheRead !== undefined;
  reading.cacheWritesKnown = writesTotal !== undefined || told5m !== undefined || told1h !== undefined;
  const inJson = names.usageInJson;
  // The JSON of `inJson`, once parsed for a count read from it.
  let parsedJson: unknown;
  if (inJson !== undefined && told5m === undefined && told1h === undefined && typeof writesTotal === 'number' && writesTotal > 0) {
    const json = attributes[inJson.attribute];
    parsedJson = typeof json === 'string' ? guard('read the cache-write split in the provider metadata', JSON.parse, json) : undefined;
    told5m = valueAt(parsedJson, inJson.cacheWrite5m);
    told1h = valueAt(parsedJson, inJson.cacheWrite1h);
  }
  const writes = count(writesTotal ?? count(told5m ?? 0) + count(told1h ?? 0));
  const splitTold = (told5m !== undefined || told1h !== undefined) && (writes === 0 || count(told5m ?? 0) + count(told1h ?? 0) > 0);
  const writes5m = splitTold ? told5m : undefined;
  const writes1h = splitTold ? told1h : undefined;
  const breakpointLifetime = splitTold || writes === 0 ? undefined : singleLifetime(attributes[ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_TTLS]);
  const longWrites =
    writes1h !== undefined ? count(writes1h) : writes5m !== undefined ? writes - count(writes5m) : breakpointLifetime === '1h' ? writes : 0;
  const defaultWrites = writes - longWrites;
  const toldAudio = names.audioInput === undefined ? undefined : attributes[names.audioInput];
  // The audio of the uncached input: a cached audio token is one of the cache reads.
  const cachedAudio = toldAudio === undefined || names.cachedAudioInput === undefined ? 0 : count(attributes[names.cachedAudioInput] ?? 0);
  const audioInput = count(toldAudio ?? 0) - cachedAudio;
  const audioOutput = count(names.audioOutput === undefined ? 0 : (attributes[names.audioOutput] ?? 0));
  // Most spans count no image tokens: no count to check then.
  const toldImageInput = names.imageInput === undefined ? undefined : attributes[names.imageInput];
  const toldImageOutput = names.imageOutput === undefined ? undefined : attributes[names.imageOutput];
  // The images of the uncached input, as the audio above.
  const cachedImages = toldImageInput === undefined || names.cachedImageInput === undefined ? 0 : count(attributes[names.cachedImageInput] ?? 0);
  const imageInput = toldImageInput === undefined ? 0 : count(toldImageInput) - cachedImages;
  const imageOutput = toldImageOutput === undefined ? 0 : count(toldImageOutput);
  // Most spans tell no audio duration: no duration to check then.
  const toldSeconds = names.audioSeconds === undefined ? undefined : attributes[names.audioSeconds];
  const audioSeconds = toldSeconds === undefined ? 0 : billableSeconds(toldSeconds);
  // Most spans count no tool use: no count to check then.
  let toldWebSearches = names.webSearches === undefined ? undefined : attributes[names.webSearches];
  if (toldWebSearches === undefined && inJson !== undefined) {
    const json = attributes[inJson.attribute];
    for (let index = 0; typeof json === 'string' && toldWebSearches === undefined && index < inJson.webSearches.length; index++) {
      const searches = inJson.webSearches[index] as WebSearchesInJson;
      if (!json.includes(searches.named)) continue;
      parsedJson ??= guard('read the web searches in the provider metadata', JSON.parse, json);
      const value = valueAt(parsedJson, searches.path);
      toldWebSearches = searches.queries === true ? distinctQueries(value) : value;
    }
  }
  const toldFileSearches = names.fileSearches === undefined ? undefined : attributes[names.fileSearches];
  const toldMapsGroundings = names.mapsGroundings === undefined ? undefined : attributes[names.mapsGroundings];
  const webSearches = toldWebSearches === undefined ? 0 : count(toldWebSearches);
  const fileSearches = toldFileSearches === undefined ? 0 : count(toldFileSearches);
  const mapsGroundings = toldMapsGroundings === undefined ? 0 : count(toldMapsGroundings);
  const toldImageGenerations = names.imageGenerations === undefined ? undefined : attributes[names.imageGenerations];
  const imageGenerations = toldImageGenerations === undefined ? 0 : count(toldImageGenerations);
  const tools = webSearches + fileSearches + mapsGroundings + imageGenerations;
  if (
    Number.isNaN(input + output + cacheRead + writes + longWrites + audioInput + audioOutput + imageInput + imageOutput + tools + audioSeconds + cachedImages) ||
    longWrites < 0 ||
    defaultWrites < 0
  ) {
    return false;
  }
  if (audioOutput + imageOutput > output || audioInput < 0 || imageInput < 0 || cachedAudio + cachedImages > cacheRead) return false;
  if (writes5m !== undefined && writes1h !== undefined && defaultWrites !== writes5m) return false;
  usage.inputTokens = names.inputIncludesCache ? input : input + cacheRead + writes;
  usage.outputTokens = output;
  usage.cacheReadTokens = cacheRead;
  usage.cacheWriteTokens = defaultWrites;
  usage.cacheWrite1hTokens = longWrites;
  usage.cacheWriteLifetimeTold = splitTold || breakpointLifetime !== undefined || writes === 0;
  usage.audioInputTokens = audioInput;
  usage.audioCacheReadTokens = cachedAudio;
  usage.audioOutputTokens = audioOutput;
  usage.imageInputTokens = imageInput;
  usage.imageCacheReadTokens = cachedImages;
  usage.imageOutputTokens = imageOutput;
  usage.webSearches = webSearches;
  usage.fileSearches = fileSearches;
  usage.mapsGroundings = mapsGroundings;
  usage.imageGenerations = imageGenerations;
  usage.audioSeconds = audioSeconds;
  return usage.uncachedInputTokens - audioInput - imageInput >= 0;
}

/** The one lifetime of all the request's cache breakpoints (`5m`, `1h`); `undefined` when they have two, or the span does not say. */
function singleLifetime(ttls: unknown): string | undefined {
  if (!Array.isArray(ttls) || ttls.length === 0) return undefined;
  const first: unknown = ttls[0];
  return typeof first === 'string' && ttls.every((ttl) => ttl === first) ? first : undefined;
}

/** How many distinct texts that are not empty `queries` lists, where it is a list that has one; `undefined` else. */
function distinctQueries(queries: unknown): number | undefined {
  if (!Array.isArray(queries)) return undefined;
  const distinct = new Set(queries.filter(isBilledSearchQuery));
  return distinct.size === 0 ? undefined : distinct.size;
}

/** The value at `path` (keys) in `value`, or `undefined` when a step is missing. */
function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function firstPresent(attributes: Attributes, names: readonly string[]): unknown {
  for (let index = 0; index < names.length; index++) {
    const value = attributes[names[index] as string];
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * `value` when it is a duration in seconds the cost can bill: a finite number >= 0 whose billed
 * seconds (`billedSeconds`) are a safe integer, as a count is; else NaN, which every sum then carries.
 */
function billableSeconds(value: unknown): number {
  return typeof value === 'number' && value >= 0 && billedSeconds(value) <= Number.MAX_SAFE_INTEGER ? value : Number.NaN;
}

/** `value` when it is a token count, a whole number >= 0; else NaN, which every sum then carries. */
function count(value: unknown): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : Number.NaN;
}
