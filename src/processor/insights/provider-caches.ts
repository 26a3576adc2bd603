import {
  RECOMMENDATION_ANTHROPIC_ADD_CACHE_CONTROL,
  RECOMMENDATION_ANTHROPIC_REMOVE_CACHE_CONTROL,
  RECOMMENDATION_ANTHROPIC_USE_1H_CACHE_TTL,
  RECOMMENDATION_ANTHROPIC_USE_5M_CACHE_TTL,
  RECOMMENDATION_GEMINI_SHORTEN_CACHE_TTL,
  RECOMMENDATION_GEMINI_USE_CACHED_CONTENT,
  RECOMMENDATION_OPENAI_REMOVE_PROMPT_CACHE_BREAKPOINT,
  RECOMMENDATION_OPENAI_SET_PROMPT_CACHE_KEY,
} from '../../semconv.js';

/**
 * How each provider's prompt cache behaves, as far as the cache insights need to know, by the
 * span's `gen_ai.provider.name`. Prices, and the shortest prefix a model caches, are per model in
 * the pricing table; what is here holds for every model of the provider.
 */
export interface ProviderCache {
  /** A prefix sent again within this long of its last call would have been read from the cache. */
  readonly hitWindowMs: number;
  /** How long a billed cache write lives unread, at the default lifetime. */
  readonly writeTtlMs: number;
  /** The longer lifetime a write can ask for, at the model's `cache_write_1h` price; absent where there is none. */
  readonly longWriteTtlMs?: number;
  /**
   * Whether every call reports its cache writes. Where it does, a call without a write count is of
   * unknown cache use; where only some models report them (OpenAI), a missing count is no writes.
   */
  readonly reportsWrites: boolean;
  /**
   * Whether the app places the cache breakpoints (`CallRecord.cacheBreakpoints` counts them). A
   * marked prefix that was not cached was shorter than the model's minimum, whatever its estimated
   * size says, so it is no missed saving.
   */
  readonly appPlacesBreakpoints: boolean;
  /** The recommendation for a prefix that recurs uncached. */
  readonly cacheThePrefix: string;
  /** The recommendation for cache writes that expire unread. */
  readonly stopUnreadWrites: string;
  /** The recommendations for writes of the long and the default lifetime, where there are both. */
  readonly useLongTtl?: string;
  readonly useDefaultTtl?: string;
  /** The recommendation for explicit caches whose storage cost more than their reads saved, where the provider bills storage. */
  readonly unprofitableStorage?: string;
}

const MINUTE_MS = 60_000;

const OPENAI: ProviderCache = {
  // Automatic caching keeps a prefix for 5 to 10 minutes of inactivity: the shorter is sure.
  hitWindowMs: 5 * MINUTE_MS,
  // Explicit cache writes, billed from gpt-5.6 on, live 30 minutes.
  writeTtlMs: 30 * MINUTE_MS,
  reportsWrites: false,
  appPlacesBreakpoints: false,
  cacheThePrefix: RECOMMENDATION_OPENAI_SET_PROMPT_CACHE_KEY,
  stopUnreadWrites: RECOMMENDATION_OPENAI_REMOVE_PROMPT_CACHE_BREAKPOINT,
};

/**
 * Gemini's implicit caching (2.5 models on): a repeated prefix is discounted at the cached-read
 * price with nothing to ask for, from the model's minimum (`min_cacheable_prefix_tokens`); calls
 * report no writes. Explicit caches (`caches.create`) are billed for storage per hour instead, on
 * their own spans. Google gives implicit caching no lifetime: a prefix a few minutes old is taken as
 * one a hit would have found, as for the other providers.
 */
const GEMINI: ProviderCache = {
  hitWindowMs: 5 * MINUTE_MS,
  // An explicit cache's default TTL.
  writeTtlMs: 60 * MINUTE_MS,
  reportsWrites: false,
  appPlacesBreakpoints: false,
  cacheThePrefix: RECOMMENDATION_GEMINI_USE_CACHED_CONTENT,
  stopUnreadWrites: RECOMMENDATION_GEMINI_SHORTEN_CACHE_TTL,
  unprofitableStorage: RECOMMENDATION_GEMINI_SHORTEN_CACHE_TTL,
};

