import type { BedrockProfile } from './model-ids.js';
import { atScale, bigPowerOfTen, DECIMAL_ONE, powerOfTen, roundedQuotient, times, usd, usdOfSafeUnits, USD_DECIMAL_PLACES, type Decimal } from './money.js';
import type { ModifierKind } from './pricing-file.js';
import type { FloatPrices, PricedModel, PriceSheet, ToolFeePrice } from './pricing-table.js';
import type { UnpricedReason } from '../semconv.js';
import { billedSeconds, type TokenUsage } from './token-usage.js';

/** Prices are per million tokens (and a second of audio's, per million seconds: ./pricing-table.ts): six more decimal places per token. */
const PRICE_UNIT_DECIMAL_PLACES = 6;

/**
 * The conditions of a call that change its prices: span attribute values (`undefined` when the
 * span names none) and the Bedrock profile its model id names.
 */
export class CallConditions {
  /** When the call started, in ms since the epoch: it picks the entry's earlier prices for a call before a price change. `undefined`: the current prices. */
  startedAtMs: number | undefined;
  serviceTier: unknown;
  speed: unknown;
  inferenceGeo: unknown;
  bedrockProfile: BedrockProfile | undefined;
  /** `regional` for a call to one of OpenAI's data residency endpoints; `undefined` for any other. */
  dataResidency: 'regional' | undefined;
  /** Whether another provider than the price entry's billed the call (a router such as OpenRouter): its price has no peak hours. */
  resold = false;

  /**
   * How many API requests the call was billed for, where more than one (`undefined` for one): a
   * long-context rate applies to each request's own input, which the call's usage, their sum, does
   * not give. Asked only of a call above a long-context threshold: a span's conditions read it then.
   */
  get requests(): unknown {
    return undefined;
  }

  /**
   * The tool that ran the call's web searches, where the span says which; `undefined`: the
   * provider's `web_search`. Asked only of a call that made some.
   */
  get webSearchTool(): unknown {
    return undefined;
  }
}

/** A call under none of the conditions: the standard tier, speed and place, no Bedrock profile, a global endpoint. */
export const STANDARD_CONDITIONS: Readonly<CallConditions> = Object.freeze(new CallConditions());

/**
 * Each kind of condition: where its value is, the value that changes nothing, and what a span
 * with a value the entry has no factor for gets. Fast mode or US-only inference at an unknown
 * rate is left unpriced (it costs several times the list price); a Bedrock geographic profile of
 * a model the table gives no uplift for is priced at the list price, as Bedrock bills the models
 * from before its global profiles, and so is a data residency endpoint's call of a model OpenAI
 * released before its uplift (March 5, 2026). A kind added here is added to `modified` in
 * `CallCost.price` too.
 */
const CONDITION_KINDS: readonly { kind: ModifierKind; field: keyof CallConditions; neutral: string; unlisted: UnpricedReason | 'list_price' }[] = [
  { kind: 'speed', field: 'speed', neutral: 'standard', unlisted: 'unpriced_speed' },
  { kind: 'inference_geo', field: 'inferenceGeo', neutral: 'global', unlisted: 'unpriced_inference_geo' },
  { kind: 'bedrock_profile', field: 'bedrockProfile', neutral: 'global', unlisted: 'list_price' },
  { kind: 'data_residency', field: 'dataResidency', neutral: 'global', unlisted: 'list_price' },
];

/**
 * The cost of one API call in USD, by disjoint part, and the counterfactual with caching off.
 * Worked out exactly (src/pricing/money.ts): each amount is the exact cost rounded to the
 * pico-dollar. One instance is reused for every span.
 */
