import type { PricedModel } from '../../pricing/pricing-table.js';
import type { ProviderCache, ProviderCaches } from '../../pricing/provider-caches.js';
import {
  ATTR_LLM_OBSERVER_CACHE_MISSED_SAVINGS_USD,
  ATTR_LLM_OBSERVER_CACHE_RECOMMENDATION,
  ATTR_LLM_OBSERVER_CACHE_THRASH_USD,
} from '../../semconv.js';
import { CacheCounterfactual } from './counterfactual.js';
import type { AttributeTarget, CallRecord } from '../call-record.js';

/**
 * The cache insights: what each priced call's prompt-cache use says, given the earlier calls that
 * sent the same prefix (same provider, pricing entry and prefix fingerprint). The formulas, with
 * worked examples, are docs/savings-model.md; the terms used below are its terms:
 * - a "run" is a sequence of calls of one prefix, each within the provider's hit window of the one
 *   before: caching the prefix would have written it once, at the run's start, and read it after;
 * - a "missed saving" (a) is the read a call of a run could have made, had its prefix been cached,
 *   less the write premium that caching would have cost, charged to the run's first repeat;
 * - "thrash" (b) is the write premium of cache writes that expired unread, set on the next call of
 *   the prefix, the one that finds them expired (or, for a prefix that is not called again, counted
 *   in the report when it is evicted or the processor shuts down);
 * - the "long-lifetime advantage" (c) is what 1-hour writes would have saved on a call over
 *   5-minute ones (negative: what they would have cost more), from the gap to the prefix's last call.
 *
 * The histories are found by fingerprint (a map of the first history of each fingerprint, which
 * links the histories of the same fingerprint under another provider or pricing entry) and kept
 * in a list from the least to the most recently called, at most `maxTrackedPrefixes` of them: a new
 * prefix beyond that evicts the least recently called one, and the evictions are counted. Memory
 * stays within the bound whatever the traffic; a prefix that comes back after its eviction starts
 * a new history. A call finds its history without a key made of its provider, entry and
 * fingerprint, and moves it to the list's end without touching the map.
 */

export const DEFAULT_MAX_TRACKED_PREFIXES = 10_000;

/** What the insights found on one call. One instance is reused from call to call. */
export class CallInsight {
  /** The cache the provider of the call has; `undefined` when the call had no insights. */
  providerCache: ProviderCache | undefined;
  /** (a); the recommendation that would have saved it is `providerCache.cacheThePrefix`. */
  missedSavingsUsd = 0;
  /** (b), the premium of earlier writes this call found expired unread; the recommendation is `providerCache.stopUnreadWrites`. */
  thrashUsd = 0;
  /** (c), 0 when the lifetimes would have cost the same or the provider has one lifetime. */
  longTtlAdvantageUsd = 0;

  clear(): void {
    this.providerCache = undefined;
    this.missedSavingsUsd = 0;
    this.thrashUsd = 0;
    this.longTtlAdvantageUsd = 0;
  }
}

/** What the insights remember of one prefix. `owner` is whom the report credits for the prefix's late thrash. */
class PrefixHistory<Owner> {
  owner: Owner;
  cache: ProviderCache;
  /** The prefix: its provider, pricing entry and fingerprint. */
  provider: string;
  entryId: string;
  fingerprint: string;
  /** The next history of the same fingerprint, under another provider or pricing entry. */
  sameFingerprint: PrefixHistory<Owner> | undefined;
  /** The neighbours in the list by recency: the history called just before this one, and just after. */
  lessRecent: PrefixHistory<Owner> | undefined;
  moreRecent: PrefixHistory<Owner> | undefined;
  lastCallAtMs = -Infinity;
  /** The current run has a cache write: one the call made, or one charged to a missed saving. */
  runHasWrite = false;
  /** The premium of the writes made since the prefix was last read, and when the last of them expires. */
  unreadWritePremiumUsd = 0;
  unreadWritesExpireAtMs = 0;

  constructor(owner: Owner, cache: ProviderCache, provider: string, entryId: string, fingerprint: string) {
    this.owner = owner;
    this.cache = cache;
    this.provider = provider;
    this.entryId = entryId;
    this.fingerprint = fingerprint;
  }

