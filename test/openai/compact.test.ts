import { describe, expect, it } from 'vitest';
import { expectFailed, failureOf, fixture, onlyClientSpan, onlySpan, openAITestbed, startAttributes } from './testbed.js';

const bed = openAITestbed();
const request = { model: 'gpt-5.6-terra', input: 'How do I speed up a query on unarchived rows?' };

describe('responses.compact', () => {
  it('gives a compaction one CLIENT compact span with its usage, the shape of its input and no output of its own', async () => {
    const compacted = await bed.client.responses.compact(request, fixture('responses-compact'));
    expect(compacted.object).toBe('response.compaction');
    expect(compacted.output.map((item) => item.type)).toEqual(['message', 'compaction']);
    const span = onlyClientSpan(bed, 'compact gpt-5.6-terra');
    expect(span.attributes).toEqual({
      ...startAttributes(bed, 'compact', 'gpt-5.6-terra'),
      'gen_ai.response.id': 'resp_0e7c9b3a4f5d6c7b8a99a7b6c5d4e3f2',
      'gen_ai.usage.input_tokens': 18432,
      'gen_ai.usage.cache_read.input_tokens': 16384,
      'gen_ai.usage.cache_creation.input_tokens': 0,
      'gen_ai.usage.output_tokens': 1536,
      'gen_ai.usage.reasoning.output_tokens': 1024,
      'llm_observer.call.outcome': 'completed',
      // The input string is one user message of 45 characters; the compacted conversation the
      // response holds (that message again, and the encrypted compaction) is not the model's output.
      'llm_observer.request.messages.count': 1,
      'llm_observer.request.messages.roles': ['user'],
      'llm_observer.request.messages.chars': [45],
      'llm_observer.request.images.count': 0,
      'llm_observer.request.tool_calls.count': 0,
      'llm_observer.request.tools.count': 0,
    });
  });

  it('records the service tier the compaction asked for', async () => {
    await bed.client.responses.compact({ ...request, service_tier: 'flex' }, fixture('responses-compact'));
    expect(onlySpan(bed).attributes['openai.request.service_tier']).toBe('flex');
  });

  it('ends the span of a compaction that fails with a 400 as ERROR', async () => {
    const failure = await failureOf(bed.client.responses.compact(request, fixture('error-400')));
    expect(failure).toBeInstanceOf(bed.sdk.BadRequestError);
    expectFailed(onlySpan(bed), 'BadRequestError');
  });
});
