import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { expectFailed, failureOf, fixture, onlyClientSpan, onlySpan, openAITestbed, readStream, startAttributes } from './testbed.js';

/**
 * The Images API: `images.generate` and `images.edit`, whole and streamed, one CLIENT
 * `generate_content` span each, its usage from the response's `usage` (or the stream's `completed`
 * event), priced at the model's text and image rates. Each expected cost is worked out by hand in
 * the comment above it, in millionths of a dollar (µ$).
 */

const bed = openAITestbed([new CostSpanProcessor()]);
const PROMPT = 'A lighthouse at dusk, in the style of a linocut print';
const generation = { model: 'gpt-image-2.6-sunburst', prompt: PROMPT, quality: 'high' as const, size: '1024x1024' as const };

/** A 1×1 PNG, as the app uploads an image to edit. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const EDIT_PROMPT = 'Make the sky stormy';
const edit = async () => ({ model: 'gpt-image-1.5', prompt: EDIT_PROMPT, image: await bed.sdk.toFile(PNG, 'lighthouse.png', { type: 'image/png' }), quality: 'medium' as const });

// gpt-image-2.6-sunburst: text input 5, image output 30 (USD per million tokens). 37 text tokens × 5 = 185 µ$;
// 4160 image tokens × 30 = 124800 µ$: 124985 µ$.
const GENERATED = noCache('gpt-image-2.6-sunburst', 0.000185, 0.1248, 0.124985);
// The stream's two partial images add 100 output tokens each: 4360 × 30 = 130800 µ$, with the input 130985 µ$.
const GENERATED_STREAMED = noCache('gpt-image-2.6-sunburst', 0.000185, 0.1308, 0.130985);
// gpt-image-1.5: text input 5, image input 8, text output 10, image output 32. Input 42 × 5 + 1323 × 8 = 210 + 10584 =
// 10794 µ$; output 130 × 10 + 4160 × 32 = 1300 + 133120 = 134420 µ$: 145214 µ$.
const EDITED = noCache('gpt-image-1.5', 0.010794, 0.13442, 0.145214);
// Streamed, the output not split: 4360 image tokens × 32 = 139520 µ$, with the input 150314 µ$.
const EDITED_STREAMED = noCache('gpt-image-1.5', 0.010794, 0.13952, 0.150314);

describe('images.generate', () => {
  it('gives a generation one CLIENT generate_content span with its usage, every output token an image token, and the shape of its prompt', async () => {
    const images = await bed.client.images.generate(generation, fixture('images-generate'));
    expect(images.data?.map((image) => image.b64_json?.length)).toEqual([96]);
    const span = onlyClientSpan(bed, 'generate_content gpt-image-2.6-sunburst');
    const { 'llm_observer.cost.total_usd': total, ...attributes } = span.attributes;
    expect(total).toBe(GENERATED.total);
    expect(Object.fromEntries(Object.entries(attributes).filter(([name]) => !name.startsWith('llm_observer.cost.') && !name.startsWith('llm_observer.pricing.') && name !== 'llm_observer.cache.savings_usd'))).toEqual({
      ...startAttributes(bed, 'generate_content', 'gpt-image-2.6-sunburst'),
      'gen_ai.output.type': 'image',
      'openai.request.image.quality': 'high',
      'gen_ai.usage.input_tokens': 37,
      'gen_ai.usage.output_tokens': 4160,
      'openai.usage.input_tokens_details.image_tokens': 0,
      'openai.usage.output_tokens_details.image_tokens': 4160,
      'llm_observer.call.outcome': 'completed',
      'llm_observer.request.messages.count': 1,
      'llm_observer.request.messages.roles': ['user'],
      'llm_observer.request.messages.chars': [PROMPT.length],
      'llm_observer.request.images.count': 0,
      'llm_observer.request.tool_calls.count': 0,
      'llm_observer.request.tools.count': 0,
    });
    expectExactCost(span.attributes, GENERATED);
  });

  it('streamed, reads the usage of the completed event and never a partial image, and the app gets every event', async () => {
    const stream = await bed.client.images.generate({ ...generation, stream: true, partial_images: 2 }, fixture('images-generate-stream'));
    const { events, failure } = await readStream(stream);
    expect(failure).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed']);
    const { attributes } = onlyClientSpan(bed, 'generate_content gpt-image-2.6-sunburst');
    expect([attributes['gen_ai.request.stream'], attributes['gen_ai.usage.output_tokens'], attributes['openai.usage.output_tokens_details.image_tokens']]).toEqual([true, 4360, 4360]);
    expectExactCost(attributes, GENERATED_STREAMED);
  });

  it('records the number of images asked for as the choice count', async () => {
    await bed.client.images.generate({ ...generation, n: 3 }, fixture('images-generate'));
    expect(onlySpan(bed).attributes['gen_ai.request.choice.count']).toBe(3);
  });

  it('records a quality the API does not document as _OTHER', async () => {
    await bed.client.images.generate({ ...generation, quality: 'ultra' as never }, fixture('images-generate'));
    expect(onlySpan(bed).attributes['openai.request.image.quality']).toBe('_OTHER');
  });

  it('ends the span of a prompt the safety system rejects as ERROR, with its documented code', async () => {
    const failure = await failureOf(bed.client.images.generate(generation, fixture('images-error-moderation')));
    expect(failure).toBeInstanceOf(bed.sdk.BadRequestError);
    const span = onlySpan(bed);
    expectFailed(span, 'BadRequestError');
    expect(span.status.message).toBe('BadRequestError 400 moderation_blocked');
    expectUnpriced(span.attributes, 'no_usage');
  });
});

describe('images.edit', () => {
  it('gives an edit one CLIENT generate_content span, its input and output split into text and image tokens, priced at each rate', async () => {
    const images = await bed.client.images.edit(await edit(), fixture('images-edit'));
    expect(images.size).toBe('1024x1536');
    const { attributes } = onlyClientSpan(bed, 'generate_content gpt-image-1.5');
    expect([
      attributes['gen_ai.output.type'],
      attributes['gen_ai.usage.input_tokens'],
      attributes['openai.usage.input_tokens_details.image_tokens'],
      attributes['gen_ai.usage.output_tokens'],
      attributes['openai.usage.output_tokens_details.image_tokens'],
      attributes['llm_observer.request.messages.chars'],
    ]).toEqual(['image', 1365, 1323, 4290, 4160, [EDIT_PROMPT.length]]);
    expectExactCost(attributes, EDITED);
  });

  it('streamed, reads the usage of the image_edit.completed event', async () => {
    const stream = await bed.client.images.edit({ ...(await edit()), stream: true, partial_images: 2 }, fixture('images-edit-stream'));
    const { events } = await readStream(stream);
    expect(events.map((event) => event.type)).toEqual(['image_edit.partial_image', 'image_edit.partial_image', 'image_edit.completed']);
    const { attributes } = onlyClientSpan(bed, 'generate_content gpt-image-1.5');
    expect([attributes['gen_ai.usage.input_tokens'], attributes['openai.usage.input_tokens_details.image_tokens'], attributes['openai.usage.output_tokens_details.image_tokens']]).toEqual([1365, 1323, 4360]);
    expectExactCost(attributes, EDITED_STREAMED);
  });

  it('sends the upload as the SDK would, multipart, with the prompt', async () => {
    const before = bed.server.requests.length;
    await bed.client.images.edit(await edit(), fixture('images-edit'));
    const [request] = bed.server.requests.slice(before);
    expect(request?.path).toBe('/v1/images/edits');
    expect(String(request?.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(String(request?.body)).toContain(EDIT_PROMPT);
  });
});
