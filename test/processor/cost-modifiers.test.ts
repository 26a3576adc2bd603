import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { anthropicTestbed, OUR_SCOPE } from '../anthropic/testbed.js';
import { expectExactCost, noCache } from './expect-cost.js';

/**
 * What a call's conditions do to its cost: Anthropic fast mode and US-only inference, OpenAI
 * service tiers, Bedrock profiles, long context, cache writes whose lifetime the span does not
 * tell, and streams cut short. Prices are data/pricing_v1.json's, in USD per million tokens; each
 * expected figure is worked out by hand in the comment above it, and compared exactly: costs are
 * exact decimals, rounded to the pico-dollar.
 */

const bed = anthropicTestbed({ processors: [new CostSpanProcessor()] });

/** The attributes of one span with `attributes`, from `scope`, priced by the processor. */
function priced(attributes: Attributes, scope = 'cost-modifiers-test'): Attributes {
  bed.tracing.reset();
  bed.tracing.provider.getTracer(scope).startSpan('chat', { attributes }).end();
  return bed.tracing.spans()[0]?.attributes ?? {};
}

/** This package's span of the one call made so far. */
function ourSpan(): Attributes | undefined {
  return bed.tracing.spans().find((span) => span.instrumentationScope.name === OUR_SCOPE)?.attributes;
}

const fixture = (name: string) => ({ headers: { 'x-fixture': `anthropic-cost/${name}` } });
const question = [{ role: 'user' as const, content: 'When is the quarterly close?' }];

describe('Anthropic fast mode', () => {
  it('prices Claude Opus 4.6 at 6x its list price, the speed recorded from the response', async () => {
    await bed.client.messages.create({ model: 'claude-opus-4-6', max_tokens: 4096, speed: 'fast', messages: question }, fixture('messages-fast-mode'));
    const attributes = ourSpan();
    expect([attributes?.['anthropic.request.speed'], attributes?.['anthropic.response.speed']]).toEqual(['fast', 'fast']);
    // 10000 × 5 × 6 = 300000; 2000 × 25 × 6 = 300000 (millionths of a dollar)
    expectExactCost(attributes, noCache('claude-opus-4-6', 0.3, 0.3, 0.6));
  });

  it('with US-only inference as well, multiplies both factors', () => {
    const attributes = priced({
      'gen_ai.response.model': 'claude-opus-4-6',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 100,
      'anthropic.response.speed': 'fast',
      'anthropic.response.inference_geo': 'us',
    });
    // 6 × 1.1 = 6.6: 1000 × 5 × 6.6 = 33000; 100 × 25 × 6.6 = 16500
    expectExactCost(attributes, noCache('claude-opus-4-6', 0.033, 0.0165, 0.0495));
  });

  it('on a model whose fast-mode rate the table does not know, leaves the span unpriced', () => {
    const attributes = priced({ 'gen_ai.response.model': 'claude-sonnet-4-5', 'gen_ai.usage.input_tokens': 1000, 'anthropic.response.speed': 'fast' });
    expect(attributes['llm_observer.cost.unpriced_reason']).toBe('unpriced_speed');
  });
});

describe('Anthropic US-only inference', () => {
  it('prices Claude Sonnet 5 at 1.1x its list price, the place recorded from the response', async () => {
    await bed.client.messages.create({ model: 'claude-sonnet-5', max_tokens: 4096, inference_geo: 'us', messages: question }, fixture('messages-us-inference'));
    const attributes = ourSpan();
    expect([attributes?.['anthropic.request.inference_geo'], attributes?.['anthropic.response.inference_geo']]).toEqual(['us', 'us']);
    // 10000 × 2 × 1.1 = 22000; 1000 × 10 × 1.1 = 11000
    expectExactCost(attributes, noCache('claude-sonnet-5', 0.022, 0.011, 0.033));
  });

  it('on a model whose US rate the table does not know, leaves the span unpriced', () => {
    const attributes = priced({ 'gen_ai.response.model': 'claude-sonnet-4-5', 'gen_ai.usage.input_tokens': 1000, 'anthropic.response.inference_geo': 'us' });
    expect(attributes['llm_observer.cost.unpriced_reason']).toBe('unpriced_inference_geo');
  });
});

