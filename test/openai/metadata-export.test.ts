import { randomBytes } from 'node:crypto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { failureOf, fixture, openAITestbed } from './testbed.js';

/**
 * What leaves the process in metadata mode (the default), proven on the bytes the real OTLP
 * exporter sends: the app's stop sequences and service tier, a provider's undocumented error code
 * and the name of a tool the model called without its being offered are text the app or the model
 * wrote, and none of it leaves. Each test puts a fresh random canary where that text goes.
 */

const receiver = await startOtlpReceiver();
afterAll(() => receiver.close());
const bed = openAITestbed([new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${receiver.endpoint}/v1/traces` }) })]);

let canary = '';
beforeEach(() => {
  canary = `canary${randomBytes(6).toString('hex')}`;
  receiver.spans.length = 0;
  receiver.bodies.length = 0;
});
afterEach(() => bed.instrumentation.setConfig({}));

/** The exported spans of this package's calls, once every span has been exported. */
async function exportedCalls(): Promise<ReceivedSpan[]> {
  await bed.tracing.provider.forceFlush();
  return receiver.spans.filter((span) => span.scope === 'otel-llm-observer/openai');
}

/** Whether the canary is in any body the receiver got. */
const canaryExported = () => receiver.bodies.some((body) => body.includes(canary));

const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Weather in Lyon?' }] };
const WEATHER_TOOL = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } };

describe('in metadata mode, the bytes exported', () => {
  it('hold how many stop sequences the request set, not the sequences', async () => {
    await bed.client.chat.completions.create({ ...question, stop: [`${canary} one`, `${canary} two`] }, fixture('chat'));
    const [span] = await exportedCalls();
    expect(span?.attributes['llm_observer.request.stop_sequences.count']).toBe(2);
    expect(span?.attributes['gen_ai.request.stop_sequences']).toBeUndefined();
    expect(canaryExported()).toBe(false);
  });

  it('hold a service tier the API does not document as _OTHER', async () => {
    await bed.client.chat.completions.create({ ...question, service_tier: canary as 'auto' }, fixture('chat'));
    const [span] = await exportedCalls();
    expect(span?.attributes['openai.request.service_tier']).toBe('_OTHER');
    expect(canaryExported()).toBe(false);
  });

  it('hold an error code the API does not document as _OTHER in the status message', async () => {
    bed.server.placeholders['error_code'] = canary;
    await failureOf(bed.client.chat.completions.create(question, fixture('error-400-undocumented-code')));
    const [span] = await exportedCalls();
    expect(span?.attributes['error.type']).toBe('BadRequestError');
    expect(bed.tracing.spans()[0]?.status.message).toBe('BadRequestError 400 _OTHER');
    expect(canaryExported()).toBe(false);
  });

  it('hold a finish reason the API does not document as _OTHER, and no response id or system fingerprint longer than 256 characters', async () => {
    Object.assign(bed.server.placeholders, {
      finish_reason: canary,
      response_id: `chatcmpl-${canary}${'x'.repeat(256)}`,
      system_fingerprint: `fp_${canary}${'x'.repeat(256)}`,
    });
    await bed.client.chat.completions.create(question, fixture('chat-undocumented-values'));
    const [span] = await exportedCalls();
    expect(span?.attributes['gen_ai.response.finish_reasons']).toEqual(['_OTHER']);
    expect(span?.attributes['gen_ai.response.id']).toBeUndefined();
    expect(span?.attributes['openai.response.system_fingerprint']).toBeUndefined();
    expect(canaryExported()).toBe(false);
  });

  it('hold the name of a called tool the request offered, and _OTHER for one it did not offer', async () => {
    bed.server.placeholders['called_tool_name'] = canary;
    await bed.client.chat.completions.create({ ...question, tools: [WEATHER_TOOL] }, fixture('chat-tool-call-unoffered'));
    const [span] = await exportedCalls();
    expect(span?.attributes['llm_observer.request.tools.names']).toEqual(['get_weather']);
    expect(span?.attributes['llm_observer.response.tool_calls.names']).toEqual(['get_weather', '_OTHER']);
    expect(canaryExported()).toBe(false);
  });

  it('hold _OTHER for a called tool whose name is longer than a tool name can be, even when the request offered it', async () => {
    const longName = `${canary}${'x'.repeat(130)}`;
    bed.server.placeholders['called_tool_name'] = longName;
    const longTool = { ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, name: longName } };
    await bed.client.chat.completions.create({ ...question, tools: [WEATHER_TOOL, longTool] }, fixture('chat-tool-call-unoffered'));
    const [span] = await exportedCalls();
    expect(span?.attributes['llm_observer.request.tools.names']).toEqual(['get_weather', '_OTHER']);
    expect(span?.attributes['llm_observer.response.tool_calls.names']).toEqual(['get_weather', '_OTHER']);
    expect(canaryExported()).toBe(false);
  });

  it('hold no tool name at all with recordToolNames: false, only how many tools were offered and called', async () => {
    bed.instrumentation.setConfig({ recordToolNames: false });
    bed.server.placeholders['called_tool_name'] = canary;
    const offered = { ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, name: `${canary}_tool` } };
    await bed.client.chat.completions.create({ ...question, tools: [offered] }, fixture('chat-tool-call-unoffered'));
    const [span] = await exportedCalls();
    expect(span?.attributes['llm_observer.request.tools.count']).toBe(1);
    expect(span?.attributes['llm_observer.response.tool_calls.count']).toBe(2);
    expect(span?.attributes['llm_observer.request.tools.names']).toBeUndefined();
    expect(span?.attributes['llm_observer.response.tool_calls.names']).toBeUndefined();
    expect(canaryExported()).toBe(false);
    expect(receiver.bodies.some((body) => body.includes('get_weather'))).toBe(false);
  });
});

describe('with content capture on the span', () => {
  it('records the stop sequences, redacted', async () => {
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    await bed.client.chat.completions.create({ ...question, stop: [canary, 'mail jo@example.com'] }, fixture('chat'));
    const [span] = await exportedCalls();
    expect(span?.attributes['gen_ai.request.stop_sequences']).toEqual([canary, 'mail [REDACTED:email]']);
  });
});
