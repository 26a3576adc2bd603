import type { CallInsight } from '../insights/engine.js';
import type { CallRecord } from '../call-record.js';
import type { ProviderCache } from '../../pricing/provider-caches.js';

/**
 * What `CostSpanProcessor.getReport()` returns: the calls the processor saw, totalled per provider
 * and model, and what the cache insights recommend. Amounts are USD at the pricing table's prices.
 */
export interface UsageReport {
  /** One row per provider and model, in the order their first call started or ended. */
  readonly models: readonly ModelUsage[];
  /** Most valuable first. Each is estimated alone: two recommendations for one model are alternatives, not a sum. */
  readonly recommendations: readonly Recommendation[];
  /** Distinct prefixes the cache insights stopped tracking to stay within `maxTrackedPrefixes`. */
  readonly evictedPrefixes: number;
  /** True once the processor has shut down: the report is final, and `incompleteCalls` were in flight then. */
  readonly final: boolean;
}

export interface ModelUsage {
  /** `gen_ai.provider.name`, or `unknown`. */
  readonly provider: string;
  /** The pricing-table entry that priced the calls, else the model id the spans name, else `unknown`. */
  readonly model: string;
  /** Calls ended before the report. */
  readonly calls: number;
  /** Calls started and not ended when the report was taken; counted in no other total. */
  readonly incompleteCalls: number;
  /** Ended calls without a cost (see `llm_observer.cost.unpriced_reason`); their tokens are counted, their cost is not. */
  readonly unpricedCalls: number;
  /** Input tokens neither read from nor written to the cache. */
  readonly uncachedInputTokens: number;
  readonly cacheReadTokens: number;
  /** Writes at the cache's default lifetime (Anthropic: 5 minutes; OpenAI: 30 minutes). */
  readonly cacheWriteTokens: number;
  /**
   * Writes at the longer lifetime (Anthropic's 1 hour, OpenAI's 12 hours; the name is from the
   * first), not counted in `cacheWriteTokens`: all the writes, as the spans'
   * `gen_ai.usage.cache_creation.input_tokens` count them, are the two together.
   */
  readonly cacheWrite1hTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** The part of `costUsd` that kept explicit caches (Gemini's `cachedContents`), priced on the calls that created or extended them. */
  readonly cacheStorageUsd: number;
  /** Net: negative when cache writes, or the storage of explicit caches, did not pay back. */
  readonly cacheSavingsUsd: number;
  readonly missedSavingsUsd: number;
  /** The premium of cache writes that expired unread. */
  readonly thrashUsd: number;
}

export interface Recommendation {
  readonly provider: string;
  readonly model: string;
  /** A value of `llm_observer.cache.recommendation` (see src/semconv.ts). */
  readonly code: string;
  /** The calls it concerns: those with missed savings, found thrash, or weighed for a cache lifetime. */
  readonly calls: number;
  readonly estimatedSavingsUsd: number;
  /** `estimatedSavingsUsd` per 1,000 calls of the provider and model. */
  readonly estimatedSavingsUsdPer1kCalls: number;
}

interface Estimate {
  calls: number;
  savingsUsd: number;
}

/** The running totals of one provider and model: one row of the report. */
export class ModelTotals {
  readonly provider: string;
  readonly model: string;
  calls = 0;
  inFlightCalls = 0;
  unpricedCalls = 0;
  uncachedInputTokens = 0;
  cacheReadTokens = 0;
  cacheWriteTokens = 0;
  cacheWrite1hTokens = 0;
  outputTokens = 0;
  costUsd = 0;
  cacheStorageUsd = 0;
  cacheSavingsUsd = 0;
  missedSavingsUsd = 0;
  thrashUsd = 0;
  /** The recommendations of the missed savings and the thrash, by code. */
  private readonly estimates = new Map<string, Estimate>();
  /** The sum of the calls' long-lifetime advantages, the calls it was weighed on, and their provider's cache. */
  private readonly lifetimes: Estimate = { calls: 0, savingsUsd: 0 };
  private lifetimeCache: ProviderCache | undefined;
  /** The calls that created or extended an explicit cache, whose storage `cacheStorageUsd` totals. */
  private storageCalls = 0;
  /** How the cache of the row's calls that kept explicit caches behaves (the first such call's). */
  private storageCache: ProviderCache | undefined;

  constructor(provider: string, model: string) {
    this.provider = provider;
    this.model = model;
  }

