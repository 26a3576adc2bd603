import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { openAITestbed } from '../openai/testbed.js';
import { expectExactCost, expectUnpriced, noCache, type ExpectedCost } from './expect-cost.js';

/**
 * The prices that are not one rate per input and output token: the audio tokens of OpenAI's audio
 * models (their own rates, in place of the text rates), the web search every call of a
 * search-preview model bills (a fee per call), and a model whose provider publishes no cache
 * prices (Claude Mythos Preview: a call that uses the cache is left unpriced, never priced at a
 * sibling's ratios). Prices are data/pricing_v1.json's, in USD per million tokens; each figure is
 * worked out by hand in the comment above it, in millionths of a dollar (µ$), and compared exactly.
 */

const bed = openAITestbed([new CostSpanProcessor()]);

/** Checks that `attributes` carry exactly `expected`, found by `match`, with `callFee` written apart where the model bills one. */
function expectCall(attributes: Attributes | undefined, expected: ExpectedCost, match: string, callFee?: number): void {
  expectExactCost(attributes, expected);
  expect([attributes?.['llm_observer.pricing.match'], attributes?.['llm_observer.cost.call_fee_usd']]).toEqual([match, callFee]);
}

/** The attributes of one span with `attributes`, another producer's, priced by the processor. */
function priced(attributes: Attributes): Attributes {
  bed.tracing.reset();
  bed.tracing.provider.getTracer('audio-and-call-fees-test').startSpan('chat', { attributes }).end();
  return bed.tracing.spans()[0]?.attributes ?? {};
}

const fixture = (name: string) => ({ headers: { 'x-fixture': `openai-cost/${name}` } });

