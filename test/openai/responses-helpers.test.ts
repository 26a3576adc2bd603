import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CITY_SCHEMA, expectFailed, failureOf, fixture, onlySpan, openAITestbed } from './testbed.js';

const bed = openAITestbed();
const request = { model: 'gpt-5.6', input: 'Which index first?' };
const cityRequest = {
  model: 'gpt-4.1',
  input: 'Fourth-largest city of France, as JSON.',
  temperature: 0.2,
  text: {
    format: {
      type: 'json_schema' as const,
      name: 'city',
      strict: true,
      schema: CITY_SCHEMA,
    },
  },
};

describe('responses.stream()', () => {
  it('emits the text deltas and a final response while its one span reads the usage', async () => {
    const stream = bed.client.responses.stream(request, fixture('responses-stream'));
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const response = await stream.finalResponse();
    expect(deltas.join('')).toBe('Index the foreign keys first.');
    expect(response.output_text).toBe('Index the foreign keys first.');
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'resp_2c3d4e5f60718293a4b5c6d7e8f90a1b',
      'gen_ai.usage.input_tokens': 3300,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.usage.output_tokens': 88,
      'gen_ai.response.finish_reasons': ['completed'],
      'llm_observer.call.outcome': 'completed',
    });
  });

  it('ends the span as cancelled when the app aborts the helper mid-stream', async () => {
    const stream = bed.client.responses.stream(request, fixture('responses-stream', { 'x-fixture-event-delay-ms': '10' }));
    stream.on('response.output_text.delta', () => stream.abort());
    const failure = await failureOf(stream.finalResponse());
    expect(failure).toBeInstanceOf(bed.sdk.APIUserAbortError);
    const span = onlySpan(bed);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('ends the span of a helper stream that carries an error event as ERROR', async () => {
    const stream = bed.client.responses.stream(request, fixture('responses-stream-error'));
    const failure = await failureOf(stream.finalResponse());
    expect(failure).toBeInstanceOf(bed.sdk.APIError);
    expectFailed(onlySpan(bed), 'APIError');
  });

  it('ends the span of a helper stream the API refuses with a 429 as ERROR', async () => {
    const stream = bed.client.responses.stream(request, fixture('error-429'));
    const failure = await failureOf(stream.finalResponse());
    expect(failure).toBeInstanceOf(bed.sdk.RateLimitError);
    expectFailed(onlySpan(bed), 'RateLimitError');
  });
});

describe('responses.parse()', () => {
  it('gives the app its parsed output and the call one span with JSON output type and usage', async () => {
    const response = await bed.client.responses.parse(cityRequest, fixture('responses-structured'));
    expect(response.output_parsed).toEqual({ city: 'Toulouse', country: 'France', population: 504078 });
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.request.model': 'gpt-4.1',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.output.type': 'json',
      'gen_ai.response.model': 'gpt-4.1-2025-04-14',
      'gen_ai.usage.input_tokens': 74,
      'gen_ai.usage.output_tokens': 21,
      'gen_ai.response.finish_reasons': ['completed'],
      'llm_observer.call.outcome': 'completed',
    });
  });

  it('ends the span of a parse call that the API rejects as ERROR', async () => {
    const failure = await failureOf(bed.client.responses.parse(cityRequest, fixture('error-400')));
    expect(failure).toBeInstanceOf(bed.sdk.BadRequestError);
    expectFailed(onlySpan(bed), 'BadRequestError');
  });
});
