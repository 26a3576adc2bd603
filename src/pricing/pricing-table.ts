import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { PRICING_FILE_ENV, pricingFileFromEnv } from '../environment.js';
import { guard } from '../guard.js';
import { ModelIds, type ModelMatch } from './model-ids.js';
import { atScale, decimalOf, type Decimal } from './money.js';
import type { PeakHours, PricingEntry, PricingFile, TokenPrices, ToolFees, Weekday } from './pricing-file.js';
import { ProviderCaches } from './provider-caches.js';

/**
 * The prices a processor works with: the table shipped in data/pricing_v1.json, and the user's
 * override of it, if any. An override entry with the id of a shipped entry is merged into it
 * field by field (see {@link mergedEntry}); an id an override entry matches is that entry's,
 * whatever the shipped table says.
 */


/**
 * An entry's prices per million tokens as exact decimals, all at one scale: `units × 10^-scale`
 * USD. A cache-read, write, audio or image price is `undefined` where the entry has none. The
 * entry's price of a second of input audio is here too, per million seconds, so that a duration
 * is priced as a token count is: the same in every sheet of the entry.
 */
export interface PriceSheet {
  readonly scale: number;
  readonly input: bigint;
  readonly output: bigint;
  readonly cacheRead: bigint | undefined;
  readonly cacheWrite: bigint | undefined;
  readonly cacheWrite1h: bigint | undefined;
  readonly audioInput: bigint | undefined;
  readonly audioCacheRead: bigint | undefined;
  readonly audioOutput: bigint | undefined;
  readonly imageInput: bigint | undefined;
  readonly imageCacheRead: bigint | undefined;
  readonly imageOutput: bigint | undefined;
  /** A million seconds of input audio (the entry's `usd_per_audio_second` × 10^6); `undefined` where the model is not billed by the duration. */
  readonly audioSecond: bigint | undefined;
  /** The same units as floats, 0 for a price the entry has none of; `undefined` when one is not a whole number below 2^53. */
  readonly floats: FloatPrices | undefined;
}

/** A sheet's units as floats, each exact: the cost is worked in them while its sums stay below 2^53 (./cost.ts). */
export interface FloatPrices {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly cacheWrite1h: number;
  readonly audioInput: number;
  readonly audioCacheRead: number;
  readonly audioOutput: number;
  readonly imageInput: number;
  readonly imageCacheRead: number;
  readonly imageOutput: number;
  readonly audioSecond: number;
}

/** The prices of a period that ended with a price change: for calls that started before `untilMs`. */
export interface EarlierSheet {
  /** As the table writes it (`2025-06-10T00:00:00Z`). */
  readonly until: string;
  readonly untilMs: number;
  readonly sheet: PriceSheet;
}

/** A long-context tier: its sheet, or `undefined` when the table does not know its rates. */
export interface LongContextSheet {
  readonly aboveInputTokens: number;
  readonly sheet: PriceSheet | undefined;
}

const MS_A_MINUTE = 60_000;
const MS_A_DAY = 24 * 60 * MS_A_MINUTE;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** An entry's peak hours: the factor, and the windows on the provider's clock. */
export class PeakWindows {
  readonly multiplier: Decimal;
  private readonly offsetMs: number;
  /** Each window as minutes of the day on the provider's clock, `[start, end)`: its first minute and the minute after its last. */
  private readonly minutes: readonly (readonly [number, number])[];
  /** The days of the week (0 Sunday, on the provider's clock) the windows hold on. */
  private readonly days: ReadonlySet<number>;

  constructor(multiplier: Decimal, offsetMs: number, minutes: readonly (readonly [number, number])[], days: ReadonlySet<number>) {
    this.multiplier = multiplier;
    this.offsetMs = offsetMs;
    this.minutes = minutes;
    this.days = days;
  }

