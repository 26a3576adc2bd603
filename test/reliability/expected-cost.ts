import { ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ATTR_GEN_AI_USAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS } from '../../src/semconv.js';

/**
 * The cost a call must be given, worked out from what the app got (the body, or the events read),
 * apart from the package's own code: the rules as docs/reliability.md states them, and the prices
 * typed by hand from REFERENCE.md §3. A count the response leaves out, or sends as null, is 0
 * (the APIs leave out counts that are 0), but the input count, without which there is no usage; a
 * count that is there but is not a whole number >= 0 (a string, negative, fractional, beyond 2^53)
 * makes the usage untrustworthy, and so do cache counts above the input: the call is unpriced.
 */

export type ExpectedCost = { readonly usd: number } | 'unpriced';

type Count = number | 'absent' | 'malformed';

function countOf(value: unknown): Count {
  if (value === undefined || value === null) return 'absent';
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : 'malformed';
}

function field(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[key] : undefined;
}

/** The counts of `fields` in `source`, absent ones as 0, or `undefined` when one is malformed. */
function counts<Key extends string>(source: unknown, fields: Readonly<Record<Key, string>>): Record<Key, number> | undefined {
  const found = {} as Record<Key, number>;
  for (const [name, key] of Object.entries(fields) as [Key, string][]) {
    const count = countOf(field(source, key));
    if (count === 'malformed') return undefined;
    found[name] = count === 'absent' ? 0 : count;
  }
  return found;
}

/** gpt-4o-mini, USD per million tokens: input, cached input, output; no cache-write price. */
const GPT_4O_MINI = { input: 0.15, cacheRead: 0.075, output: 0.6 };
/** gpt-4o-mini's tiers priced as a multiple of its list price: no flex (OpenAI offers none for it). */
const OPENAI_TIER_MULTIPLIERS = new Map<unknown, number>([
  ['default', 1],
  ['batch', 0.5],
]);
/** gpt-4o-mini on the priority tier: prices of its own (OpenAI's Priority processing page). */
const GPT_4O_MINI_PRIORITY = { input: 0.25, cacheRead: 0.125, output: 1 };

/**
 * A gpt-4o-mini chat completion (requested as `gpt-4o-mini`) whose response names `serviceTier` and
 * reports `usage`. Whatever model the response names is priced as the request model: the generated
 * ones are gpt-4o-mini's own ids or ids the table does not list (docs/cost.md, rule `request_model`).
 */
export function expectedChatCost(usage: unknown, serviceTier: unknown): ExpectedCost {
  const input = countOf(field(usage, 'prompt_tokens'));
  if (typeof input !== 'number') return 'unpriced';
  const output = counts(usage, { tokens: 'completion_tokens' });
  const cache = counts(field(usage, 'prompt_tokens_details'), { read: 'cached_tokens', write: 'cache_write_tokens' });
  if (output === undefined || cache === undefined) return 'unpriced';
  if (cache.read + cache.write > input || cache.write > 0) return 'unpriced';
  const priority = serviceTier === 'priority';
  const multiplier = priority ? 1 : typeof serviceTier === 'string' ? OPENAI_TIER_MULTIPLIERS.get(serviceTier) : 1;
  if (multiplier === undefined) return 'unpriced';
  const prices = priority ? GPT_4O_MINI_PRIORITY : GPT_4O_MINI;
  return { usd: (((input - cache.read) * prices.input + cache.read * prices.cacheRead + output.tokens * prices.output) * multiplier) / 1e6 };
}

/** USD per million tokens: input, cached input, output. */
export interface ChatPrices {
  readonly input: number;
  readonly cacheRead: number;
  readonly output: number;
}

/**
 * A chat completion of a backend the `openai` SDK is pointed at, priced at `prices`, whose usage
 * reports its cache reads in OpenAI's `prompt_tokens_details.cached_tokens` and, where the backend
 * has one, in a field of its own (`cacheField`), which counts when it is there. A malformed count in
 * either makes the usage untrustworthy; the prices have no cache-write price.
 */
