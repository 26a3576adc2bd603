import { describe, expect, it } from 'vitest';
import { expectFailed, failureOf, fixture, onlyClientSpan, onlySpan, openAITestbed, readStream, startAttributes } from './testbed.js';

const bed = openAITestbed();
const request = { model: 'gpt-5.6', input: 'How do I speed up a query on unarchived rows?' };

describe('responses.create', () => {
  it('gives a plain call one CLIENT chat span with usage including cached, cache-write and reasoning tokens', async () => {
    const response = await bed.client.responses.create(request, fixture('responses'));
    expect(response.output_text).toBe('Use a partial index on the rows where archived_at is null.');
    const span = onlyClientSpan(bed, 'chat gpt-5.6');
    expect(span.attributes).toEqual({
      ...startAttributes(bed, 'chat', 'gpt-5.6'),
      'gen_ai.response.id': 'resp_0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'gen_ai.response.model': 'gpt-5.6-2026-10-08',
      'gen_ai.response.finish_reasons': ['completed'],
      'gen_ai.usage.input_tokens': 6144,
      'gen_ai.usage.cache_read.input_tokens': 4096,
      'gen_ai.usage.cache_creation.input_tokens': 1024,
      'gen_ai.usage.output_tokens': 312,
      'gen_ai.usage.reasoning.output_tokens': 192,
      'openai.response.service_tier': 'priority',
      'llm_observer.call.outcome': 'completed',
      // The shape of the content: the input string is one user message of 45 characters, the answer 58.
      'llm_observer.request.messages.count': 1,
      'llm_observer.request.messages.roles': ['user'],
      'llm_observer.request.messages.chars': [45],
      'llm_observer.request.images.count': 0,
      'llm_observer.request.tool_calls.count': 0,
      'llm_observer.request.tools.count': 0,
      'llm_observer.response.output.chars': [58],
      'llm_observer.response.tool_calls.count': 0,
    });
  });

  it('records the request parameters the call was made with, the conversation included', async () => {
    await bed.client.responses.create(
      {
        ...request,
        max_output_tokens: 1024,
        temperature: 0.7,
        top_p: 0.95,
        service_tier: 'priority',
        text: { format: { type: 'text' } },
        conversation: 'conv_68f1a2b3c4d5e6f7',
      },
      fixture('responses'),
    );
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.request.temperature': 0.7,
      'gen_ai.request.top_p': 0.95,
      'openai.request.service_tier': 'priority',
      'gen_ai.output.type': 'text',
      'gen_ai.conversation.id': 'conv_68f1a2b3c4d5e6f7',
    });
  });

  it('reads a streamed call usage and final service tier from the response.completed event', async () => {
    const stream = await bed.client.responses.create({ ...request, stream: true }, fixture('responses-stream'));
    const text: string[] = [];
    for await (const event of stream) if (event.type === 'response.output_text.delta') text.push(event.delta);
    expect(text.join('')).toBe('Index the foreign keys first.');
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'resp_2c3d4e5f60718293a4b5c6d7e8f90a1b',
      'gen_ai.response.model': 'gpt-5.6-2026-10-08',
      'gen_ai.response.finish_reasons': ['completed'],
      'gen_ai.usage.input_tokens': 3300,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.usage.cache_creation.input_tokens': 1152,
      'gen_ai.usage.output_tokens': 88,
      'gen_ai.usage.reasoning.output_tokens': 64,
      // response.created says `auto`; the tier the call ran on arrives with response.completed.
      'openai.response.service_tier': 'default',
      'llm_observer.call.outcome': 'completed',
    });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
  });

  it('ends the span of a stream that carries an error event as ERROR', async () => {
    const stream = await bed.client.responses.create({ ...request, stream: true }, fixture('responses-stream-error'));
    const { failure } = await readStream(stream);
    expect(failure).toBeInstanceOf(bed.sdk.APIError);
    const span = onlySpan(bed);
    expectFailed(span, 'APIError');
    expect(span.status.message).toBe('APIError server_error');
    expect(span.attributes['gen_ai.response.id']).toBe('resp_2c3d4e5f60718293a4b5c6d7e8f90a1b');
  });

  it('ends the span of a call that fails with a 500 as ERROR', async () => {
    const failure = await failureOf(bed.client.responses.create(request, fixture('error-500')));
    expect(failure).toBeInstanceOf(bed.sdk.InternalServerError);
    expectFailed(onlySpan(bed), 'InternalServerError');
  });

  it('ends the span of a streamed call that fails with a 401 before any event as ERROR', async () => {
    const failure = await failureOf(bed.client.responses.create({ ...request, stream: true }, fixture('error-401')));
    expect(failure).toBeInstanceOf(bed.sdk.AuthenticationError);
    expectFailed(onlySpan(bed), 'AuthenticationError');
  });
});
