import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diag, DiagLogLevel, type Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectCost } from '../processor/expect-cost.js';

/**
 * Fresh prices without upgrading (docs/cost.md): a newer release's data/pricing_v1.json, named by
 * OTEL_LLM_OBSERVER_PRICING_FILE, prices the spans of a running installation. The newer table is the
 * shipped one under a later version with one price changed, as a release that changes a price makes it.
 */

const ENV = 'OTEL_LLM_OBSERVER_PRICING_FILE';
const SHIPPED = join(import.meta.dirname, '..', '..', 'data', 'pricing_v1.json');
/** The folder of this file's tables, removed when its tests end. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'fresh-table-'));

afterEach(() => {
  delete process.env[ENV];
  diag.disable();
});

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** The shipped table, whole, as version 2027-01-15 with gpt-4o's input at 2.00 per 1M; the path of its file. */
function newerTable(): string {
  const table = JSON.parse(readFileSync(SHIPPED, 'utf8')) as { version: string; entries: { id: string; usd_per_million_tokens: { input: number } }[] };
  table.version = '2027-01-15';
  const gpt4o = table.entries.find((entry) => entry.id === 'gpt-4o');
  if (gpt4o === undefined) throw new Error('no gpt-4o entry in the shipped table');
  gpt4o.usd_per_million_tokens.input = 2;
  const path = join(mkdtempSync(join(SCRATCH, 'table-')), 'pricing_v1.json');
  writeFileSync(path, JSON.stringify(table, null, 2));
  return path;
}

/** The attributes of one span with `attributes`, priced by `processor`. */
function priced(processor: CostSpanProcessor, attributes: Attributes): Attributes | undefined {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter })] });
  provider.getTracer('fresh-table-test').startSpan('chat', { attributes }).end();
  return exporter.getFinishedSpans()[0]?.attributes;
}

const gpt4oCall = { 'gen_ai.response.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 500 };

describe("a newer release's pricing table named by OTEL_LLM_OBSERVER_PRICING_FILE", () => {
  it('prices with its prices, and the spans carry its version', () => {
    const errors: string[] = [];
    const ignore = () => undefined;
    diag.setLogger({ error: (message) => errors.push(message), warn: ignore, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.ERROR);
    process.env[ENV] = newerTable();
    // 1000 × 2.00 = 2000; 500 × 10 = 5000 (per 1M).
    const expected = { entry: 'gpt-4o', total: 0.007, input: 0.002, output: 0.005, cacheRead: 0, cacheWrite: 0, uncached: 0.007, savings: 0 };
    expectCost(priced(new CostSpanProcessor(), gpt4oCall), expected, '2027-01-15');
    expect(errors).toEqual([]);
  });
});