export function expectedBackendChatCost(usage: unknown, prices: ChatPrices, cacheField?: string): ExpectedCost {
  const input = countOf(field(usage, 'prompt_tokens'));
  if (typeof input !== 'number') return 'unpriced';
  const output = counts(usage, { tokens: 'completion_tokens' });
  const details = counts(field(usage, 'prompt_tokens_details'), { read: 'cached_tokens', write: 'cache_write_tokens' });
  const own = cacheField === undefined ? 'absent' : countOf(field(usage, cacheField));
  if (output === undefined || details === undefined || own === 'malformed') return 'unpriced';
  const read = own === 'absent' ? details.read : own;
  if (read + details.write > input || details.write > 0) return 'unpriced';
  return { usd: ((input - read) * prices.input + read * prices.cacheRead + output.tokens * prices.output) / 1e6 };
}

/** mistral-small-latest (Mistral Small 4), USD per million tokens: input, cached input, output. */
const MISTRAL_SMALL = { input: 0.15, cacheRead: 0.015, output: 0.6 };

/**
 * A mistral-small-latest chat completion, as `@mistralai/mistralai` hands its usage to the app: the
 * counts it knows renamed (`promptTokens`, `completionTokens`), the API's other fields kept as they
 * came (`prompt_tokens_details.cached_tokens`, within the prompt tokens). A malformed count makes
 * the usage untrustworthy, as do more cached tokens than prompt tokens.
 */
export function expectedMistralChatCost(usage: unknown): ExpectedCost {
  const input = countOf(field(usage, 'promptTokens'));
  const output = countOf(field(usage, 'completionTokens'));
  const cached = countOf(field(field(usage, 'prompt_tokens_details'), 'cached_tokens'));
  if (typeof input !== 'number' || output === 'malformed' || cached === 'malformed') return 'unpriced';
  const read = cached === 'absent' ? 0 : cached;
  if (read > input) return 'unpriced';
  const completion = output === 'absent' ? 0 : output;
  return { usd: ((input - read) * MISTRAL_SMALL.input + read * MISTRAL_SMALL.cacheRead + completion * MISTRAL_SMALL.output) / 1e6 };
}

/** The usage of a streamed Mistral AI chat completion, as the app received its events: the last chunk's that has one (`undefined` if none). */
export function streamedMistralUsage(events: readonly unknown[]): unknown {
  return streamedChatUsage(events.map((event) => field(event, 'data')));
}

/** The models of the bed's Cohere chats, USD per million billed tokens: Command A (v2), Command R 08-2024 (v1). */
const COMMAND_A = { input: 2.5, output: 10 };
const COMMAND_R = { input: 0.15, output: 0.6 };

/**
 * A Cohere chat priced from the units Cohere bills, `billedUnits` as `cohere-ai` hands them to the
 * app (camelCase; the SDK keeps a value its schema does not take as it came). The `tokens` and
 * `cachedTokens` beside them are not billed and count for nothing. No input count, no usage; a
 * malformed count makes the usage untrustworthy.
 */
function expectedBilledCost(billedUnits: unknown, prices: { readonly input: number; readonly output: number }): ExpectedCost {
  const input = countOf(field(billedUnits, 'inputTokens'));
  const output = countOf(field(billedUnits, 'outputTokens'));
  if (typeof input !== 'number' || output === 'malformed') return 'unpriced';
  return { usd: (input * prices.input + (output === 'absent' ? 0 : output) * prices.output) / 1e6 };
}

/** A command-a-03-2025 chat of Cohere's v2 API: its `usage` (a response's, or a stream's `message-end` delta's) as the app got it. */
export function expectedCohereChatCost(usage: unknown): ExpectedCost {
  return expectedBilledCost(field(usage, 'billedUnits'), COMMAND_A);
}

/** A command-r-08-2024 chat of Cohere's v1 API: its `meta` (a response's, or a stream's `stream-end` response's) as the app got it. */
export function expectedCohereV1ChatCost(meta: unknown): ExpectedCost {
  return expectedBilledCost(field(meta, 'billedUnits'), COMMAND_R);
}

/** The usage of a streamed Cohere v2 chat, as the app received its events: the last `message-end` event's (`undefined` if none). */
export function streamedCohereUsage(events: readonly unknown[]): unknown {
  return field(field(events.filter((event) => field(event, 'type') === 'message-end').at(-1), 'delta'), 'usage');
}

/** The `meta` of a streamed Cohere v1 chat, as the app received its events: the last `stream-end` event's response's (`undefined` if none). */
export function streamedCohereV1Meta(events: readonly unknown[]): unknown {
  return field(field(events.filter((event) => field(event, 'eventType') === 'stream-end').at(-1), 'response'), 'meta');
}

