import type { Attributes } from '@opentelemetry/api';
import { describe, it } from 'vitest';
import { expectExactCost, expectUnpriced, noCache } from './expect-cost.js';
import { OPENAI_SCOPE, pricedSpan } from './priced-span.js';

/**
 * The image tokens of OpenAI's image models (the Images API's `images.generate` and `images.edit`):
 * the OpenAI instrumentation's spans count them among the input and the output tokens
 * (`openai.usage.input_tokens_details.image_tokens`, `…output_tokens_details.image_tokens`), and
 * the entry prices them at its `image_input` and `image_output` rates, the rest at its text rates.
 * The spans are made here under the instrumentation's scope, with the usage an image call's span
 * carries: the model its request named (the Images API's response names none), no cache counts.
 * Prices are data/pricing_v1.json's, in USD per million tokens; each figure is worked out by hand in
 * the comment above it, in millionths of a dollar (µ$), and compared exactly.
 */

/** The attributes of one span of an image call of `model` with `usage`, priced on the shipped table. */
const priced = (model: string, usage: Attributes): Attributes =>
  pricedSpan({ 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': model, ...usage }, OPENAI_SCOPE);

describe("the image tokens of OpenAI's image models", () => {
  it('are priced at the image rates, the text tokens of the prompt at the text rate', () => {
    // An edit of gpt-image-2 (text 5, image input 8, output 30: images only): a prompt of 50 text
    // tokens and two images of 1,000 tokens each, one image of 4,160 tokens made.
    // input: 50 × 5 + 2,000 × 8 = 250 + 16,000 = 16,250 µ$; output: 4,160 × 30 = 124,800 µ$
    const attributes = priced('gpt-image-2', {
      'gen_ai.usage.input_tokens': 2050,
      'gen_ai.usage.output_tokens': 4160,
      'openai.usage.input_tokens_details.image_tokens': 2000,
      'openai.usage.output_tokens_details.image_tokens': 4160,
    });
    expectExactCost(attributes, noCache('gpt-image-2', 0.01625, 0.1248, 0.14105));
  });

  it('of the output are priced at the image output rate, the text tokens of the output at the text output rate', () => {
    // gpt-image-1.5-2025-12-16, named by the gpt-image-1.5 entry: text 5 / 10, image 8 / 32. A prompt
    // of 120 text and 1,500 image tokens; 4,300 output tokens, of which 4,160 image and 140 text.
    // input: 120 × 5 + 1,500 × 8 = 600 + 12,000 = 12,600 µ$; output: 140 × 10 + 4,160 × 32 = 1,400 + 133,120 = 134,520 µ$
    const attributes = priced('gpt-image-1.5-2025-12-16', {
      'gen_ai.usage.input_tokens': 1620,
      'gen_ai.usage.output_tokens': 4300,
      'openai.usage.input_tokens_details.image_tokens': 1500,
      'openai.usage.output_tokens_details.image_tokens': 4160,
    });
    expectExactCost(attributes, noCache('gpt-image-1.5', 0.0126, 0.13452, 0.14712));
  });

  it('of the input leave a call of a model without an image input rate unpriced, rather than priced at its text rate', () => {
    // gpt-4o's entry has text rates only.
    const attributes = priced('gpt-4o', {
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 100,
      'openai.usage.input_tokens_details.image_tokens': 1000,
    });
    expectUnpriced(attributes, 'unpriced_image');
  });

  it('that outnumber the input tokens they are part of make the usage inconsistent', () => {
    const usage = { 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 4160, 'openai.usage.output_tokens_details.image_tokens': 4160 };
    expectUnpriced(priced('gpt-image-2', { ...usage, 'openai.usage.input_tokens_details.image_tokens': 101 }), 'inconsistent_usage');
    // With the audio tokens of the input, as many as the input tokens less one, no more than the input either.
    expectUnpriced(
      priced('gpt-image-2', { ...usage, 'openai.usage.prompt_tokens_details.audio_tokens': 99, 'openai.usage.input_tokens_details.image_tokens': 2 }),
      'inconsistent_usage',
    );
  });

  it('that are not a whole number >= 0 make the usage inconsistent', () => {
    const usage = { 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 4160 };
    expectUnpriced(priced('gpt-image-2', { ...usage, 'openai.usage.input_tokens_details.image_tokens': -1 }), 'inconsistent_usage');
    expectUnpriced(priced('gpt-image-2', { ...usage, 'openai.usage.input_tokens_details.image_tokens': 12.5 }), 'inconsistent_usage');
  });
});