  /** Whether a call that started at `ms` (since the epoch) started in a window. */
  contain(ms: number): boolean {
    const local = ms + this.offsetMs;
    const day = Math.floor(local / MS_A_DAY);
    // 1970-01-01 was a Thursday.
    if (!this.days.has((((day + 4) % 7) + 7) % 7)) return false;
    const minute = Math.floor((local - day * MS_A_DAY) / MS_A_MINUTE);
    const windows = this.minutes;
    for (let index = 0; index < windows.length; index++) {
      const [start, end] = windows[index] as readonly [number, number];
      if (minute >= start && minute < end) return true;
    }
    return false;
  }
}

/** `peak` at hand. Throws, naming `field`, on a window that does not end after it starts. */
function peakWindows(peak: PeakHours, multiplier: Decimal, field: string): PeakWindows {
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const offsetMs = (peak.utc_offset.startsWith('-') ? -1 : 1) * minutes(peak.utc_offset.slice(1)) * MS_A_MINUTE;
  const windows = peak.windows.map(([from, to], index) => {
    const window = [minutes(from), minutes(to)] as const;
    if (window[1] <= window[0]) throw new Error(`${field}/windows/${index} (${from}-${to}) does not end after it starts`);
    return window;
  });
  const days = new Set((peak.days ?? WEEKDAYS).map((day) => WEEKDAYS.indexOf(day)));
  return new PeakWindows(multiplier, offsetMs, windows, days);
}

/** A tool's fee as the cost works it out (the table's `tool_fees`). */
export interface ToolFeePrice {
  /** USD a use, or a call that used the tool where `perCall`. */
  readonly fee: Decimal;
  /** One fee for a call that used the tool, however many uses it made (Gemini 2.5's grounded prompts). */
  readonly perCall: boolean;
  /** The provider bills a number of uses nothing first, which no span can see: a cost with the fee is an estimate. */
  readonly freeAllowance: boolean;
}

/** An entry of a loaded table, with what pricing a span looks up at hand. */
export interface PricedModel {
  readonly id: string;
  /** Who sets the prices, as `gen_ai.provider.name` spells it. */
  readonly provider: string;
  /** The version of the table the entry came from. */
  readonly tableVersion: string;
  /** As the table writes them; the cost is worked out from {@link sheet}. */
  readonly prices: TokenPrices;
  readonly sheet: PriceSheet;
  /** The entry's earlier prices, earliest period first. */
  readonly earlierSheets: readonly EarlierSheet[];
  /** The entry's long-context tiers, highest threshold first. */
  readonly longContextTiers: readonly LongContextSheet[];
  readonly serviceTierMultipliers: ReadonlyMap<string, Decimal>;
  /** Service tiers with prices of their own, which replace the base sheet (never a long-context one). */
  readonly serviceTierSheets: ReadonlyMap<string, PriceSheet>;
  /** `kind:value` (`speed:fast`) to the factor on every price. */
  readonly modifiers: ReadonlyMap<string, Decimal>;
  /** The factor on the current prices in the provider's peak hours; `undefined` when it has none. */
  readonly peakHours: PeakWindows | undefined;
  /** The fee billed on every call besides its tokens, in USD; `undefined` when there is none. */
  readonly callFee: Decimal | undefined;
  /**
   * The fee of each tool the provider bills by the use (`web_search`): the entry's own, else its
   * provider's (the table's `tool_fees`). A tool without one is absent.
   */
  readonly toolFees: ReadonlyMap<string, ToolFeePrice>;
  /** The shortest prefix the provider caches for this model; `undefined` when the table does not say. */
  readonly minCacheablePrefixTokens: number | undefined;
  /** USD per million tokens per hour of keeping an explicit cache; `undefined` when the table does not say. */
  readonly cacheStoragePerHour: Decimal | undefined;
}

/**
 * The entries of several providers that one model id names, each for its own provider's spans
 * (`openai/gpt-oss-120b` at Groq's price and at another host's): the span's provider picks one
 * ({@link PricingTable.match}).
 */