describe('OpenAI service tiers', () => {
  const gpt = (model: string, input: number, output: number, tier: string, cached = 0): Attributes => ({
    'gen_ai.response.model': model,
    'gen_ai.usage.input_tokens': input,
    'gen_ai.usage.output_tokens': output,
    'gen_ai.usage.cache_read.input_tokens': cached,
    'openai.response.service_tier': tier,
  });

  it('prices priority at the prices OpenAI publishes for the model, cached reads included', () => {
    // gpt-5.4 priority 5 / 0.50 cached / 30: 800 × 5 = 4000; 200 × 0.50 = 100; 100 × 30 = 3000; uncached 1000 × 5 + 3000 = 8000
    expectExactCost(priced(gpt('gpt-5.4', 1000, 100, 'priority', 200)), {
      entry: 'gpt-5.4',
      total: 0.0071,
      input: 0.004,
      output: 0.003,
      cacheRead: 0.0001,
      cacheWrite: 0,
      uncached: 0.008,
      savings: 0.0009,
    });
  });

  it('leaves priority above a long-context threshold unpriced: OpenAI publishes no such rate', () => {
    expect(priced(gpt('gpt-5.4', 300000, 100, 'priority'))['llm_observer.cost.unpriced_reason']).toBe('unpriced_service_tier');
  });

  it('prices flex at half the list price on o3', () => {
    // 2000 × 2 × 0.5 = 2000; 500 × 8 × 0.5 = 2000
    expectExactCost(priced(gpt('o3', 2000, 500, 'flex')), noCache('o3', 0.002, 0.002, 0.004));
  });

  it('leaves flex unpriced on gpt-4o, which OpenAI does not offer it for', () => {
    expect(priced(gpt('gpt-4o', 2000, 500, 'flex'))['llm_observer.cost.unpriced_reason']).toBe('unpriced_service_tier');
  });
});

describe('Bedrock inference profiles', () => {
  const haiku = (modelId: string): Attributes => ({ 'gen_ai.response.model': modelId, 'gen_ai.usage.input_tokens': 10000, 'gen_ai.usage.output_tokens': 1000 });

  it('price a geographic (regional) profile 10% above the global one', () => {
    // 10000 × 1 × 1.1 = 11000; 1000 × 5 × 1.1 = 5500
    expectExactCost(priced(haiku('eu.anthropic.claude-haiku-4-5-20251001-v1:0')), noCache('claude-haiku-4-5', 0.011, 0.0055, 0.0165));
  });

  it('price a global profile at the list price', () => {
    // 10000 × 1 = 10000; 1000 × 5 = 5000
    expectExactCost(priced(haiku('global.anthropic.claude-haiku-4-5-20251001-v1:0')), noCache('claude-haiku-4-5', 0.01, 0.005, 0.015));
  });
});

describe('a long-context call', () => {
  const sonnet = (modelId: string): Attributes => ({
    'gen_ai.response.model': modelId,
    'gen_ai.usage.input_tokens': 250000,
    'gen_ai.usage.output_tokens': 1000,
    'gen_ai.usage.cache_read.input_tokens': 100000,
  });

  it('of Claude Sonnet 4.5 above 200K input is priced whole at the long-context rate', () => {
    // 6 / 0.60 / 22.50: 150000 × 6 = 900000; 100000 × 0.60 = 60000; 1000 × 22.50 = 22500; uncached 250000 × 6 + 22500 = 1522500
    expectExactCost(priced(sonnet('claude-sonnet-4-5')), {
      entry: 'claude-sonnet-4-5',
      total: 0.9825,
      input: 0.9,
      output: 0.0225,
      cacheRead: 0.06,
      cacheWrite: 0,
      uncached: 1.5225,
      savings: 0.54,
    });
  });

  it('on a Bedrock geographic profile takes the 10% uplift on the long-context rate', () => {
    // × 1.1: 990000; 66000; 24750; uncached 1674750
    expectExactCost(priced(sonnet('us.anthropic.claude-sonnet-4-5-20250929-v1:0')), {
      entry: 'claude-sonnet-4-5',
      total: 1.08075,
      input: 0.99,
      output: 0.02475,
      cacheRead: 0.066,
      cacheWrite: 0,
      uncached: 1.67475,
      savings: 0.594,
    });
  });
});

