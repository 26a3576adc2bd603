import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, DiagLogLevel, type Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { CostSpanProcessor, type PricingFile } from '../../src/index.js';
import { expectCost } from '../processor/expect-cost.js';

const OVERRIDES = join(import.meta.dirname, '..', 'fixtures', 'pricing-overrides');
const NEGOTIATED = join(OVERRIDES, 'negotiated.json');
const BAD_ENTRY = join(OVERRIDES, 'bad-entry.json');
const ENV = 'OTEL_LLM_OBSERVER_PRICING_FILE';

afterEach(() => {
  delete process.env[ENV];
  diag.disable();
});

/** The attributes of one span with `attributes`, priced by `processor`. */
function priced(processor: CostSpanProcessor, attributes: Attributes): Attributes | undefined {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter })] });
  provider.getTracer('overrides-test').startSpan('chat', { attributes }).end();
  return exporter.getFinishedSpans()[0]?.attributes;
}

const usage = (model: string, input: number, output: number): Attributes => ({
  'gen_ai.response.model': model,
  'gen_ai.usage.input_tokens': input,
  'gen_ai.usage.output_tokens': output,
});

// gpt-4o at the negotiated 2.00 input / 8.00 output per 1M: 1000 × 2 = 2000; 500 × 8 = 4000.
const NEGOTIATED_GPT_4O = { entry: 'gpt-4o', total: 0.006, input: 0.002, output: 0.004, cacheRead: 0, cacheWrite: 0, uncached: 0.006, savings: 0 };
// gpt-4o at the shipped 2.50 input / 10 output per 1M: 1000 × 2.50 = 2500; 500 × 10 = 5000.
const SHIPPED_GPT_4O = { entry: 'gpt-4o', total: 0.0075, input: 0.0025, output: 0.005, cacheRead: 0, cacheWrite: 0, uncached: 0.0075, savings: 0 };

const negotiatedTable = () => JSON.parse(readFileSync(NEGOTIATED, 'utf8')) as PricingFile;

/** Collects what the OTel diag logger is told at level error. */
function diagErrors(): string[] {
  const errors: string[] = [];
  const ignore = () => undefined;
  diag.setLogger(
    { error: (message, ...args) => errors.push([message, ...args.map(String)].join(' ')), warn: ignore, info: ignore, debug: ignore, verbose: ignore },
    DiagLogLevel.ERROR,
  );
  return errors;
}