  /** The history of a new prefix, reusing this evicted one's memory. */
  restart(owner: Owner, cache: ProviderCache, provider: string, entryId: string, fingerprint: string): this {
    this.owner = owner;
    this.cache = cache;
    this.provider = provider;
    this.entryId = entryId;
    this.fingerprint = fingerprint;
    this.sameFingerprint = undefined;
    this.lastCallAtMs = -Infinity;
    this.runHasWrite = false;
    this.unreadWritePremiumUsd = 0;
    this.unreadWritesExpireAtMs = 0;
    return this;
  }
}

/** Credits `owner` with the premium of writes found expired unread outside any call: at eviction or shutdown. */
export type UnreadWritesExpired<Owner> = (owner: Owner, premiumUsd: number, cache: ProviderCache) => void;

export class CacheInsights<Owner> {
  /** The first history of each fingerprint; the others of the fingerprint follow it (`sameFingerprint`). */
  private readonly byFingerprint = new Map<string, PrefixHistory<Owner>>();
  /** The ends of the list by recency: the least recently called history, and the most. */
  private leastRecent: PrefixHistory<Owner> | undefined;
  private mostRecent: PrefixHistory<Owner> | undefined;
  private historyCount = 0;
  private readonly maxTrackedPrefixes: number;
  private readonly unreadWritesExpired: UnreadWritesExpired<Owner>;
  private readonly counterfactual = new CacheCounterfactual();
  private readonly insight = new CallInsight();
  private readonly caches: ProviderCaches;
  /** Distinct prefixes dropped to stay within `maxTrackedPrefixes`. */
  evictedPrefixes = 0;

  /** `caches`: how each provider's cache behaves (the pricing table's). */
  constructor(caches: ProviderCaches, maxTrackedPrefixes: number, unreadWritesExpired: UnreadWritesExpired<Owner>) {
    this.caches = caches;
    this.maxTrackedPrefixes = maxTrackedPrefixes;
    this.unreadWritesExpired = unreadWritesExpired;
  }

  get trackedPrefixes(): number {
    return this.historyCount;
  }

  /**
   * Weighs `call`, priced by its `model`, against the history of its prefix; writes what it finds on
   * `target` (the call's span) and returns it. Nothing for a call without a prefix fingerprint, a
   * usage, a price, or a provider whose cache the price table describes (its `caches`).
   */
  observe(call: CallRecord, owner: Owner, target: AttributeTarget): CallInsight {
    const insight = this.insight;
    const model = call.model;
    insight.clear();
    const provider = call.provider;
    // The cache that served the call is its pricing provider's (a gateway's call: its model maker's, ../../pricing/provider-caches.ts).
    const cache = this.caches.cacheOf(call.pricingProvider ?? provider, model?.provider);
    insight.providerCache = cache;
    if (provider === undefined || cache === undefined || model === undefined || call.prefixFingerprint === undefined || !call.hasUsage) return insight;
    const history = this.historyOf(provider, model.id, call.prefixFingerprint, owner, cache, call.startedAtMs);
    // Infinity for a new prefix; negative when calls that overlapped end out of order.
    const sinceLastCallMs = call.startedAtMs - history.lastCallAtMs;
    this.counterfactual.forCall(call.usage.inputTokens, model, call.conditions);
    this.settleEarlierWrites(call, history, target);
    this.findMissedSavings(call, model, history, sinceLastCallMs, target);
    this.weighWriteLifetimes(call, cache, sinceLastCallMs);
    history.lastCallAtMs = Math.max(history.lastCallAtMs, call.startedAtMs);
    return insight;
  }

  /** At shutdown: credits the owners with every unread write that has expired by `nowMs`, the least recently called prefix first. */
  expireUnreadWrites(nowMs: number): void {
    for (let history = this.leastRecent; history !== undefined; history = history.moreRecent) this.settleOutsideCalls(history, nowMs);
  }