export class SharedModelId {
  readonly byProvider: ReadonlyMap<string, PricedModel>;

  constructor(byProvider: ReadonlyMap<string, PricedModel>) {
    this.byProvider = byProvider;
  }
}

/** What a listed id names: one entry, or entries of several providers. */
type Named = PricedModel | SharedModelId;

interface LastMatch {
  made: boolean;
  responseModel: string | undefined;
  requestModel: string | undefined;
  provider: unknown;
  found: ModelMatch<PricedModel> | undefined;
}

export class PricingTable {
  private readonly modelIds: ModelIds<Named>;
  /** The table's `priced_by`: the providers whose entries price the spans of each provider that sets no prices of its own. */
  private readonly pricedBy: ReadonlyMap<string, readonly string[]>;
  /** The table's `caches`: how each provider's prompt cache behaves, for the cache insights, and what their recommendations mean. */
  readonly caches: ProviderCaches;
  /**
   * The last match and what it was asked: an application calls few models, so most spans skip the
   * lookups. A match depends on nothing else (the table does not change).
   */
  private readonly lastMatch: LastMatch = { made: false, responseModel: undefined, requestModel: undefined, provider: undefined, found: undefined };

  /** `override`, if given, has passed the schema once merged ({@link withShippedEntries}). */
  constructor(shipped: PricingFile, override?: PricingFile) {
    const listed = new Map<string, Named | 'unpriced'>();
    const byEntryId = new Map<string, PricedModel>();
    const overridden = new Set(override?.entries.map((entry) => entry.id));
    const toolFees = mergedToolFees(shipped.tool_fees, override?.tool_fees);
    // The override's ids first: an id it lists is its own, whatever the shipped table says of it.
    if (override !== undefined) {
      addUnpriced(listed, override);
      addEntries(listed, byEntryId, withShippedEntries(shipped, override), toolFees, new Set());
    }
    const overrideIds = new Set(override?.entries.flatMap((entry) => [entry.id, ...entry.match].map(lowerCase)));
    addEntries(listed, byEntryId, { ...shipped, entries: shipped.entries.filter((entry) => !overridden.has(entry.id)) }, toolFees, overrideIds);
    addUnpriced(listed, shipped);
    const aliases = new Map<string, PricedModel>();
    for (const [alias, entryId] of Object.entries({ ...shipped.aliases, ...override?.aliases })) {
      const entry = byEntryId.get(entryId);
      if (entry === undefined) throw new Error(`alias "${alias}": no entry has the id "${entryId}"`);
      aliases.set(lowerCase(alias), entry);
    }
    this.modelIds = new ModelIds(listed, aliases);
    this.pricedBy = pricedByOf({ ...shipped.priced_by, ...override?.priced_by }, byEntryId);
    this.caches = new ProviderCaches(shipped, override);
  }

  /**
   * The model `modelId` names by itself, or `undefined` when the table does not price it, or names
   * models of several providers with it (only a span's provider tells which: {@link match}).
   */
  resolve(modelId: string): PricedModel | undefined {
    const found = this.modelIds.resolve(modelId)?.entry;
    return found === 'unpriced' || found instanceof SharedModelId ? undefined : found;
  }

  /**
   * The model that prices a call whose span names these models, by the rules of
   * src/pricing/model-ids.ts, when its entry may price a span of `provider` (the span's
   * `gen_ai.provider.name`, {@link pricesSpansOf}).
   */
  match(responseModel: string | undefined, requestModel: string | undefined, provider?: unknown): ModelMatch<PricedModel> | undefined {
    const last = this.lastMatch;
    if (last.made && responseModel === last.responseModel && requestModel === last.requestModel && provider === last.provider) return last.found;
    const found = this.modelIds.match(responseModel, requestModel);
    last.made = true;
    last.responseModel = responseModel;
    last.requestModel = requestModel;
    last.provider = provider;
    last.found = found === undefined ? undefined : this.forProvider(found, provider);
    return last.found;
  }