  addCall(call: CallRecord, insight: CallInsight): void {
    this.calls++;
    if (call.costUsd === undefined) {
      this.unpricedCalls++;
    } else {
      this.costUsd += call.costUsd;
      if (call.cacheStorageUsd !== undefined) {
        this.cacheStorageUsd += call.cacheStorageUsd;
        this.storageCalls++;
        this.storageCache ??= insight.providerCache;
      }
      this.cacheSavingsUsd += call.cacheSavingsUsd ?? 0;
    }
    if (call.hasUsage) {
      const { usage } = call;
      this.uncachedInputTokens += usage.uncachedInputTokens;
      this.cacheReadTokens += usage.cacheReadTokens;
      this.cacheWriteTokens += usage.cacheWriteTokens;
      this.cacheWrite1hTokens += usage.cacheWrite1hTokens;
      this.outputTokens += usage.outputTokens;
    }
    const cache = insight.providerCache;
    if (cache === undefined) return;
    if (insight.missedSavingsUsd > 0) {
      this.missedSavingsUsd += insight.missedSavingsUsd;
      this.estimate(cache.cacheThePrefix, insight.missedSavingsUsd);
    }
    if (insight.thrashUsd > 0) this.addThrash(insight.thrashUsd, cache);
    if (insight.longTtlAdvantageUsd !== 0) {
      this.lifetimes.calls++;
      this.lifetimes.savingsUsd += insight.longTtlAdvantageUsd;
      this.lifetimeCache = cache;
    }
  }

  /** Counts the premium of cache writes found expired unread, on a call or outside one. */
  addThrash(premiumUsd: number, cache: ProviderCache): void {
    this.thrashUsd += premiumUsd;
    this.estimate(cache.stopUnreadWrites, premiumUsd);
  }

  private estimate(code: string, savingsUsd: number): void {
    let estimate = this.estimates.get(code);
    if (estimate === undefined) this.estimates.set(code, (estimate = { calls: 0, savingsUsd: 0 }));
    estimate.calls++;
    estimate.savingsUsd += savingsUsd;
  }

  toModelUsage(): ModelUsage {
    return {
      provider: this.provider,
      model: this.model,
      calls: this.calls,
      incompleteCalls: this.inFlightCalls,
      unpricedCalls: this.unpricedCalls,
      uncachedInputTokens: this.uncachedInputTokens,
      cacheReadTokens: this.cacheReadTokens,
      cacheWriteTokens: this.cacheWriteTokens,
      cacheWrite1hTokens: this.cacheWrite1hTokens,
      outputTokens: this.outputTokens,
      costUsd: this.costUsd,
      cacheStorageUsd: this.cacheStorageUsd,
      cacheSavingsUsd: this.cacheSavingsUsd,
      missedSavingsUsd: this.missedSavingsUsd,
      thrashUsd: this.thrashUsd,
    };
  }

  /**
   * The row's recommendations: one per code of its missed savings and thrash, and the other cache
   * lifetime when the calls' summed advantage favours it over the lifetime most of their writes used,
   * and, where explicit caches were kept, shorter ones when keeping them cost more than the row's
   * cache reads saved (its net savings, storage counted, are negative).
   */
  recommendations(): Recommendation[] {
    const found = [...this.estimates].map(([code, estimate]) => this.recommendation(code, estimate));
    const { lifetimes, lifetimeCache: cache } = this;
    const writesMostlyLong = this.cacheWrite1hTokens > this.cacheWriteTokens;
    if (cache?.useLongTtl !== undefined && lifetimes.savingsUsd > 0 && !writesMostlyLong) {
      found.push(this.recommendation(cache.useLongTtl, lifetimes));
    } else if (cache?.useDefaultTtl !== undefined && lifetimes.savingsUsd < 0 && writesMostlyLong) {
      found.push(this.recommendation(cache.useDefaultTtl, { calls: lifetimes.calls, savingsUsd: -lifetimes.savingsUsd }));
    }
    const unprofitableStorage = this.storageCache?.unprofitableStorage;
    if (unprofitableStorage !== undefined && this.cacheStorageUsd > 0 && this.cacheSavingsUsd < 0) {
      found.push(this.recommendation(unprofitableStorage, { calls: this.storageCalls, savingsUsd: -this.cacheSavingsUsd }));
    }
    return found;
  }

  private recommendation(code: string, { calls, savingsUsd }: Estimate): Recommendation {
    return {
      provider: this.provider,
      model: this.model,
      code,
      calls,
      estimatedSavingsUsd: savingsUsd,
      estimatedSavingsUsdPer1kCalls: this.calls === 0 ? 0 : (savingsUsd / this.calls) * 1000,
    };
  }
}