const PROVIDER_CACHES: ReadonlyMap<string, ProviderCache> = new Map([
  [
    'anthropic',
    {
      // Each read refreshes the 5-minute lifetime, so a prefix called at most 5 minutes apart stays cached.
      hitWindowMs: 5 * MINUTE_MS,
      writeTtlMs: 5 * MINUTE_MS,
      longWriteTtlMs: 60 * MINUTE_MS,
      reportsWrites: true,
      appPlacesBreakpoints: true,
      cacheThePrefix: RECOMMENDATION_ANTHROPIC_ADD_CACHE_CONTROL,
      stopUnreadWrites: RECOMMENDATION_ANTHROPIC_REMOVE_CACHE_CONTROL,
      useLongTtl: RECOMMENDATION_ANTHROPIC_USE_1H_CACHE_TTL,
      useDefaultTtl: RECOMMENDATION_ANTHROPIC_USE_5M_CACHE_TTL,
    },
  ],
  ['openai', OPENAI],
  ['azure.ai.openai', OPENAI],
  ['gcp.gemini', GEMINI],
]);

/** What each provider's recommendations mean, in one line, for the report; docs/insights.md has a section on each. */
export const RECOMMENDATION_EXPLANATIONS: ReadonlyMap<string, string> = new Map([
  [
    RECOMMENDATION_ANTHROPIC_ADD_CACHE_CONTROL,
    'a prompt prefix was resent uncached within 5 minutes: a cache_control breakpoint after it would have read it from the cache',
  ],
  [
    RECOMMENDATION_ANTHROPIC_REMOVE_CACHE_CONTROL,
    'cache writes expired before any call read them: stop marking that prefix, or call it again within the cache lifetime',
  ],
  [
    RECOMMENDATION_ANTHROPIC_USE_1H_CACHE_TTL,
    'the calls of a prefix came more than 5 minutes apart, so 5-minute writes expired and were written again: ttl "1h" costs less',
  ],
  [
    RECOMMENDATION_ANTHROPIC_USE_5M_CACHE_TTL,
    '1-hour cache writes cost more than 5-minute ones, and the calls came within 5 minutes of each other: the default lifetime would do',
  ],
  [
    RECOMMENDATION_OPENAI_SET_PROMPT_CACHE_KEY,
    'a prompt prefix was resent within 5 minutes without cache hits: a prompt_cache_key routes its calls to the same cache',
  ],
  [
    RECOMMENDATION_OPENAI_REMOVE_PROMPT_CACHE_BREAKPOINT,
    'explicit cache writes (gpt-5.6 on) expired unread after 30 minutes: remove the breakpoint, or call the prefix again sooner',
  ],
  [
    RECOMMENDATION_GEMINI_USE_CACHED_CONTENT,
    'a prompt prefix was resent within 5 minutes without implicit cache hits: cache it with caches.create and name it in cachedContent',
  ],
  [
    RECOMMENDATION_GEMINI_SHORTEN_CACHE_TTL,
    'explicit caches cost more to keep than their reads saved: give them a TTL that ends with their last read, or delete them once read',
  ],
]);

/**
 * The platforms that serve other makers' models under their own provider name: Vertex AI serves
 * Gemini and Claude (@anthropic-ai/vertex-sdk), Bedrock serves Claude (@anthropic-ai/bedrock-sdk).
 * A call's cache there behaves as its model maker's, the provider of the price entry it matched.
 */
const PLATFORMS: ReadonlySet<string> = new Set(['gcp.vertex_ai', 'aws.bedrock']);

/** How the cache of a call to `provider` behaves, whose model matched a price entry of `entryProvider`. */
export function providerCache(provider: string | undefined, entryProvider: string | undefined): ProviderCache | undefined {
  if (provider === undefined) return undefined;
  const own = PROVIDER_CACHES.get(provider);
  if (own !== undefined || entryProvider === undefined || !PLATFORMS.has(provider)) return own;
  return PROVIDER_CACHES.get(entryProvider);
}
