import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { anthropicTestbed, fixture, onlySpan, QUESTION, SDK_SCOPE } from './testbed.js';
import { PRICED_COST_USD, PRICED_USAGE, usageToPrice } from './usage-to-price.js';

/**
 * The SDK's own tracing (1.13) without `AnthropicInstrumentation` registered: with it on, each
 * API call still has exactly one span, the SDK's, which the cost processor prices as it prices
 * this package's span (the SDK writes the cache writes under the conventions' newer name); with
 * it off, no span at all.
 */

const bed = anthropicTestbed({ instrumented: false, processors: [new CostSpanProcessor()] });

describe('with the SDK tracing on and this package not registered', () => {
  it('gives messages.create one span, the SDK’s, with the usage and the cost of this package’s span', async () => {
    await bed.client.messages.create(QUESTION, fixture('message'));
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(SDK_SCOPE);
    expect(span.attributes['gen_ai.usage.cache_write.input_tokens']).toBe(2100);
    expect(usageToPrice(span)).toEqual(PRICED_USAGE);
    expect(span.attributes['llm_observer.cost.total_usd']).toBeCloseTo(PRICED_COST_USD, 12);
  });

  it('gives a streamed messages.create one span, the SDK’s, with the usage and the cost of this package’s span', async () => {
    for await (const event of await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream'))) void event;
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(SDK_SCOPE);
    expect(usageToPrice(span)).toEqual(PRICED_USAGE);
    expect(span.attributes['llm_observer.cost.total_usd']).toBeCloseTo(PRICED_COST_USD, 12);
  });

  it('gives messages.stream() one span, the SDK’s, with the usage and the cost of this package’s span', async () => {
    await bed.client.messages.stream(QUESTION, fixture('message-stream')).finalMessage();
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(SDK_SCOPE);
    expect(usageToPrice(span)).toEqual(PRICED_USAGE);
    expect(span.attributes['llm_observer.cost.total_usd']).toBeCloseTo(PRICED_COST_USD, 12);
  });
});

describe('with the SDK tracing off and this package not registered', () => {
  it('gives a call no span', async () => {
    await bed.newClient({ openTelemetry: false }).messages.create(QUESTION, fixture('message'));
    await bed.newClient({ openTelemetry: false }).messages.stream(QUESTION, fixture('message-stream')).finalMessage();
    expect(bed.tracing.spans()).toEqual([]);
  });
});