export class CallCost {
  /** The uncached input tokens, and the duration of the input audio of a call billed by it. */
  inputUsd = 0;
  outputUsd = 0;
  cacheReadUsd = 0;
  cacheWriteUsd = 0;
  /** The fee the model bills on every call besides its tokens (the table's `usd_per_call`); 0 for most. */
  callFeeUsd = 0;
  /** The fees of the tools the call used that are billed by the use (each count times its tool's fee); 0 for a call that used none. */
  toolUsd = 0;
  /** input + output + cache reads + cache writes + the fees, summed exactly, then rounded. */
  totalUsd = 0;
  /** The same usage priced with caching off: every input token at the input price (an audio or image token at its own input price), the audio's duration as it is. */
  uncachedUsd = 0;
  /** `uncachedUsd − totalUsd`: what the reads saved, less what the writes cost above the input price; negative when writes did not pay back. */
  cacheSavingsUsd = 0;
  /** When the call was priced at earlier prices (it started before a price change): the time those prices applied until. */
  pricesUntil: string | undefined;
  /** Whether the call started in the provider's peak hours, which multiplied every price. */
  peakHours = false;
  /** Whether the call used a tool billed by the use (its fees are `toolUsd`, 0 where the table's fee is). */
  toolsUsed = false;
  /** Whether a tool fee in the cost has a free allowance the provider applies first, which no span can see: the bill is at most the cost. */
  toolFreeAllowance = false;

