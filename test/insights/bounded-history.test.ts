import type { Attributes } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { liveObjectHeapBytes } from '../support/telemetry-checks.js';
import { UNCACHED_CALL } from './insights-bed.js';

/**
 * The cache insights remember at most `maxTrackedPrefixes` prefixes. These calls are spans of a
 * real tracer provider whose only processor is the CostSpanProcessor under test, each an
 * `UNCACHED_CALL` (insights-bed.ts) with a prefix of its own.
 */


function tracedBy(processor: CostSpanProcessor) {
  const tracer = new TracerProvider({ spanProcessors: [processor] }).getTracer('insights-test');
  return (prefix: string, attributes: Attributes = {}): Attributes => {
    const span = tracer.startSpan('chat claude-sonnet-4-6', {
      attributes: { ...UNCACHED_CALL, 'llm_observer.prefix.fingerprint': prefix, ...attributes },
    });
    span.end();
    return (span as unknown as { attributes: Attributes }).attributes;
  };
}


describe('the prefixes the cache insights remember', () => {
  it('are at most maxTrackedPrefixes: each new prefix beyond them evicts the least recently called, counted', () => {
    const processor = new CostSpanProcessor({ maxTrackedPrefixes: 3 });
    const send = tracedBy(processor);
    for (const prefix of ['p1', 'p2', 'p3', 'p4', 'p5']) send(prefix);
    expect(processor.getReport().evictedPrefixes).toBe(2);
  });

  it('start over for an evicted prefix that comes back: its repeat is no missed saving', () => {
    const processor = new CostSpanProcessor({ maxTrackedPrefixes: 3 });
    const send = tracedBy(processor);
    for (const prefix of ['p1', 'p2', 'p3', 'p4']) send(prefix);
    expect(send('p1')['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    // p3 and p4 are still tracked: p4's repeat is the first of its run, $0.0162 − $0.0045.
    expect(send('p4')['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0117, 9);
  });

  it('keep a recently called prefix over one called earlier', () => {
    const processor = new CostSpanProcessor({ maxTrackedPrefixes: 2 });
    const send = tracedBy(processor);
    send('p1');
    send('p2');
    send('p1');
    send('p3');
    expect(send('p1')['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0162, 9);
    expect(processor.getReport().evictedPrefixes).toBe(1);
  });

  it('are one per provider for a fingerprint sent to two, each kept and evicted on its own', () => {
    // gpt-4o-mini through OpenAI and through Azure OpenAI: one pricing entry, one fingerprint, two providers.
    const overOpenAi: Attributes = { 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': 'gpt-4o-mini' };
    const overAzure: Attributes = { ...overOpenAi, 'gen_ai.provider.name': 'azure.ai.openai' };
    const processor = new CostSpanProcessor({ maxTrackedPrefixes: 2 });
    const send = tracedBy(processor);
    send('p1', overOpenAi);
    // The first call of p1 through Azure starts a history of its own: nothing to claim.
    expect(send('p1', overAzure)['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    // Evicts p1 through OpenAI, the least recently called, though not the last history p1 gained.
    send('p2', overOpenAi);
    // p1 through Azure is still tracked: its repeat missed 6,000 tokens × ($0.15 − $0.075) / 10^6 = $0.00045
    // (OpenAI bills no cache write, so there is no write premium to take off).
    expect(send('p1', overAzure)['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.00045, 9);
    // p1 through OpenAI starts over (evicting p2): nothing to claim.
    expect(send('p1', overOpenAi)['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    expect(processor.getReport().evictedPrefixes).toBe(2);
  });

  it('must be a whole number above 0', () => {
    expect(() => new CostSpanProcessor({ maxTrackedPrefixes: 0 })).toThrow('maxTrackedPrefixes must be a whole number above 0, not 0');
    expect(() => new CostSpanProcessor({ maxTrackedPrefixes: 2.5 })).toThrow('maxTrackedPrefixes must be a whole number above 0, not 2.5');
  });

  it('hold the heap within the bound through a million distinct prefixes', { timeout: 180_000 }, async () => {
    const processor = new CostSpanProcessor({ maxTrackedPrefixes: 10_000 });
    const send = tracedBy(processor);
    const distinct = (index: number) => index.toString(16).padStart(32, '0');
    for (let index = 0; index < 100_000; index++) send(distinct(index));
    const heapAtBound = await liveObjectHeapBytes();
    for (let index = 100_000; index < 1_000_000; index++) send(distinct(index));
    const heapGrowthBytes = (await liveObjectHeapBytes()) - heapAtBound;
    expect(processor.getReport().evictedPrefixes).toBe(990_000);
    // 900,000 more prefixes than the first 100,000 add nothing the bound does not already hold;
    // a history kept per prefix would add at least 900,000 × ~150 bytes, over 100 MB.
    expect(heapGrowthBytes).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('the rows of the report', () => {
  it('are at most 256: the calls of further models are totalled in one _OTHER row', () => {
    const processor = new CostSpanProcessor();
    const sendTo = tracedBy(processor);
    for (let index = 1; index <= 258; index++) sendTo(`p${index}`, { 'gen_ai.request.model': `fine-tune-${index}`, 'gen_ai.response.model': `fine-tune-${index}` });
    const rows = processor.getReport().models;
    expect(rows).toHaveLength(257);
    expect(rows.at(-2)?.model).toBe('fine-tune-256');
    expect(rows.at(-1)).toMatchObject({ provider: '_OTHER', model: '_OTHER', calls: 2, unpricedCalls: 2 });
  });
});
