import { describe, expect, it } from 'vitest';
import { expectFailed, failureOf, fixture, onlyClientSpan, onlySpan, openAITestbed, readStream, startAttributes } from './testbed.js';

const bed = openAITestbed();
const request = { model: 'gpt-3.5-turbo-instruct', prompt: 'Write a poem about a river', max_tokens: 12, temperature: 0.8, stop: ['\n\n\n'] };

describe('completions.create (legacy)', () => {
  it('gives a plain call one CLIENT text_completion span with usage and finish reason', async () => {
    const completion = await bed.client.completions.create(request, fixture('completion'));
    expect(completion.choices[0]?.text).toBe('\n\nRoses are red, the river runs slow,');
    const span = onlyClientSpan(bed, 'text_completion gpt-3.5-turbo-instruct');
    expect(span.attributes).toMatchObject({
      ...startAttributes(bed, 'text_completion', 'gpt-3.5-turbo-instruct'),
      'gen_ai.request.max_tokens': 12,
      'gen_ai.request.temperature': 0.8,
      'llm_observer.request.stop_sequences.count': 1,
      'gen_ai.response.id': 'cmpl-CfZ8legacy000000000000001',
      'gen_ai.response.model': 'gpt-3.5-turbo-instruct:20230824-v2',
      'gen_ai.response.finish_reasons': ['length'],
      'gen_ai.usage.input_tokens': 6,
      'gen_ai.usage.output_tokens': 12,
      'llm_observer.call.outcome': 'completed',
    });
  });

  it('reads a streamed call usage from its final usage chunk', async () => {
    const stream = await bed.client.completions.create(
      { ...request, stream: true, stream_options: { include_usage: true } },
      fixture('completion-stream'),
    );
    const text: string[] = [];
    for await (const chunk of stream) text.push(chunk.choices[0]?.text ?? '');
    expect(text.join('')).toBe('\n\nRoses are red, the river runs slow,');
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'cmpl-CfZBlegacystream000000001',
      'gen_ai.response.finish_reasons': ['length'],
      'gen_ai.usage.input_tokens': 6,
      'gen_ai.usage.output_tokens': 12,
      'llm_observer.call.outcome': 'completed',
    });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
  });

  it('ends the span of a call that fails with a 401 as ERROR', async () => {
    const failure = await failureOf(bed.client.completions.create(request, fixture('error-401')));
    expect(failure).toBeInstanceOf(bed.sdk.AuthenticationError);
    expectFailed(onlySpan(bed), 'AuthenticationError');
  });

  it('ends the span of a streamed call whose connection drops mid-stream as ERROR', async () => {
    const stream = await bed.client.completions.create({ ...request, stream: true }, fixture('completion-stream', { 'x-fixture-drop': 'mid-stream' }));
    const { failure } = await readStream(stream);
    expect(failure).toBeInstanceOf(Error);
    expectFailed(onlySpan(bed), (failure as Error).constructor.name);
  });
});