  /**
   * Prices `usage` with `model`'s prices: those of the long-context tier the input is above, if
   * any, or those of the service tier of `conditions` where it has prices of its own; times that
   * tier's multiplier and the factors of the other conditions. Returns why it cannot, or
   * `undefined` once this holds the cost.
   */
  price(usage: TokenUsage, model: PricedModel, conditions: CallConditions): UnpricedReason | undefined {
    let sheet = model.sheet;
    let pricesUntil: string | undefined;
    const startedAtMs = conditions.startedAtMs;
    // By index, here and below: this runs for every priced span, and `for...of` runs the iterator protocol until V8 optimizes it.
    const periods = model.earlierSheets;
    if (startedAtMs !== undefined) {
      for (let index = 0; index < periods.length; index++) {
        const period = periods[index] as (typeof periods)[number];
        if (startedAtMs < period.untilMs) {
          sheet = period.sheet;
          pricesUntil = period.until;
          break;
        }
      }
    }
    let longContext = false;
    const tiers = model.longContextTiers;
    for (let index = 0; index < tiers.length; index++) {
      const tier = tiers[index] as (typeof tiers)[number];
      if (usage.inputTokens > tier.aboveInputTokens) {
        // The tiers' rates are the current ones: an earlier call above the threshold has no known rate.
        // Nor has a call of several requests, whose summed input may be above it where no request's is.
        if (tier.sheet === undefined || pricesUntil !== undefined || conditions.requests !== undefined) return 'unpriced_long_context';
        sheet = tier.sheet;
        longContext = true;
        break;
      }
    }
    let multiplier = DECIMAL_ONE;
    const serviceTier = conditions.serviceTier;
    if (serviceTier !== undefined) {
      const tierSheet = longContext ? undefined : model.serviceTierSheets.get(serviceTier as string);
      if (tierSheet !== undefined) {
        if (pricesUntil !== undefined) return 'unpriced_service_tier';
        sheet = tierSheet;
      } else {
        const tierMultiplier = model.serviceTierMultipliers.get(serviceTier as string);
        if (tierMultiplier === undefined) return 'unpriced_service_tier';
        multiplier = tierMultiplier;
      }
    }
    // Most calls are under none of these conditions: their fields are read by name here, where the
    // loop reads them by a name that varies, a megamorphic load each.
    const modified =
      conditions.speed !== undefined || conditions.inferenceGeo !== undefined || conditions.bedrockProfile !== undefined || conditions.dataResidency !== undefined;
    for (let index = 0; modified && index < CONDITION_KINDS.length; index++) {
      const { kind, field, neutral, unlisted } = CONDITION_KINDS[index] as (typeof CONDITION_KINDS)[number];
      const value = conditions[field];
      if (value === undefined || value === neutral) continue;
      const factor = typeof value === 'string' ? model.modifiers.get(`${kind}:${value}`) : undefined;
      if (factor !== undefined) multiplier = times(multiplier, factor);
      else if (unlisted !== 'list_price') return unlisted;
    }
    // Peak hours are a rule of the provider's own current prices: a call at earlier prices started
    // before them, and a router resells the model at its list price.
    const peak = model.peakHours;
    const peakHours = peak !== undefined && pricesUntil === undefined && !conditions.resold && startedAtMs !== undefined && peak.contain(startedAtMs);
    if (peakHours) multiplier = times(multiplier, peak.multiplier);
    if (usage.cacheReadTokens > 0 && sheet.cacheRead === undefined) return 'unpriced_cache_read';
    if ((usage.cacheWriteTokens > 0 && sheet.cacheWrite === undefined) || (usage.cacheWrite1hTokens > 0 && sheet.cacheWrite1h === undefined)) {
      return 'unpriced_cache_write';
    }
    if (
      ((usage.audioInputTokens > 0 || usage.audioCacheReadTokens > 0) && sheet.audioInput === undefined) ||
      (usage.audioCacheReadTokens > 0 && sheet.audioCacheRead === undefined) ||
      (usage.audioOutputTokens > 0 && sheet.audioOutput === undefined) ||
      (usage.audioSeconds > 0 && sheet.audioSecond === undefined)
    ) {
      return 'unpriced_audio';
    }
    if (
      ((usage.imageInputTokens > 0 || usage.imageCacheReadTokens > 0) && sheet.imageInput === undefined) ||
      (usage.imageCacheReadTokens > 0 && sheet.imageCacheRead === undefined) ||
      (usage.imageOutputTokens > 0 && sheet.imageOutput === undefined)
    ) {
      return 'unpriced_image';
    }
    if (usage.imageGenerations !== 0) return 'unpriced_tool_use';
    let toolFee: Decimal | undefined;
    let toolFreeAllowance = false;
    // Most calls use no tool billed by the use, and look up no fee.
    const toolsUsed = usage.webSearches !== 0 || usage.fileSearches !== 0 || usage.mapsGroundings !== 0;
    if (toolsUsed) {
      const uses: readonly (readonly [number, ToolFeePrice | undefined])[] = [
        [usage.webSearches, model.toolFees.get(conditions.webSearchTool === 'web_search_preview' ? 'web_search_preview' : 'web_search')],
        [usage.fileSearches, model.toolFees.get('file_search')],
        [usage.mapsGroundings, model.toolFees.get('google_maps')],
      ];
      for (const [count, price] of uses) {
        if (count === 0) continue;
        if (price === undefined) return 'unpriced_tool_use';
        // A fee by the call is one a request: of a call of several, which of them used the tool the usage does not say.
        if (price.perCall && conditions.requests !== undefined) return 'unpriced_tool_use';
        if (price.freeAllowance) toolFreeAllowance = true;
      }
      toolFee = toolFeeOf(uses);
    }
    this.setAmounts(usage, sheet, multiplier, model.callFee, toolFee);
    this.pricesUntil = pricesUntil;
    this.peakHours = peakHours;
    this.toolsUsed = toolsUsed;
    this.toolFreeAllowance = toolFreeAllowance;
    return undefined;
  }

  private setAmounts(usage: TokenUsage, sheet: PriceSheet, multiplier: Decimal, callFee: Decimal | undefined, toolFee: Decimal | undefined): void {
    const tokenScale = sheet.scale + multiplier.scale + PRICE_UNIT_DECIMAL_PLACES;
    // The fees are in USD, not per million tokens: the amounts meet at the finest of the scales.
    let scale = Math.max(tokenScale, callFee?.scale ?? 0);
    if (toolFee !== undefined && toolFee.scale > scale) scale = toolFee.scale;
    const floats = sheet.floats;
    if (floats === undefined || !this.setAmountsInFloats(usage, floats, multiplier, callFee, toolFee, scale, scale - tokenScale)) {
      this.setAmountsInBigInts(usage, sheet, multiplier, callFee, toolFee, scale, scale - tokenScale);
    }
  }

