import { describe, expect, it } from 'vitest';
import { fixture, onlySpan, openAITestbed, uninstrumented } from './testbed.js';

const bed = openAITestbed();
const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };
const ask = () => bed.client.chat.completions.create(question, fixture('chat'));

describe('with the instrumentation on, the API promise the app gets', () => {
  it('is the SDK own APIPromise, as without it', async () => {
    const baseline = await uninstrumented(bed, async () => {
      const promise = ask();
      await promise;
      return { promise };
    });
    const promise = ask();
    expect(promise).toBeInstanceOf(bed.sdk.APIPromise);
    expect(Object.getPrototypeOf(promise)).toBe(Object.getPrototypeOf(baseline.promise));
    await promise;
  });

  it('resolves to the same body, request id included, as without it', async () => {
    const baseline = await uninstrumented(bed, async () => ask());
    const completion = await ask();
    expect(completion).toEqual(baseline);
    expect(completion._request_id).toBe(baseline._request_id);
    expect(completion._request_id).toBe('req_6b1f2c3d4e5f');
  });

  it('resolves to the same object each time it is awaited, as without it', async () => {
    const promise = ask();
    expect(await promise).toBe(await promise);
  });

  it('gives withResponse() the same data, response status, headers and request id as without it', async () => {
    const baseline = await uninstrumented(bed, async () => ask().withResponse());
    const { data, response, request_id } = await ask().withResponse();
    expect(data).toEqual(baseline.data);
    expect(request_id).toBe(baseline.request_id);
    expect(response.status).toBe(baseline.response.status);
    const headersWithoutDate = (headers: Headers) => [...headers].filter(([name]) => name !== 'date');
    expect(headersWithoutDate(response.headers)).toEqual(headersWithoutDate(baseline.response.headers));
  });

  it('gives asResponse() a Response whose body the app can still read in full', async () => {
    const baselineBody = await uninstrumented(bed, async () => (await ask().asResponse()).text());
    const response = await ask().asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe(baselineBody);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('completed');
  });

  it('gives asResponse() of a streamed call the SSE bytes the server sent', async () => {
    const streamed = () => bed.client.chat.completions.create({ ...question, stream: true }, fixture('chat-stream')).asResponse();
    const baselineBody = await uninstrumented(bed, async () => (await streamed()).text());
    expect(await (await streamed()).text()).toBe(baselineBody);
    expect(baselineBody).toContain('data: [DONE]');
  });

  it('lets the app derive a promise with _thenUnwrap, and the call still reads its usage', async () => {
    const content = (promise: ReturnType<typeof ask>) => promise._thenUnwrap((completion) => completion.choices[0]?.message.content);
    const baseline = await uninstrumented(bed, async () => content(ask()));
    expect(await content(ask())).toBe(baseline);
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 2310, 'llm_observer.call.outcome': 'completed' });
  });

  it('gives chat.completions.parse() the same parsed completion as without it', async () => {
    const parse = () =>
      bed.client.chat.completions.parse(
        { ...question, response_format: { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object' } } } },
        fixture('chat-structured'),
      );
    const baseline = await uninstrumented(bed, parse);
    const parsed = await parse();
    expect(parsed).toEqual(baseline);
    expect(parsed.choices[0]?.message.parsed).toEqual({ city: 'Marseille', country: 'France', population: 873076 });
  });

  it('gives responses.parse() the same parsed response as without it', async () => {
    const parse = () =>
      bed.client.responses.parse(
        { model: 'gpt-4.1', input: 'City?', text: { format: { type: 'json_schema', name: 'city', schema: { type: 'object' } } } },
        fixture('responses-structured'),
      );
    const baseline = await uninstrumented(bed, parse);
    const parsed = await parse();
    expect(parsed).toEqual(baseline);
    expect(parsed.output_parsed).toEqual(baseline.output_parsed);
  });
});

describe('with the instrumentation on, the request the server receives', () => {
  it.each<[string, () => Promise<unknown>]>([
    ['a plain chat call', () => bed.client.chat.completions.create({ ...question, temperature: 0.2 }, fixture('chat'))],
    ['a streamed responses call', () => bed.client.responses.create({ model: 'gpt-5.6', input: 'Index?', stream: true }, fixture('responses-stream'))],
    ['an embeddings call', () => bed.client.embeddings.create({ model: 'text-embedding-3-small', input: 'index' }, fixture('embeddings'))],
  ])('carries the same body and the same headers for %s', async (_, call) => {
    await uninstrumented(bed, call);
    await call();
    const [baseline, instrumented] = bed.server.requests;
    expect(instrumented?.path).toBe(baseline?.path);
    expect(instrumented?.body).toEqual(baseline?.body);
    expect(instrumented?.headers).toEqual(baseline?.headers);
  });
});
