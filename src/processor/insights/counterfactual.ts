import { CallCost, STANDARD_CONDITIONS, type CallConditions } from '../../pricing/cost.js';
import type { PricedModel } from '../../pricing/pricing-table.js';
import { TokenUsage } from '../../pricing/token-usage.js';

/**
 * What caching part of one call's input would have saved or cost: the terms of the formulas in
 * docs/savings-model.md, with p, r, w and W the call's input, cache-read, 5-minute-write and
 * 1-hour-write prices per token. Each answer prices a made-up usage with the call's own input
 * total and the conditions the pricer priced the call under, through the pricing's
 * `CallCost`: so it takes the same long-context tier, service-tier prices or multiplier, fast-mode,
 * US-inference and Bedrock-profile factors as the call's cost, and the net-savings formula is the
 * processor's. One instance is reused for every call.
 */
export class CacheCounterfactual {
  private readonly usage = new TokenUsage();
  private readonly cost = new CallCost();
  private model: PricedModel | undefined;
  private conditions: CallConditions = STANDARD_CONDITIONS;

  /**
   * Makes the answers that follow about a call with `inputTokens` of input, priced by `model` under
   * `conditions`, the call's, as the pricer priced it under them.
   */
  forCall(inputTokens: number, model: PricedModel, conditions: CallConditions): void {
    this.usage.inputTokens = inputTokens;
    this.model = model;
    this.conditions = conditions;
  }

  /** `tokens × (p − r)`: what reading `tokens` from the cache saves over sending them as input. */
  readSavingUsd(tokens: number): number | undefined {
    return this.savingsUsd(tokens, 0, 0);
  }

  /**
   * `tokens × (w − p)`, or `tokens × (W − p)` for a 1-hour write: what writing `tokens` to the
   * cache costs above sending them as input. 0 where the model's writes are not billed apart
   * (OpenAI's automatic caching); `undefined` where the table has no price for that write.
   */
  writePremiumUsd(tokens: number, lifetime: 'default' | '1h'): number | undefined {
    if (lifetime === 'default' && this.model?.prices.cache_write === undefined) return 0;
    const savings = lifetime === 'default' ? this.savingsUsd(0, tokens, 0) : this.savingsUsd(0, 0, tokens);
    return savings === undefined ? undefined : -savings;
  }

  /** The net cache savings of the call's input with these cache tokens: reads × (p − r) − writes × (w − p) − longWrites × (W − p). */
  private savingsUsd(reads: number, writes: number, longWrites: number): number | undefined {
    const { usage, cost, model } = this;
    if (model === undefined) return undefined;
    usage.cacheReadTokens = reads;
    usage.cacheWriteTokens = writes;
    usage.cacheWrite1hTokens = longWrites;
    return cost.price(usage, model, this.conditions) === undefined ? cost.cacheSavingsUsd : undefined;
  }
}