  /** The history of the prefix, now the most recently called; a new one (evicting the oldest if full) for a new prefix. */
  private historyOf(provider: string, entryId: string, fingerprint: string, owner: Owner, cache: ProviderCache, nowMs: number): PrefixHistory<Owner> {
    // The prefix called last, the usual one (an application sends few prompts): compared, not hashed.
    const mostRecent = this.mostRecent;
    if (mostRecent !== undefined && mostRecent.fingerprint === fingerprint && mostRecent.provider === provider && mostRecent.entryId === entryId) return mostRecent;
    let history = this.byFingerprint.get(fingerprint);
    while (history !== undefined && (history.provider !== provider || history.entryId !== entryId)) history = history.sameFingerprint;
    if (history !== undefined) {
      if (history !== this.mostRecent) {
        this.unlink(history);
        this.append(history);
      }
      return history;
    }
    if (this.historyCount < this.maxTrackedPrefixes) {
      history = new PrefixHistory(owner, cache, provider, entryId, fingerprint);
      this.historyCount++;
    } else {
      history = this.evictOldest(nowMs).restart(owner, cache, provider, entryId, fingerprint);
    }
    // Read after the eviction, which may have taken the first history of this very fingerprint.
    history.sameFingerprint = this.byFingerprint.get(fingerprint);
    this.byFingerprint.set(fingerprint, history);
    this.append(history);
    return history;
  }

  /** Takes the least recently called history out of the list and the map, settles it, and returns it for reuse. */
  private evictOldest(nowMs: number): PrefixHistory<Owner> {
    const history = this.leastRecent as PrefixHistory<Owner>;
    this.unlink(history);
    const first = this.byFingerprint.get(history.fingerprint);
    if (first === history) {
      if (history.sameFingerprint === undefined) this.byFingerprint.delete(history.fingerprint);
      else this.byFingerprint.set(history.fingerprint, history.sameFingerprint);
    } else {
      let before = first as PrefixHistory<Owner>;
      while (before.sameFingerprint !== history) before = before.sameFingerprint as PrefixHistory<Owner>;
      before.sameFingerprint = history.sameFingerprint;
    }
    this.evictedPrefixes++;
    this.settleOutsideCalls(history, nowMs);
    return history;
  }

  /** Takes `history` out of the list by recency. */
  private unlink(history: PrefixHistory<Owner>): void {
    const { lessRecent, moreRecent } = history;
    if (lessRecent === undefined) this.leastRecent = moreRecent;
    else lessRecent.moreRecent = moreRecent;
    if (moreRecent === undefined) this.mostRecent = lessRecent;
    else moreRecent.lessRecent = lessRecent;
    history.lessRecent = undefined;
    history.moreRecent = undefined;
  }

  /** Puts `history` at the list's end, as the most recently called. */
  private append(history: PrefixHistory<Owner>): void {
    const last = this.mostRecent;
    history.lessRecent = last;
    history.moreRecent = undefined;
    if (last === undefined) this.leastRecent = history;
    else last.moreRecent = history;
    this.mostRecent = history;
  }

  /** Unread writes expired by `nowMs` are thrash; those that have not expired may yet be read elsewhere, and are no claim. */
  private settleOutsideCalls(history: PrefixHistory<Owner>, nowMs: number): void {
    if (history.unreadWritePremiumUsd > 0 && nowMs > history.unreadWritesExpireAtMs) {
      this.unreadWritesExpired(history.owner, history.unreadWritePremiumUsd, history.cache);
    }
    history.unreadWritePremiumUsd = 0;
  }

  /** (b): a read pays the earlier writes back; a call after they expired finds them thrash. Then adds the call's own writes. */
  private settleEarlierWrites(call: CallRecord, history: PrefixHistory<Owner>, target: AttributeTarget): void {
    const { usage } = call;
    if (usage.cacheReadTokens > 0) {
      history.unreadWritePremiumUsd = 0;
    } else if (history.unreadWritePremiumUsd > 0 && call.startedAtMs > history.unreadWritesExpireAtMs) {
      this.insight.thrashUsd = history.unreadWritePremiumUsd;
      target.setAttribute(ATTR_LLM_OBSERVER_CACHE_THRASH_USD, history.unreadWritePremiumUsd);
      history.unreadWritePremiumUsd = 0;
    }
    if (call.cacheWriteTokens === 0) return;
    const counterfactual = this.counterfactual;
    const premiumUsd =
      (counterfactual.writePremiumUsd(usage.cacheWriteTokens, 'default') ?? 0) +
      (usage.cacheWrite1hTokens > 0 ? (counterfactual.writePremiumUsd(usage.cacheWrite1hTokens, '1h') ?? 0) : 0);
    if (premiumUsd <= 0) return;
    const cache = history.cache;
    const ttlMs = usage.cacheWrite1hTokens > 0 ? (cache.longWriteTtlMs ?? cache.writeTtlMs) : cache.writeTtlMs;
    const expiresAtMs = call.startedAtMs + ttlMs;
    history.unreadWritesExpireAtMs = history.unreadWritePremiumUsd > 0 ? Math.max(history.unreadWritesExpireAtMs, expiresAtMs) : expiresAtMs;
    history.unreadWritePremiumUsd += premiumUsd;
  }

