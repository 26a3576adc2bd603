import type { AttributeValue, Attributes, HrTime } from '@opentelemetry/api';
import { guard } from '../guard.js';
import type { PricingFile } from '../pricing/pricing-file.js';
import type { ModelMatch } from '../pricing/model-ids.js';
import { loadPricingTable, type PricedModel, type PricingTable } from '../pricing/pricing-table.js';
import { callEnded, callStarted, closeLedger, UsageLedger, type UsageReportConfig } from './report/usage-ledger.js';
import type { UsageReport } from './report/usage-report.js';
import {
  ATTR_ANTHROPIC_REQUEST_INFERENCE_GEO,
  ATTR_ANTHROPIC_REQUEST_SPEED,
  ATTR_ANTHROPIC_RESPONSE_INFERENCE_GEO,
  ATTR_ANTHROPIC_RESPONSE_SERVICE_TIER,
  ATTR_ANTHROPIC_RESPONSE_SPEED,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD,
  ATTR_LLM_OBSERVER_COST_CACHE_READ_USD,
  ATTR_LLM_OBSERVER_CALL_OUTCOME,
  ATTR_LLM_OBSERVER_COST_CACHE_WRITE_USD,
  ATTR_LLM_OBSERVER_COST_ESTIMATE,
  ATTR_LLM_OBSERVER_COST_INPUT_USD,
  ATTR_LLM_OBSERVER_COST_LOWER_BOUND,
  ATTR_LLM_OBSERVER_COST_OUTPUT_USD,
  ATTR_LLM_OBSERVER_COST_TOTAL_USD,
  ATTR_LLM_OBSERVER_COST_UNCACHED_USD,
  ATTR_LLM_OBSERVER_COST_UNPRICED_REASON,
  ATTR_LLM_OBSERVER_PRICING_ENTRY,
  ATTR_LLM_OBSERVER_PRICING_MATCH,
  ATTR_LLM_OBSERVER_PRICING_VERSION,
  ATTR_OPENAI_RESPONSE_SERVICE_TIER,
  type CallOutcome,
  type CostEstimate,
  type PricingMatch,
  type UnpricedReason,
} from '../semconv.js';
import { CallCost, CallPricing } from '../pricing/cost.js';
import { isOuterSpan, providerOf, TokenUsage, usageNamesOf } from './usage.js';

/** `maxTrackedPrefixes` and `printReport` are the cache insights' and the report's (src/report/usage-ledger.ts). */
export interface CostSpanProcessorConfig extends UsageReportConfig {
  /**
   * Prices over the shipped table's: a table in the format of data/pricing_v1.json (see its
   * schema), or the path of a file holding one. An entry with the id of a shipped entry replaces
   * it. Without this option, the file named by OTEL_LLM_OBSERVER_PRICING_FILE, if any. Checked
   * against the schema when the processor is built: this option throws an error naming the bad
   * entry; the variable's file is refused with a diag error, and the shipped table prices alone.
   */
  pricing?: PricingFile | string;
}

/** What the processor reads of a span, in the SDK of either OpenTelemetry JS line. */
interface SpanView {
  readonly attributes: Attributes;
  readonly instrumentationScope?: { readonly name: string };
  readonly startTime: HrTime;
  readonly duration: HrTime;
}

interface AttributeTarget {
  setAttribute(key: string, value: AttributeValue): unknown;
}

/**
 * Adds the cost of the API call to every span that carries GenAI token usage, whoever made the
 * span (this package's instrumentations, @anthropic-ai/sdk's own tracing, other instrumentations:
 * see src/processor/usage.ts), before any exporting processor sees it:
 *
 *   new NodeSDK({ spanProcessors: [new CostSpanProcessor(), new BatchSpanProcessor(exporter)] })
 *
 * It works in `onEnding`, which the SDK calls while the span can still take attributes and before
 * any processor's `onEnd`. On an SDK without `onEnding` (the 1.x line) it writes the attributes
 * into the ended span in `onEnd` instead, which the processors after it in the list then see: list
 * it before the exporting processor.
 *
 * A span that carries usage or names a model but cannot be priced gets
 * `llm_observer.cost.unpriced_reason` and no cost at all: never a guess.
 */
export class CostSpanProcessor {
  private readonly pricer: SpanPricer;
  /** The attributes of the ended span being priced in `onEnd`, written into directly. */
  private readonly endedSpan = new EndedSpanAttributes();
  /** The SDK has called `onEnding`; from then on, `onEnd` leaves spans alone. */
  private sdkCallsOnEnding = false;

  /** The totals, cache insights and metrics of the calls priced: see `getReport()`. */
  private readonly ledger: UsageLedger;

  constructor(config: CostSpanProcessorConfig = {}) {
    const table = loadPricingTable(config.pricing);
    this.pricer = new SpanPricer(table);
    this.ledger = new UsageLedger(table, config);
  }

  onStart(span: SpanView): void {
    if (isOuterSpan(span.attributes, span.instrumentationScope?.name)) return;
    guard('count the call in flight', callStarted, this.ledger, span);
  }

  onEnding(span: SpanView & AttributeTarget): void {
    this.sdkCallsOnEnding = true;
    if (isOuterSpan(span.attributes, span.instrumentationScope?.name)) return;
    const pricing = guard('price span', priceSpan, this.pricer, span, span);
    guard('account for the call', callEnded, this.ledger, span, [span, pricing] as const);
  }