  /**
   * The amounts worked in floats, where that is exact, as it usually is. Returns false, having set
   * nothing, where it may not be: a count that is not a whole number >= 0, a bucket of a negative
   * count, or a total at or above 2^53.
   * Every operand is then a whole number >= 0 and every factor a whole number >= 1 (a price of 0
   * only ever multiplies a count), so every partial result is at most the total or the uncached
   * amount it goes into; a float operation on exact whole numbers is exact while its result is
   * below 2^53, and once one is not, every result after it is at least 2^53 (rounding is monotone).
   * So totals below 2^53 mean every step was exact: the amounts are those of the BigInt path.
   */
  private setAmountsInFloats(
    usage: TokenUsage,
    prices: FloatPrices,
    multiplier: Decimal,
    callFee: Decimal | undefined,
    toolFee: Decimal | undefined,
    scale: number,
    liftPlaces: number,
  ): boolean {
    const lift = powerOfTen(liftPlaces);
    const feePlaces = callFee === undefined ? 0 : powerOfTen(scale - callFee.scale);
    const toolFeePlaces = toolFee === undefined ? 0 : powerOfTen(scale - toolFee.scale);
    if (lift === undefined || feePlaces === undefined || toolFeePlaces === undefined || !countsAreWhole(usage)) return false;
    const uncachedTokens = usage.uncachedInputTokens - usage.audioInputTokens - usage.imageInputTokens;
    const textOutputTokens = usage.outputTokens - usage.audioOutputTokens - usage.imageOutputTokens;
    // Every audio or image token of the input, read from the cache or not, is at its own input rate
    // with caching off.
    const audioTokens = usage.audioInputTokens + usage.audioCacheReadTokens;
    const imageTokens = usage.imageInputTokens + usage.imageCacheReadTokens;
    const inputTokens = usage.inputTokens - audioTokens - imageTokens;
    const textCacheReadTokens = usage.cacheReadTokens - usage.audioCacheReadTokens - usage.imageCacheReadTokens;
    if (uncachedTokens < 0 || textOutputTokens < 0 || inputTokens < 0 || textCacheReadTokens < 0) return false;
    const factor = multiplier === DECIMAL_ONE ? 1 : Number(multiplier.units);
    const audioInput = usage.audioInputTokens * prices.audioInput;
    const imageInput = usage.imageInputTokens * prices.imageInput;
    // The audio's duration is never cached: the same with caching off. Most calls bill none: no call then.
    const audioDuration = usage.audioSeconds === 0 ? 0 : billedSeconds(usage.audioSeconds) * prices.audioSecond;
    const input = (uncachedTokens * prices.input + audioInput + imageInput + audioDuration) * factor * lift;
    const output = (textOutputTokens * prices.output + usage.audioOutputTokens * prices.audioOutput + usage.imageOutputTokens * prices.imageOutput) * factor * lift;
    const cacheRead =
      (textCacheReadTokens * prices.cacheRead + usage.audioCacheReadTokens * prices.audioCacheRead + usage.imageCacheReadTokens * prices.imageCacheRead) * factor * lift;
    const cacheWrite = (usage.cacheWriteTokens * prices.cacheWrite + usage.cacheWrite1hTokens * prices.cacheWrite1h) * factor * lift;
    const callFeeAmount = callFee === undefined ? 0 : Number(callFee.units) * feePlaces;
    // Past 2^53 units (a count that large), the float is inexact, but the total is then past 2^53 too.
    const toolFeeAmount = toolFee === undefined ? 0 : Number(toolFee.units) * toolFeePlaces;
    const fee = callFeeAmount + toolFeeAmount;
    const total = input + output + cacheRead + cacheWrite + fee;
    const uncached = (inputTokens * prices.input + audioTokens * prices.audioInput + imageTokens * prices.imageInput + audioDuration) * factor * lift + output + fee;
    if (!Number.isSafeInteger(total) || !Number.isSafeInteger(uncached)) return false;
    this.inputUsd = usdOfSafeUnits(input, scale);
    this.outputUsd = usdOfSafeUnits(output, scale);
    this.cacheReadUsd = usdOfSafeUnits(cacheRead, scale);
    this.cacheWriteUsd = usdOfSafeUnits(cacheWrite, scale);
    this.callFeeUsd = usdOfSafeUnits(callFeeAmount, scale);
    // Most calls use no tool billed by the use: no amount to work out.
    this.toolUsd = toolFee === undefined ? 0 : usdOfSafeUnits(toolFeeAmount, scale);
    this.totalUsd = usdOfSafeUnits(total, scale);
    this.uncachedUsd = usdOfSafeUnits(uncached, scale);
    this.cacheSavingsUsd = usdOfSafeUnits(uncached - total, scale);
    return true;
  }

