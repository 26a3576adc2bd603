import { ROOT_CONTEXT, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_CACHE_MISSED_SAVINGS_USD,
  ATTR_LLM_OBSERVER_CACHE_RECOMMENDATION,
  ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD,
  ATTR_LLM_OBSERVER_CACHE_THRASH_USD,
  ATTR_LLM_OBSERVER_COST_TOTAL_USD,
  ATTR_LLM_OBSERVER_REPORT_CALLS,
  ATTR_LLM_OBSERVER_REPORT_ESTIMATED_SAVINGS_USD,
  ATTR_LLM_OBSERVER_REPORT_ESTIMATED_SAVINGS_USD_PER_1K_CALLS,
  ATTR_LLM_OBSERVER_REPORT_EVICTED_PREFIXES,
  ATTR_LLM_OBSERVER_REPORT_INCOMPLETE_CALLS,
  ATTR_LLM_OBSERVER_REPORT_MODEL,
  ATTR_LLM_OBSERVER_REPORT_UNPRICED_CALLS,
  EVENT_LLM_OBSERVER_REPORT_MODEL_TOTALS,
  EVENT_LLM_OBSERVER_REPORT_RECOMMENDATION,
  SPAN_LLM_OBSERVER_REPORT,
} from '../../semconv.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import type { ModelUsage, Recommendation, UsageReport } from './usage-report.js';

/**
 * The report as telemetry, emitted once at shutdown: a span, so that it goes wherever the calls'
 * spans go with no other pipeline to set up, made with the global tracer provider (the one NodeSDK
 * registers) while the exporting processors have not yet shut down. It has no parent, no duration
 * worth reading, and one event per provider and model and per recommendation; the span's event
 * limit (128 by default) caps how many an exporter receives.
 */

/** The attributes of a model's event: the conventions' inclusive token counts, and the report's own totals. */
const MODEL_TOTALS: readonly (readonly [string, (row: ModelUsage) => string | number])[] = [
  [ATTR_GEN_AI_PROVIDER_NAME, (row) => row.provider],
  [ATTR_LLM_OBSERVER_REPORT_MODEL, (row) => row.model],
  [ATTR_LLM_OBSERVER_REPORT_CALLS, (row) => row.calls],
  [ATTR_LLM_OBSERVER_REPORT_INCOMPLETE_CALLS, (row) => row.incompleteCalls],
  [ATTR_LLM_OBSERVER_REPORT_UNPRICED_CALLS, (row) => row.unpricedCalls],
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, (row) => row.uncachedInputTokens + row.cacheReadTokens + row.cacheWriteTokens + row.cacheWrite1hTokens],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, (row) => row.cacheReadTokens],
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, (row) => row.cacheWriteTokens + row.cacheWrite1hTokens],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, (row) => row.outputTokens],
  [ATTR_LLM_OBSERVER_COST_TOTAL_USD, (row) => row.costUsd],
  [ATTR_LLM_OBSERVER_CACHE_SAVINGS_USD, (row) => row.cacheSavingsUsd],
  [ATTR_LLM_OBSERVER_CACHE_MISSED_SAVINGS_USD, (row) => row.missedSavingsUsd],
  [ATTR_LLM_OBSERVER_CACHE_THRASH_USD, (row) => row.thrashUsd],
];

const RECOMMENDATION: readonly (readonly [string, (recommendation: Recommendation) => string | number])[] = [
  [ATTR_GEN_AI_PROVIDER_NAME, (recommendation) => recommendation.provider],
  [ATTR_LLM_OBSERVER_REPORT_MODEL, (recommendation) => recommendation.model],
  [ATTR_LLM_OBSERVER_CACHE_RECOMMENDATION, (recommendation) => recommendation.code],
  [ATTR_LLM_OBSERVER_REPORT_CALLS, (recommendation) => recommendation.calls],
  [ATTR_LLM_OBSERVER_REPORT_ESTIMATED_SAVINGS_USD, (recommendation) => recommendation.estimatedSavingsUsd],
  [ATTR_LLM_OBSERVER_REPORT_ESTIMATED_SAVINGS_USD_PER_1K_CALLS, (recommendation) => recommendation.estimatedSavingsUsdPer1kCalls],
];

function attributesOf<T>(table: readonly (readonly [string, (source: T) => string | number])[], source: T): Attributes {
  const attributes: Attributes = {};
  for (const [name, value] of table) attributes[name] = value(source);
  return attributes;
}

export function emitSummarySpan(report: UsageReport): void {
  const span = trace
    .getTracer(PACKAGE_NAME, PACKAGE_VERSION)
    .startSpan(
      SPAN_LLM_OBSERVER_REPORT,
      { kind: SpanKind.INTERNAL, attributes: { [ATTR_LLM_OBSERVER_REPORT_EVICTED_PREFIXES]: report.evictedPrefixes } },
      ROOT_CONTEXT,
    );
  for (const row of report.models) span.addEvent(EVENT_LLM_OBSERVER_REPORT_MODEL_TOTALS, attributesOf(MODEL_TOTALS, row));
  for (const recommendation of report.recommendations) {
    span.addEvent(EVENT_LLM_OBSERVER_REPORT_RECOMMENDATION, attributesOf(RECOMMENDATION, recommendation));
  }
  span.end();
}
