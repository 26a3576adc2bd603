import { guardCall } from '../../guard.js';
import { cacheStorageUsd, CallCost } from '../../pricing/cost.js';
import type { PricingTable } from '../../pricing/pricing-table.js';
import {
  ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD,
  ATTR_LLM_OBSERVER_COST_CACHE_READ_USD,
  ATTR_LLM_OBSERVER_COST_CACHE_STORAGE_USD,
  ATTR_LLM_OBSERVER_COST_CACHE_WRITE_USD,
  ATTR_LLM_OBSERVER_COST_CALL_FEE_USD,
  ATTR_LLM_OBSERVER_COST_ESTIMATE,
  ATTR_LLM_OBSERVER_COST_INPUT_USD,
  ATTR_LLM_OBSERVER_COST_LOWER_BOUND,
  ATTR_LLM_OBSERVER_COST_OUTPUT_USD,
  ATTR_LLM_OBSERVER_COST_TOTAL_USD,
  ATTR_LLM_OBSERVER_COST_UNCACHED_USD,
  ATTR_LLM_OBSERVER_COST_UNPRICED_REASON,
  ATTR_LLM_OBSERVER_COST_TOOL_USD,
  ATTR_LLM_OBSERVER_PRICING_ENTRY,
  ATTR_LLM_OBSERVER_PRICING_MATCH,
  ATTR_LLM_OBSERVER_PRICING_PEAK_HOURS,
  ATTR_LLM_OBSERVER_PRICING_PRICES_UNTIL,
  ATTR_LLM_OBSERVER_PRICING_VERSION,
  type CallOutcome,
  type CostEstimate,
  type PricingMatch,
  type UnpricedReason,
} from '../../semconv.js';
import type { AttributeTarget, CallRecord } from '../call-record.js';

/** Prices call records with one table. Its cost is reused from call to call. */
export class CallPricer {
  private readonly table: PricingTable;
  private readonly cost = new CallCost();

  constructor(table: PricingTable) {
    this.table = table;
  }

