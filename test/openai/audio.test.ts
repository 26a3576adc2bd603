import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { expectFailed, failureOf, fixture, onlyClientSpan, onlySpan, openAITestbed, readStream, startAttributes } from './testbed.js';

/**
 * The Audio API: `audio.transcriptions.create` (whole and streamed), `audio.translations.create`
 * and `audio.speech.create`, one CLIENT `generate_content` span each. A transcription's usage is
 * of tokens (gpt-4o-transcribe: audio and text input, text output) or of the seconds of audio
 * (whisper-1, gpt-transcribe), each priced as the model bills it; speech reports no usage. Each
 * expected cost is worked out by hand in the comment above it, in millionths of a dollar (µ$).
 */

const bed = openAITestbed([new CostSpanProcessor()]);
const TRANSCRIPT = 'The quarterly numbers are in, and the rollout starts on Monday.';
const PROMPT = 'A product team meeting.';
/** A few bytes standing for the audio file the app uploads. */
const audio = () => bed.sdk.toFile(Buffer.from('RIFF....WAVEfmt '), 'meeting.wav', { type: 'audio/wav' });
const transcription = async () => ({ model: 'gpt-4o-transcribe', file: await audio(), prompt: PROMPT, temperature: 0 });

// gpt-4o-transcribe: text input 2.50, audio input 6, output 10 (USD per million tokens). Input: 12 text tokens × 2.50 = 30 µ$,
// 202 audio tokens × 6 = 1212 µ$: 1242 µ$; output: 53 × 10 = 530 µ$: 1772 µ$.
const TRANSCRIBED = noCache('gpt-4o-transcribe', 0.001242, 0.00053, 0.001772);
// whisper-1: $0.006 a minute of audio, the seconds rounded to the nearest: 8.47 s is 8 s × 0.006 / 60 = 800 µ$.
const TRANSCRIBED_BY_DURATION = noCache('whisper-1', 0.0008, 0, 0.0008);

describe('audio.transcriptions.create', () => {
  it('gives a transcription one CLIENT generate_content span with its token usage, the audio tokens apart, and the shape of its prompt and transcript', async () => {
    const result = await bed.client.audio.transcriptions.create(await transcription(), fixture('audio-transcription'));
    expect(result.text).toBe(TRANSCRIPT);
    const span = onlyClientSpan(bed, 'generate_content gpt-4o-transcribe');
    const ours = Object.fromEntries(
      Object.entries(span.attributes).filter(([name]) => !name.startsWith('llm_observer.cost.') && !name.startsWith('llm_observer.pricing.') && name !== 'llm_observer.cache.savings_usd'),
    );
    expect(ours).toEqual({
      ...startAttributes(bed, 'generate_content', 'gpt-4o-transcribe'),
      'gen_ai.request.temperature': 0,
      'gen_ai.usage.input_tokens': 214,
      'gen_ai.usage.output_tokens': 53,
      'openai.usage.prompt_tokens_details.audio_tokens': 202,
      'llm_observer.call.outcome': 'completed',
      // The audio is a user message of no characters; the prompt the system instructions.
      'llm_observer.request.messages.count': 1,
      'llm_observer.request.messages.roles': ['user'],
      'llm_observer.request.messages.chars': [0],
      'llm_observer.request.system.chars': PROMPT.length,
      'llm_observer.request.images.count': 0,
      'llm_observer.request.tool_calls.count': 0,
      'llm_observer.request.tools.count': 0,
      'llm_observer.response.output.chars': [TRANSCRIPT.length],
      'llm_observer.response.tool_calls.count': 0,
    });
    expectExactCost(span.attributes, TRANSCRIBED);
  });

  it('records the seconds of audio of a model billed by duration, and prices them rounded to the nearest second', async () => {
    await bed.client.audio.transcriptions.create({ model: 'whisper-1', file: await audio() }, fixture('audio-transcription-duration'));
    const { attributes } = onlyClientSpan(bed, 'generate_content whisper-1');
    expect([attributes['openai.usage.seconds'], attributes['gen_ai.usage.input_tokens']]).toEqual([8.47, undefined]);
    expectExactCost(attributes, TRANSCRIBED_BY_DURATION);
  });

  it('streamed, counts the transcript of the deltas and reads the usage of transcript.text.done', async () => {
    const stream = await bed.client.audio.transcriptions.create({ ...(await transcription()), stream: true }, fixture('audio-transcription-stream'));
    const { events, failure } = await readStream(stream);
    expect(failure).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['transcript.text.delta', 'transcript.text.delta', 'transcript.text.delta', 'transcript.text.done']);
    const { attributes } = onlyClientSpan(bed, 'generate_content gpt-4o-transcribe');
    expect([attributes['gen_ai.request.stream'], attributes['llm_observer.response.output.chars'], attributes['openai.usage.prompt_tokens_details.audio_tokens']]).toEqual([
      true,
      [TRANSCRIPT.length],
      202,
    ]);
    expectExactCost(attributes, TRANSCRIBED);
  });

  it('of a transcript as plain text, which carries no usage: the transcript is the output, and the call is unpriced for want of usage', async () => {
    const text = await bed.client.audio.transcriptions.create({ model: 'gpt-4o-transcribe', file: await audio(), response_format: 'text' }, fixture('audio-transcription-text'));
    expect(text).toBe(`${TRANSCRIPT}\n`);
    const { attributes } = onlyClientSpan(bed, 'generate_content gpt-4o-transcribe');
    expect(attributes['llm_observer.response.output.chars']).toEqual([TRANSCRIPT.length + 1]);
    expectUnpriced(attributes, 'no_usage');
  });

  it('ends the span of a transcription that fails with a 400 as ERROR', async () => {
    const failure = await failureOf(bed.client.audio.transcriptions.create(await transcription(), fixture('error-400')));
    expect(failure).toBeInstanceOf(bed.sdk.BadRequestError);
    expectFailed(onlySpan(bed), 'BadRequestError');
  });
});

describe('audio.translations.create', () => {
  it('gives a translation one CLIENT span with the shape of its transcript; its response carries no usage', async () => {
    const result = await bed.client.audio.translations.create({ model: 'whisper-1', file: await audio() }, fixture('audio-translation'));
    expect(result.text).toBe(TRANSCRIPT);
    const { attributes } = onlyClientSpan(bed, 'generate_content whisper-1');
    expect(attributes['llm_observer.response.output.chars']).toEqual([TRANSCRIPT.length]);
    expectUnpriced(attributes, 'no_usage');
  });
});

describe('audio.speech.create', () => {
  const INPUT = 'Your order has shipped.';
  const INSTRUCTIONS = 'Speak cheerfully.';

  it('gives a speech call one CLIENT generate_content span, output type speech, with the shape of its text; the app reads the audio as without it', async () => {
    const response = await bed.client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'coral', input: INPUT, instructions: INSTRUCTIONS }, fixture('audio-speech'));
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 3).toString()).toBe('ID3');
    const { attributes } = onlyClientSpan(bed, 'generate_content gpt-4o-mini-tts');
    expect([
      attributes['gen_ai.output.type'],
      attributes['llm_observer.request.messages.chars'],
      attributes['llm_observer.request.system.chars'],
      attributes['llm_observer.call.outcome'],
    ]).toEqual(['speech', [INPUT.length], INSTRUCTIONS.length, 'completed']);
    expect(attributes['llm_observer.cost.unpriced_reason']).toEqual(expect.any(String));
  });
});
