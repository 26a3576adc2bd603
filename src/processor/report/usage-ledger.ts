import type { Attributes } from '@opentelemetry/api';
import { printReportFromEnv } from '../../environment.js';
import { guard, guardCall } from '../../guard.js';
import { MAX_MODEL_ID_CHARS } from '../../pricing/model-ids.js';
import type { PricingTable } from '../../pricing/pricing-table.js';
import type { ProviderCaches } from '../../pricing/provider-caches.js';
import { ATTR_GEN_AI_PROVIDER_NAME } from '../../semconv.js';
import { isCallSpanAtStart, modelIdOf, type AttributeTarget, type CallRecord } from '../call-record.js';
import { CacheInsights, CallInsight, DEFAULT_MAX_TRACKED_PREFIXES } from '../insights/engine.js';
import { CallMetrics } from './metrics.js';
import { formatReportTable } from './report-table.js';
import { emitSummarySpan } from './summary-span.js';
import { ModelTotals, type UsageReport } from './usage-report.js';

export interface UsageReportConfig {
  /**
   * The most distinct prompt prefixes the cache insights remember, each for its provider and model;
   * a new prefix beyond them makes the insights forget the least recently called one. Default
   * 10,000. The insights' memory is bounded by it, at a few hundred bytes per prefix.
   */
  readonly maxTrackedPrefixes?: number;
  /** Print the report to stderr as a table at shutdown. Default: whether OTEL_LLM_OBSERVER_REPORT is `stderr`. */
  readonly printReport?: boolean;
}

/** Rows beyond this many are totalled in one `_OTHER` row: the model ids are the spans' to choose, and the report must stay small. */
const MAX_ROWS = 256;
const UNKNOWN = 'unknown';
const OTHER = '_OTHER';

/**
 * The processor's account of the calls it sees, from which `getReport()` reads. Every GenAI span is
 * counted once: in flight from `onStart` to its end, then as a call, totalled with its usage, cost
 * and cache insights when it ends. At shutdown the account closes: the calls still in flight stay
 * in the report as incomplete, a span that ends afterwards is counted nowhere, and the report goes
 * out as telemetry (and to stderr when asked).
 */
export class UsageLedger {
  private readonly table: PricingTable;
  /** The rows by provider, then model: two lookups per call, and no key to build. */
  private readonly rows = new Map<string, Map<string, ModelTotals>>();
  private readonly rowsInOrder: ModelTotals[] = [];
  /** The row each call in flight was counted in when it started. Weak: a span nobody ends is not kept alive by it. */
  private readonly inFlight = new WeakMap<object, ModelTotals>();
  private readonly insights: CacheInsights<ModelTotals>;
  private readonly metrics = new CallMetrics();
  private readonly printReport: boolean;
  private closed = false;
  /**
   * The last row looked up and what it was looked up by, and the last model id resolved: an
   * application calls few models, so most calls skip the lookups. A row, once found for a
   * provider and model, is the one they always find (rows are never removed), as is a model id's
   * resolution (the table does not change).
   */
  private lastRow: ModelTotals | undefined;
  private lastRowProvider: unknown;
  private lastRowModel: string | undefined;
  private lastModelId: string | undefined;
  private lastModel = UNKNOWN;

  /** Throws when `config.maxTrackedPrefixes` is not a whole number above 0: an error met when the application starts. */
  constructor(table: PricingTable, config: UsageReportConfig) {
    const maxTrackedPrefixes = config.maxTrackedPrefixes ?? DEFAULT_MAX_TRACKED_PREFIXES;
    if (!Number.isSafeInteger(maxTrackedPrefixes) || maxTrackedPrefixes < 1) {
      throw new TypeError(`maxTrackedPrefixes must be a whole number above 0, not ${String(config.maxTrackedPrefixes)}`);
    }
    this.table = table;
    this.insights = new CacheInsights(table.caches, maxTrackedPrefixes, (row, premiumUsd, cache) => row.addThrash(premiumUsd, cache));
    this.printReport = config.printReport ?? printReportFromEnv();
  }

