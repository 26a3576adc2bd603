import type { PricedModel } from '../pricing/pricing-table.js';
import type { UnpricedReason } from '../semconv.js';
import type { TokenUsage } from './usage.js';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * The cost of one API call in USD, by disjoint part, and the counterfactual with caching off.
 * One instance is reused for every span, so pricing a span allocates nothing.
 */
export class CallCost {
  inputUsd = 0;
  outputUsd = 0;
  cacheReadUsd = 0;
  cacheWriteUsd = 0;
  /** What the reads saved, less what the writes cost above the input price: negative when writes did not pay back. */
  cacheSavingsUsd = 0;

  get totalUsd(): number {
    return this.inputUsd + this.outputUsd + this.cacheReadUsd + this.cacheWriteUsd;
  }

  /** The same usage priced with caching off: every input token at the input price. */
  get uncachedUsd(): number {
    return this.totalUsd + this.cacheSavingsUsd;
  }

  /**
   * Prices `usage` with `model`'s prices: those of the long-context tier the input is above, if
   * any, times the multiplier of `serviceTier` (a span attribute's value; `undefined` when the span
   * names none). Returns why it cannot, or `undefined` once this holds the cost.
   */
  price(usage: TokenUsage, model: PricedModel, serviceTier: unknown): UnpricedReason | undefined {
    let prices = model.prices;
    for (const tier of model.longContextTiers) {
      if (usage.inputTokens > tier.above_input_tokens) {
        if (tier.usd_per_million_tokens === undefined) return 'unpriced_long_context';
        prices = tier.usd_per_million_tokens;
        break;
      }
    }
    const multiplier = serviceTier === undefined ? 1 : model.serviceTierMultipliers.get(serviceTier as string);
    if (multiplier === undefined) return 'unpriced_service_tier';
    const { cache_write: writePrice, cache_write_1h: longWritePrice } = prices;
    if ((usage.cacheWriteTokens > 0 && writePrice === undefined) || (usage.cacheWrite1hTokens > 0 && longWritePrice === undefined)) {
      return 'unpriced_cache_write';
    }
    const scale = multiplier / TOKENS_PER_PRICE_UNIT;
    const cacheWriteTokens = usage.cacheWriteTokens + usage.cacheWrite1hTokens;
    this.inputUsd = usage.uncachedInputTokens * prices.input * scale;
    this.outputUsd = usage.outputTokens * prices.output * scale;
    this.cacheReadUsd = usage.cacheReadTokens * prices.cache_read * scale;
    this.cacheWriteUsd = (usage.cacheWriteTokens * (writePrice ?? 0) + usage.cacheWrite1hTokens * (longWritePrice ?? 0)) * scale;
    // From the cache tokens alone, so that a call that used no cache saves exactly 0.
    this.cacheSavingsUsd = usage.cacheReadTokens * (prices.input - prices.cache_read) * scale - (this.cacheWriteUsd - cacheWriteTokens * prices.input * scale);
    return undefined;
  }
}