  /**
   * Writes to `target` the cost of `call`, or why it has none; nothing when the span is not a
   * call's. The record takes the cost, and the entry that priced it, for the cache insights and
   * the report to read.
   */
  price(call: CallRecord, target: AttributeTarget): void {
    if (call.cacheStorageTokens !== undefined && call.cacheStorageSeconds !== undefined) return this.priceStorage(call, target);
    if (call.names === undefined) {
      if (call.namesModel) unpriced(call, target, 'no_usage');
      return;
    }
    if (!call.hasUsage) return unpriced(call, target, 'inconsistent_usage');
    if (call.responseModel === undefined && call.requestModel === undefined) return unpriced(call, target, 'no_model');
    // A lookup that fails prices nothing, as for a model the table does not have.
    const match = guardCall('look up the price', this.table, this.table.match, call.responseModel, call.requestModel, call.pricingProvider);
    if (match === undefined) return unpriced(call, target, 'unknown_model');
    const model = match.entry;
    call.conditions.bedrockProfile = match.bedrockProfile;
    call.conditions.resold = model.peakHours !== undefined && resold(call.pricingProvider, model.provider);
    const cost = this.cost;
    const reason = cost.price(call.usage, model, call.conditions);
    if (reason !== undefined) return unpriced(call, target, reason);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_TOTAL_USD, cost.totalUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_INPUT_USD, cost.inputUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_OUTPUT_USD, cost.outputUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_CACHE_READ_USD, cost.cacheReadUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_CACHE_WRITE_USD, cost.cacheWriteUsd);
    if (model.callFee !== undefined) target.setAttribute(ATTR_LLM_OBSERVER_COST_CALL_FEE_USD, cost.callFeeUsd);
    if (cost.toolsUsed) target.setAttribute(ATTR_LLM_OBSERVER_COST_TOOL_USD, cost.toolUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_UNCACHED_USD, cost.uncachedUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD, cost.cacheSavingsUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_ENTRY, model.id);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_VERSION, model.tableVersion);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_MATCH, match.rule satisfies PricingMatch);
    if (cost.pricesUntil !== undefined) target.setAttribute(ATTR_LLM_OBSERVER_PRICING_PRICES_UNTIL, cost.pricesUntil);
    if (cost.peakHours) target.setAttribute(ATTR_LLM_OBSERVER_PRICING_PEAK_HOURS, true);
    if (!call.usage.cacheWriteLifetimeTold && model.sheet.cacheWrite1h !== undefined) {
      target.setAttribute(ATTR_LLM_OBSERVER_COST_ESTIMATE, 'cache_write_lifetime' satisfies CostEstimate);
    } else if (cost.toolFreeAllowance) {
      target.setAttribute(ATTR_LLM_OBSERVER_COST_ESTIMATE, 'tool_free_allowance' satisfies CostEstimate);
    } else if (countsUnbilledTokens(call)) {
      target.setAttribute(ATTR_LLM_OBSERVER_COST_ESTIMATE, 'unbilled_tokens' satisfies CostEstimate);
    }
    // A call that did not complete may carry the usage of its first stream event, whose output count is a placeholder.
    if (call.outcome !== undefined && call.outcome !== ('completed' satisfies CallOutcome)) target.setAttribute(ATTR_LLM_OBSERVER_COST_LOWER_BOUND, true);
    call.model = model;
    call.costUsd = cost.totalUsd;
    call.cacheSavingsUsd = cost.cacheSavingsUsd;
  }

  /**
   * Prices a call that created or extended an explicit cache: the storage of its tokens for the
   * time it is kept. The storage is what caching cost on top of the reads, so it counts against
   * the cache savings too (negative savings on this call), and the report weighs it against what
   * the reads saved.
   */
  private priceStorage(call: CallRecord, target: AttributeTarget): void {
    if (!call.namesModel) return unpriced(call, target, 'no_model');
    const match = guardCall('look up the price', this.table, this.table.match, call.responseModel, call.requestModel, call.pricingProvider);
    if (match === undefined) return unpriced(call, target, 'unknown_model');
    const model = match.entry;
    const pricePerHour = model.cacheStoragePerHour;
    if (pricePerHour === undefined) return unpriced(call, target, 'unpriced_cache_storage');
    const storageUsd = cacheStorageUsd(call.cacheStorageTokens ?? 0, call.cacheStorageSeconds ?? 0, pricePerHour);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_TOTAL_USD, storageUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_CACHE_STORAGE_USD, storageUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD, -storageUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_ENTRY, model.id);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_VERSION, model.tableVersion);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_MATCH, match.rule satisfies PricingMatch);
    call.model = model;
    call.costUsd = storageUsd;
    call.cacheSavingsUsd = -storageUsd;
    call.cacheStorageUsd = storageUsd;
  }
}

/** Whether a call whose span names `spanProvider` was billed by another provider than `entryProvider`; a span that names none is taken as the entry's. */
const resold = (spanProvider: string | undefined, entryProvider: string) => spanProvider !== undefined && spanProvider.toLowerCase() !== entryProvider;

/** Writes why the call has no cost. Returns `undefined`, as `price` does. */
function unpriced(call: CallRecord, target: AttributeTarget, reason: UnpricedReason): undefined {
  call.unpricedReason = reason;
  target.setAttribute(ATTR_LLM_OBSERVER_COST_UNPRICED_REASON, reason);
  return undefined;
}

/**
 * Whether `call`'s producer counts the tokens of its provider's chat calls with tokens the
 * provider does not bill (`UsageNames.unbilledTokensOf`); its embeddings count the billed ones.
 */
function countsUnbilledTokens(call: CallRecord): boolean {
  const provider = call.pricingProvider;
  return provider !== undefined && call.operationName !== 'embeddings' && call.names?.unbilledTokensOf?.includes(provider) === true;
}
