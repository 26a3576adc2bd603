import { readFileSync } from 'node:fs';
import { metrics, trace } from '@opentelemetry/api';
import { DataPointType, MeterProvider, type MetricData } from '@opentelemetry/sdk-metrics';
import { beforeEach, describe, expect, it } from 'vitest';
import { CollectingReader } from '../support/telemetry-checks.js';
import { fixture, insightsBed, systemPromptOf } from './insights-bed.js';

/**
 * The metrics the processor records through the global meter provider, read with a real
 * sdk-metrics reader. Calls: claude-sonnet-4-6 messages against the fixture server, as in
 * docs/savings-model.md example A (6,020 input tokens, 50 output, $0.01881 each; the second
 * call of a run missed $0.0117).
 */

const bed = insightsBed();
let reader: CollectingReader;
beforeEach(() => {
  reader = new CollectingReader();
  metrics.disable();
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});

/** The metrics recorded so far, by name. */
const collected = () => reader.metricsByName();

const uncached = { model: 'claude-sonnet-4-6', max_tokens: 1024, system: systemPromptOf(6000), messages: [{ role: 'user' as const, content: 'Who approves expenses?' }] };

async function twoUncachedCalls(): Promise<void> {
  await bed.anthropic.messages.create(uncached, fixture('anthropic-uncached'));
  await bed.anthropic.messages.create(uncached, fixture('anthropic-uncached'));
}

describe('the GenAI conventions metrics', () => {
  it('record input and output tokens per call in gen_ai.client.token.usage, with the advised buckets', async () => {
    await twoUncachedCalls();
    const tokenUsage = (await collected()).get('gen_ai.client.token.usage');
    expect(tokenUsage?.descriptor.unit).toBe('{token}');
    expect(tokenUsage?.dataPointType).toBe(DataPointType.HISTOGRAM);
    const points = (tokenUsage?.dataPoints ?? []) as { attributes: Record<string, unknown>; value: { count: number; sum: number; buckets: { boundaries: number[] } } }[];
    expect(points.map(({ attributes, value }) => [attributes, value.count, value.sum])).toEqual([
      [
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'anthropic',
          'gen_ai.request.model': 'claude-sonnet-4-6',
          'gen_ai.response.model': 'claude-sonnet-4-6',
          'server.address': '127.0.0.1',
          'server.port': Number(new URL(bed.server.origin).port),
          'gen_ai.token.type': 'input',
        },
        2,
        12_040,
      ],
      [expect.objectContaining({ 'gen_ai.token.type': 'output' }), 2, 100],
    ]);
    expect(points[0]?.value.buckets.boundaries).toEqual([1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]);
  });

  it('record each call in gen_ai.client.operation.duration, in seconds, with the advised buckets', async () => {
    await twoUncachedCalls();
    const duration = (await collected()).get('gen_ai.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const [point, ...others] = (duration?.dataPoints ?? []) as { attributes: Record<string, unknown>; value: { count: number; buckets: { boundaries: number[] } } }[];
    expect(others).toEqual([]);
    expect(point?.value.count).toBe(2);
    expect(point?.attributes['gen_ai.provider.name']).toBe('anthropic');
    expect(point?.value.buckets.boundaries).toEqual([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]);
  });

  it("are left to other instrumentations for their own spans, which still count in the USD sums", async () => {
    const span = trace.getTracer('another-instrumentation').startSpan('chat claude-sonnet-4-6', {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': 'claude-sonnet-4-6',
        'gen_ai.usage.input_tokens': 6020,
        'gen_ai.usage.output_tokens': 50,
      },
    });
    span.end();
    const recorded = await collected();
    expect(recorded.get('gen_ai.client.token.usage')?.dataPoints ?? []).toEqual([]);
    expect(recorded.get('gen_ai.client.operation.duration')?.dataPoints ?? []).toEqual([]);
    expect(recorded.get('llm_observer.client.cost')?.dataPoints.map((point) => point.value)).toEqual([expect.closeTo(0.01881, 9)]);
  });
});

describe("this package's USD metrics", () => {
  it('sum the cost by provider and pricing entry, and the missed savings by these and the recommendation', async () => {
    await twoUncachedCalls();
    const recorded = await collected();
    const byModel = { 'gen_ai.provider.name': 'anthropic', 'llm_observer.pricing.entry': 'claude-sonnet-4-6' };
    expect(recorded.get('llm_observer.client.cost')?.dataPoints).toEqual([expect.objectContaining({ attributes: byModel, value: expect.closeTo(0.03762, 9) })]);
    expect(recorded.get('llm_observer.client.cache.missed_savings')?.dataPoints).toEqual([
      expect.objectContaining({ attributes: { ...byModel, 'llm_observer.cache.recommendation': 'anthropic.add_cache_control' }, value: expect.closeTo(0.0117, 9) }),
    ]);
  });

  it('sum net cache savings, negative while writes have not paid back', async () => {
    const cached = { ...uncached, system: [{ type: 'text' as const, text: systemPromptOf(6000), cache_control: { type: 'ephemeral' as const } }] };
    await bed.anthropic.messages.create(cached, fixture('anthropic-cache-write'));
    // The write's premium: 6,000 × (3.75 − 3) / 1M.
    expect((await collected()).get('llm_observer.client.cache.savings')?.dataPoints.map((point) => point.value)).toEqual([expect.closeTo(-0.0045, 9)]);
    await bed.anthropic.messages.create(cached, fixture('anthropic-cache-read'));
    // And one read: 6,000 × (3 − 0.30) / 1M = 0.0162.
    expect((await collected()).get('llm_observer.client.cache.savings')?.dataPoints.map((point) => point.value)).toEqual([expect.closeTo(0.0117, 9)]);
  });
});

describe('every metric the processor records', () => {
  it('is registered in semconv/registry_v1.json with its instrument and unit', async () => {
    await twoUncachedCalls();
    const cached = { ...uncached, system: [{ type: 'text' as const, text: systemPromptOf(6000), cache_control: { type: 'ephemeral' as const } }] };
    await bed.anthropic.messages.create(cached, fixture('anthropic-cache-write'));
    const registry = JSON.parse(readFileSync(new URL('../../semconv/registry_v1.json', import.meta.url), 'utf8')) as {
      metrics: { name: string; instrument: string; unit: string }[];
    };
    const instrumentOf = (metric: MetricData) =>
      metric.dataPointType === DataPointType.HISTOGRAM ? 'histogram' : metric.dataPointType === DataPointType.SUM && metric.isMonotonic ? 'counter' : 'updowncounter';
    const emitted = [...(await collected()).values()].map((metric) => ({ name: metric.descriptor.name, instrument: instrumentOf(metric), unit: metric.descriptor.unit }));
    expect(emitted).toHaveLength(5);
    const registered = registry.metrics.map(({ name, instrument, unit }) => ({ name, instrument, unit }));
    expect(registered).toEqual(expect.arrayContaining(emitted));
  });
});