describe('cache writes whose lifetime the span does not tell', () => {
  it('from a producer that does not split them are priced at the 5-minute price and marked an estimate', () => {
    // @traceloop/instrumentation-anthropic: input 12 + 2000 written, Sonnet 4.5 at 3 / 3.75 / 15:
    // 12 × 3 = 36; 2000 × 3.75 = 7500; 50 × 15 = 750; uncached 2012 × 3 + 750 = 6786
    const attributes = priced(
      {
        'gen_ai.response.model': 'claude-sonnet-4-5',
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 50,
        'gen_ai.usage.cache_creation.input_tokens': 2000,
      },
      '@traceloop/instrumentation-anthropic',
    );
    expectExactCost(attributes, { entry: 'claude-sonnet-4-5', total: 0.008286, input: 0.000036, output: 0.00075, cacheRead: 0, cacheWrite: 0.0075, uncached: 0.006786, savings: -0.0015 });
    expect(attributes['llm_observer.cost.estimate']).toBe('cache_write_lifetime');
  });

  it("from this package's OpenAI spans without the Responses API's split (a chat completion) are priced at the 30-minute price and marked an estimate on a model with a 12-hour price", () => {
    // gpt-6.2-sol at 2 / 2.50 a 30-minute write / 10: input 6000 of which 4000 written, 100 output.
    // 2000 × 2 = 4000; 4000 × 2.50 = 10000; 100 × 10 = 1000; uncached 6000 × 2 + 1000 = 13000
    const attributes = priced(
      {
        'gen_ai.response.model': 'gpt-6.2-sol',
        'gen_ai.usage.input_tokens': 6000,
        'gen_ai.usage.output_tokens': 100,
        'gen_ai.usage.cache_creation.input_tokens': 4000,
      },
      'otel-llm-observer/openai',
    );
    expectExactCost(attributes, { entry: 'gpt-6.2-sol', total: 0.015, input: 0.004, output: 0.001, cacheRead: 0, cacheWrite: 0.01, uncached: 0.013, savings: -0.002 });
    expect(attributes['llm_observer.cost.estimate']).toBe('cache_write_lifetime');
  });

  it('with an empty 5m/1h breakdown, made by a request whose breakpoints are all 1-hour, are priced as 1-hour writes', async () => {
    await bed.client.messages.create(
      {
        model: 'claude-sonnet-4-6',
        max_tokens: 1024,
        system: [{ type: 'text', text: 'You answer questions about the expense policy.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
        messages: question,
      },
      fixture('messages-write-empty-breakdown'),
    );
    const attributes = ourSpan();
    // 24 × 3 = 72; 4000 × 6 = 24000; 100 × 15 = 1500; uncached 4024 × 3 + 1500 = 13572
    expectExactCost(attributes, { entry: 'claude-sonnet-4-6', total: 0.025572, input: 0.000072, output: 0.0015, cacheRead: 0, cacheWrite: 0.024, uncached: 0.013572, savings: -0.012 });
    expect(attributes?.['llm_observer.cost.estimate']).toBeUndefined();
  });

  it('with an empty 5m/1h breakdown, made by a request with breakpoints of both lifetimes, are priced at 5 minutes and marked an estimate', async () => {
    await bed.client.messages.create(
      {
        model: 'claude-sonnet-4-6',
        max_tokens: 1024,
        system: [
          { type: 'text', text: 'You answer questions about the expense policy.', cache_control: { type: 'ephemeral', ttl: '1h' } },
          { type: 'text', text: 'Today is the 4th.', cache_control: { type: 'ephemeral' } },
        ],
        messages: question,
      },
      fixture('messages-write-empty-breakdown'),
    );
    const attributes = ourSpan();
    // 24 × 3 = 72; 4000 × 3.75 = 15000; 100 × 15 = 1500; uncached 13572
    expectExactCost(attributes, { entry: 'claude-sonnet-4-6', total: 0.016572, input: 0.000072, output: 0.0015, cacheRead: 0, cacheWrite: 0.015, uncached: 0.013572, savings: -0.003 });
    expect(attributes?.['llm_observer.cost.estimate']).toBe('cache_write_lifetime');
  });
});

describe('a stream the application cancels', () => {
  it('is priced from the usage of the events it read, and marked a lower bound', async () => {
    const stream = await bed.client.messages.create(
      { model: 'claude-haiku-4-5', max_tokens: 1024, stream: true, messages: question },
      fixture('messages-cache-read-stream'),
    );
    for await (const event of stream) {
      if (event.type === 'message_start') break;
    }
    const attributes = ourSpan();
    expect(attributes?.['llm_observer.call.outcome']).toBe('cancelled');
    // message_start's usage, its output count a placeholder: 18 × 1 = 18; 6000 × 0.10 = 600; 1 × 5 = 5; uncached 6018 × 1 + 5 = 6023
    expectExactCost(attributes, { entry: 'claude-haiku-4-5', total: 0.000623, input: 0.000018, output: 0.000005, cacheRead: 0.0006, cacheWrite: 0, uncached: 0.006023, savings: 0.0054 });
    expect(attributes?.['llm_observer.cost.lower_bound']).toBe(true);
  });

  it('read to its end is not marked a lower bound', async () => {
    const stream = await bed.client.messages.create(
      { model: 'claude-haiku-4-5', max_tokens: 1024, stream: true, messages: question },
      fixture('messages-cache-read-stream'),
    );
    for await (const event of stream) expect(event.type).not.toBe('error');
    expect(ourSpan()?.['llm_observer.cost.lower_bound']).toBeUndefined();
  });
});
