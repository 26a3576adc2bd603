import { describe, expect, it } from 'vitest';
import { expectFailed, failureOf, fixture, onlyClientSpan, onlySpan, openAITestbed, startAttributes } from './testbed.js';

const bed = openAITestbed();
const request = { model: 'text-embedding-3-small', input: ['partial index', 'foreign key'], dimensions: 8 };

describe('embeddings.create', () => {
  it('gives a call one CLIENT embeddings span with input usage and the requested dimensions', async () => {
    const result = await bed.client.embeddings.create(request, fixture('embeddings'));
    // The SDK asked for base64 on the wire and decoded it: the app gets numbers.
    expect(result.data.map((item) => item.embedding.length)).toEqual([8, 8]);
    expect(result.data[0]?.embedding[0]).toBeCloseTo(0.0123, 6);
    const span = onlyClientSpan(bed, 'embeddings text-embedding-3-small');
    expect(span.attributes).toEqual({
      ...startAttributes(bed, 'embeddings', 'text-embedding-3-small'),
      'gen_ai.embeddings.dimension.count': 8,
      'gen_ai.response.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': 9,
      'llm_observer.call.outcome': 'completed',
      // Each input is a message of the shape: 'partial index' is 13 characters, 'foreign key' 11.
      'llm_observer.request.messages.count': 2,
      'llm_observer.request.messages.roles': ['user', 'user'],
      'llm_observer.request.messages.chars': [13, 11],
      'llm_observer.request.images.count': 0,
      'llm_observer.request.tool_calls.count': 0,
      'llm_observer.request.tools.count': 0,
    });
  });

  it('records the encoding format the app asked for', async () => {
    const result = await bed.client.embeddings.create(
      { model: 'text-embedding-3-small', input: 'partial index', encoding_format: 'float' },
      fixture('embeddings-float'),
    );
    expect(result.data[0]?.embedding).toHaveLength(8);
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.request.encoding_formats': ['float'],
      'gen_ai.usage.input_tokens': 4,
    });
  });

  it('ends the span of a call that fails with a 400 as ERROR', async () => {
    const failure = await failureOf(bed.client.embeddings.create(request, fixture('error-400')));
    expect(failure).toBeInstanceOf(bed.sdk.BadRequestError);
    expectFailed(onlySpan(bed), 'BadRequestError');
  });
});
