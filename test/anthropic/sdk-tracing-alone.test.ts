import { describe, expect, it } from 'vitest';
import { anthropicTestbed, fixture, onlySpan, QUESTION, SDK_SCOPE } from './testbed.js';
import { PRICED_USAGE, usageToPrice } from './usage-to-price.js';

/**
 * The SDK's own tracing (1.13) without `AnthropicInstrumentation` registered: with it on, each
 * API call still has exactly one span, the SDK's, and its usage prices as this package's span
 * would (the cache writes under the conventions' newer name); with it off, no span at all.
 */

const bed = anthropicTestbed({ instrumented: false });

describe('with the SDK tracing on and this package not registered', () => {
  it('gives messages.create one span, the SDK’s, with the usage of this package’s span', async () => {
    await bed.client.messages.create(QUESTION, fixture('message'));
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(SDK_SCOPE);
    expect(span.attributes['gen_ai.usage.cache_write.input_tokens']).toBe(2100);
    expect(usageToPrice(span)).toEqual(PRICED_USAGE);
  });

  it('gives a streamed messages.create one span, the SDK’s, with the usage of this package’s span', async () => {
    for await (const event of await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream'))) void event;
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(SDK_SCOPE);
    expect(usageToPrice(span)).toEqual(PRICED_USAGE);
  });

  it('gives messages.stream() one span, the SDK’s, with the usage of this package’s span', async () => {
    await bed.client.messages.stream(QUESTION, fixture('message-stream')).finalMessage();
    const span = onlySpan(bed);
    expect(span.instrumentationScope.name).toBe(SDK_SCOPE);
    expect(usageToPrice(span)).toEqual(PRICED_USAGE);
  });
});

describe('with the SDK tracing off and this package not registered', () => {
  it('gives a call no span', async () => {
    await bed.newClient({ openTelemetry: false }).messages.create(QUESTION, fixture('message'));
    await bed.newClient({ openTelemetry: false }).messages.stream(QUESTION, fixture('message-stream')).finalMessage();
    expect(bed.tracing.spans()).toEqual([]);
  });
});
