import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { OPENAI_SCOPE, pricedSpan } from './priced-span.js';

/**
 * An `openai` span whose `server.address` is not OpenAI's API: the call of a gateway or server no
 * one named (docs/cost.md, "A gateway's calls"), priced by the model makers' entries (the table's
 * `priced_by` row `gateway`), whoever made the span. Prices from data/pricing_v1.json, in USD per
 * million tokens; 1000 input and 100 output tokens each.
 */
const chatAt = (serverAddress: string | undefined, model: string): Attributes => ({
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  ...(serverAddress === undefined ? {} : { 'server.address': serverAddress }),
  'gen_ai.request.model': model,
  'gen_ai.response.model': model,
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 100,
});

const costOf = (attributes: Attributes) => [attributes['llm_observer.cost.total_usd'], attributes['llm_observer.pricing.entry'], attributes['llm_observer.cost.unpriced_reason']];

/** The other producers whose `openai` spans name their server: the OpenTelemetry contrib instrumentation, and a span of no scope the processor knows. */
const SCOPES = [OPENAI_SCOPE, '@opentelemetry/instrumentation-openai', 'an-app-of-its-own'];

describe.each(SCOPES)("an openai span of %s at a host that is not OpenAI's", (scope) => {
  it("is priced at the list price of another maker's model (Claude through a LiteLLM proxy)", () => {
    // claude-haiku-4-5: 1000 × 1 + 100 × 5 = 1500 µ$
    expect(costOf(pricedSpan(chatAt('litellm.internal.example', 'claude-haiku-4-5'), scope))).toEqual([0.0015, 'claude-haiku-4-5', undefined]);
    // gemini-2.5-flash as a gateway names it: 1000 × 0.30 + 100 × 2.50 = 550 µ$
    expect(costOf(pricedSpan(chatAt('gateway.ai.cloudflare.com', 'google/gemini-2.5-flash'), scope))).toEqual([0.00055, 'gemini-2.5-flash', undefined]);
  });

  it("is priced at OpenAI's list price for OpenAI's models, as before", () => {
    // gpt-4o-mini: 1000 × 0.15 + 100 × 0.60 = 210 µ$
    expect(costOf(pricedSpan(chatAt('10.0.4.17', 'gpt-4o-mini'), scope))).toEqual([0.00021, 'gpt-4o-mini', undefined]);
  });

  it("is not priced at a host's price for an open-weight model a self-hosted server may serve under the same id", () => {
    expect(costOf(pricedSpan(chatAt('localhost', 'Qwen/Qwen3.8-27B'), scope))).toEqual([undefined, undefined, 'unknown_model']);
    expect(costOf(pricedSpan(chatAt('localhost', 'openai/gpt-oss-120b'), scope))).toEqual([undefined, undefined, 'unknown_model']);
  });
});

describe("an anthropic span at a host that is not Anthropic's API", () => {
  const anthropicAt = (serverAddress: string, model: string): Attributes => ({ ...chatAt(serverAddress, model), 'gen_ai.provider.name': 'anthropic' });

  it("is priced at its model maker's list price (DeepSeek's Anthropic API), and Claude at Anthropic's as before", () => {
    // deepseek-chat: 1000 × 0.14 + 100 × 0.28 = 168 µ$
    expect(costOf(pricedSpan(anthropicAt('api.deepseek.com', 'deepseek-chat'), 'otel-llm-observer/anthropic'))).toEqual([0.000168, 'deepseek-chat', undefined]);
    // claude-haiku-4-5: 1500 µ$, as above
    expect(costOf(pricedSpan(anthropicAt('litellm.internal.example', 'claude-haiku-4-5'), 'otel-llm-observer/anthropic'))).toEqual([0.0015, 'claude-haiku-4-5', undefined]);
  });

  it("is priced by Anthropic's entries only at Anthropic's API", () => {
    expect(costOf(pricedSpan(anthropicAt('api.anthropic.com', 'deepseek-chat'), 'otel-llm-observer/anthropic'))).toEqual([undefined, undefined, 'unknown_model']);
  });
});

describe("an openai span at OpenAI's API, or naming no server", () => {
  it.each([['api.openai.com'], ['eu.api.openai.com'], ['api.eu.openai.com'], [undefined]])("is priced by OpenAI's entries only (server %s)", (serverAddress) => {
    expect(costOf(pricedSpan(chatAt(serverAddress, 'claude-haiku-4-5'), OPENAI_SCOPE))).toEqual([undefined, undefined, 'unknown_model']);
    expect(costOf(pricedSpan(chatAt(serverAddress, 'gpt-4o-mini'), OPENAI_SCOPE))).toEqual([0.00021, 'gpt-4o-mini', undefined]);
  });
});

describe("the cache insights of a gateway's calls", () => {
  /**
   * Two calls of `model` through a LiteLLM proxy, sending the same prefix of an estimated 6,000
   * tokens uncached, within 5 minutes; with `usage` (no cache read, and a count of writes or none).
   */
  const twoCallsOf = (model: string, usage: Attributes) => {
    const processor = new CostSpanProcessor();
    const call: Attributes = {
      ...chatAt('litellm.internal.example', model),
      'gen_ai.usage.input_tokens': 6020,
      'gen_ai.usage.cache_read.input_tokens': 0,
      ...usage,
      'llm_observer.prefix.fingerprint': `prefix-of-${model}`,
      'llm_observer.prefix.estimated_tokens': 6000,
    };
    const repeat = [pricedSpan(call, OPENAI_SCOPE, processor), pricedSpan(call, OPENAI_SCOPE, processor)][1];
    return { repeat, report: processor.getReport() };
  };

  it("weigh a Claude call by Anthropic's cache, not OpenAI's: the recommendation is a cache_control breakpoint", () => {
    const { repeat, report } = twoCallsOf('claude-sonnet-4-6', { 'gen_ai.usage.cache_creation.input_tokens': 0 });
    expect(repeat?.['llm_observer.cache.recommendation']).toBe('anthropic.add_cache_control');
    // Reported under the provider the span names.
    expect(report.recommendations.map((recommendation) => [recommendation.provider, recommendation.code])).toEqual([['openai', 'anthropic.add_cache_control']]);
  });

  it('weigh a Claude call whose writes the gateway does not count by nothing: Anthropic reports its writes, so no cache use is known', () => {
    const { repeat, report } = twoCallsOf('claude-sonnet-4-6', {});
    expect([repeat?.['llm_observer.cache.recommendation'], report.recommendations]).toEqual([undefined, []]);
  });

  it("weigh an OpenAI model's call by OpenAI's cache, as before", () => {
    expect(twoCallsOf('gpt-4o', {}).repeat?.['llm_observer.cache.recommendation']).toBe('openai.set_prompt_cache_key');
  });
});