  /**
   * `found` when its entry may price a span of `provider`, else `undefined`: an entry prices the
   * spans of its own provider and of those whose `priced_by` names it, so that a look-alike id
   * served by another provider never borrows its price. A span naming no provider (another
   * producer's) is priced by any entry, and so is an id the user's `aliases` name. An id that
   * names entries of several providers prices a span of one of them by that provider's entry, a
   * span of a provider whose `priced_by` names exactly one of them by that one, and no other span.
   */
  private forProvider(found: ModelMatch<Named>, provider: unknown): ModelMatch<PricedModel> | undefined {
    const named = found.entry;
    if (!(named instanceof SharedModelId)) {
      if (typeof provider !== 'string' || found.rule === 'alias') return found as ModelMatch<PricedModel>;
      const spanProvider = provider.toLowerCase();
      const priced = named.provider === spanProvider || (this.pricedBy.get(spanProvider)?.includes(named.provider) ?? false);
      return priced ? (found as ModelMatch<PricedModel>) : undefined;
    }
    if (typeof provider !== 'string') return undefined;
    const spanProvider = provider.toLowerCase();
    const own = named.byProvider.get(spanProvider);
    const byPriceMakers = (this.pricedBy.get(spanProvider) ?? []).flatMap((priceMaker) => named.byProvider.get(priceMaker) ?? []);
    const entry = own ?? (byPriceMakers.length === 1 ? byPriceMakers[0] : undefined);
    return entry === undefined ? undefined : { entry, rule: found.rule, bedrockProfile: found.bedrockProfile };
  }
}

/** The table's `priced_by` as a map; a provider it names that no entry has is refused, as an alias naming no entry is. */
function pricedByOf(rows: Readonly<Record<string, readonly string[]>>, byEntryId: ReadonlyMap<string, PricedModel>): ReadonlyMap<string, readonly string[]> {
  const entryProviders = new Set([...byEntryId.values()].map((entry) => entry.provider));
  for (const [provider, priceMakers] of Object.entries(rows)) {
    const unknown = priceMakers.find((priceMaker) => !entryProviders.has(priceMaker));
    if (unknown !== undefined) throw new Error(`priced_by "${provider}": no entry has the provider "${unknown}"`);
  }
  return new Map(Object.entries(rows));
}

/** `override` with each of its entries merged into the shipped entry of the same id, if any ({@link mergedEntry}). */
export function withShippedEntries(shipped: PricingFile, override: PricingFile): PricingFile {
  const shippedEntries = new Map(shipped.entries.map((entry) => [entry.id, entry]));
  return {
    ...override,
    tool_fees: mergedToolFees(shipped.tool_fees, override.tool_fees),
    entries: override.entries.map((entry) => {
      const shippedEntry = shippedEntries.get(entry.id);
      return shippedEntry === undefined ? entry : mergedEntry(shippedEntry, entry);
    }),
  };
}

const lowerCase = (id: string) => id.toLowerCase();

type ProviderToolFees = Readonly<Record<string, ToolFees>>;

/** The providers' tool fees of `shipped` with those of `override` on them, provider by provider and tool by tool. */
function mergedToolFees(shipped: ProviderToolFees | undefined, override: ProviderToolFees | undefined): ProviderToolFees {
  const merged: Record<string, ToolFees> = { ...shipped };
  for (const [provider, fees] of Object.entries(override ?? {})) merged[provider] = { ...merged[provider], ...fees };
  return merged;
}

/**
 * Adds to `listed` every id each entry of `table` names (its `match` and its own id), except the
 * ids `skip` holds (lower-cased, as all of them). An id the entries of several providers match
 * names each for its provider's spans ({@link SharedModelId}). Throws when two entries of the
 * table share an id, or two entries of one provider match one model id: which one prices a span
 * would then depend on their order. An entry's own id names it unless another entry matches it.
 */
