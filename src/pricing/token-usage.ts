/**
 * The token usage of one API call in disjoint buckets: every input token is uncached, read from
 * the cache, or written to it. Reasoning tokens are part of the output; audio tokens are part of
 * the uncached input, of the cache reads and of the output, and image tokens part of the uncached
 * input and of the output, counted apart as well. A call billed by the duration of its audio
 * (a transcription by whisper-1) has that duration beside its tokens, of which it may have none.
 * One instance is reused for every span, so reading a span allocates nothing.
 */
export class TokenUsage {
  /** All input tokens, cache reads and writes included. */
  inputTokens = 0;
  outputTokens = 0;
  cacheReadTokens = 0;
  /** Writes at the cache's default lifetime (Anthropic: 5 minutes; OpenAI: 30 minutes), or of a lifetime not told. */
  cacheWriteTokens = 0;
  /** Writes at the longer lifetime (Anthropic: 1 hour; OpenAI: 12 hours), priced at the entry's `cache_write_1h` or `cache_write_12h`. */
  cacheWrite1hTokens = 0;
  /**
   * Whether the span tells the lifetime of its writes: split into 5-minute and 1-hour parts, or
   * made by a request whose cache breakpoints (`anthropic.request.cache_control.ttls`) all have
   * one lifetime. When it does not, the writes are counted at the default lifetime.
   */
  cacheWriteLifetimeTold = true;
  /**
   * The audio tokens among the uncached input tokens, among the cache reads (Gemini, OpenAI's
   * Realtime API) and among the output tokens (OpenAI's audio models), priced at the model's audio
   * rates; 0 when the span counts none.
   */
  audioInputTokens = 0;
  audioCacheReadTokens = 0;
  audioOutputTokens = 0;
  /**
   * The image tokens among the uncached input tokens (OpenAI's image models, its Realtime API),
   * among the cache reads (the Realtime API) and among the output tokens (OpenAI's and Gemini's
   * image models), priced at the model's image rates; 0 when the span counts none.
   */
  imageInputTokens = 0;
  imageCacheReadTokens = 0;
  imageOutputTokens = 0;
  /**
   * The duration in seconds of the input audio of a call billed by it, as the span tells it (a
   * finite number >= 0, not always whole: src/processor/usage.ts refuses another); the cost bills
   * it rounded to the nearest second. 0 when the span tells none.
   */
  audioSeconds = 0;
  /** The web searches, file searches and Maps groundings the provider ran for the call, not tokens: each billed at its tool's fee (the table's `tool_fees`). */
  webSearches = 0;
  fileSearches = 0;
  mapsGroundings = 0;
  /** The images OpenAI's `image_generation` tool made: it bills the image model's tokens, which the usage does not count, so the call is not priced. */
  imageGenerations = 0;

  get uncachedInputTokens(): number {
    return this.inputTokens - this.cacheReadTokens - this.cacheWriteTokens - this.cacheWrite1hTokens;
  }
}

/**
 * Whether `query`, one of the queries grounding with Google Search lists, is one Google bills: a
 * text that is not empty ("we ignore the empty web search queries when counting unique queries").
 * Each distinct one counts once; the Gemini instrumentation and the AI SDK's provider metadata
 * count them by this rule.
 */
export const isBilledSearchQuery = (query: unknown): query is string => typeof query === 'string' && query !== '';

/**
 * The whole seconds billed for `seconds` of audio (>= 0): OpenAI bills the duration "rounded to the
 * nearest second" (its pricing page, Whisper: "$0.006 / minute (rounded to the nearest second)"),
 * half a second up, as `Math.round` rounds. The cost prices them; the processor reads a duration
 * only when they are a safe integer.
 */
export function billedSeconds(seconds: number): number {
  return Math.round(seconds);
}
