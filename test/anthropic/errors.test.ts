import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { anthropicTestbed, CACHED_USAGE, fixture, onlySpan, QUESTION, withoutThisPackage } from './testbed.js';

const bed = anthropicTestbed();

/** Asserts that `span` records a failed call whose error is of class `errorType`, with `summary` as its status message. */
function expectFailed(span: ReadableSpan, errorType: string, summary: string): void {
  expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: summary });
  expect(span.attributes).toMatchObject({ 'error.type': errorType, 'llm_observer.call.outcome': 'failed' });
}

/** The error `promise` fails with; a promise that succeeds fails the test. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => error as Error & Record<string, unknown>,
  );

describe('an API error', () => {
  it('gives the application the same RateLimitError for a 429, with its retry-after and error body, and fails the span', async () => {
    const ask = () => failure(bed.client.messages.create(QUESTION, fixture('error-429')));
    const baseline = await withoutThisPackage(bed, ask);
    const error = await ask();
    expect(error).toBeInstanceOf(bed.sdk.RateLimitError);
    expect(error.message).toBe(baseline.message);
    expect((error.headers as Headers).get('retry-after')).toBe('18');
    expect(error.error).toEqual(baseline.error);
    expect(error.requestID).toBe('req_011CVQBr4tE1iM2tS3xY4zA5');
    expectFailed(onlySpan(bed), 'RateLimitError', 'RateLimitError 429 rate_limit_error');
  });

  it('keeps the text of the error message, which can echo the request, out of the span', async () => {
    await failure(bed.client.messages.create(QUESTION, fixture('error-429')));
    const span = onlySpan(bed);
    expect(JSON.stringify([span.status, span.attributes, span.events])).not.toContain('rate limit for your organization');
  });

  it('gives a 529 overloaded_error the OverloadedError the SDK throws, and fails the span', async () => {
    const error = await failure(bed.client.messages.create(QUESTION, fixture('error-529')));
    expect(error).toBeInstanceOf(bed.sdk.OverloadedError);
    expect(error.error).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_011CVQCvErL0aD1eD2xY3zA4' });
    expectFailed(onlySpan(bed), 'OverloadedError', 'OverloadedError 529 overloaded_error');
  });

  it('gives a call that the SDK retries after a 529 one span, with the usage of the answer that came', async () => {
    const client = bed.newClient({ maxRetries: 1 });
    await client.messages.create(QUESTION, fixture('error-529,message'));
    expect(bed.server.requests).toHaveLength(2);
    expect(onlySpan(bed).attributes).toMatchObject({ ...CACHED_USAGE, 'llm_observer.call.outcome': 'completed' });
  });

  it('fails the span of a streamed call whose stream brings an error event, after the events before it', async () => {
    const stream = await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream-overloaded'));
    const types: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of stream) types.push(event.type);
      })(),
    );
    expect(types).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(error).toBeInstanceOf(bed.sdk.APIError);
    expect(error.error).toMatchObject({ error: { type: 'overloaded_error' } });
    const span = onlySpan(bed);
    expectFailed(span, 'APIError', 'APIError overloaded_error');
    expect(span.attributes['gen_ai.usage.cache_read.input_tokens']).toBe(1800);
  });
});

describe('a connection that fails', () => {
  it('fails the span with APIConnectionError when the connection drops before the response', async () => {
    const error = await failure(bed.client.messages.create(QUESTION, fixture('message', { 'x-fixture-drop': 'before-response' })));
    expect(error).toBeInstanceOf(bed.sdk.APIConnectionError);
    expectFailed(onlySpan(bed), 'APIConnectionError', 'APIConnectionError');
  });

  it('fails the span with the error the application gets, as without this package, when the connection drops mid-stream', async () => {
    const readAll = async () => {
      const stream = await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream', { 'x-fixture-drop': 'mid-stream' }));
      return failure(
        (async () => {
          for await (const event of stream) void event;
        })(),
      );
    };
    const baseline = await withoutThisPackage(bed, readAll);
    const error = await readAll();
    // @anthropic-ai/sdk 1.17 wraps the dropped connection in APIConnectionError (1.13 let undici's
    // TypeError through): the application gets the SDK's error, and the span names its class.
    expect(error).toBeInstanceOf(bed.sdk.APIConnectionError);
    expect(error.constructor).toBe(baseline.constructor);
    expect(error.message).toBe(baseline.message);
    expectFailed(onlySpan(bed), 'APIConnectionError', 'APIConnectionError');
  });
});