function addEntries(
  listed: Map<string, Named | 'unpriced'>,
  byEntryId: Map<string, PricedModel>,
  table: PricingFile,
  toolFees: ProviderToolFees,
  skip: ReadonlySet<string>,
): void {
  const namedBy = new Map<string, Map<string, PricedModel>>();
  const entryIds = new Set<string>();
  const models = table.entries.map((entry) => {
    if (entryIds.has(entry.id)) throw new Error(`two entries have the id "${entry.id}"`);
    entryIds.add(entry.id);
    const model = pricedModel(entry, table.version, toolFees);
    byEntryId.set(entry.id, model);
    for (const modelId of new Set(entry.match.map(lowerCase))) {
      const byProvider = namedBy.get(modelId) ?? new Map<string, PricedModel>();
      const other = byProvider.get(model.provider);
      if (other !== undefined) throw new Error(`entries "${other.id}" and "${entry.id}" both match "${modelId}"`);
      namedBy.set(modelId, byProvider.set(model.provider, model));
    }
    return model;
  });
  for (const [modelId, byProvider] of namedBy) {
    if (skip.has(modelId) || listed.has(modelId)) continue;
    listed.set(modelId, byProvider.size === 1 ? (byProvider.values().next().value as PricedModel) : new SharedModelId(byProvider));
  }
  for (const model of models) {
    const id = lowerCase(model.id);
    if (!skip.has(id) && !listed.has(id) && !namedBy.has(id)) listed.set(id, model);
  }
}

function addUnpriced(listed: Map<string, Named | 'unpriced'>, table: PricingFile): void {
  for (const group of table.unpriced ?? []) {
    for (const modelId of group.models.map(lowerCase)) if (!listed.has(modelId)) listed.set(modelId, 'unpriced');
  }
}

/**
 * `shipped` with `override` on it, field by field: an object field merges key by key (a price,
 * a service tier, the source's URL), `match` adds the override's ids to the shipped ones (so that
 * overriding one price keeps every dated and platform id), `modifiers` merge by kind and value,
 * and any other field (`long_context`, a number, a string) is the override's when it gives one.
 */
export function mergedEntry(shipped: PricingEntry, override: Partial<PricingEntry>): PricingEntry {
  const merged = mergedObject(shipped, override) as unknown as Record<string, unknown>;
  merged['match'] = [...new Set([...shipped.match, ...(override.match ?? [])])];
  // A tool's fee is the override's whole: a fee in place of a reason, or the other way round.
  if (override.tool_fees !== undefined) merged['tool_fees'] = { ...shipped.tool_fees, ...override.tool_fees };
  if (override.modifiers !== undefined) {
    const key = (modifier: { kind: string; value: string }) => `${modifier.kind}:${modifier.value}`;
    const byKey = new Map([...(shipped.modifiers ?? []), ...override.modifiers].map((modifier) => [key(modifier), modifier]));
    merged['modifiers'] = [...byKey.values()];
  }
  return merged as unknown as PricingEntry;
}

function mergedObject(base: object, over: object): object {
  const merged: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(over)) {
    const under = merged[field];
    merged[field] = isPlainObject(under) && isPlainObject(value) ? mergedObject(under, value) : value;
  }
  return merged;
}

const isPlainObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a span is priced with, from `entry`. Throws, naming the entry and the field, on a price that is not an exact decimal. */
function pricedModel(entry: PricingEntry, tableVersion: string, providerToolFees: ProviderToolFees): PricedModel {
  const exact = (value: number, field: string) => {
    const decimal = decimalOf(value);
    if (decimal === undefined) throw new Error(`entry "${entry.id}": ${field} (${value}) has more decimal places than a price may have`);
    return decimal;
  };
  const audioSecond = entry.usd_per_audio_second === undefined ? undefined : perMillion(exact(entry.usd_per_audio_second, '/usd_per_audio_second'));
  const sheet = (prices: TokenPrices, field: string) => {
    if (prices.cache_write_1h !== undefined && prices.cache_write_12h !== undefined) {
      throw new Error(`entry "${entry.id}": ${field} gives both cache_write_1h and cache_write_12h, where a provider has one longer write lifetime (Anthropic's 1 hour, OpenAI's 12 hours)`);
    }
    return priceSheet(prices, field, exact, audioSecond);
  };
  const instant = (text: string, field: string) => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new Error(`entry "${entry.id}": ${field} (${text}) is not a time`);
    return ms;
  };
  const modifierKeys = (entry.modifiers ?? []).map((modifier) => `${modifier.kind}:${modifier.value}`);
  const twice = modifierKeys.find((key, index) => modifierKeys.indexOf(key) !== index);
  if (twice !== undefined) throw new Error(`entry "${entry.id}": /modifiers lists ${twice} twice`);
  return {
    id: entry.id,
    provider: entry.provider,
    tableVersion,
    prices: entry.usd_per_million_tokens,
    sheet: sheet(entry.usd_per_million_tokens, '/usd_per_million_tokens'),
    earlierSheets: (entry.earlier_prices ?? [])
      .map((period, index) => ({ until: period.until, untilMs: instant(period.until, `/earlier_prices/${index}/until`), sheet: sheet(period.usd_per_million_tokens, `/earlier_prices/${index}/usd_per_million_tokens`) }))
      .sort((a, b) => a.untilMs - b.untilMs),
    longContextTiers: (entry.long_context ?? [])
      .map((tier, index) => ({
        aboveInputTokens: tier.above_input_tokens,
        sheet: tier.usd_per_million_tokens === undefined ? undefined : sheet(tier.usd_per_million_tokens, `/long_context/${index}/usd_per_million_tokens`),
      }))
      .sort((a, b) => b.aboveInputTokens - a.aboveInputTokens),
    serviceTierMultipliers: new Map(
      Object.entries(entry.service_tier_multipliers).map(([tier, multiplier]) => [tier, exact(multiplier, `/service_tier_multipliers/${tier}`)]),
    ),
    serviceTierSheets: new Map(
      Object.entries(entry.service_tier_prices ?? {}).map(([tier, prices]) => [tier, sheet(prices.usd_per_million_tokens, `/service_tier_prices/${tier}/usd_per_million_tokens`)]),
    ),
    modifiers: new Map(
      (entry.modifiers ?? []).map((modifier, index) => [`${modifier.kind}:${modifier.value}`, exact(modifier.multiplier, `/modifiers/${index}/multiplier`)]),
    ),
    peakHours:
      entry.peak_hours === undefined
        ? undefined
        : peakWindows(entry.peak_hours, exact(entry.peak_hours.multiplier, '/peak_hours/multiplier'), `entry "${entry.id}": /peak_hours`),
    callFee: entry.usd_per_call === undefined ? undefined : exact(entry.usd_per_call, '/usd_per_call'),
    toolFees: new Map(
      Object.entries({ ...providerToolFees[entry.provider], ...entry.tool_fees }).flatMap(([tool, fee]) =>
        fee?.usd_per_use === undefined
          ? []
          : [[tool, { fee: exact(fee.usd_per_use, `/tool_fees/${tool}/usd_per_use`), perCall: fee.per === 'call', freeAllowance: fee.free_allowance !== undefined }] as const],
      ),
    ),
    minCacheablePrefixTokens: entry.min_cacheable_prefix_tokens,
    cacheStoragePerHour:
      entry.usd_per_million_tokens.cache_storage_per_hour === undefined
        ? undefined
        : exact(entry.usd_per_million_tokens.cache_storage_per_hour, '/usd_per_million_tokens/cache_storage_per_hour'),
  };
}

