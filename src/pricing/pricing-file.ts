import type { OpenAIWebSearchTool } from '../semconv.js';

/**
 * The pricing table as a file holds it: data/pricing_v1.json ships with the package, and an
 * override (the processor's `pricing` option, or the file OTEL_LLM_OBSERVER_PRICING_FILE names)
 * has the same shape. data/pricing_v1.schema.json is the contract; these types follow it, field
 * for field, so the file's own names are used as they are.
 */

/** USD per million tokens. `input` is the price of input tokens neither read from nor written to the cache. */
export interface TokenPrices {
  readonly input: number;
  /** Output tokens, reasoning tokens included. */
  readonly output: number;
  /** A token read from the cache; the input price where the model caches nothing. Absent where the provider publishes none. */
  readonly cache_read?: number;
  /** A write at the cache's default lifetime (Anthropic: 5 minutes; OpenAI, gpt-5.6 on: 30 minutes). Absent where writes are not billed apart. */
  readonly cache_write?: number;
  /** A write to Anthropic's 1-hour cache. */
  readonly cache_write_1h?: number;
  /** A write with OpenAI's 12-hour retention (`prompt_cache_options.ttl: '12h'`, gpt-5.6 on). An entry gives this or `cache_write_1h`, not both: the price of its provider's longer lifetime. */
  readonly cache_write_12h?: number;
  /** An audio token of the input (OpenAI's audio models, Gemini), in place of `input`. Absent where the model has no audio rate. */
  readonly audio_input?: number;
  /** An audio token read from the cache (Gemini, OpenAI's Realtime API), in place of `cache_read`. Absent where the model has no rate of its own for it. */
  readonly audio_cache_read?: number;
  /** An audio token of the output, in place of `output`. */
  readonly audio_output?: number;
  /** An image token of the input (OpenAI's image models), in place of `input`. Absent where the model has no image input rate. */
  readonly image_input?: number;
  /** An image token read from the cache (OpenAI's Realtime API), in place of `cache_read`. Absent where the model has no rate of its own for it. */
  readonly image_cache_read?: number;
  /** An image token of the output (Gemini's image models), in place of `output`. Absent where the model has no image rate. */
  readonly image_output?: number;
  /** Keeping an explicit cache (Gemini's `cachedContents`): per million tokens it holds, per hour it is kept. */
  readonly cache_storage_per_hour?: number;
}

export interface PriceSource {
  /** The provider's pricing page. */
  readonly url: string;
  readonly reference?: string;
  /** The month the prices were read: `YYYY-MM`. */
  readonly as_of: string;
}

/**
 * Rates for the whole request once its input (cache tokens included) is above `above_input_tokens`;
 * `unpriced_reason` instead of prices when the table does not know them.
 */
export interface LongContextTier {
  readonly above_input_tokens: number;
  readonly usd_per_million_tokens?: TokenPrices;
  readonly unpriced_reason?: string;
  readonly source: PriceSource;
}

/**
 * What a call's conditions do to an entry's prices: every price times `multiplier` when the span
 * says the call ran with `kind` = `value` (see {@link ModifierKind}).
 */
export interface PriceModifier {
  readonly kind: ModifierKind;
  readonly value: string;
  readonly multiplier: number;
  readonly source: PriceSource;
}

/**
 * - `speed`: Anthropic's `speed` (`usage.speed`, else the request's), `fast` for fast mode;
 * - `inference_geo`: Anthropic's `inference_geo` (`usage.inference_geo`, else the request's), `us` for US-only inference;
 * - `bedrock_profile`: the kind of Bedrock inference profile the model id names: `geographic`
 *   (`us.`, `eu.`, `apac.`, … prefixes), against `global.`;
 * - `data_residency`: `regional` for a call to one of OpenAI's data residency endpoints
 *   (`eu.api.openai.com`, `us.api.openai.com`, …: the span's `server.address`), against `global`.
 */
export type ModifierKind = 'speed' | 'inference_geo' | 'bedrock_profile' | 'data_residency';

/** Prices of their own for a service tier that the provider does not price by one factor (OpenAI `priority`). */
export interface ServiceTierPrices {
  readonly usd_per_million_tokens: TokenPrices;
  readonly source: PriceSource;
}

/**
 * Windows of the day in which every price is `multiplier` times the list price (DeepSeek V4's
 * peak hours), on a clock `utc_offset` from UTC; each window `[start, end)` as `HH:MM`, on the
 * `days` of the week of that clock (every day when absent).
 */
