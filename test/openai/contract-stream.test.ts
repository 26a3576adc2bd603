import type { Stream } from 'openai/streaming';
import { describe, expect, it } from 'vitest';
import { fixture, onlySpan, openAITestbed, readStream, uninstrumented } from './testbed.js';

const bed = openAITestbed();
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Capital of France?' }],
  stream: true as const,
  stream_options: { include_usage: true },
};
const openStream = (headers: Record<string, string> = {}) => bed.client.chat.completions.create(request, fixture('chat-stream', headers));

/** The chunks of `stream`, read to its end. */
async function readAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const { events, failure } = await readStream(stream);
  if (failure !== undefined) throw failure;
  return events;
}

describe('with the instrumentation on, the stream the app gets', () => {
  it('is the SDK own Stream with its controller, as without it', async () => {
    const baseline = await uninstrumented(bed, async () => {
      const stream = await openStream();
      await readAll(stream);
      return { stream };
    });
    const stream = await openStream();
    expect(Object.getPrototypeOf(stream)).toBe(Object.getPrototypeOf(baseline.stream));
    expect(stream.controller).toBeInstanceOf(AbortController);
    await readAll(stream);
  });

  it('yields the same chunks as without it', async () => {
    const baseline = await uninstrumented(bed, async () => readAll(await openStream()));
    expect(await readAll(await openStream())).toEqual(baseline);
    expect(baseline).toHaveLength(10);
  });

  it('splits with tee() into two branches that each read every chunk, under one completed span', async () => {
    const baseline = await uninstrumented(bed, async () => readAll(await openStream()));
    const [left, right] = (await openStream()).tee();
    const [leftChunks, rightChunks] = await Promise.all([readAll(left), readAll(right)]);
    expect(leftChunks).toEqual(baseline);
    expect(rightChunks).toEqual(baseline);
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.call.outcome': 'completed', 'gen_ai.usage.input_tokens': 2310 });
  });

  it('turns with toReadableStream() into the same newline-delimited JSON as without it', async () => {
    const asText = async () => new Response((await openStream()).toReadableStream()).text();
    const baseline = await uninstrumented(bed, asText);
    expect(await asText()).toBe(baseline);
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.call.outcome': 'completed', 'gen_ai.usage.output_tokens': 7 });
  });

  it('comes back from toReadableStream() through Stream.fromReadableStream() with the same chunks', async () => {
    const roundTrip = async () => {
      const stream = await openStream();
      const StreamClass = stream.constructor as typeof Stream;
      return readAll(StreamClass.fromReadableStream(stream.toReadableStream(), stream.controller));
    };
    const baseline = await uninstrumented(bed, roundTrip);
    expect(await roundTrip()).toEqual(baseline);
  });

  it('stops quietly after controller.abort(), after the same chunks as without it', async () => {
    const readUntilAbort = async () => {
      const stream = await openStream({ 'x-fixture-event-delay-ms': '10' });
      const chunks: unknown[] = [];
      for await (const chunk of stream) {
        chunks.push(chunk);
        if (chunks.length === 3) stream.controller.abort();
      }
      return chunks;
    };
    const baseline = await uninstrumented(bed, readUntilAbort);
    expect(await readUntilAbort()).toEqual(baseline);
    expect(baseline).toHaveLength(3);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');
  });

  it('throws the same error as without it when the app iterates it a second time', async () => {
    const iterateTwice = async () => {
      const stream = await openStream();
      await readAll(stream);
      return (await readStream(stream)).failure;
    };
    const baseline = (await uninstrumented(bed, iterateTwice)) as Error;
    const failure = (await iterateTwice()) as Error;
    expect(failure.constructor).toBe(baseline.constructor);
    expect(failure.message).toBe(baseline.message);
    expect(failure.message).toMatch(/consumed stream/);
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('completed');
  });
});
