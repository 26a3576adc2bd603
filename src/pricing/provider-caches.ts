import type { CacheRules, PricingFile } from './pricing-file.js';

/**
 * How each provider's prompt cache behaves, as far as the cache insights need to know, by the
 * span's `gen_ai.provider.name`: the table's `caches` (data/pricing_v1.json), read once. Prices,
 * and the shortest prefix a model caches, are per model in the entries; what is here holds for
 * every model of the provider.
 */
export interface ProviderCache {
  /** A prefix sent again within this long of its last call would have been read from the cache. */
  readonly hitWindowMs: number;
  /** How long a billed cache write lives unread, at the default lifetime. */
  readonly writeTtlMs: number;
  /** The longer lifetime a write can ask for, at the model's `cache_write_1h` or `cache_write_12h` price; absent where there is none. */
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

export class ProviderCaches {
  private readonly byProvider: ReadonlyMap<string, ProviderCache>;
  /** The platforms that serve other makers' models under their own name: a call's cache there is its model maker's. */
  private readonly platforms: ReadonlySet<string>;
  private readonly explanations: ReadonlyMap<string, string>;

  /** An override's row replaces the shipped row of its provider; its explanations add to the shipped ones. Throws on a code without an explanation. */
  constructor(shipped: PricingFile, override?: PricingFile) {
    this.explanations = new Map(Object.entries({ ...shipped.recommendations, ...override?.recommendations }));
    const rows = Object.entries({ ...shipped.caches, ...override?.caches });
    for (const [provider, rules] of rows) {
      const unexplained = Object.values(rules.recommendations).find((code) => !this.explanations.has(code));
      if (unexplained !== undefined) throw new Error(`caches "${provider}": the recommendation "${unexplained}" has no line in recommendations`);
    }
    this.byProvider = new Map(rows.map(([provider, rules]) => [provider, providerCacheOf(rules)]));
    this.platforms = new Set([...(shipped.caches_of_model_makers ?? []), ...(override?.caches_of_model_makers ?? [])]);
  }

  /** How the cache of a call to `provider` behaves, whose model matched a price entry of `entryProvider`. */
  cacheOf(provider: string | undefined, entryProvider: string | undefined): ProviderCache | undefined {
    if (provider === undefined) return undefined;
    const own = this.byProvider.get(provider);
    if (own !== undefined || entryProvider === undefined || !this.platforms.has(provider)) return own;
    return this.byProvider.get(entryProvider);
  }

  /** What `code` means, in one line, for the report. */
  explanationOf(code: string): string | undefined {
    return this.explanations.get(code);
  }
}

function providerCacheOf(rules: CacheRules): ProviderCache {
  const { recommendations } = rules;
  return {
    hitWindowMs: rules.hit_window_minutes * MINUTE_MS,
    writeTtlMs: rules.write_ttl_minutes * MINUTE_MS,
    ...(rules.long_write_ttl_minutes === undefined ? {} : { longWriteTtlMs: rules.long_write_ttl_minutes * MINUTE_MS }),
    reportsWrites: rules.reports_writes,
    appPlacesBreakpoints: rules.app_places_breakpoints,
    cacheThePrefix: recommendations.cache_the_prefix,
    stopUnreadWrites: recommendations.stop_unread_writes,
    ...(recommendations.use_long_ttl === undefined ? {} : { useLongTtl: recommendations.use_long_ttl }),
    ...(recommendations.use_default_ttl === undefined ? {} : { useDefaultTtl: recommendations.use_default_ttl }),
    ...(recommendations.unprofitable_storage === undefined ? {} : { unprofitableStorage: recommendations.unprofitable_storage }),
  };
}