  private setAmountsInBigInts(
    usage: TokenUsage,
    sheet: PriceSheet,
    multiplier: Decimal,
    callFee: Decimal | undefined,
    toolFee: Decimal | undefined,
    scale: number,
    liftPlaces: number,
  ): void {
    const lift = bigPowerOfTen(liftPlaces);
    const factor = multiplier.units;
    const audioInput = BigInt(usage.audioInputTokens) * (sheet.audioInput ?? 0n);
    const imageInput = BigInt(usage.imageInputTokens) * (sheet.imageInput ?? 0n);
    const audioDuration = BigInt(billedSeconds(usage.audioSeconds)) * (sheet.audioSecond ?? 0n);
    const input = (BigInt(usage.uncachedInputTokens - usage.audioInputTokens - usage.imageInputTokens) * sheet.input + audioInput + imageInput + audioDuration) * factor * lift;
    const output =
      (BigInt(usage.outputTokens - usage.audioOutputTokens - usage.imageOutputTokens) * sheet.output +
        BigInt(usage.audioOutputTokens) * (sheet.audioOutput ?? 0n) +
        BigInt(usage.imageOutputTokens) * (sheet.imageOutput ?? 0n)) *
      factor *
      lift;
    const cacheRead =
      (BigInt(usage.cacheReadTokens - usage.audioCacheReadTokens - usage.imageCacheReadTokens) * (sheet.cacheRead ?? 0n) +
        BigInt(usage.audioCacheReadTokens) * (sheet.audioCacheRead ?? 0n) +
        BigInt(usage.imageCacheReadTokens) * (sheet.imageCacheRead ?? 0n)) *
      factor *
      lift;
    const cacheWrite =
      (BigInt(usage.cacheWriteTokens) * (sheet.cacheWrite ?? 0n) + BigInt(usage.cacheWrite1hTokens) * (sheet.cacheWrite1h ?? 0n)) * factor * lift;
    const callFeeAmount = callFee === undefined ? 0n : atScale(callFee, scale);
    const toolFeeAmount = toolFee === undefined ? 0n : atScale(toolFee, scale);
    const fee = callFeeAmount + toolFeeAmount;
    const total = input + output + cacheRead + cacheWrite + fee;
    const audioTokens = usage.audioInputTokens + usage.audioCacheReadTokens;
    const imageTokens = usage.imageInputTokens + usage.imageCacheReadTokens;
    // The audio's duration is never cached: the same with caching off.
    const textInputTokens = usage.inputTokens - audioTokens - imageTokens;
    const uncached =
      (BigInt(textInputTokens) * sheet.input + BigInt(audioTokens) * (sheet.audioInput ?? 0n) + BigInt(imageTokens) * (sheet.imageInput ?? 0n) + audioDuration) *
        factor *
        lift +
      output +
      fee;
    this.inputUsd = usd(input, scale);
    this.outputUsd = usd(output, scale);
    this.cacheReadUsd = usd(cacheRead, scale);
    this.cacheWriteUsd = usd(cacheWrite, scale);
    this.callFeeUsd = usd(callFeeAmount, scale);
    this.toolUsd = usd(toolFeeAmount, scale);
    this.totalUsd = usd(total, scale);
    this.uncachedUsd = usd(uncached, scale);
    this.cacheSavingsUsd = usd(uncached - total, scale);
  }
}

