import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, type PricingFile } from '../../src/index.js';
import * as semconv from '../../src/semconv.js';
import { ROOT } from '../support/pinned-install.js';
import { UNCACHED_CALL } from './insights-bed.js';

/**
 * How each provider's prompt cache behaves is data: the pricing table's `caches` (a row per
 * provider: hit window, write lifetimes, which recommendation codes apply), `caches_of_model_makers`
 * and `recommendations` (what each code means). An override may give a provider of its own a row.
 */

const shipped = JSON.parse(readFileSync(join(ROOT, 'data', 'pricing_v1.json'), 'utf8')) as Required<Pick<PricingFile, 'caches' | 'recommendations'>>;
const registeredCodes = Object.entries(semconv)
  .filter(([name]) => name.startsWith('RECOMMENDATION_'))
  .map(([, code]) => code as string);

describe('the shipped cache rules', () => {
  it("name only registered recommendation codes (src/semconv.ts), and mean each in one line", () => {
    const named = Object.values(shipped.caches).flatMap((rules) => Object.values(rules.recommendations));
    expect(named.filter((code) => !registeredCodes.includes(code))).toEqual([]);
    expect(Object.keys(shipped.recommendations).sort()).toEqual([...registeredCodes].sort());
  });
});

/**
 * A gateway of the user's own, `acme-gateway`, serving Claude at Anthropic's list prices with
 * Anthropic's cache, given a row of `priced_by` and of `caches` by an override. Its spans are
 * insights-bed.ts's `UNCACHED_CALL` (claude-sonnet-4-6, 6,020 input tokens of which an estimated
 * 6,000 are the prefix, 50 output) under its provider name. A provider of its own, without the
 * suite's recorder of what this package emits: the code `acme.pin_prefix` is the user's.
 */
const GATEWAY_CACHE = {
  hit_window_minutes: 5,
  write_ttl_minutes: 5,
  reports_writes: true,
  app_places_breakpoints: true,
  recommendations: { cache_the_prefix: 'acme.pin_prefix', stop_unread_writes: 'anthropic.remove_cache_control' },
  source: { url: 'https://gateway.example.com/docs/caching', as_of: '2026-12' },
};

const gatewayCall = (fingerprint: string, extra: Attributes = {}): Attributes => ({
  ...UNCACHED_CALL,
  'gen_ai.provider.name': 'acme-gateway',
  'llm_observer.prefix.fingerprint': fingerprint,
  ...extra,
});

/** The exported attributes of the spans of `calls`, ended one after another on a provider with `processor`. */
function sent(processor: CostSpanProcessor, calls: readonly Attributes[]): Attributes[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter })] });
  for (const attributes of calls) provider.getTracer('another-producer').startSpan('chat claude-sonnet-4-6', { attributes }).end();
  return exporter.getFinishedSpans().map((span) => span.attributes);
}

describe('a cache row of an override', () => {
  // An override has at least one entry: the shipped claude-sonnet-4-6 at its own input price, $3.
  const pricing = (caches: Record<string, typeof GATEWAY_CACHE>, recommendations: Record<string, string>) =>
    ({
      version: 'acme-2026-12',
      entries: [{ id: 'claude-sonnet-4-6', usd_per_million_tokens: { input: 3 } }],
      priced_by: { 'acme-gateway': ['anthropic'] },
      caches,
      recommendations,
    }) as unknown as PricingFile;

  it("gives a provider of the user's own the cache insights, with the recommendation it names", () => {
    const processor = new CostSpanProcessor({
      pricing: pricing({ 'acme-gateway': GATEWAY_CACHE }, { 'acme.pin_prefix': 'the gateway pins a prefix sent twice within 5 minutes when asked to' }),
    });
    // The first call writes the prefix to the cache; the second sends it again uncached within the
    // hit window: its missed saving is the read alone, 6,000 × ($3 − $0.30) / 10^6 = $0.0162.
    const [, repeat] = sent(processor, [gatewayCall('gateway-prefix', { 'gen_ai.usage.cache_creation.input_tokens': 6000, 'anthropic.request.cache_control.breakpoints': 1 }), gatewayCall('gateway-prefix')]);
    expect(repeat?.['llm_observer.cache.missed_savings_usd']).toBe(0.0162);
    expect(repeat?.['llm_observer.cache.recommendation']).toBe('acme.pin_prefix');
    expect(processor.getReport().recommendations.map((recommendation) => recommendation.code)).toEqual(['acme.pin_prefix']);
  });

  it('is needed for those insights: without it the same calls are priced and weighed by no cache', () => {
    const processor = new CostSpanProcessor({ pricing: pricing({}, {}) });
    const [, repeat] = sent(processor, [gatewayCall('gateway-prefix-2', { 'gen_ai.usage.cache_creation.input_tokens': 6000, 'anthropic.request.cache_control.breakpoints': 1 }), gatewayCall('gateway-prefix-2')]);
    // 6,020 × $3 + 50 × $15, per million tokens = $0.01806 + $0.00075.
    expect(repeat?.['llm_observer.cost.total_usd']).toBe(0.01881);
    expect(repeat?.['llm_observer.cache.missed_savings_usd']).toBeUndefined();
  });

  it('naming a recommendation that has no line in recommendations is refused', () => {
    expect(() => new CostSpanProcessor({ pricing: pricing({ 'acme-gateway': GATEWAY_CACHE }, {}) })).toThrow(
      'caches "acme-gateway": the recommendation "acme.pin_prefix" has no line in recommendations',
    );
  });
});