describe('a pricing override', () => {
  it('prices with its entry in place of the shipped entry of the same id, under its own version', () => {
    const processor = new CostSpanProcessor({ pricing: negotiatedTable() });
    expectCost(priced(processor, usage('gpt-4o-2024-08-06', 1000, 500)), NEGOTIATED_GPT_4O, 'acme-2026-12');
  });

  it('leaves the shipped entries it does not name in force', () => {
    const processor = new CostSpanProcessor({ pricing: negotiatedTable() });
    // claude-sonnet-4-5 at the shipped 3 input / 15 output per 1M: 1000 × 3 = 3000; 100 × 15 = 1500.
    expectCost(priced(processor, usage('claude-sonnet-4-5', 1000, 100)), {
      entry: 'claude-sonnet-4-5',
      total: 0.0045,
      input: 0.003,
      output: 0.0015,
      cacheRead: 0,
      cacheWrite: 0,
      uncached: 0.0045,
      savings: 0,
    });
  });

  it('is read from the file the pricing option names', () => {
    const processor = new CostSpanProcessor({ pricing: NEGOTIATED });
    // The fine-tuned model at 0.30 input / 1.20 output per 1M: 1000 × 0.30 = 300; 1000 × 1.20 = 1200.
    expectCost(
      priced(processor, usage('ft:gpt-4o-mini-2024-07-18:acme::b7x2k9', 1000, 1000)),
      { entry: 'ft-gpt-4o-mini-acme', total: 0.0015, input: 0.0003, output: 0.0012, cacheRead: 0, cacheWrite: 0, uncached: 0.0015, savings: 0 },
      'acme-2026-12',
    );
  });

  it('is read from the file OTEL_LLM_OBSERVER_PRICING_FILE names', () => {
    process.env[ENV] = NEGOTIATED;
    expectCost(priced(new CostSpanProcessor(), usage('gpt-4o', 1000, 500)), NEGOTIATED_GPT_4O, 'acme-2026-12');
  });

  it('given in code, wins over the file OTEL_LLM_OBSERVER_PRICING_FILE names', () => {
    process.env[ENV] = NEGOTIATED;
    // Only the fine-tuned model: gpt-4o keeps its shipped price, not the file's negotiated one.
    const processor = new CostSpanProcessor({ pricing: { version: 'code-2026-12', entries: [negotiatedTable().entries[1]!] } });
    expectCost(priced(processor, usage('gpt-4o', 1000, 500)), SHIPPED_GPT_4O);
  });

  it('keeps the prices it was given when the application later changes its object', () => {
    const table = negotiatedTable();
    const processor = new CostSpanProcessor({ pricing: table });
    (table.entries[0]!.usd_per_million_tokens as { input: number }).input = 99;
    expectCost(priced(processor, usage('gpt-4o', 1000, 500)), NEGOTIATED_GPT_4O, 'acme-2026-12');
  });

  it('given in code, is refused with an error that names its bad entry and what is wrong with it', () => {
    expect(() => new CostSpanProcessor({ pricing: BAD_ENTRY })).toThrow(
      `pricing override ${BAD_ENTRY} refused: entry "claude-sonnet-4-5" (entries[1]): /usd_per_million_tokens/input must be >= 0`,
    );
  });

  it('in which two entries match one model id, is refused with an error naming both', () => {
    expect(() => new CostSpanProcessor({ pricing: join(OVERRIDES, 'two-entries-one-model.json') })).toThrow(
      'entries "gpt-4o-acme" and "gpt-4o-acme-eu" both match "gpt-4o"',
    );
  });

  it('given in code, is refused with an error when its file cannot be read', () => {
    expect(() => new CostSpanProcessor({ pricing: join(OVERRIDES, 'missing.json') })).toThrow(/cannot be read: ENOENT/);
  });

  it('named by OTEL_LLM_OBSERVER_PRICING_FILE with a bad entry is refused with a diag error naming it, and the shipped table prices', () => {
    const errors = diagErrors();
    process.env[ENV] = BAD_ENTRY;
    const processor = new CostSpanProcessor();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('the shipped pricing table stays in force');
    expect(errors[0]).toContain('entry "claude-sonnet-4-5" (entries[1]): /usd_per_million_tokens/input must be >= 0');
    expectCost(priced(processor, usage('gpt-4o', 1000, 500)), SHIPPED_GPT_4O);
  });
});

describe('an override entry with the id of a shipped entry', () => {
  it('changes only the fields it gives: the shipped ids, prices and tiers stay', () => {
    const processor = new CostSpanProcessor({ pricing: { version: 'acme-2026-12', entries: [{ id: 'claude-sonnet-4-5', usd_per_million_tokens: { input: 2 } }] } as unknown as PricingFile });
    // The Vertex AI id the shipped entry lists, input at the override's 2, output at the shipped 15: 1000 × 2 = 2000; 100 × 15 = 1500.
    expectCost(priced(processor, usage('claude-sonnet-4-5@20250929', 1000, 100)), {
      entry: 'claude-sonnet-4-5',
      total: 0.0035,
      input: 0.002,
      output: 0.0015,
      cacheRead: 0,
      cacheWrite: 0,
      uncached: 0.0035,
      savings: 0,
    }, 'acme-2026-12');
  });

  it('is checked merged, and refused with an error naming the entry and the field', () => {
    const pricing = { version: 'acme-2026-12', entries: [{ id: 'gpt-4o', service_tier_multipliers: { priority: -1 } }] } as unknown as PricingFile;
    expect(() => new CostSpanProcessor({ pricing })).toThrow('pricing override refused: entry "gpt-4o" (entries[0]): /service_tier_multipliers/priority must be > 0');
  });

  it('is refused when it gives a model both a 1-hour and a 12-hour write price', () => {
    const pricing = { version: 'acme-2026-12', entries: [{ id: 'gpt-6.2-sol', usd_per_million_tokens: { cache_write_1h: 4 } }] } as unknown as PricingFile;
    expect(() => new CostSpanProcessor({ pricing })).toThrow(
      'pricing override refused: entry "gpt-6.2-sol": /usd_per_million_tokens gives both cache_write_1h and cache_write_12h, where a provider has one longer write lifetime',
    );
  });

  it('is refused when a price has more decimal places than can be priced exactly', () => {
    const pricing = { version: 'acme-2026-12', entries: [{ id: 'gpt-4o', usd_per_million_tokens: { output: 1.0000000000001 } }] } as unknown as PricingFile;
    expect(() => new CostSpanProcessor({ pricing })).toThrow('entry "gpt-4o": /usd_per_million_tokens/output (1.0000000000001) has more decimal places than a price may have');
  });
});