  /** At a span's start: counts a GenAI call in flight, in the row of the model its request names. */
  callStarted(span: { readonly attributes: Attributes }): void {
    if (this.closed) return;
    const attributes = span.attributes;
    const provider = attributes[ATTR_GEN_AI_PROVIDER_NAME];
    if (!isCallSpanAtStart(attributes, provider)) return;
    const row = this.rowOf(provider, this.modelOf(modelIdOf(attributes)));
    row.inFlightCalls++;
    this.inFlight.set(span, row);
  }

  /** Whether `span` is a call counted in flight: started, not yet ended. */
  isInFlight(span: object): boolean {
    return this.inFlight.has(span);
  }

  /** Stops counting `span` as a call in flight (it ended, or another span stands for its call); whether it was one. */
  forgetInFlight(span: object): boolean {
    const row = this.inFlight.get(span);
    if (row === undefined) return false;
    row.inFlightCalls--;
    this.inFlight.delete(span);
    return true;
  }

  /**
   * At a span's end, once the pricer has priced its `call`: totals the call, writes its cache
   * insights on `target` (the span, or its attributes once ended) and records its metrics.
   */
  callEnded(span: object, call: CallRecord, target: AttributeTarget): void {
    if (this.closed) return;
    if (!this.forgetInFlight(span) && !call.isCall) return;
    const row = this.rowOf(call.provider, call.model?.id ?? this.modelOf(call.modelId));
    const insight = guardCall('weigh the cache insights', this.insights, this.insights.observe, call, row, target) ?? NO_INSIGHT;
    row.addCall(call, insight);
    this.metrics.record(call, insight);
  }

  report(): UsageReport {
    // A row made for a call's start that ended in another (the request named an alias or a
    // deployment, the response the model that served it) holds nothing: it is left out.
    const rows = this.rowsInOrder.filter((row) => row.calls > 0 || row.inFlightCalls > 0);
    return {
      models: rows.map((row) => row.toModelUsage()),
      recommendations: rows.flatMap((row) => row.recommendations()).sort((a, b) => b.estimatedSavingsUsd - a.estimatedSavingsUsd),
      evictedPrefixes: this.insights.evictedPrefixes,
      final: this.closed,
    };
  }

  /**
   * Closes the account, once: writes that expired unread by now count as thrash, and the final
   * report goes out as the summary span, and to stderr when asked.
   */
  shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.insights.expireUnreadWrites(Date.now());
    const report = this.report();
    guard('emit the report span', emitSummarySpan, report);
    if (this.printReport) guard('print the report', printReportTable, report, this.table.caches);
  }

  /** The pricing entry `modelId` resolves to, else `modelId` itself (`_OTHER` for one too long to be a model's). */
  private modelOf(modelId: string | undefined): string {
    if (modelId === undefined) return UNKNOWN;
    if (modelId === this.lastModelId) return this.lastModel;
    const model = this.table.resolve(modelId)?.id ?? (modelId.length > MAX_MODEL_ID_CHARS ? OTHER : modelId);
    this.lastModelId = modelId;
    this.lastModel = model;
    return model;
  }

  /** The row of `provider` (`unknown` when it is not a string) and `model`, made at its first call; `_OTHER` beyond {@link MAX_ROWS}. */
  private rowOf(provider: unknown, model: string): ModelTotals {
    if (this.lastRow !== undefined && provider === this.lastRowProvider && model === this.lastRowModel) return this.lastRow;
    const row = this.lookUpRow(provider, model);
    this.lastRow = row;
    this.lastRowProvider = provider;
    this.lastRowModel = model;
    return row;
  }

  private lookUpRow(provider: unknown, model: string): ModelTotals {
    const providerName = typeof provider === 'string' ? provider : UNKNOWN;
    let models = this.rows.get(providerName);
    const known = models?.get(model);
    if (known !== undefined) return known;
    if (this.rowsInOrder.length >= MAX_ROWS && !(providerName === OTHER && model === OTHER)) return this.lookUpRow(OTHER, OTHER);
    if (models === undefined) this.rows.set(providerName, (models = new Map()));
    const row = new ModelTotals(providerName, model);
    models.set(model, row);
    this.rowsInOrder.push(row);
    return row;
  }
}

/** The insight of a call whose insights failed: none. */
const NO_INSIGHT = new CallInsight();

function printReportTable(report: UsageReport, caches: ProviderCaches): void {
  process.stderr.write(formatReportTable(report, caches));
}
