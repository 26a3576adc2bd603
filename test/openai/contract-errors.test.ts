import { describe, expect, it } from 'vitest';
import { turnsOfTheEventLoop } from '../support/telemetry-checks.js';
import { expectFailed, failureOf, fixture, onlySpan, openAITestbed, readStream, uninstrumented } from './testbed.js';

const bed = openAITestbed();
const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };

/** What the app can see of an error: its class, message and every own field the SDK set. */
function visible(error: unknown) {
  const { headers, ...fields } = error as { headers?: Headers } & Record<string, unknown>;
  return {
    errorClass: (error as Error).constructor,
    message: (error as Error).message,
    fields,
    headers: headers === undefined ? undefined : [...headers].filter(([name]) => name !== 'date'),
  };
}

/**
 * The unhandled rejections that `run` leaves behind, once the app's part of it has settled and
 * `expectedCount` of them (if any) have been reported. The test runner's own listeners are set
 * aside meanwhile: an unhandled rejection here is the fact under test, not a test failure.
 */
async function unhandledRejectionsOf(run: () => Promise<unknown>, expectedCount = 0): Promise<unknown[]> {
  const runnerListeners = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const reasons: unknown[] = [];
  const record = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', record);
  try {
    await run();
    while (reasons.length < expectedCount) await turnsOfTheEventLoop(1);
    await turnsOfTheEventLoop(20);
  } finally {
    process.off('unhandledRejection', record);
    for (const listener of runnerListeners) process.on('unhandledRejection', listener);
  }
  return reasons;
}

describe('with the instrumentation on, the app gets the same error as without it', () => {
  it.each([
    ['400 invalid request', 'error-400'],
    ['401 authentication', 'error-401'],
    ['429 rate limit', 'error-429'],
    ['500 server', 'error-500'],
  ])('for a %s error: class, message, status, body fields and headers', async (_, name) => {
    const call = () => bed.client.chat.completions.create(question, fixture(name));
    const baseline = await uninstrumented(bed, () => failureOf(call()));
    expect(visible(await failureOf(call()))).toEqual(visible(baseline));
    expect(bed.tracing.spans()).toHaveLength(1);
  });

  it('for a connection dropped before the response', async () => {
    const call = () => bed.client.chat.completions.create(question, fixture('chat', { 'x-fixture-drop': 'before-response' }));
    const baseline = await uninstrumented(bed, () => failureOf(call()));
    const failure = await failureOf(call());
    expect(failure).toBeInstanceOf(bed.sdk.APIConnectionError);
    expect(visible(failure).errorClass).toBe(visible(baseline).errorClass);
    expect(visible(failure).message).toBe(visible(baseline).message);
    expectFailed(onlySpan(bed), 'APIConnectionError');
  });

  it('for a connection dropped mid-stream, after the same chunks', async () => {
    const read = async () =>
      readStream(await bed.client.chat.completions.create({ ...question, stream: true }, fixture('chat-stream', { 'x-fixture-drop': 'mid-stream' })));
    const baseline = await uninstrumented(bed, read);
    const { events, failure } = await read();
    expect(events).toEqual(baseline.events);
    expect(events.length).toBeGreaterThan(0);
    expect(visible(failure).errorClass).toBe(visible(baseline.failure).errorClass);
    expect(visible(failure).message).toBe(visible(baseline.failure).message);
    expectFailed(onlySpan(bed), (failure as Error).constructor.name);
  });

  it('for a stream that carries an error, after the same chunks', async () => {
    const read = async () => {
      const { events, failure } = await readStream(await bed.client.chat.completions.create({ ...question, stream: true }, fixture('chat-stream-error')));
      return { events, failure: visible(failure) };
    };
    const baseline = await uninstrumented(bed, read);
    expect(await read()).toEqual(baseline);
  });
});

describe('with the instrumentation on, unhandled rejections are what they are without it', () => {
  it('a helper call that fails and that the app handles leaves no unhandled rejection', async () => {
    const reasons = await unhandledRejectionsOf(() =>
      bed.client.chat.completions.parse(question, fixture('error-400')).catch(() => undefined),
    );
    expect(reasons).toEqual([]);
  });

  it('a streaming helper that fails and that the app handles leaves no unhandled rejection', async () => {
    const reasons = await unhandledRejectionsOf(() =>
      bed.client.responses.stream({ model: 'gpt-5.6', input: 'Index?' }, fixture('error-429')).finalResponse().catch(() => undefined),
    );
    expect(reasons).toEqual([]);
  });

  it('a failing call the app never awaits is reported unhandled once, with the SDK error, as without it', async () => {
    const fireAndForget = async () => {
      void bed.client.chat.completions.create(question, fixture('error-500'));
    };
    const baseline = await uninstrumented(bed, () => unhandledRejectionsOf(fireAndForget, 1));
    const reasons = await unhandledRejectionsOf(fireAndForget, 1);
    expect(reasons).toHaveLength(1);
    expect(baseline).toHaveLength(1);
    expect(visible(reasons[0])).toEqual(visible(baseline[0]));
  });
});
