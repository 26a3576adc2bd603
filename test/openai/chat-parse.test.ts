import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CITY_SCHEMA, expectFailed, failureOf, fixture, onlySpan, openAITestbed } from './testbed.js';

const bed = openAITestbed();

const cityFormat = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'city',
    strict: true,
    schema: CITY_SCHEMA,
  },
};
const request = {
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content: 'Second-largest city of France, as JSON.' }],
  response_format: cityFormat,
};

describe('chat.completions.parse', () => {
  it('gives the app its parsed object and the call one span with JSON output type and usage', async () => {
    const completion = await bed.client.chat.completions.parse(request, fixture('chat-structured'));
    expect(completion.choices[0]?.message.parsed).toEqual({ city: 'Marseille', country: 'France', population: 873076 });
    const span = onlySpan(bed);
    expect(span.name).toBe('chat gpt-4o');
    expect(span.attributes).toMatchObject({
      'gen_ai.output.type': 'json',
      'gen_ai.response.id': 'chatcmpl-CfZ6structured00000000001',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 96,
      'gen_ai.usage.output_tokens': 19,
      'llm_observer.call.outcome': 'completed',
    });
  });

  it('records a response cut short by max tokens as a completed call, while the app gets the SDK length error', async () => {
    const failure = await failureOf(
      bed.client.chat.completions.parse({ ...request, max_completion_tokens: 8 }, fixture('chat-structured-length')),
    );
    expect((failure as Error).constructor.name).toBe('LengthFinishReasonError');
    const span = onlySpan(bed);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['length'],
      'gen_ai.usage.output_tokens': 8,
      'llm_observer.call.outcome': 'completed',
    });
  });

  it('ends the span of a parse call that the API rejects as ERROR', async () => {
    const failure = await failureOf(bed.client.chat.completions.parse(request, fixture('error-400')));
    expect(failure).toBeInstanceOf(bed.sdk.BadRequestError);
    expectFailed(onlySpan(bed), 'BadRequestError');
  });
});