export interface PeakHours {
  readonly multiplier: number;
  readonly utc_offset: string;
  readonly windows: readonly (readonly [string, string])[];
  readonly days?: readonly Weekday[];
  readonly source: PriceSource;
}

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/** The prices a model had until a change its provider announced. */
export interface EarlierPrices {
  /** When the next prices took effect, UTC: `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly until: string;
  readonly usd_per_million_tokens: TokenPrices;
  readonly source: PriceSource;
}

export interface PricingEntry {
  /** Written on each span the entry prices (`llm_observer.pricing.entry`). */
  readonly id: string;
  readonly provider: string;
  /** Every model id that names this model, matched exactly. */
  readonly match: readonly string[];
  readonly usd_per_million_tokens: TokenPrices;
  /** The prices before the provider's announced changes, for calls that started before each `until`. */
  readonly earlier_prices?: readonly EarlierPrices[];
  readonly long_context?: readonly LongContextTier[];
  /** A factor on every price, by the service tier the response names; the standard tier's name is listed with 1. */
  readonly service_tier_multipliers: Readonly<Record<string, number>>;
  readonly service_tier_prices?: Readonly<Record<string, ServiceTierPrices>>;
  readonly modifiers?: readonly PriceModifier[];
  /** A factor on every current price for a call that started in the provider's peak hours. */
  readonly peak_hours?: PeakHours;
  /** A fee in USD billed on every call besides its tokens (the web search of OpenAI's search-preview models). */
  readonly usd_per_call?: number;
  /**
   * A second of input audio in USD, for a model billed by the duration of its audio (whisper-1,
   * gpt-transcribe: the provider's price per minute / 60), billed on the duration rounded to the
   * nearest second. One price for the entry, in every period and tier.
   */
  readonly usd_per_audio_second?: number;
  /** The fees of the provider's tools on this model, tool by tool, where they are not the provider's ({@link PricingFile.tool_fees}). */
  readonly tool_fees?: ToolFees;
  readonly min_cacheable_prefix_tokens?: number;
  readonly source: PriceSource;
}

/** A tool that a provider runs for a call and bills by the use, besides the tokens: the web search tools, OpenAI's file search, Gemini's grounding with Google Maps. */
export type ToolKind = OpenAIWebSearchTool | 'file_search' | 'google_maps';

/** What one use of a tool costs, in USD (`usd_per_use`), or why the table does not know (`unpriced_reason`). */
export interface ToolFee {
  readonly usd_per_use?: number;
  /** `call`: one fee for a call that used the tool, however often (Gemini 2.5's grounded prompts); `use` (the default): one a use. */
  readonly per?: 'use' | 'call';
  /** The uses the provider bills nothing for before the fee applies, which no span can see: the cost is then an estimate (`tool_free_allowance`). */
  readonly free_allowance?: string;
  readonly unpriced_reason?: string;
  readonly source: PriceSource;
}

export type ToolFees = Readonly<Partial<Record<ToolKind, ToolFee>>>;

/** One provider's prompt cache, as the cache insights need to know it (schema: `$defs/cache`). */
export interface CacheRules {
  readonly hit_window_minutes: number;
  readonly write_ttl_minutes: number;
  readonly long_write_ttl_minutes?: number;
  readonly reports_writes: boolean;
  readonly app_places_breakpoints: boolean;
  readonly recommendations: {
    readonly cache_the_prefix: string;
    readonly stop_unread_writes: string;
    readonly use_long_ttl?: string;
    readonly use_default_ttl?: string;
    readonly unprofitable_storage?: string;
  };
  readonly source: PriceSource;
}

export interface PricingFile {
  /** Written on each span the table prices (`llm_observer.pricing.version`). */
  readonly version: string;
  readonly entries: readonly PricingEntry[];
  /** The user's own names for models (deployment names, say), to the id of the entry that prices them. */
  readonly aliases?: Readonly<Record<string, string>>;
  /**
   * The providers whose entries price the spans of a provider that sets no list prices of its own
   * (a platform, a router, a gateway), by the span's `gen_ai.provider.name`.
   */
  readonly priced_by?: Readonly<Record<string, readonly string[]>>;
  /** The fees of the tools each provider runs for a call and bills by the use (a web search), for every entry of that provider, by `provider`. */
  readonly tool_fees?: Readonly<Record<string, ToolFees>>;
  /** How each provider's prompt cache behaves, for the cache insights, by the span's `gen_ai.provider.name`. */
  readonly caches?: Readonly<Record<string, CacheRules>>;
  /** The platforms whose calls' caches behave as the cache of the provider of the entry the call matched. */
  readonly caches_of_model_makers?: readonly string[];
  /** What each recommendation code means, in one line, for the report. */
  readonly recommendations?: Readonly<Record<string, string>>;
  /** Model ids knowingly left unpriced, with the reason. */
  readonly unpriced?: readonly { readonly models: readonly string[]; readonly reason: string }[];
}