/** `price` × 10^6, exactly: a price of one unit restated per million units, as the token prices are. */
function perMillion(price: Decimal): Decimal {
  return price.scale >= 6 ? { units: price.units, scale: price.scale - 6 } : { units: atScale(price, 6), scale: 0 };
}

/** The sheet of `prices`, and of `audioSecond`, the entry's price of a million seconds of input audio. */
function priceSheet(prices: TokenPrices, field: string, exact: (value: number, field: string) => Decimal, audioSecond: Decimal | undefined): PriceSheet {
  const read = (name: keyof TokenPrices) => {
    const value = prices[name];
    return value === undefined ? undefined : exact(value, `${field}/${name}`);
  };
  const decimals = {
    input: read('input')!,
    output: read('output')!,
    cacheRead: read('cache_read'),
    cacheWrite: read('cache_write'),
    // The provider's longer write lifetime: Anthropic's 1 hour or OpenAI's 12 hours (pricedModel refuses both).
    cacheWrite1h: read('cache_write_1h') ?? read('cache_write_12h'),
    audioInput: read('audio_input'),
    audioCacheRead: read('audio_cache_read'),
    audioOutput: read('audio_output'),
    imageInput: read('image_input'),
    imageCacheRead: read('image_cache_read'),
    imageOutput: read('image_output'),
    audioSecond,
  };
  const scale = Math.max(...Object.values(decimals).map((decimal) => decimal?.scale ?? 0));
  const at = (decimal: Decimal | undefined) => (decimal === undefined ? undefined : atScale(decimal, scale));
  const units = {
    input: at(decimals.input)!,
    output: at(decimals.output)!,
    cacheRead: at(decimals.cacheRead),
    cacheWrite: at(decimals.cacheWrite),
    cacheWrite1h: at(decimals.cacheWrite1h),
    audioInput: at(decimals.audioInput),
    audioCacheRead: at(decimals.audioCacheRead),
    audioOutput: at(decimals.audioOutput),
    imageInput: at(decimals.imageInput),
    imageCacheRead: at(decimals.imageCacheRead),
    imageOutput: at(decimals.imageOutput),
    audioSecond: at(decimals.audioSecond),
  };
  return { scale, ...units, floats: floatPrices(units) };
}

/** `units` as exact floats (0 for a price not given), or `undefined` when one is too large to be exact. */
function floatPrices(units: Omit<PriceSheet, 'scale' | 'floats'>): FloatPrices | undefined {
  const floats = {
    input: Number(units.input),
    output: Number(units.output),
    cacheRead: Number(units.cacheRead ?? 0n),
    cacheWrite: Number(units.cacheWrite ?? 0n),
    cacheWrite1h: Number(units.cacheWrite1h ?? 0n),
    audioInput: Number(units.audioInput ?? 0n),
    audioCacheRead: Number(units.audioCacheRead ?? 0n),
    audioOutput: Number(units.audioOutput ?? 0n),
    imageInput: Number(units.imageInput ?? 0n),
    imageCacheRead: Number(units.imageCacheRead ?? 0n),
    imageOutput: Number(units.imageOutput ?? 0n),
    audioSecond: Number(units.audioSecond ?? 0n),
  };
  return Object.values(floats).every((value) => Number.isSafeInteger(value)) ? floats : undefined;
}

/**
 * The table a processor prices with: the shipped table, overridden by `override` (a table, or
 * the path of a file holding one) when it is given, else by the file OTEL_LLM_OBSERVER_PRICING_FILE
 * names. The override must pass the schema whole: an override given in code that does not throws,
 * an error met when the application starts; one the environment names is refused with a diag
 * error, as telemetry settings must not stop an application, and the shipped table stays in force.
 */
export function loadPricingTable(override: PricingFile | string | undefined): PricingTable {
  const shipped = shippedTable();
  if (override !== undefined) return tableWithOverride(shipped, override);
  const file = pricingFileFromEnv();
  if (file === undefined) return new PricingTable(shipped);
  return (
    guard(`${PRICING_FILE_ENV} (the shipped pricing table stays in force)`, tableWithOverride, shipped, file) ??
    new PricingTable(shipped)
  );
}