describe('an alias of an override', () => {
  it('prices a model id of the user\'s own, whatever its case, by the entry it names', () => {
    const processor = new CostSpanProcessor({ pricing: { ...negotiatedTable(), aliases: { 'prod-gpt4o-eastus': 'gpt-4o' } } });
    const attributes = priced(processor, usage('PROD-GPT4O-EASTUS', 1000, 500));
    expectCost(attributes, NEGOTIATED_GPT_4O, 'acme-2026-12');
    expect(attributes?.['llm_observer.pricing.match']).toBe('alias');
  });

  it('that names no entry is refused', () => {
    expect(() => new CostSpanProcessor({ pricing: { ...negotiatedTable(), aliases: { 'prod-gpt4o-eastus': 'gpt-4o-acme' } } })).toThrow(
      'alias "prod-gpt4o-eastus": no entry has the id "gpt-4o-acme"',
    );
  });
});

describe('the priced_by of an override', () => {
  const gatewayCall = (model: string): Attributes => ({ 'gen_ai.provider.name': 'acme-gateway', ...usage(model, 1000, 500) });

  it("prices the spans of a gateway of the user's own by the entries of the providers it names, and only then", () => {
    const named = new CostSpanProcessor({ pricing: { ...negotiatedTable(), priced_by: { 'acme-gateway': ['openai'] } } });
    expectCost(priced(named, gatewayCall('gpt-4o')), NEGOTIATED_GPT_4O, 'acme-2026-12');
    const unnamed = new CostSpanProcessor({ pricing: negotiatedTable() });
    expect(priced(unnamed, gatewayCall('gpt-4o'))?.['llm_observer.cost.unpriced_reason']).toBe('unknown_model');
  });

  it('replaces the shipped row of the provider it names', () => {
    const openRouterCall: Attributes = { 'gen_ai.provider.name': 'openrouter', ...usage('openai/gpt-4o', 1000, 500) };
    expectCost(priced(new CostSpanProcessor({ pricing: negotiatedTable() }), openRouterCall), NEGOTIATED_GPT_4O, 'acme-2026-12');
    const replaced = new CostSpanProcessor({ pricing: { ...negotiatedTable(), priced_by: { openrouter: ['anthropic'] } } });
    expect(priced(replaced, openRouterCall)?.['llm_observer.cost.unpriced_reason']).toBe('unknown_model');
  });

  it('that names a provider no entry has is refused', () => {
    expect(() => new CostSpanProcessor({ pricing: { ...negotiatedTable(), priced_by: { 'acme-gateway': ['opneai'] } } })).toThrow(
      'priced_by "acme-gateway": no entry has the provider "opneai"',
    );
  });

  it('that is not a list of providers is refused by the schema', () => {
    const table = { ...negotiatedTable(), priced_by: { 'acme-gateway': 'openai' } } as unknown as PricingFile;
    expect(() => new CostSpanProcessor({ pricing: table })).toThrow('pricing override refused: /priced_by/acme-gateway must be array');
  });
});
