import type { AttributeValue, Attributes, HrTime } from '@opentelemetry/api';
import { CallConditions } from '../pricing/cost.js';
import type { PricedModel } from '../pricing/pricing-table.js';
import { TokenUsage } from '../pricing/token-usage.js';
import {
  ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_BREAKPOINTS,
  ATTR_ANTHROPIC_REQUEST_INFERENCE_GEO,
  ATTR_ANTHROPIC_REQUEST_SPEED,
  ATTR_ANTHROPIC_RESPONSE_INFERENCE_GEO,
  ATTR_ANTHROPIC_RESPONSE_SERVICE_TIER,
  ATTR_ANTHROPIC_RESPONSE_SPEED,
  ATTR_AWS_BEDROCK_RESPONSE_SERVICE_TIER,
  ATTR_ERROR_TYPE,
  ATTR_GEMINI_RESPONSE_SERVICE_TIER,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_LLM_OBSERVER_CACHE_STORAGE_SECONDS,
  ATTR_LLM_OBSERVER_CACHE_STORAGE_TOKENS,
  ATTR_LLM_OBSERVER_CALL_OUTCOME,
  ATTR_LLM_OBSERVER_CALL_REQUESTS,
  ATTR_LLM_OBSERVER_PREFIX_ESTIMATED_TOKENS,
  ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT,
  ATTR_OPENAI_REQUEST_SERVICE_TIER,
  ATTR_OPENAI_REQUEST_WEB_SEARCH_TOOL,
  ATTR_OPENAI_RESPONSE_SERVICE_TIER,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  type UnpricedReason,
} from '../semconv.js';
import { providerNamed, readTokenUsage, usageNamesOf, type UsageNames, type UsageReading } from './usage.js';

/**
 * The processor's wing reads each ended span once, here, into a call record; the cost, the cache
 * insights, the report and the metrics then read the record, never the span.
 *
 * Terms: the "call" is the API call the span stands for, whoever made the span (this package's
 * instrumentations, @anthropic-ai/sdk's own tracing, other producers: ./usage.ts says how each
 * writes its usage). The record is filled in two steps: `read` takes what the span says; the
 * pricer (./cost/call-pricer.ts) then adds what the call cost, and the entry that priced it.
 */

/** What the processor reads of a span, in the SDK of either OpenTelemetry JS line. */
export interface CallSpan {
  readonly attributes: Attributes;
  readonly instrumentationScope?: { readonly name: string };
  readonly startTime: HrTime;
  /** Set once the span has ended, before any processor hears of the end. */
  readonly duration: HrTime;
}

/** Where the processor writes a call's cost and insights: its span while it can take attributes, else its ended span's attributes. */
export interface AttributeTarget {
  setAttribute(key: string, value: AttributeValue): unknown;
}

/**
 * Whether a span just started, whose `gen_ai.provider.name` is `provider` (read by the caller, who
 * needs it too), is of a GenAI call: it names a provider or an operation, as the conventions' spans
 * do from their start.
 */
export function isCallSpanAtStart(attributes: Attributes, provider: AttributeValue | undefined): boolean {
  return provider !== undefined || attributes[ATTR_GEN_AI_OPERATION_NAME] !== undefined;
}

/** The model id a span names in the conventions' words: the response's, else the request's. */
export function modelIdOf(attributes: Attributes): string | undefined {
  return stringOrUndefined(attributes[ATTR_GEN_AI_RESPONSE_MODEL] ?? attributes[ATTR_GEN_AI_REQUEST_MODEL]);
}

/**
 * The conditions of the call a span stands for: those most calls need, read with the span; those
 * few need (the requests a call sums, the web search tool), read from the span when the pricer asks.
 */
class SpanConditions extends CallConditions {
  /** The attributes of the span being read. */
  attributes: Attributes | undefined;

  override get requests(): unknown {
    return this.attributes?.[ATTR_LLM_OBSERVER_CALL_REQUESTS];
  }

  override get webSearchTool(): unknown {
    return this.attributes?.[ATTR_OPENAI_REQUEST_WEB_SEARCH_TOOL];
  }
}