describe('the audio tokens of OpenAI audio models', () => {
  it('are recorded on the span and priced at the audio rates, the text tokens at the text rates', async () => {
    await bed.client.chat.completions.create(
      { model: 'gpt-4o-audio-preview', modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' }, messages: [{ role: 'user', content: 'Where is my order?' }] },
      fixture('chat-audio'),
    );
    const attributes = bed.tracing.spans()[0]?.attributes;
    expect([attributes?.['openai.usage.prompt_tokens_details.audio_tokens'], attributes?.['openai.usage.completion_tokens_details.audio_tokens']]).toEqual([900, 380]);
    // gpt-4o-audio-preview-2025-06-03 is named by the gpt-4o-audio-preview entry: text 2.50 / 10, audio 40 / 80.
    // input: (1200 − 900) × 2.50 + 900 × 40 = 750 + 36000 = 36750 µ$; output: (450 − 380) × 10 + 380 × 80 = 700 + 30400 = 31100 µ$
    expectCall(attributes, noCache('gpt-4o-audio-preview', 0.03675, 0.0311, 0.06785), 'exact');
  });

  it("of the 2024-10-01 snapshot are priced at that snapshot's own audio rates", () => {
    const attributes = priced({
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.model': 'gpt-4o-audio-preview-2024-10-01',
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 10,
      'openai.usage.prompt_tokens_details.audio_tokens': 100,
    });
    // input: 100 × 100 = 10000 µ$; output: 10 × 10 = 100 µ$
    expectCall(attributes, noCache('gpt-4o-audio-preview-2024-10-01', 0.01, 0.0001, 0.0101), 'exact');
  });

  it("are read from OpenInference's spans too", () => {
    const attributes = priced({
      'llm.provider': 'openai',
      'llm.model_name': 'gpt-4o-mini-audio-preview-2024-12-17',
      'llm.token_count.prompt': 1000,
      'llm.token_count.completion': 200,
      'llm.token_count.prompt_details.audio': 600,
      'llm.token_count.completion_details.audio': 150,
    });
    // text 0.15 / 0.60, audio 10 / 20. input: 400 × 0.15 + 600 × 10 = 60 + 6000 = 6060 µ$; output: 50 × 0.60 + 150 × 20 = 30 + 3000 = 3030 µ$
    expectCall(attributes, noCache('gpt-4o-mini-audio-preview', 0.00606, 0.00303, 0.00909), 'exact');
  });

  it('leave a call of a model without audio rates unpriced, rather than priced at its text rates', () => {
    const attributes = priced({
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
      'openai.usage.prompt_tokens_details.audio_tokens': 600,
    });
    expectUnpriced(attributes, 'unpriced_audio');
  });

  it('that outnumber the tokens they are part of make the usage inconsistent', () => {
    const usage = { 'gen_ai.provider.name': 'openai', 'gen_ai.response.model': 'gpt-audio', 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 50 };
    expectUnpriced(priced({ ...usage, 'openai.usage.prompt_tokens_details.audio_tokens': 101 }), 'inconsistent_usage');
    expectUnpriced(priced({ ...usage, 'openai.usage.completion_tokens_details.audio_tokens': 51 }), 'inconsistent_usage');
  });
});

describe("the web search of OpenAI's search-preview models", () => {
  it('is billed once per call, $25 per thousand, beside the tokens', async () => {
    await bed.client.chat.completions.create(
      { model: 'gpt-4o-search-preview', web_search_options: {}, messages: [{ role: 'user', content: 'Are there shipping delays today?' }] },
      fixture('chat-search-preview'),
    );
    // input: 850 × 2.50 = 2125 µ$; output: 310 × 10 = 3100 µ$; the search: 25000 µ$; total 30225 µ$
    expectCall(bed.tracing.spans()[0]?.attributes, noCache('gpt-4o-search-preview', 0.002125, 0.0031, 0.030225), 'exact', 0.025);
  });

  it('is billed for the mini model as well', () => {
    const attributes = priced({
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.model': 'gpt-4o-mini-search-preview-2025-03-11',
      'gen_ai.usage.input_tokens': 2000,
      'gen_ai.usage.output_tokens': 500,
    });
    // input: 2000 × 0.15 = 300 µ$; output: 500 × 0.60 = 300 µ$; the search: 25000 µ$
    expectCall(attributes, noCache('gpt-4o-mini-search-preview', 0.0003, 0.0003, 0.0256), 'exact', 0.025);
  });

  it('is not written on the spans of models without a fee', () => {
    const attributes = priced({ 'gen_ai.provider.name': 'openai', 'gen_ai.response.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 10 });
    expect(Object.keys(attributes).filter((name) => name === 'llm_observer.cost.call_fee_usd')).toEqual([]);
    // input: 10 × 2.50 = 25 µ$; output: 10 × 10 = 100 µ$
    expectCall(attributes, noCache('gpt-4o', 0.000025, 0.0001, 0.000125), 'exact');
  });
});

describe('Claude Mythos Preview, whose provider publishes input and output prices only', () => {
  const mythos = (usage: Attributes) =>
    priced({ 'gen_ai.provider.name': 'anthropic', 'gen_ai.response.model': 'claude-mythos-preview', 'gen_ai.usage.output_tokens': 500, ...usage });

  it('prices a call that does not use the cache', () => {
    // input: 2000 × 25 = 50000 µ$; output: 500 × 125 = 62500 µ$
    expectCall(mythos({ 'gen_ai.usage.input_tokens': 2000 }), noCache('claude-mythos-preview', 0.05, 0.0625, 0.1125), 'exact');
  });

  it('leaves a call that reads or writes the cache unpriced, naming which price is missing', () => {
    expectUnpriced(mythos({ 'gen_ai.usage.input_tokens': 2000, 'gen_ai.usage.cache_read.input_tokens': 1500 }), 'unpriced_cache_read');
    expectUnpriced(mythos({ 'gen_ai.usage.input_tokens': 2000, 'gen_ai.usage.cache_creation.input_tokens': 1500 }), 'unpriced_cache_write');
  });
});