  /**
   * (a): a call within the hit window of the prefix's last call, that used no cache although its
   * prefix is at least the model's minimum, missed `T × (p − r)`, less `T × (w − p)` when it is
   * the run's first repeat (the write caching would have needed). T is the estimated prefix size,
   * at most the call's input. A call of unknown cache use, or whose request marked the prefix for
   * caching, makes no claim.
   */
  private findMissedSavings(
    call: CallRecord,
    model: PricedModel,
    history: PrefixHistory<Owner>,
    sinceLastCallMs: number,
    target: AttributeTarget,
  ): void {
    const cache = history.cache;
    const inRun = sinceLastCallMs <= cache.hitWindowMs;
    if (!inRun) history.runHasWrite = false;
    const prefixTokens = Math.min(call.prefixEstimatedTokens, call.usage.inputTokens);
    const minimumTokens = model.minCacheablePrefixTokens;
    if (inRun && usedNoCache(call, cache) && !markedForCaching(call, cache) && minimumTokens !== undefined && prefixTokens >= minimumTokens) {
      const readSavingUsd = this.counterfactual.readSavingUsd(prefixTokens);
      const writePremiumUsd = history.runHasWrite ? 0 : this.counterfactual.writePremiumUsd(prefixTokens, 'default');
      if (readSavingUsd !== undefined && writePremiumUsd !== undefined && readSavingUsd > writePremiumUsd) {
        this.insight.missedSavingsUsd = readSavingUsd - writePremiumUsd;
        target.setAttribute(ATTR_LLM_OBSERVER_CACHE_MISSED_SAVINGS_USD, this.insight.missedSavingsUsd);
        target.setAttribute(ATTR_LLM_OBSERVER_CACHE_RECOMMENDATION, cache.cacheThePrefix);
        history.runHasWrite = true;
      }
    }
    if (call.cacheWriteTokens > 0) history.runHasWrite = true;
  }

  /**
   * (c), for a call that used the cache of a provider with two write lifetimes: after a gap beyond
   * the long lifetime (or as the prefix's first call) both lifetimes write, the long one at
   * `writes × (W − w)` more; after a gap between the two, the default lifetime had expired and wrote
   * the prefix again where the long one would have read it, `T × (w − r)` more, T the call's cache
   * tokens; within the default lifetime both read.
   */
  private weighWriteLifetimes(call: CallRecord, cache: ProviderCache, sinceLastCallMs: number): void {
    const longTtlMs = cache.longWriteTtlMs;
    if (longTtlMs === undefined || call.cacheTokens === 0 || sinceLastCallMs <= cache.writeTtlMs) return;
    const counterfactual = this.counterfactual;
    let advantageUsd: number | undefined;
    if (sinceLastCallMs > longTtlMs) {
      const writes = call.cacheWriteTokens;
      const longPremiumUsd = counterfactual.writePremiumUsd(writes, '1h');
      const defaultPremiumUsd = counterfactual.writePremiumUsd(writes, 'default');
      advantageUsd = longPremiumUsd === undefined || defaultPremiumUsd === undefined ? undefined : defaultPremiumUsd - longPremiumUsd;
    } else {
      const tokens = call.cacheTokens;
      const rewritePremiumUsd = counterfactual.writePremiumUsd(tokens, 'default');
      const readSavingUsd = counterfactual.readSavingUsd(tokens);
      advantageUsd = rewritePremiumUsd === undefined || readSavingUsd === undefined ? undefined : rewritePremiumUsd + readSavingUsd;
    }
    this.insight.longTtlAdvantageUsd = advantageUsd ?? 0;
  }
}

/** The call's cache counters are known and both zero; where the provider reports writes only for some models, a read count suffices. */
function usedNoCache(call: CallRecord, cache: ProviderCache): boolean {
  return call.cacheReadsKnown && (call.cacheWritesKnown || !cache.reportsWrites) && call.cacheTokens === 0;
}

/** The request marked its prefix for caching itself, where the provider lets the app do so. */
function markedForCaching(call: CallRecord, cache: ProviderCache): boolean {
  return cache.appPlacesBreakpoints && call.cacheBreakpoints !== undefined && call.cacheBreakpoints > 0;
}
