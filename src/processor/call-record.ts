import type { Attributes, HrTime } from '@opentelemetry/api';
import type { CallConditions } from '../pricing/cost.js';
import { TokenUsage, usageNamesOf, type UsageNames } from './usage.js';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD,
  ATTR_LLM_OBSERVER_COST_TOTAL_USD,
  ATTR_LLM_OBSERVER_COST_UNPRICED_REASON,
  ATTR_LLM_OBSERVER_PREFIX_ESTIMATED_TOKENS,
  ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT,
  ATTR_LLM_OBSERVER_PRICING_ENTRY,
} from '../semconv.js';

/** What the insights and the report read of a span, in the SDK of either OpenTelemetry JS line. */
export interface CallSpan {
  readonly attributes: Attributes;
  readonly instrumentationScope?: { readonly name: string };
  readonly startTime: HrTime;
  /** Set once the span has ended, before any processor hears of the end. */
  readonly duration: HrTime;
}

/**
 * Whether the span is of a GenAI call: it names an operation or a provider, as the conventions'
 * spans do from their start, or the pricer found a usage or model on it (older producers' spans).
 */
export function isCallSpan(attributes: Attributes): boolean {
  return (
    attributes[ATTR_GEN_AI_OPERATION_NAME] !== undefined ||
    attributes[ATTR_GEN_AI_PROVIDER_NAME] !== undefined ||
    attributes[ATTR_LLM_OBSERVER_COST_TOTAL_USD] !== undefined ||
    attributes[ATTR_LLM_OBSERVER_COST_UNPRICED_REASON] !== undefined
  );
}

/** The model id a span names: the response's, else the request's, as the pricer matches it. */
export function modelIdOf(attributes: Attributes): string | undefined {
  const modelId = attributes[ATTR_GEN_AI_RESPONSE_MODEL] ?? attributes[ATTR_GEN_AI_REQUEST_MODEL];
  return typeof modelId === 'string' ? modelId : undefined;
}

const hrTimeMs = ([seconds, nanos]: HrTime) => seconds * 1000 + nanos / 1e6;

/**
 * One ended GenAI call, read off its span after the cost processor priced it: its provider and
 * model, its usage, its cost (as the pricer wrote it on the span), the conditions it was priced
 * under (as the pricer read them) and its prefix fingerprint. One instance is reused for every span.
 */
export class EndedCall {
  attributes: Attributes = {};
  provider: string | undefined;
  modelId: string | undefined;
  /** The pricing-table entry that priced the call; `undefined` when it is unpriced. */
  pricingEntry: string | undefined;
  /** The service tier and other conditions the pricer priced the call under; `undefined` when it is unpriced. */
  conditions: CallConditions | undefined;
  costUsd: number | undefined;
  cacheSavingsUsd: number | undefined;
  readonly usage = new TokenUsage();
  /** Whether the span carries a usage that reads without contradiction. */
  hasUsage = false;
  /**
   * Whether the span carries its cache-read and cache-write counts, zero or not. Some producers
   * leave a zero count out, so a missing count is unknown, never zero.
   */
  cacheReadsKnown = false;
  cacheWritesKnown = false;
  startedAtMs = 0;
  durationS = 0;
  prefixFingerprint: string | undefined;
  prefixEstimatedTokens = 0;

  /** `conditions`: those the pricer priced the span's call under, when it did. */
  read(span: CallSpan, conditions?: CallConditions): void {
    const attributes = span.attributes;
    this.attributes = attributes;
    const provider = attributes[ATTR_GEN_AI_PROVIDER_NAME];
    this.provider = typeof provider === 'string' ? provider : undefined;
    this.modelId = modelIdOf(attributes);
    const entry = attributes[ATTR_LLM_OBSERVER_PRICING_ENTRY];
    this.pricingEntry = typeof entry === 'string' ? entry : undefined;
    this.conditions = conditions;
    this.costUsd = numberOrUndefined(attributes[ATTR_LLM_OBSERVER_COST_TOTAL_USD]);
    this.cacheSavingsUsd = numberOrUndefined(attributes[ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD]);
    const names = usageNamesOf(attributes, span.instrumentationScope?.name);
    this.hasUsage = names !== undefined && this.usage.read(attributes, names);
    this.cacheReadsKnown = names !== undefined && attributes[names.cacheRead] !== undefined;
    this.cacheWritesKnown = names !== undefined && carriesCacheWrites(attributes, names);
    this.startedAtMs = hrTimeMs(span.startTime);
    this.durationS = hrTimeMs(span.duration) / 1000;
    const fingerprint = attributes[ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT];
    const estimatedTokens = attributes[ATTR_LLM_OBSERVER_PREFIX_ESTIMATED_TOKENS];
    this.prefixFingerprint = typeof fingerprint === 'string' && typeof estimatedTokens === 'number' ? fingerprint : undefined;
    this.prefixEstimatedTokens = typeof estimatedTokens === 'number' ? estimatedTokens : 0;
  }

  /** The tokens the call read from the cache and wrote to it, at either lifetime. */
  get cacheTokens(): number {
    return this.usage.cacheReadTokens + this.cacheWriteTokens;
  }

  get cacheWriteTokens(): number {
    return this.usage.cacheWriteTokens + this.usage.cacheWrite1hTokens;
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function carriesCacheWrites(attributes: Attributes, names: UsageNames): boolean {
  for (const name of names.cacheWrite) {
    if (attributes[name] !== undefined) return true;
  }
  const { cacheWrite5m: shortWrites, cacheWrite1h: longWrites } = names;
  return (shortWrites !== undefined && attributes[shortWrites] !== undefined) || (longWrites !== undefined && attributes[longWrites] !== undefined);
}
