import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPricingTable } from '../../src/pricing/pricing-table.js';
import { formatReportTable } from '../../src/processor/report/report-table.js';
import * as semconv from '../../src/semconv.js';
import type { ModelUsage } from '../../src/processor/report/usage-report.js';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * The report printed to stderr at shutdown: asked for with `printReport: true` or
 * OTEL_LLM_OBSERVER_REPORT=stderr. The child-process tests run the built package (npm run build).
 */

const APP = join(import.meta.dirname, 'apps', 'report-at-shutdown.cjs');
const PACKAGE_ENTRY = join(ROOT, 'dist', 'cjs', 'index.js');

/** What each recommendation means: the shipped pricing table's. */
const CACHES = loadPricingTable(undefined).caches;

const runApp = (env: NodeJS.ProcessEnv) => runNode([APP], { cwd: ROOT, env: { PACKAGE_ENTRY, ...env } });

// The app's one call: 6,020 × $3 + 50 × $15 per 1M = $0.01881.
const ONE_CALL_TABLE = [
  'otel-llm-observer: LLM calls by provider and model (at shutdown)',
  'provider   model              calls  incomplete  unpriced  uncached in  cache read  cache write  long writes  output  cost $  savings $  missed $  thrash $',
  'anthropic  claude-sonnet-4-6      1           0         0        6,020           0            0            0      50  0.0188     0.0000    0.0000    0.0000',
  '',
].join('\n');

describe('the report at shutdown', () => {
  it('is printed to stderr as a table with OTEL_LLM_OBSERVER_REPORT=stderr', async () => {
    const result = await runApp({ OTEL_LLM_OBSERVER_REPORT: 'stderr' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(ONE_CALL_TABLE);
  });

  it('is not printed without it', async () => {
    const result = await runApp({ OTEL_LLM_OBSERVER_REPORT: '' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('the report table', () => {
  const usage = (provider: string, model: string, calls: number, costUsd: number, missedSavingsUsd: number): ModelUsage => ({
    provider,
    model,
    calls,
    incompleteCalls: 0,
    unpricedCalls: 0,
    uncachedInputTokens: 1_234_567,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: 5_000,
    costUsd,
    cacheStorageUsd: 0,
    cacheSavingsUsd: 0,
    missedSavingsUsd,
    thrashUsd: 0,
  });

  it('lines up one row per model, then one per recommendation, then the evicted prefixes', () => {
    const table = formatReportTable({
      models: [usage('anthropic', 'claude-sonnet-4-6', 100, 1.881, 1.5993), usage('openai', 'gpt-4o', 3, 0.01606, 0)],
      recommendations: [
        { provider: 'anthropic', model: 'claude-sonnet-4-6', code: 'anthropic.add_cache_control', calls: 99, estimatedSavingsUsd: 1.5993, estimatedSavingsUsdPer1kCalls: 15.993 },
      ],
      evictedPrefixes: 12,
      final: false,
    }, CACHES);
    expect(table).toBe(
      [
        'otel-llm-observer: LLM calls by provider and model',
        'provider   model              calls  incomplete  unpriced  uncached in  cache read  cache write  long writes  output  cost $  savings $  missed $  thrash $',
        'anthropic  claude-sonnet-4-6    100           0         0    1,234,567           0            0            0   5,000  1.8810     0.0000    1.5993    0.0000',
        'openai     gpt-4o                 3           0         0    1,234,567           0            0            0   5,000  0.0161     0.0000    0.0000    0.0000',
        '',
        'recommendation               provider   model              calls  est. savings $  per 1k calls $',
        'anthropic.add_cache_control  anthropic  claude-sonnet-4-6     99          1.5993         15.9930',
        '',
        'what the recommendations mean (docs/insights.md, "Recommendations"):',
        'anthropic.add_cache_control  a prompt prefix was resent uncached within 5 minutes: a cache_control breakpoint after it would have read it from the cache',
        '',
        'prefixes no longer tracked (over maxTrackedPrefixes): 12',
        '',
      ].join('\n'),
    );
  });

  it('counts every cache write, 5-minute and 1-hour, in "cache write", and the 1-hour part again in "long writes"', () => {
    const row = { ...usage('anthropic', 'claude-sonnet-4-6', 3, 0.019, 0), uncachedInputTokens: 228, cacheReadTokens: 4_520 };
    const table = formatReportTable({
      models: [{ ...row, cacheWriteTokens: 1_000, cacheWrite1hTokens: 2_260 }],
      recommendations: [],
      evictedPrefixes: 0,
      final: true,
    }, CACHES);
    expect(table.split('\n')[2]).toBe(
      'anthropic  claude-sonnet-4-6      3           0         0          228       4,520        3,260        2,260   5,000  0.0190     0.0000    0.0000    0.0000',
    );
  });

  // The codes are the RECOMMENDATION_* values of src/semconv.ts, each written where a user looks.
  const codes = Object.entries(semconv)
    .filter(([name]) => name.startsWith('RECOMMENDATION_'))
    .map(([, code]) => code as string);
  const insightsDoc = readFileSync(join(ROOT, 'docs', 'insights.md'), 'utf8');

  it('explains each of the eight recommendation codes in one line under the recommendations, and in a section of docs/insights.md', () => {
    expect(codes).toHaveLength(8);
    for (const code of codes) {
      const table = formatReportTable({
        models: [],
        recommendations: [{ provider: 'p', model: 'm', code, calls: 1, estimatedSavingsUsd: 1, estimatedSavingsUsdPer1kCalls: 1 }],
        evictedPrefixes: 0,
        final: true,
      }, CACHES);
      const meanings = table.split('what the recommendations mean')[1]?.split('\n').slice(1) ?? [];
      const explanation = meanings.filter((line) => line.startsWith(`${code}  `));
      expect(explanation, code).toHaveLength(1);
      expect(explanation[0]?.length, code).toBeGreaterThan(code.length + 40);
      expect(insightsDoc, code).toContain(`### \`${code}\``);
    }
  });
});