/**
 * The token counts an Ollama span must carry, by attribute (input, cache read, output), worked out
 * from `response`, the body the app got, or the last chunk of a stream (Ollama's spans are never
 * priced: a self-hosted model has no price). Its `prompt_eval_count`, `prompt_eval_cached_count`
 * and `eval_count` are read whole or not at all: each as it came when every one of them is a whole
 * number >= 0 (one left out or null is not written), none when one is not.
 */
export function expectedOllamaUsage(response: unknown): Record<string, number | undefined> {
  const found = [countOf(field(response, 'prompt_eval_count')), countOf(field(response, 'prompt_eval_cached_count')), countOf(field(response, 'eval_count'))];
  const [input, cacheRead, output] = found.map((count) => (typeof count === 'number' && !found.includes('malformed') ? count : undefined));
  return { [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: input, [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: cacheRead, [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: output };
}

/**
 * The chunk of a streamed Ollama call whose counts are the call's, as the app received the chunks:
 * the last, when it is the one that says the answer is done (`done: true`); `undefined` when the
 * stream ended, or failed, before it.
 */
export function lastOllamaChunk(events: readonly unknown[]): unknown {
  const last = events.at(-1);
  return field(last, 'done') === true ? last : undefined;
}

/** A Claude model's prices, USD per million tokens: input, cache read, 5-minute and 1-hour cache write, output. */
interface ClaudePrices {
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly cacheWrite1h: number;
  readonly output: number;
}

/** A Claude model: its prices, and those a request of more input tokens than `above` (cache reads and writes included) bills whole, where it has them. */
interface ClaudeModel {
  readonly prices: ClaudePrices;
  readonly longContext?: { readonly above: number; readonly prices: ClaudePrices };
}

/** claude-sonnet-4-6, USD per million tokens: input, cache read, 5-minute and 1-hour cache write, output; no long-context prices. */
const CLAUDE_SONNET_4_6: ClaudeModel = { prices: { input: 3, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, output: 15 } };
/** Anthropic's web search tool: $10 per 1,000 searches (its pricing page), in USD a search. */
const WEB_SEARCH_USD = 0.01;
const ANTHROPIC_TIER_MULTIPLIERS = new Map<unknown, number>([
  ['standard', 1],
  ['batch', 0.5],
]);

/**
 * A claude-sonnet-4-6 message (requested as `claude-sonnet-4-6`), priced as the request model
 * whatever model the response names, that reports `usage` as the Messages API does: `input_tokens` is
 * the input after the cache reads and writes, which come apart; `cache_creation` splits the writes
 * into 5-minute and 1-hour ones (writes it does not place are 5-minute ones).
 */
export function expectedMessageCost(usage: unknown): ExpectedCost {
  return claudeMessageCost(usage, CLAUDE_SONNET_4_6);
}

/**
 * A Bedrock InvokeModel call of Claude on `global.anthropic.claude-sonnet-4-5-20250929-v1:0` (a
 * global profile: the list price) whose response body, in the Messages API's format, reports
 * `usage` as that API does (as {@link expectedMessageCost} reads it), priced as the request model
 * whatever model the body names: Claude Sonnet 4.5's prices, its long-context ones above 200,000
 * input tokens (cache reads and writes included).
 */
export function expectedInvokeClaudeCost(usage: unknown): ExpectedCost {
  return claudeMessageCost(usage, CLAUDE_SONNET_4_5_MODEL);
}

/** The cost of a Message of `model` that reports `usage` as the Messages API does. */
function claudeMessageCost(usage: unknown, model: ClaudeModel): ExpectedCost {
  const input = countOf(field(usage, 'input_tokens'));
  if (typeof input !== 'number') return 'unpriced';
  const parts = counts(usage, { cacheRead: 'cache_read_input_tokens', output: 'output_tokens' });
  const writes = countOf(field(usage, 'cache_creation_input_tokens'));
  const creation = field(usage, 'cache_creation');
  const writes5m = countOf(field(creation, 'ephemeral_5m_input_tokens'));
  const writes1h = countOf(field(creation, 'ephemeral_1h_input_tokens'));
  if (parts === undefined || writes === 'malformed' || writes5m === 'malformed' || writes1h === 'malformed') return 'unpriced';
  const splitSum = (writes5m === 'absent' ? 0 : writes5m) + (writes1h === 'absent' ? 0 : writes1h);
  const allWrites = writes !== 'absent' ? writes : splitSum;
  // A split that is all zeros (or absent, which is 0) beside writes tells nothing: the writes are
  // priced at the default lifetime's price, as if no split came (docs/cost.md).
  const splitTold = (writes5m !== 'absent' || writes1h !== 'absent') && (allWrites === 0 || splitSum > 0);
  const longWrites = !splitTold ? 0 : writes1h !== 'absent' ? writes1h : writes5m !== 'absent' ? allWrites - writes5m : 0;
  const defaultWrites = allWrites - longWrites;
  // The input, cache reads and writes included, takes the writes from their total alone; past 2^53 it is no count.
  const inclusiveInput = input + parts.cacheRead + (writes === 'absent' ? 0 : writes);
  const uncachedInput = inclusiveInput - parts.cacheRead - allWrites;
  if (!Number.isSafeInteger(inclusiveInput) || longWrites < 0 || defaultWrites < 0 || uncachedInput < 0) return 'unpriced';
  if (splitTold && writes5m !== 'absent' && writes1h !== 'absent' && defaultWrites !== writes5m) return 'unpriced';
  const tier = field(usage, 'service_tier');
  const multiplier = typeof tier === 'string' ? ANTHROPIC_TIER_MULTIPLIERS.get(tier) : 1;
  if (multiplier === undefined) return 'unpriced';
  const { longContext } = model;
  const prices = longContext !== undefined && inclusiveInput > longContext.above ? longContext.prices : model.prices;
  const usd = uncachedInput * prices.input + parts.cacheRead * prices.cacheRead + defaultWrites * prices.cacheWrite + longWrites * prices.cacheWrite1h + parts.output * prices.output;
  // A web search is $0.01, whatever the tier; a search count that is no whole number is none.
  const searches = countOf(field(field(usage, 'server_tool_use'), 'web_search_requests'));
  const searchesUsd = typeof searches === 'number' ? searches * WEB_SEARCH_USD : 0;
  return { usd: (usd * multiplier) / 1e6 + searchesUsd };
}

/** Where a Message's usage has token counts. */
const MESSAGE_COUNTS: readonly (readonly string[])[] = [
  ['input_tokens'],
  ['output_tokens'],
  ['cache_read_input_tokens'],
  ['cache_creation_input_tokens'],
  ['cache_creation', 'ephemeral_5m_input_tokens'],
  ['cache_creation', 'ephemeral_1h_input_tokens'],
];

/** Whether every token count `usage` has is a whole number >= 0: a usage read whole, or not at all. */
function readable(usage: unknown): boolean {
  return MESSAGE_COUNTS.every((path) => countOf(path.reduce(field, usage)) !== 'malformed');
}

/**
 * The usage of a streamed message, from the events the app read: `message_start`'s, with the
 * counts of each `message_delta` that are not null in place of its own; of these, the last that
 * could be read, as a later one that cannot leaves the one before it on the span.
 */
export function streamedMessageUsage(events: readonly unknown[]): unknown {
  let usage: Record<string, unknown> | undefined;
  let lastReadable: unknown;
  for (const event of events) {
    const type = field(event, 'type');
    if (type === 'message_start') {
      usage = { ...(field(field(event, 'message'), 'usage') as object | undefined) };
    } else if (type === 'message_delta') {
      usage = { ...usage };
      for (const [name, count] of Object.entries((field(event, 'usage') ?? {}) as object)) {
        if (count !== null && count !== undefined) usage[name] = count;
      }
    } else {
      continue;
    }
    if (readable(usage)) lastReadable = usage;
  }
  return lastReadable;
}

/** The usage of a streamed chat completion, from the chunks the app read: the last one that has one. */
export function streamedChatUsage(chunks: readonly unknown[]): unknown {
  const withUsage = chunks.filter((chunk) => field(chunk, 'usage') !== undefined && field(chunk, 'usage') !== null);
  return field(withUsage.at(-1), 'usage');
}

/** The usage of a streamed Groq chat completion, as the app received its chunks: in the `x_groq` of the last chunk that carries one there (`undefined` if none). */
export function streamedGroqUsage(chunks: readonly unknown[]): unknown {
  const withUsage = chunks.filter((chunk) => field(field(chunk, 'x_groq'), 'usage') !== undefined && field(field(chunk, 'x_groq'), 'usage') !== null);
  return field(field(withUsage.at(-1), 'x_groq'), 'usage');
}

/** gemini-2.5-flash, USD per million tokens: input, cached input, output (thinking included); no tier above a prompt size. */
const GEMINI_2_5_FLASH = { input: 0.3, cacheRead: 0.03, output: 2.5 };

/** The counts of a `usageMetadata`, by their names in the API. */
const GEMINI_COUNTS = ['promptTokenCount', 'candidatesTokenCount', 'cachedContentTokenCount', 'thoughtsTokenCount', 'toolUsePromptTokenCount'];

/** Whether `usage` is a `usageMetadata` a span takes: a prompt count, and every count it has a whole number >= 0. */
function readableGeminiUsage(usage: unknown): boolean {
  return typeof countOf(field(usage, 'promptTokenCount')) === 'number' && GEMINI_COUNTS.every((name) => countOf(field(usage, name)) !== 'malformed');
}

/**
 * A gemini-2.5-flash call that reports `usage` as the Gemini API does: `promptTokenCount` includes
 * the cached tokens, tool-use prompt tokens come on top of it, and the thoughts are output billed
 * apart from the candidates.
 */
export function expectedGenerateContentCost(usage: unknown): ExpectedCost {
  const names = { prompt: 'promptTokenCount', toolUse: 'toolUsePromptTokenCount', cached: 'cachedContentTokenCount', output: 'candidatesTokenCount', thoughts: 'thoughtsTokenCount' };
  return geminiUsageCost(usage, names, GEMINI_2_5_FLASH);
}

/**
 * The cost at `prices` of a Gemini usage whose counts are at `names`, read as both of Gemini's APIs
 * count: the prompt includes the cached tokens, tool-use prompt tokens come on top of it, the
 * thoughts are output billed apart from the rest of the output. Unpriced without a prompt count,
 * with a count that is no whole number >= 0, or with more cached tokens than input.
 */
function geminiUsageCost(
  usage: unknown,
  names: Readonly<Record<'prompt' | 'toolUse' | 'cached' | 'output' | 'thoughts', string>>,
  prices: { readonly input: number; readonly cacheRead: number; readonly output: number },
): ExpectedCost {
  if (typeof countOf(field(usage, names.prompt)) !== 'number') return 'unpriced';
  const parts = counts(usage, names);
  if (parts === undefined) return 'unpriced';
  const input = parts.prompt + parts.toolUse;
  const output = parts.output + parts.thoughts;
  if (!Number.isSafeInteger(input) || !Number.isSafeInteger(output) || parts.cached > input) return 'unpriced';
  return { usd: ((input - parts.cached) * prices.input + parts.cached * prices.cacheRead + output * prices.output) / 1e6 };
}

/**
 * The cost of a gemini-2.5-flash call grounded with Google Search, as the app got `response`: its
 * tokens (as above), and $0.035 when any candidate's `groundingMetadata.webSearchQueries` lists a
 * query, one text that is not empty: Gemini 2.5 bills a grounded prompt once, whatever it searched.
 */
export function expectedGroundedCost(response: unknown): ExpectedCost {
  const tokens = expectedGenerateContentCost(field(response, 'usageMetadata'));
  if (tokens === 'unpriced') return tokens;
  const candidates = field(response, 'candidates');
  const searched = (Array.isArray(candidates) ? candidates : []).some((candidate) => {
    const queries = field(field(candidate, 'groundingMetadata'), 'webSearchQueries');
    return Array.isArray(queries) && queries.some((query) => typeof query === 'string' && query.length > 0);
  });
  return { usd: tokens.usd + (searched ? 0.035 : 0) };
}

/** The usage of a streamed Gemini call, from the chunks the app read: the last `usageMetadata` a span takes. */
export function streamedGenerateContentUsage(chunks: readonly unknown[]): unknown {
  return chunks.map((chunk) => field(chunk, 'usageMetadata')).filter(readableGeminiUsage).at(-1);
}

/** gemini-3.6-flash, USD per million tokens: input, cached input, output (thinking included), at the standard tier test/fixtures/gemini/interaction.json names. */
const GEMINI_3_6_FLASH = { input: 1.5, cacheRead: 0.15, output: 7.5 };

/**
 * A gemini-3.6-flash interaction that reports `usage` as the Interactions API does, which counts as
 * `usageMetadata` does: `total_input_tokens` includes the cached tokens, tool-use prompt tokens
 * come on top of it, the thoughts are output billed apart from `total_output_tokens`.
 */
export function expectedInteractionCost(usage: unknown): ExpectedCost {
  const names = { prompt: 'total_input_tokens', toolUse: 'total_tool_use_tokens', cached: 'total_cached_tokens', output: 'total_output_tokens', thoughts: 'total_thought_tokens' };
  const tokens = geminiUsageCost(usage, names, GEMINI_3_6_FLASH);
  if (tokens === 'unpriced') return tokens;
  // Grounding: $0.014 a Google Search its usage counts (grounding_tool_count's google_search
  // entries, added up; a count that is not a whole number of 0 or more is not one); uses past
  // 2^53, where a float no longer holds every whole number (one count, or their sum), are no count
  // and leave the call unpriced, as does a Google Maps use, whose fee on this model the table does
  // not have.
  const counts = field(usage, 'grounding_tool_count');
  const entries = (Array.isArray(counts) ? counts : []).filter((item) => ['google_search', 'google_maps'].includes(field(item, 'type') as string));
  // A number only: a string such as "Infinity" is no count, not a count past 2^53.
  const pastSafe = (item: unknown) => typeof field(item, 'count') === 'number' && (field(item, 'count') as number) > Number.MAX_SAFE_INTEGER;
  if (entries.some(pastSafe)) return 'unpriced';
  const usesOf = (tool: string) =>
    entries
      .filter((item) => field(item, 'type') === tool)
      .map((item) => countOf(field(item, 'count')))
      .reduce<number>((sum, count) => sum + (typeof count === 'number' ? count : 0), 0);
  const searches = usesOf('google_search');
  if (!Number.isSafeInteger(searches) || usesOf('google_maps') > 0) return 'unpriced';
  return { usd: tokens.usd + searches * 0.014 };
}

/** The usage of a streamed interaction of one request, from the events the app read: its `interaction.completed`'s. */
export function streamedInteractionUsage(events: readonly unknown[]): unknown {
  return field(field(events.findLast((event) => field(event, 'event_type') === 'interaction.completed'), 'interaction'), 'usage');
}

/** gpt-image-1.5, USD per million tokens (docs/cost.md): text input, image input, text output, image output. */
const GPT_IMAGE_1_5 = { input: 5, imageInput: 8, output: 10, imageOutput: 32 };

/**
 * A gpt-image-1.5 image generation (requested as `gpt-image-1.5`; the Images API's response names
 * no model) that reports `usage` as the Images API does: `input_tokens` of text and images, of which
 * `input_tokens_details.image_tokens` are images; `output_tokens`, split by `output_tokens_details`
 * into image and text tokens where it is an object, else all image tokens (the API reference: "the
 * number of image tokens in the output image"). No input count, no usage; image tokens above the
 * count they are part of make the usage untrustworthy.
 */
export function expectedImageCost(usage: unknown): ExpectedCost {
  const input = countOf(field(usage, 'input_tokens'));
  if (typeof input !== 'number') return 'unpriced';
  const output = counts(usage, { tokens: 'output_tokens' });
  const inputImage = counts(field(usage, 'input_tokens_details'), { tokens: 'image_tokens' });
  const split = field(usage, 'output_tokens_details');
  const outputImage = typeof split === 'object' && split !== null ? counts(split, { tokens: 'image_tokens' }) : output;
  if (output === undefined || inputImage === undefined || outputImage === undefined) return 'unpriced';
  if (inputImage.tokens > input || outputImage.tokens > output.tokens) return 'unpriced';
  const prices = GPT_IMAGE_1_5;
  const usd =
    (input - inputImage.tokens) * prices.input +
    inputImage.tokens * prices.imageInput +
    (output.tokens - outputImage.tokens) * prices.output +
    outputImage.tokens * prices.imageOutput;
  return { usd: usd / 1e6 };
}

/** whisper-1, USD a second of audio ($0.006 a minute, docs/cost.md), billed rounded to the nearest second. */
const WHISPER_USD_PER_SECOND = 0.0001;

/**
 * A whisper-1 transcription (requested as `whisper-1`) whose `usage` reports the seconds of audio it
 * transcribed: billed rounded to the nearest second (a half up, as `Math.round`). Seconds that are
 * not a finite number leave the usage unread; negative ones, or more whole seconds than a double
 * holds exactly, make it untrustworthy; none at all is no usage.
 */
export function expectedDurationCost(usage: unknown): ExpectedCost {
  const seconds = field(usage, 'seconds');
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return 'unpriced';
  const billed = Math.round(seconds);
  if (!Number.isSafeInteger(billed)) return 'unpriced';
  return { usd: billed * WHISPER_USD_PER_SECOND };
}

/**
 * Claude Sonnet 4.5 (data/pricing_v1.json's claude-sonnet-4-5, REFERENCE.md §3), USD per million
 * tokens: input, cache read, 5-minute and 1-hour cache write, output; a global Bedrock profile
 * (`global.anthropic.…`) bills the list price. Above 200,000 input tokens, cache reads and writes
 * included, the whole request bills the long-context prices (REFERENCE.md §7).
 */
const CLAUDE_SONNET_4_5 = { input: 3, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, output: 15 };
const CLAUDE_SONNET_4_5_LONG_CONTEXT = { input: 6, cacheRead: 0.6, cacheWrite: 7.5, cacheWrite1h: 12, output: 22.5 };
const CLAUDE_SONNET_4_5_LONG_CONTEXT_ABOVE = 200_000;
const CLAUDE_SONNET_4_5_MODEL: ClaudeModel = {
  prices: CLAUDE_SONNET_4_5,
  longContext: { above: CLAUDE_SONNET_4_5_LONG_CONTEXT_ABOVE, prices: CLAUDE_SONNET_4_5_LONG_CONTEXT },
};
/** Bedrock's service tiers (`ServiceTier.type`) other than `default`, the list price: claude-sonnet-4-5 has no price for any of them. */
const BEDROCK_UNPRICED_TIERS = new Set<unknown>(['flex', 'priority', 'reserved']);
/** The cache lifetimes a `CacheDetail` names (`CacheTTL`). */
const CACHE_TTLS = new Set<unknown>(['5m', '1h']);

/**
 * The cache writes of a `TokenUsage`'s `cacheDetails` by lifetime, when it is a list of entries
 * that each name a lifetime the API names and hold a count; `undefined` when it is no such list
 * (absent, empty, or one entry not so), which tells no lifetime.
 */
function cacheWritesByLifetime(details: unknown): { '5m': number; '1h': number } | undefined {
  if (!Array.isArray(details) || details.length === 0) return undefined;
  const writes = { '5m': 0, '1h': 0 };
  for (const detail of details) {
    const ttl = field(detail, 'ttl');
    const tokens = countOf(field(detail, 'inputTokens'));
    if (!CACHE_TTLS.has(ttl) || typeof tokens !== 'number') return undefined;
    writes[ttl as '5m' | '1h'] += tokens;
  }
  return writes;
}

/**
 * A Bedrock Converse call on `global.anthropic.claude-sonnet-4-5-20250929-v1:0` that reports
 * `usage` and `serviceTier` as the Converse API does (API reference: `TokenUsage`, `CacheDetail`,
 * `ServiceTier`; the prompt-caching guide): `inputTokens` is the input neither read from nor
 * written to the cache, which `cacheReadInputTokens` and `cacheWriteInputTokens` count apart;
 * `cacheDetails` lists the writes by lifetime (5 minutes, 1 hour), and must add up to
 * `cacheWriteInputTokens` (left out, it is 0); a lifetime it does not list has no writes. Writes
 * it does not place (no `cacheDetails`, or one with an entry that names no lifetime or holds no
 * count, or all zeros beside writes) are priced at the 5-minute price, the request marking no
 * cache point of an hour. A tier other than `default` (Flex, Priority, Reserved) has no price for
 * this model; a `serviceTier` that names none of the API's tiers is the default tier.
 */
export function expectedConverseCost(usage: unknown, serviceTier: unknown): ExpectedCost {
  const input = countOf(field(usage, 'inputTokens'));
  if (typeof input !== 'number') return 'unpriced';
  const parts = counts(usage, { output: 'outputTokens', cacheRead: 'cacheReadInputTokens', cacheWrite: 'cacheWriteInputTokens' });
  if (parts === undefined) return 'unpriced';
  const wholeInput = input + parts.cacheRead + parts.cacheWrite;
  if (!Number.isSafeInteger(wholeInput)) return 'unpriced';
  const byLifetime = cacheWritesByLifetime(field(usage, 'cacheDetails'));
  const listed = byLifetime === undefined ? 0 : byLifetime['5m'] + byLifetime['1h'];
  const lifetimesTold = byLifetime !== undefined && (parts.cacheWrite === 0 || listed > 0);
  if (lifetimesTold && listed !== parts.cacheWrite) return 'unpriced';
  if (BEDROCK_UNPRICED_TIERS.has(field(serviceTier, 'type'))) return 'unpriced';
  const writes1h = lifetimesTold ? byLifetime['1h'] : 0;
  const writes5m = parts.cacheWrite - writes1h;
  const prices = wholeInput > CLAUDE_SONNET_4_5_LONG_CONTEXT_ABOVE ? CLAUDE_SONNET_4_5_LONG_CONTEXT : CLAUDE_SONNET_4_5;
  const usd = input * prices.input + parts.cacheRead * prices.cacheRead + writes5m * prices.cacheWrite + writes1h * prices.cacheWrite1h + parts.output * prices.output;
  return { usd: usd / 1e6 };
}

/** The `metadata` event of a ConverseStream, from the events the app read (each `{ metadata: … }`): the last one. */
export function streamedConverseMetadata(events: readonly unknown[]): unknown {
  return field(events.findLast((event) => field(event, 'metadata') !== undefined), 'metadata');
}

const utf8 = new TextDecoder();

/**
 * The model's events of an InvokeModelWithResponseStream, from the events the app read (each
 * `{ chunk: { bytes } }`): each chunk's bytes as JSON; a chunk whose bytes are not JSON, and an
 * event that is no chunk, hold none.
 */
export function modelEventsOf(events: readonly unknown[]): unknown[] {
  return events.flatMap((event) => {
    const bytes = field(field(event, 'chunk'), 'bytes');
    if (!(bytes instanceof Uint8Array)) return [];
    try {
      return [JSON.parse(utf8.decode(bytes)) as unknown];
    } catch {
      return [];
    }
  });
}

/** The JSON of an InvokeModel response's body, from what the app got (its `body`, the bytes as they came); `undefined` when it is not JSON. */
export function invokeModelBody(response: unknown): unknown {
  const bytes = field(response, 'body');
  if (!(bytes instanceof Uint8Array)) return undefined;
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Amazon Nova Pro (data/pricing_v1.json's aws.bedrock/amazon.nova-pro, docs/cost.md), USD per million tokens: input, cache read, output; a cache write is billed at the input price. */
const NOVA_PRO = { input: 0.8, cacheRead: 0.2, cacheWrite: 0.8, output: 3.2 };
/** Nova Pro's service tiers priced as a multiple of its list price (docs/cost.md); `reserved`, billed by the capacity reserved, has no price. */
const NOVA_PRO_TIER_MULTIPLIERS = new Map<unknown, number>([
  ['default', 1],
  ['flex', 0.5],
  ['priority', 1.75],
]);

/**
 * A Bedrock InvokeModel call of Amazon Nova Pro (`us.amazon.nova-pro-v1:0`, a cross-Region profile:
 * its source Region's price) whose response body reports `usage` in Nova's own names (the Nova user
 * guide, "Using the Invoke API"; the recorded responses test/fixtures/bedrock/invoke-nova*.json
 * cite): `inputTokens` is the input neither read from nor written to the cache, which
 * `cacheReadInputTokenCount` and `cacheWriteInputTokenCount` count apart; and whose
 * `X-Amzn-Bedrock-Service-Tier` header names `serviceTier` (the SDK's `serviceTier`): without it,
 * the default tier; a tier Nova Pro has no price for (`reserved`, or any value the API does not
 * name, an empty one included) leaves the call unpriced, as docs/bedrock.md says.
 */
export function expectedNovaCost(usage: unknown, serviceTier: unknown): ExpectedCost {
  const input = countOf(field(usage, 'inputTokens'));
  if (typeof input !== 'number') return 'unpriced';
  const parts = counts(usage, { output: 'outputTokens', cacheRead: 'cacheReadInputTokenCount', cacheWrite: 'cacheWriteInputTokenCount' });
  if (parts === undefined || !Number.isSafeInteger(input + parts.cacheRead + parts.cacheWrite)) return 'unpriced';
  const multiplier = NOVA_PRO_TIER_MULTIPLIERS.get(serviceTier === undefined ? 'default' : serviceTier);
  if (multiplier === undefined) return 'unpriced';
  const prices = NOVA_PRO;
  const usd = input * prices.input + parts.cacheRead * prices.cacheRead + parts.cacheWrite * prices.cacheWrite + parts.output * prices.output;
  return { usd: (usd * multiplier) / 1e6 };
}