/** By index: array destructuring runs the iterator protocol until V8 optimizes the caller. */
const hrTimeMs = (time: HrTime) => time[0] * 1000 + time[1] / 1e6;

/**
 * The provider whose prices apply to the spans of an OpenAI or Anthropic client pointed at a host
 * that is not its API's and that no producer knew (a LiteLLM proxy, Portkey, Cloudflare's AI
 * Gateway, a gateway of the company's own, a local server, DeepSeek's Anthropic API; the SDKs'
 * instrumentations name them `openai` or `anthropic`): the table's `priced_by` row of that name
 * prices them at the list price of the model's maker, the provider's own models as before, never
 * at a host's price for an open-weight model, which a self-hosted server may serve under the same
 * id (docs/cost.md).
 */
const GATEWAY = 'gateway';

/** The providers whose SDKs are pointed at other hosts, each with the suffix its API's hosts end with (`api.openai.com`, its data residency regions'). */
const OWN_HOST_SUFFIXES: ReadonlyMap<unknown, string> = new Map([
  ['openai', '.openai.com'],
  ['anthropic', '.anthropic.com'],
]);

/**
 * What OpenAI's data residency endpoints' hosts end with: each is a region's label before
 * `api.openai.com` (`eu.api.openai.com`, `jp.api.openai.com`: the `openai` SDK's `dataResidency`
 * option, and the per-request regional processing of a global project). OpenAI bills their calls
 * of the models it released from March 5, 2026 on 10 % over the list price: the `data_residency`
 * modifier `regional` of those entries (docs/cost.md).
 */
const OPENAI_REGIONAL_HOST_SUFFIX = `.api${OWN_HOST_SUFFIXES.get('openai') as string}`;

/**
 * Where a span of `provider` at `address` (its `server.address`) was served, against its provider's
 * own API hosts: `gateway`, a host that is not its provider's API; `regional`, one of OpenAI's data
 * residency endpoints; `undefined`, its provider's API, or a provider no table here names.
 */
function hostKindOf(provider: string | undefined, address: AttributeValue | undefined): 'gateway' | 'regional' | undefined {
  const suffix = OWN_HOST_SUFFIXES.get(provider);
  if (suffix === undefined || typeof address !== 'string' || address === '') return undefined;
  if (!address.endsWith(suffix)) return address === suffix.slice(1) ? undefined : 'gateway';
  return provider === 'openai' && address.endsWith(OPENAI_REGIONAL_HOST_SUFFIX) ? 'regional' : undefined;
}

/** One ended GenAI call, as its span told it and as the pricer priced it. One instance is reused for every span. */
export class CallRecord implements UsageReading {
  /** How the span writes its usage; `undefined` when it carries no input token count. */
  names: UsageNames | undefined;
  /**
   * `gen_ai.provider.name`, as the span has it; for a producer that names the provider its own way
   * (OpenInference's `llm.provider`, the AI SDK's `gen_ai.system`), that name in the conventions'
   * words. The report, the metrics and the insights group the call under it.
   */
  provider: string | undefined;
  /**
   * The provider in the conventions' words, as the producer's own names map to them (the
   * conventions' own attribute for a span without usage): the provider whose prices apply.
   */
  pricingProvider: string | undefined;
  /** The model id in the conventions' attributes, the response's, else the request's; else in the producer's own (OpenInference's `llm.model_name`). */
  modelId: string | undefined;
  /** The model ids in the producer's own attributes (the conventions' for a span without usage), which the pricer matches. */
  responseModel: string | undefined;
  requestModel: string | undefined;
  /** Whether the span names a model in the conventions' attributes, usage or not. */
  namesModel = false;
  readonly usage = new TokenUsage();
  /** Whether the span carries a usage that reads without contradiction. */
  hasUsage = false;
  /** Whether the span counts tokens: a call billed by the duration of its audio (whisper-1) counts none, and has `usage.audioSeconds`. */
  tokensKnown = false;
  /**
   * Whether the span carries its cache-read and cache-write counts, zero or not. Some producers
   * leave a zero count out, so a missing count is unknown, never zero.
   */
  cacheReadsKnown = false;
  cacheWritesKnown = false;
  /** The cache breakpoints the request placed itself, where the provider lets the app place them; `undefined` when the span does not say. */
  cacheBreakpoints: number | undefined;
  /**
   * The tokens an explicit cache holds and the seconds it is kept from this call on, where the call
   * created or extended one (Gemini's `caches.create` / `update`): the call costs their storage.
   * The seconds are read only beside the tokens: they price nothing alone.
   */
  cacheStorageTokens: number | undefined;
  cacheStorageSeconds: number | undefined;
  /** The service tier and other conditions that change the call's prices; the pricer adds the Bedrock profile. */
  readonly conditions = new SpanConditions();
  /** `llm_observer.call.outcome`, where this package's instrumentation ended the span. */
  outcome: unknown;
  prefixFingerprint: string | undefined;
  prefixEstimatedTokens = 0;
  startedAtMs = 0;
  durationS = 0;
  scope: string | undefined;
  /** The conventions' attributes of the call that its metrics carry. */
  operationName: AttributeValue | undefined;
  requestModelAttribute: AttributeValue | undefined;
  responseModelAttribute: AttributeValue | undefined;
  serverAddress: AttributeValue | undefined;
  serverPort: AttributeValue | undefined;
  errorType: AttributeValue | undefined;