/**
 * Whether every count of `usage` is a whole number >= 0, as the float path needs. A span's counts
 * are (src/processor/usage.ts); the cache insights' made-up usages take a prefix's estimated size,
 * which another producer could write as a fraction: the BigInt path refuses it, as before.
 */
function countsAreWhole(usage: TokenUsage): boolean {
  const {
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    cacheWrite1hTokens,
    audioInputTokens,
    audioCacheReadTokens,
    audioOutputTokens,
    imageInputTokens,
    imageCacheReadTokens,
    imageOutputTokens,
  } = usage;
  // Comparisons and remainders, not a call per count: this runs for every priced span. `count % 1`
  // is 0 for a whole number >= 0, in (0, 1) for a fraction, NaN for NaN or an infinity; so the sum
  // is 0 only when every count is whole.
  return (
    inputTokens >= 0 &&
    outputTokens >= 0 &&
    cacheReadTokens >= 0 &&
    cacheWriteTokens >= 0 &&
    cacheWrite1hTokens >= 0 &&
    audioInputTokens >= 0 &&
    audioCacheReadTokens >= 0 &&
    audioOutputTokens >= 0 &&
    imageInputTokens >= 0 &&
    imageCacheReadTokens >= 0 &&
    imageOutputTokens >= 0 &&
    (inputTokens % 1) +
      (outputTokens % 1) +
      (cacheReadTokens % 1) +
      (cacheWriteTokens % 1) +
      (cacheWrite1hTokens % 1) +
      (audioInputTokens % 1) +
      (audioCacheReadTokens % 1) +
      (audioOutputTokens % 1) +
      (imageInputTokens % 1) +
      (imageCacheReadTokens % 1) +
      (imageOutputTokens % 1) ===
      0
  );
}

/**
 * What the tools a call used cost, in USD, exactly: each count times its tool's fee, or the fee
 * once for a tool billed by the call (`perCall`). A count of 0 costs nothing, with or without a fee.
 */
function toolFeeOf(uses: readonly (readonly [number, ToolFeePrice | undefined])[]): Decimal {
  let scale = 0;
  for (const [count, price] of uses) if (count !== 0 && price !== undefined) scale = Math.max(scale, price.fee.scale);
  let units = 0n;
  for (const [count, price] of uses) {
    if (count !== 0 && price !== undefined) units += BigInt(price.perCall ? 1 : count) * atScale(price.fee, scale);
  }
  return { units, scale };
}

const SECONDS_PER_HOUR = 3600n;

/**
 * What keeping `tokens` in an explicit cache for `seconds` costs at `pricePerHour` (USD per million
 * tokens per hour), rounded to the pico-dollar as every amount (./money.ts): tokens × seconds / 3600
 * × the price / 10^6, worked out in whole numbers.
 */
export function cacheStorageUsd(tokens: number, seconds: number, pricePerHour: Decimal): number {
  const dividend = BigInt(tokens) * BigInt(seconds) * pricePerHour.units * bigPowerOfTen(USD_DECIMAL_PLACES);
  const divisor = SECONDS_PER_HOUR * bigPowerOfTen(pricePerHour.scale + PRICE_UNIT_DECIMAL_PLACES);
  return usd(roundedQuotient(dividend, divisor), USD_DECIMAL_PLACES);
}