  onEnd(span: SpanView): void {
    if (this.sdkCallsOnEnding || isOuterSpan(span.attributes, span.instrumentationScope?.name)) return;
    this.endedSpan.attributes = span.attributes;
    const pricing = guard('price ended span', priceSpan, this.pricer, span, this.endedSpan);
    guard('account for the ended call', callEnded, this.ledger, span, [this.endedSpan, pricing] as const);
    this.endedSpan.attributes = {};
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Closes the report, once: the calls still in flight stay in it as incomplete, and it goes out as telemetry. */
  shutdown(): Promise<void> {
    guard('close the report', closeLedger, this.ledger, undefined);
    return Promise.resolve();
  }

  /** The calls ended so far (and those in flight), per provider and model, with the cache recommendations. */
  getReport(): UsageReport {
    return this.ledger.report();
  }
}

/** Prices spans with one table. Its usage, cost and pricing are reused from span to span. */
class SpanPricer {
  private readonly table: PricingTable;
  private readonly usage = new TokenUsage();
  private readonly cost = new CallCost();
  private readonly pricing = new CallPricing();

  constructor(table: PricingTable) {
    this.table = table;
  }

  /**
   * Writes to `target` the cost of `span`'s API call, or why it has none; nothing when the span is
   * not one's. Returns what priced the call (its entry and conditions) when it is priced, for the
   * cache insights to price with; `undefined` otherwise.
   */
  price(span: SpanView, target: AttributeTarget): CallPricing | undefined {
    const attributes = span.attributes;
    const names = usageNamesOf(attributes, span.instrumentationScope?.name);
    if (names === undefined) {
      if (attributes[ATTR_GEN_AI_RESPONSE_MODEL] !== undefined || attributes[ATTR_GEN_AI_REQUEST_MODEL] !== undefined) unpriced(target, 'no_usage');
      return;
    }
    const responseModel = attributes[names.responseModel];
    const requestModel = attributes[names.requestModel];
    const { usage, cost, pricing } = this;
    const conditions = pricing.conditions;
    if (!usage.read(attributes, names)) return unpriced(target, 'inconsistent_usage');
    if (typeof responseModel !== 'string' && typeof requestModel !== 'string') return unpriced(target, 'no_model');
    // A lookup that fails prices nothing, as for a model the table does not have.
    const match = guard('look up the price', lookUpPrice, this.table, [stringOrUndefined(responseModel), stringOrUndefined(requestModel), providerOf(attributes, names)] as const);
    if (match === undefined) return unpriced(target, 'unknown_model');
    const model = match.entry;
    conditions.serviceTier = attributes[ATTR_OPENAI_RESPONSE_SERVICE_TIER] ?? attributes[ATTR_ANTHROPIC_RESPONSE_SERVICE_TIER];
    conditions.speed = attributes[ATTR_ANTHROPIC_RESPONSE_SPEED] ?? attributes[ATTR_ANTHROPIC_REQUEST_SPEED];
    conditions.inferenceGeo = attributes[ATTR_ANTHROPIC_RESPONSE_INFERENCE_GEO] ?? attributes[ATTR_ANTHROPIC_REQUEST_INFERENCE_GEO];
    conditions.bedrockProfile = match.bedrockProfile;
    const reason = cost.price(usage, model, conditions);
    if (reason !== undefined) return unpriced(target, reason);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_TOTAL_USD, cost.totalUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_INPUT_USD, cost.inputUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_OUTPUT_USD, cost.outputUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_CACHE_READ_USD, cost.cacheReadUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_CACHE_WRITE_USD, cost.cacheWriteUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_COST_UNCACHED_USD, cost.uncachedUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD, cost.cacheSavingsUsd);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_ENTRY, model.id);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_VERSION, model.tableVersion);
    target.setAttribute(ATTR_LLM_OBSERVER_PRICING_MATCH, match.rule satisfies PricingMatch);
    if (!usage.cacheWriteLifetimeTold && model.sheet.cacheWrite1h !== undefined) {
      target.setAttribute(ATTR_LLM_OBSERVER_COST_ESTIMATE, 'cache_write_lifetime' satisfies CostEstimate);
    }
    // A call that did not complete may carry the usage of its first stream event, whose output count is a placeholder.
    const outcome = attributes[ATTR_LLM_OBSERVER_CALL_OUTCOME];
    if (outcome !== undefined && outcome !== ('completed' satisfies CallOutcome)) target.setAttribute(ATTR_LLM_OBSERVER_COST_LOWER_BOUND, true);
    pricing.model = model;
    return pricing;
  }
}

function priceSpan(pricer: SpanPricer, span: SpanView, target: AttributeTarget): CallPricing | undefined {
  return pricer.price(span, target);
}

function lookUpPrice(
  table: PricingTable,
  [responseModel, requestModel, provider]: readonly [string | undefined, string | undefined, unknown],
): ModelMatch<PricedModel> | undefined {
  return table.match(responseModel, requestModel, provider);
}

const stringOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Writes why the span has no cost. Returns `undefined`: the pricing of a span that has none. */
function unpriced(target: AttributeTarget, reason: UnpricedReason): undefined {
  target.setAttribute(ATTR_LLM_OBSERVER_COST_UNPRICED_REASON, reason);
  return undefined;
}

/** Writes into the attributes of a span that has ended, which the SDK no longer lets `setAttribute` change. */
class EndedSpanAttributes implements AttributeTarget {
  attributes: Attributes = {};

  setAttribute(key: string, value: AttributeValue): void {
    this.attributes[key] = value;
  }
}