  /** The pricing-table entry that priced the call; `undefined` when it is unpriced. */
  model: PricedModel | undefined;
  costUsd: number | undefined;
  cacheSavingsUsd: number | undefined;
  /** The part of `costUsd` that keeps an explicit cache. */
  cacheStorageUsd: number | undefined;
  /** Why the call has no cost, when the pricer found a usage or a model and could not price it. */
  unpricedReason: UnpricedReason | undefined;

  /** Reads what `span` says of its call; the pricing starts empty. Returns `true`. */
  read(span: CallSpan): true {
    const attributes = span.attributes;
    const scope = span.instrumentationScope?.name;
    const names = usageNamesOf(attributes, scope);
    this.names = names;
    this.scope = scope;
    // Each attribute is looked up once (a lookup in a span's attributes is a dictionary's, and this
    // runs for every span): a producer's name that is the conventions' reuses the value read.
    const conventionsProvider = attributes[ATTR_GEN_AI_PROVIDER_NAME];
    this.operationName = attributes[ATTR_GEN_AI_OPERATION_NAME];
    const requestModel = (this.requestModelAttribute = attributes[ATTR_GEN_AI_REQUEST_MODEL]);
    const responseModel = (this.responseModelAttribute = attributes[ATTR_GEN_AI_RESPONSE_MODEL]);
    if (names === undefined) {
      this.pricingProvider = stringOrUndefined(conventionsProvider);
      this.responseModel = stringOrUndefined(responseModel);
      this.requestModel = stringOrUndefined(requestModel);
      this.hasUsage = false;
      this.tokensKnown = false;
      this.cacheReadsKnown = false;
      this.cacheWritesKnown = false;
    } else {
      this.pricingProvider = providerNamed(names.provider === ATTR_GEN_AI_PROVIDER_NAME ? conventionsProvider : attributes[names.provider], names);
      this.responseModel = stringOrUndefined(names.responseModel === ATTR_GEN_AI_RESPONSE_MODEL ? responseModel : attributes[names.responseModel]);
      this.requestModel = stringOrUndefined(names.requestModel === ATTR_GEN_AI_REQUEST_MODEL ? requestModel : attributes[names.requestModel]);
      this.hasUsage = readTokenUsage(this, attributes, names);
    }
    const serverAddress = (this.serverAddress = attributes[ATTR_SERVER_ADDRESS]);
    // A producer whose provider names are its own (the AI SDK's) is reported under the name it maps to.
    this.provider = (names?.providerName === undefined ? undefined : this.pricingProvider) ?? stringOrUndefined(conventionsProvider) ?? this.pricingProvider;
    // An OpenAI or Anthropic client of a host that is not its API's, which no producer knew, is priced as a gateway's (and reported as the span names it).
    const hostKind = hostKindOf(this.pricingProvider, serverAddress);
    if (hostKind === 'gateway') this.pricingProvider = GATEWAY;
    this.namesModel = responseModel !== undefined || requestModel !== undefined;
    this.modelId = stringOrUndefined(responseModel ?? requestModel) ?? this.responseModel ?? this.requestModel;
    this.serverPort = attributes[ATTR_SERVER_PORT];
    this.errorType = attributes[ATTR_ERROR_TYPE];
    const breakpoints = attributes[ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_BREAKPOINTS];
    this.cacheBreakpoints = typeof breakpoints === 'number' ? breakpoints : undefined;
    this.cacheStorageTokens = countOrUndefined(attributes[ATTR_LLM_OBSERVER_CACHE_STORAGE_TOKENS]);
    this.cacheStorageSeconds = this.cacheStorageTokens === undefined ? undefined : countOrUndefined(attributes[ATTR_LLM_OBSERVER_CACHE_STORAGE_SECONDS]);
    const conditions = this.conditions;
    // The tier the call ran on, as the response names it; where it names none (a compaction's),
    // the tier the request asked for, but for `auto`, which the server resolves.
    // Bedrock's `default` tier is the list price, which every entry has: no tier to look up.
    const responseTier =
      attributes[ATTR_OPENAI_RESPONSE_SERVICE_TIER] ??
      attributes[ATTR_ANTHROPIC_RESPONSE_SERVICE_TIER] ??
      attributes[ATTR_GEMINI_RESPONSE_SERVICE_TIER] ??
      nonDefault(attributes[ATTR_AWS_BEDROCK_RESPONSE_SERVICE_TIER]);
    const requestTier = responseTier === undefined ? attributes[ATTR_OPENAI_REQUEST_SERVICE_TIER] : undefined;
    conditions.serviceTier = responseTier ?? (requestTier === 'auto' ? undefined : requestTier);
    conditions.speed = attributes[ATTR_ANTHROPIC_RESPONSE_SPEED] ?? attributes[ATTR_ANTHROPIC_REQUEST_SPEED];
    conditions.inferenceGeo = attributes[ATTR_ANTHROPIC_RESPONSE_INFERENCE_GEO] ?? attributes[ATTR_ANTHROPIC_REQUEST_INFERENCE_GEO];
    conditions.bedrockProfile = undefined;
    conditions.dataResidency = hostKind === 'regional' ? hostKind : undefined;
    conditions.attributes = attributes;
    this.outcome = attributes[ATTR_LLM_OBSERVER_CALL_OUTCOME];
    const fingerprint = attributes[ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT];
    const estimatedTokens = attributes[ATTR_LLM_OBSERVER_PREFIX_ESTIMATED_TOKENS];
    this.prefixFingerprint = typeof fingerprint === 'string' && typeof estimatedTokens === 'number' ? fingerprint : undefined;
    this.prefixEstimatedTokens = typeof estimatedTokens === 'number' ? estimatedTokens : 0;
    this.startedAtMs = hrTimeMs(span.startTime);
    conditions.startedAtMs = this.startedAtMs;
    this.durationS = hrTimeMs(span.duration) / 1000;
    this.model = undefined;
    this.costUsd = undefined;
    this.cacheSavingsUsd = undefined;
    this.cacheStorageUsd = undefined;
    this.unpricedReason = undefined;
    return true;
  }

  /**
   * Whether the span is of a GenAI call: it names an operation or a provider, as the conventions'
   * spans do from their start, or the pricer found a usage or model on it (older producers' spans).
   */
  get isCall(): boolean {
    return this.operationName !== undefined || this.provider !== undefined || this.costUsd !== undefined || this.unpricedReason !== undefined;
  }

  /** The tokens the call read from the cache and wrote to it, at either lifetime. */
  get cacheTokens(): number {
    return this.usage.cacheReadTokens + this.cacheWriteTokens;
  }

  get cacheWriteTokens(): number {
    return this.usage.cacheWriteTokens + this.usage.cacheWrite1hTokens;
  }
}

function countOrUndefined(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

function nonDefault(tier: AttributeValue | undefined): AttributeValue | undefined {
  return tier === 'default' ? undefined : tier;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
