import { afterEach, describe, expect, it } from 'vitest';
import { brokenTracerProvider, FaultyProcessor } from '../support/telemetry-checks.js';
import { anthropicTestbed, fixture, onlySpan, QUESTION, SDK_SCOPE, withoutThisPackage } from './testbed.js';

/** Telemetry that fails, or a response it cannot read, never changes what the application gets. */

const faulty = new FaultyProcessor();
const bed = anthropicTestbed({ processors: [faulty] });
afterEach(() => {
  faulty.failingHook = undefined;
  bed.instrumentation?.setTracerProvider(bed.tracing.provider);
});

const ask = () => bed.client.messages.create(QUESTION, fixture('message'));
const streamedText = () => bed.client.messages.stream(QUESTION, fixture('message-stream')).finalText();
const errorsReported = () => bed.diagnostics.fromThisPackage().filter((message) => message.level === 'error').map((message) => message.text);

describe('a tracer of this package that throws', () => {
  it('leaves the application the same message, and the call to the SDK’s own span', async () => {
    const baseline = await withoutThisPackage(bed, ask);
    bed.instrumentation?.setTracerProvider(brokenTracerProvider);
    expect(await ask()).toEqual(baseline);
    expect(onlySpan(bed).instrumentationScope.name).toBe(SDK_SCOPE);
    expect(errorsReported()).toEqual([expect.stringMatching(/start span failed.*tracer broke/)]);
  });

  it('leaves the application the same text from messages.stream()', async () => {
    const baseline = await withoutThisPackage(bed, streamedText);
    bed.instrumentation?.setTracerProvider(brokenTracerProvider);
    expect(await streamedText()).toBe(baseline);
    expect(errorsReported()).toEqual([expect.stringMatching(/start span failed.*tracer broke/)]);
  });
});

describe('a span processor that throws when the span ends', () => {
  it('leaves the application the same message and the same stream text, and the failures go to the diag logger', async () => {
    const baselineMessage = await withoutThisPackage(bed, ask);
    const baselineText = await withoutThisPackage(bed, streamedText);
    faulty.failingHook = 'onEnd';
    expect(await ask()).toEqual(baselineMessage);
    expect(await streamedText()).toBe(baselineText);
    expect(errorsReported()).toEqual([expect.stringMatching(/processor broke in onEnd/), expect.stringMatching(/processor broke in onEnd/)]);
  });
});

describe('a response whose usage is not what the API documents', () => {
  it('ends the span, completed, with no usage it cannot trust, and leaves the application the message as sent', async () => {
    const message = await bed.client.messages.create(QUESTION, fixture('message-malformed-usage'));
    expect(message.usage).toEqual({ input_tokens: '21', cache_creation_input_tokens: -5, cache_read_input_tokens: 1800.5, cache_creation: 2100, output_tokens: null });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.call.outcome']).toBe('completed');
    expect(Object.keys(attributes).filter((name) => name.includes('usage'))).toEqual([]);
  });
});
