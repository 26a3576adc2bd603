import { context, ROOT_CONTEXT, type ContextManager } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { brokenTracerProvider, FaultyProcessor } from '../support/telemetry-checks.js';
import { failureOf, fixture, openAITestbed, readStream, uninstrumented } from './testbed.js';

const faulty = new FaultyProcessor();
const bed = openAITestbed([faulty]);
afterEach(() => {
  faulty.failingHook = undefined;
  bed.instrumentation.setTracerProvider(bed.tracing.provider);
});

const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };
const ask = () => bed.client.chat.completions.create(question, fixture('chat'));
const askStreamed = async () =>
  readStream(await bed.client.chat.completions.create({ ...question, stream: true, stream_options: { include_usage: true } }, fixture('chat-stream')));
const askAndFail = () => failureOf(bed.client.chat.completions.create(question, fixture('error-429')));

/** The errors this package reported to the diag logger. */
const reportedErrors = () => bed.diagnostics.fromThisPackage().filter((message) => message.level === 'error');

describe('a span processor that throws in onStart', () => {
  it('leaves the app the same completion, and the failure goes to the diag logger', async () => {
    const baseline = await uninstrumented(bed, ask);
    faulty.failingHook = 'onStart';
    expect(await ask()).toEqual(baseline);
    expect(reportedErrors().map((message) => message.text)).toEqual([
      expect.stringMatching(/start span failed.*processor broke in onStart/),
    ]);
  });

  it('leaves the app the same stream chunks', async () => {
    const baseline = await uninstrumented(bed, askStreamed);
    faulty.failingHook = 'onStart';
    expect(await askStreamed()).toEqual(baseline);
    expect(reportedErrors()).toHaveLength(1);
  });
});

describe('a span processor that throws in onEnd', () => {
  it('leaves the app the same completion, and the failure goes to the diag logger', async () => {
    const baseline = await uninstrumented(bed, ask);
    faulty.failingHook = 'onEnd';
    expect(await ask()).toEqual(baseline);
    expect(reportedErrors().map((message) => message.text)).toEqual([expect.stringMatching(/processor broke in onEnd/)]);
  });

  it('leaves the app the same stream chunks, to the end of the stream', async () => {
    const baseline = await uninstrumented(bed, askStreamed);
    faulty.failingHook = 'onEnd';
    expect(await askStreamed()).toEqual(baseline);
    expect(reportedErrors().map((message) => message.text)).toEqual([expect.stringMatching(/processor broke in onEnd/)]);
  });

  it('leaves the app the same API error for a call that fails', async () => {
    const baseline = await uninstrumented(bed, askAndFail);
    faulty.failingHook = 'onEnd';
    const failure = await askAndFail();
    expect(failure).toBeInstanceOf(bed.sdk.RateLimitError);
    expect((failure as Error).message).toBe((baseline as Error).message);
    expect(reportedErrors().map((message) => message.text)).toEqual([expect.stringMatching(/processor broke in onEnd/)]);
  });
});

describe('a tracer provider whose tracer throws', () => {
  it('leaves the app the same completion, and the failure goes to the diag logger', async () => {
    const baseline = await uninstrumented(bed, ask);
    bed.instrumentation.setTracerProvider(brokenTracerProvider);
    expect(await ask()).toEqual(baseline);
    expect(reportedErrors().map((message) => message.text)).toEqual([expect.stringMatching(/start span failed.*tracer broke/)]);
  });

  it('leaves the app the same stream chunks and the same API errors', async () => {
    const baselineChunks = await uninstrumented(bed, askStreamed);
    const baselineFailure = await uninstrumented(bed, askAndFail);
    bed.instrumentation.setTracerProvider(brokenTracerProvider);
    expect(await askStreamed()).toEqual(baselineChunks);
    expect(((await askAndFail()) as Error).message).toBe((baselineFailure as Error).message);
    expect(bed.tracing.spans()).toEqual([]);
  });
});

/** A context manager whose `with()` throws, as a broken one of the application's might. */
const throwingContextManager: ContextManager = {
  active: () => ROOT_CONTEXT,
  with: () => {
    throw new Error('context manager broke in with()');
  },
  bind: (_context, target) => target,
  enable() {
    return this;
  },
  disable() {
    return this;
  },
};

describe('a context manager whose with() throws', () => {
  afterEach(() => {
    context.disable();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });

  it('leaves the app the same completion and stream chunks, ends the span once, and the failure goes to the diag logger', async () => {
    const baseline = await uninstrumented(bed, ask);
    const baselineChunks = await uninstrumented(bed, askStreamed);
    context.disable();
    context.setGlobalContextManager(throwingContextManager);
    expect(await ask()).toEqual(baseline);
    expect(await askStreamed()).toEqual(baselineChunks);
    // The in-memory exporter's processor exports in a context of its own, which this manager cannot make: count the ends instead.
    expect([...bed.ends.endsBySpanId.values()]).toEqual([1, 1]);
    expect(reportedErrors().map((message) => message.text)).toEqual([
      expect.stringMatching(/make the span current failed.*context manager broke/),
      expect.stringMatching(/make the span current failed.*context manager broke/),
    ]);
  });
});
