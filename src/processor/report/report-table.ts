import type { ProviderCaches } from '../../pricing/provider-caches.js';
import type { ModelUsage, Recommendation, UsageReport } from './usage-report.js';

/**
 * The report as a plain-text table for a terminal: one line per provider and model, then one per
 * recommendation, then what each recommendation printed means. Amounts in USD to 4 decimals (a
 * tenth of a cent and below shows), tokens whole. The token columns split the input as a call's
 * span does: uncached in + cache read + cache write (all lifetimes; "long writes" the part at the
 * longer lifetime: Anthropic's 1 hour, OpenAI's 12 hours) = `gen_ai.usage.input_tokens`.
 */

/** A column: its heading and cell text; text columns align left, the rest (numbers) right. */
type Column<T> = readonly [heading: string, value: (source: T) => string, text?: 'text'];

const tokens = (count: number) => count.toLocaleString('en-US');
const usd = (amount: number) => amount.toFixed(4);

const MODEL_COLUMNS: readonly Column<ModelUsage>[] = [
  ['provider', (row) => row.provider, 'text'],
  ['model', (row) => row.model, 'text'],
  ['calls', (row) => String(row.calls)],
  ['incomplete', (row) => String(row.incompleteCalls)],
  ['unpriced', (row) => String(row.unpricedCalls)],
  ['uncached in', (row) => tokens(row.uncachedInputTokens)],
  ['cache read', (row) => tokens(row.cacheReadTokens)],
  ['cache write', (row) => tokens(row.cacheWriteTokens + row.cacheWrite1hTokens)],
  ['long writes', (row) => tokens(row.cacheWrite1hTokens)],
  ['output', (row) => tokens(row.outputTokens)],
  ['cost $', (row) => usd(row.costUsd)],
  ['savings $', (row) => usd(row.cacheSavingsUsd)],
  ['missed $', (row) => usd(row.missedSavingsUsd)],
  ['thrash $', (row) => usd(row.thrashUsd)],
];

const RECOMMENDATION_COLUMNS: readonly Column<Recommendation>[] = [
  ['recommendation', (recommendation) => recommendation.code, 'text'],
  ['provider', (recommendation) => recommendation.provider, 'text'],
  ['model', (recommendation) => recommendation.model, 'text'],
  ['calls', (recommendation) => String(recommendation.calls)],
  ['est. savings $', (recommendation) => usd(recommendation.estimatedSavingsUsd)],
  ['per 1k calls $', (recommendation) => usd(recommendation.estimatedSavingsUsdPer1kCalls)],
];

/** One line per distinct code of `recommendations`, in their order: the code and what it means (the pricing table's `recommendations`). */
function explanations(recommendations: readonly Recommendation[], caches: ProviderCaches): string[] {
  const codes = [...new Set(recommendations.map((recommendation) => recommendation.code))];
  const width = Math.max(...codes.map((code) => code.length));
  return codes.flatMap((code) => {
    const explanation = caches.explanationOf(code);
    return explanation === undefined ? [] : [`${code.padEnd(width)}  ${explanation}`];
  });
}

/** Rows of `sources` under `columns`' headings, each column as wide as its widest cell. */
function table<T>(columns: readonly Column<T>[], sources: readonly T[]): string[] {
  const cells = [columns.map(([heading]) => heading), ...sources.map((source) => columns.map(([, value]) => value(source)))];
  const widths = columns.map((_, index) => Math.max(...cells.map((row) => (row[index] as string).length)));
  return cells.map((row) =>
    row
      .map((cell, index) => {
        const width = widths[index] as number;
        return (columns[index] as Column<T>)[2] === 'text' ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd(),
  );
}

/** `caches` says what each recommendation means. */
export function formatReportTable(report: UsageReport, caches: ProviderCaches): string {
  const lines = [`otel-llm-observer: LLM calls by provider and model${report.final ? ' (at shutdown)' : ''}`];
  lines.push(...table(MODEL_COLUMNS, report.models));
  if (report.recommendations.length > 0) {
    lines.push('', ...table(RECOMMENDATION_COLUMNS, report.recommendations));
    lines.push('', 'what the recommendations mean (docs/insights.md, "Recommendations"):', ...explanations(report.recommendations, caches));
  }
  if (report.evictedPrefixes > 0) lines.push('', `prefixes no longer tracked (over maxTrackedPrefixes): ${report.evictedPrefixes}`);
  return `${lines.join('\n')}\n`;
}
