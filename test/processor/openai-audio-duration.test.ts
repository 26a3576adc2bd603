import { metrics, type Attributes } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { expectExactCost, expectUnpriced, noCache } from './expect-cost.js';
import { CollectingReader } from '../support/telemetry-checks.js';
import { OPENAI_SCOPE, pricedSpan } from './priced-span.js';

/**
 * The transcriptions and translations of OpenAI's audio models. whisper-1 and gpt-transcribe bill
 * the duration of the input audio, "rounded to the nearest second" (OpenAI's pricing page): the
 * OpenAI instrumentation's span of such a call carries `openai.usage.seconds` and no token count,
 * and the entry prices the whole seconds at its `usd_per_audio_second`, into the input.
 * gpt-4o-transcribe and gpt-4o-mini-transcribe bill tokens: text and audio input
 * (`openai.usage.prompt_tokens_details.audio_tokens`) and text output, each at its rate.
 * The spans are made here under the instrumentation's scope, with the usage such a call's span
 * carries: the model its request named, no cache counts. Prices are data/pricing_v1.json's: whisper-1
 * $0.006 a minute, $0.0001 (100 µ$) a second; gpt-transcribe $0.0045 a minute, $0.000075 (75 µ$) a
 * second; tokens in USD per million. Each figure is worked out by hand in the comment above it, in
 * millionths of a dollar (µ$), and compared exactly.
 */

/** The attributes of one span of `scope` of a transcription by `model` with `usage`, priced on the shipped table. */
const priced = (model: string, usage: Attributes, scope = OPENAI_SCOPE): Attributes =>
  pricedSpan({ 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': model, ...usage }, scope);

describe("the duration of the audio of OpenAI's transcriptions and translations", () => {
  it('is billed on whisper-1 in whole seconds, rounded to the nearest, at the price of a second', () => {
    // 8.47 s bills 8 s: 8 × 100 = 800 µ$, all of it input.
    expectExactCost(priced('whisper-1', { 'openai.usage.seconds': 8.47 }), noCache('whisper-1', 0.0008, 0, 0.0008));
    // 125.5 s bills 126 s (half a second up): 126 × 100 = 12,600 µ$.
    expectExactCost(priced('whisper-1', { 'openai.usage.seconds': 125.5 }), noCache('whisper-1', 0.0126, 0, 0.0126));
  });

  it('is billed on gpt-transcribe at its own price of a second', () => {
    // 8.47 s bills 8 s: 8 × 75 = 600 µ$.
    expectExactCost(priced('gpt-transcribe', { 'openai.usage.seconds': 8.47 }), noCache('gpt-transcribe', 0.0006, 0, 0.0006));
    // 125.5 s bills 126 s: 126 × 75 = 9,450 µ$.
    expectExactCost(priced('gpt-transcribe', { 'openai.usage.seconds': 125.5 }), noCache('gpt-transcribe', 0.00945, 0, 0.00945));
    // 0.4 s bills nothing, 0.5 s one second: 75 µ$.
    expectExactCost(priced('gpt-transcribe', { 'openai.usage.seconds': 0.4 }), noCache('gpt-transcribe', 0, 0, 0));
    expectExactCost(priced('gpt-transcribe', { 'openai.usage.seconds': 0.5 }), noCache('gpt-transcribe', 0.000075, 0, 0.000075));
  });

  it('is read on the OpenAI instrumentation\'s spans only: another producer\'s span without tokens has no usage', () => {
    expectUnpriced(priced('whisper-1', { 'openai.usage.seconds': 8.47 }, 'another-instrumentation'), 'no_usage');
  });

  it('leaves a call of a model billed by the token unpriced, rather than priced at nothing', () => {
    // gpt-4o-transcribe's entry has token prices only; gpt-4o, text ones.
    expectUnpriced(priced('gpt-4o-transcribe', { 'openai.usage.seconds': 10 }), 'unpriced_audio');
    expectUnpriced(priced('gpt-4o', { 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 10, 'openai.usage.seconds': 10 }), 'unpriced_audio');
  });

  it('that is not a number of seconds >= 0 the cost can bill makes the usage inconsistent', () => {
    for (const seconds of [-1, -0.4, Number.NaN, Number.POSITIVE_INFINITY, 1e300, '8.47']) {
      expectUnpriced(priced('whisper-1', { 'openai.usage.seconds': seconds }), 'inconsistent_usage');
    }
  });

  it('of a failed call, which has none, leaves the call without usage', () => {
    expectUnpriced(priced('whisper-1', { 'error.type': 'APIConnectionError' }), 'no_usage');
  });
});

describe("the tokens of OpenAI's transcription models billed by the token", () => {
  it('are priced at the audio input rate for the audio, at the text rates for the prompt and the transcript', () => {
    // gpt-4o-transcribe (text 2.50, audio 6, output 10): 1,000 audio tokens and a prompt of 200 text
    // tokens, a transcript of 300 tokens.
    // input: 200 × 2.50 + 1,000 × 6 = 500 + 6,000 = 6,500 µ$; output: 300 × 10 = 3,000 µ$
    const attributes = priced('gpt-4o-transcribe', {
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 300,
      'openai.usage.prompt_tokens_details.audio_tokens': 1000,
    });
    expectExactCost(attributes, noCache('gpt-4o-transcribe', 0.0065, 0.003, 0.0095));
  });

  it('are priced on the snapshot of gpt-4o-mini-transcribe the SDK names at its model\'s rates', () => {
    // gpt-4o-mini-transcribe-2025-12-15 (text 1.25, audio 3, output 5): 950 audio and 50 text tokens, 120 out.
    // input: 50 × 1.25 + 950 × 3 = 62.5 + 2,850 = 2,912.5 µ$; output: 120 × 5 = 600 µ$
    const attributes = priced('gpt-4o-mini-transcribe-2025-12-15', {
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 120,
      'openai.usage.prompt_tokens_details.audio_tokens': 950,
    });
    expectExactCost(attributes, noCache('gpt-4o-mini-transcribe', 0.0029125, 0.0006, 0.0035125));
    expect(attributes['llm_observer.pricing.match']).toBe('exact');
  });
});

describe('a call billed by the duration of its audio', () => {
  afterEach(() => metrics.disable());

  it('records its cost and duration, and no token usage, which it has none of', async () => {
    const reader = new CollectingReader();
    metrics.disable();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    priced('whisper-1', { 'openai.usage.seconds': 8.47 });
    const byName = await reader.metricsByName();
    const points = (name: string) => byName.get(name)?.dataPoints.length;
    expect([points('llm_observer.client.cost'), points('gen_ai.client.operation.duration'), points('gen_ai.client.token.usage') ?? 0]).toEqual([1, 1, 0]);
  });
});
