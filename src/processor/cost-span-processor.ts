import { trace, type AttributeValue, type Attributes, type Context } from '@opentelemetry/api';
import { guardCall, warnPerson } from '../guard.js';
import type { PricingFile } from '../pricing/pricing-file.js';
import { pricingTableLoader } from '../pricing/lazy-pricing-table.js';
import { PACKAGE_NAME } from '../version.js';
import { CallRecord, type AttributeTarget, type CallSpan } from './call-record.js';
import type { CallPricer } from './cost/call-pricer.js';
import { costProcessorParts } from './lazy-processor-parts.js';
import type { UsageLedger, UsageReportConfig } from './report/usage-ledger.js';
import type { UsageReport } from './report/usage-report.js';
import { isOuterSpan } from './usage.js';

/** The scopes of this package's instrumentations. */
const OUR_SCOPES = `${PACKAGE_NAME}/`;

/** `maxTrackedPrefixes` and `printReport` are the cache insights' and the report's (src/processor/report/usage-ledger.ts). */
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

/** How many cost processors this copy of the package has built: otel-llm-observer/register asks whether an app's own SDK has one. */
let costProcessorsBuilt = 0;

export function anyCostProcessorBuilt(): boolean {
  return costProcessorsBuilt > 0;
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
 *
 * A call span started inside another call span still in flight (its parent) is the same API call
 * seen by a second instrumentation: OpenTelemetry's `@opentelemetry/instrumentation-aws-sdk` inside
 * this package's Bedrock span, `@opentelemetry/instrumentation-openai` around its OpenAI span, an
 * OpenLLMetry LangChain span around an SDK's. The call is priced and counted once: on this
 * package's span when one of the two is, else on the outer one; the other is left as it is, and
 * the first such pair is reported once.
 */
export class CostSpanProcessor {
  private readonly pricer: CallPricer;
  /** The call of the span being ended, read once, then priced and accounted for. */
  private readonly call = new CallRecord();
  /** The attributes of the ended span being priced in `onEnd`, written into directly. */
  private readonly endedSpan = new EndedSpanAttributes();
  /** The SDK has called `onEnding`; from then on, `onEnd` leaves spans alone. */
  private sdkCallsOnEnding = false;

  /** The totals, cache insights and metrics of the calls priced: see `getReport()`. */
  private readonly ledger: UsageLedger;
  /** The spans of calls that another span stands for, by the scope of that span. */
  private readonly nested = new WeakMap<object, string>();
  private toldOfNestedCall = false;

  constructor(config: CostSpanProcessorConfig = {}) {
    const table = pricingTableLoader().loadPricingTable(config.pricing);
    const { CallPricer, UsageLedger } = costProcessorParts();
    this.pricer = new CallPricer(table);
    this.ledger = new UsageLedger(table, config);
    costProcessorsBuilt++;
  }

  onStart(span: CallSpan, parentContext?: Context): void {
    if (isOuterSpan(span.attributes, span.instrumentationScope?.name)) return;
    if (parentContext !== undefined && guardCall('find the call around the span', this, this.startsInCall, span, parentContext) === true) return;
    guardCall('count the call in flight', this.ledger, this.ledger.callStarted, span);
  }

  /**
   * Whether `span` starts inside a call in flight, its parent, which then stands for the call. The
   * other way round when `span` is this package's and the parent another producer's (which wrapped
   * the SDK's method over this package's): this package's span is the call's fuller record (the
   * cache's counts, the provider), and the parent is left as it is.
   */
  private startsInCall(span: CallSpan, parentContext: Context): boolean {
    const parent = trace.getSpan(parentContext) as Partial<CallSpan> | undefined;
    if (parent === undefined || !this.ledger.isInFlight(parent)) return false;
    const scope = span.instrumentationScope?.name ?? 'unknown';
    const parentScope = parent.instrumentationScope?.name ?? 'unknown';
    if (scope.startsWith(OUR_SCOPES) && !parentScope.startsWith(OUR_SCOPES)) {
      this.ledger.forgetInFlight(parent);
      this.nested.set(parent, scope);
      return false;
    }
    this.nested.set(span, parentScope);
    return true;
  }

  onEnding(span: CallSpan & AttributeTarget): void {
    this.sdkCallsOnEnding = true;
    if (isOuterSpan(span.attributes, span.instrumentationScope?.name)) return;
    this.account(span, span, 'price span', 'account for the call');
  }

  onEnd(span: CallSpan): void {
    if (this.sdkCallsOnEnding || isOuterSpan(span.attributes, span.instrumentationScope?.name)) return;
    this.endedSpan.attributes = span.attributes;
    this.account(span, this.endedSpan, 'price ended span', 'account for the ended call');
    this.endedSpan.attributes = {};
  }

  /** Reads the call of `span` once, prices it onto `target`, and accounts for it in the report, each step in the guard. */
  private account(span: CallSpan, target: AttributeTarget, priceStep: string, accountStep: string): void {
    const call = this.call;
    // A span that could not be read is neither priced nor counted: the record holds another call.
    if (guardCall('read the ended call', call, call.read, span) !== true) return;
    const countedScope = this.nested.get(span);
    if (countedScope !== undefined) {
      if (call.isCall && !this.toldOfNestedCall) this.tellOfNestedCall(span.instrumentationScope?.name ?? 'unknown', countedScope);
      return;
    }
    guardCall(priceStep, this.pricer, this.pricer.price, call, target);
    guardCall(accountStep, this.ledger, this.ledger.callEnded, span, call, target);
  }

  private tellOfNestedCall(leftScope: string, countedScope: string): void {
    this.toldOfNestedCall = true;
    warnPerson(
      `two instrumentations trace the same LLM calls, ${leftScope} and ${countedScope}: each call is priced and counted once, on the ${countedScope} span; leave one of them out to export one span per call`,
    );
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Closes the report, once: the calls still in flight stay in it as incomplete, and it goes out as telemetry. */
  shutdown(): Promise<void> {
    guardCall('close the report', this.ledger, this.ledger.shutdown);
    return Promise.resolve();
  }

  /** The calls ended so far (and those in flight), per provider and model, with the cache recommendations. */
  getReport(): UsageReport {
    return this.ledger.report();
  }
}

/** Writes into the attributes of a span that has ended, which the SDK no longer lets `setAttribute` change. */
class EndedSpanAttributes implements AttributeTarget {
  attributes: Attributes = {};

  setAttribute(key: string, value: AttributeValue): void {
    this.attributes[key] = value;
  }
}