let shippedFile: PricingFile | undefined;

/** The shipped table, read once. The package's tests check it against the schema, so it is not checked here. */
function shippedTable(): PricingFile {
  shippedFile ??= JSON.parse(readFileSync(join(packageRoot(), 'data', 'pricing_v1.json'), 'utf8')) as PricingFile;
  return shippedFile;
}

/**
 * The folder of the installed package: the nearest folder up from this module that holds
 * data/pricing_v1.json. This module is src/pricing/ under the tests and part of dist/cjs/observer.js
 * once built, so the depth differs. `__dirname` is there in both: the build is CommonJS (the ESM
 * entry point re-exports it), and the test runner provides it to the sources.
 */
function packageRoot(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'data', 'pricing_v1.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`data/pricing_v1.json not found above ${__dirname}`);
  }
}

/** The shipped table with `override` on it, or an error naming what is wrong with the override. */
function tableWithOverride(shipped: PricingFile, override: PricingFile | string): PricingTable {
  const origin = typeof override === 'string' ? `pricing override ${resolve(override)}` : 'pricing override';
  let candidate: unknown;
  try {
    // A copy: the application may change its object later, and the table keeps its entries.
    candidate = typeof override === 'string' ? JSON.parse(readFileSync(resolve(override), 'utf8')) : structuredClone(override);
  } catch (problem) {
    throw new Error(`${origin} cannot be read: ${(problem as Error).message}`, { cause: problem });
  }
  // What is checked is the override as it will price: its entries merged into the shipped ones of the same id.
  const merged = isMergeable(candidate) ? withShippedEntries(shipped, candidate) : candidate;
  const validate = (overrideSchema ??= compileSchema());
  if (!validate(merged)) throw new Error(`${origin} refused: ${describeProblem(validate.errors?.[0], merged)}`);
  try {
    return new PricingTable(shipped, merged);
  } catch (problem) {
    throw new Error(`${origin} refused: ${(problem as Error).message}`, { cause: problem });
  }
}

/** Whether `candidate` has the shape merging needs: entries that are objects, each with a string id. */
function isMergeable(candidate: unknown): candidate is PricingFile {
  const entries = (candidate as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries) && entries.every((entry) => isPlainObject(entry) && typeof (entry as { id?: unknown }).id === 'string');
}

let overrideSchema: ValidateFunction<PricingFile> | undefined;

/**
 * The schema's validator. Ajv is loaded here, not with the package: it takes tens of milliseconds
 * to load, and only an override needs it.
 */
function compileSchema(): ValidateFunction<PricingFile> {
  const { Ajv2020 } = createRequire(__filename)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'data', 'pricing_v1.schema.json'), 'utf8')) as object;
  return new Ajv2020().compile<PricingFile>(schema);
}

/** The schema's complaint, naming the entry it is about: `entry "gpt-4o" (entries[2]): …`. */
function describeProblem(problem: ErrorObject | undefined, candidate: unknown): string {
  if (problem === undefined) return 'it does not match data/pricing_v1.schema.json';
  const extra = typeof problem.params['additionalProperty'] === 'string' ? ` ("${problem.params['additionalProperty']}")` : '';
  const inEntry = /^\/entries\/(\d+)(.*)$/.exec(problem.instancePath);
  if (inEntry === null) return `${problem.instancePath || 'the table'} ${problem.message ?? 'is not valid'}${extra}`;
  const index = Number(inEntry[1]);
  const id = (candidate as { entries: { id?: unknown }[] }).entries[index]?.id;
  const entry = typeof id === 'string' ? `entry "${id}" (entries[${index}])` : `entries[${index}]`;
  return `${entry}: ${inEntry[2] || 'the entry'} ${problem.message ?? 'is not valid'}${extra}`;
}
