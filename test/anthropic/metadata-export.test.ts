import { randomBytes } from 'node:crypto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { anthropicTestbed, fixture, OUR_SCOPE, QUESTION, SDK_SCOPE } from './testbed.js';

/**
 * What leaves the process in metadata mode (the default), proven on the bytes the real OTLP
 * exporter sends, with the SDK's own tracing on and this package's tracer provider the global one:
 * the app's stop sequences, an undocumented error type and the name of a tool the model called
 * without its being offered do not leave from this package's spans; the organization id, the
 * request id and the full URL do not leave from the SDK's own spans of the methods this package
 * does not trace. Each test puts fresh random canaries where that text goes.
 */

const receiver = await startOtlpReceiver();
afterAll(() => receiver.close());
const bed = anthropicTestbed({ processors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${receiver.endpoint}/v1/traces` }) })] });

let canary = '';
beforeEach(() => {
  canary = `canary${randomBytes(6).toString('hex')}`;
  receiver.spans.length = 0;
  receiver.bodies.length = 0;
});

/** The spans exported from `scope`, once every span has been exported. */
async function exported(scope: string): Promise<ReceivedSpan[]> {
  await bed.tracing.provider.forceFlush();
  return receiver.spans.filter((span) => span.scope === scope);
}

/** Whether `needle` is in any body the receiver got. */
const wasExported = (needle: string) => receiver.bodies.some((body) => body.includes(needle));

const WEATHER_TOOL = { name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } };

describe('in metadata mode, the bytes exported from this package’s spans', () => {
  it('hold how many stop sequences the request set, not the sequences', async () => {
    await bed.client.messages.create({ ...QUESTION, stop_sequences: [`${canary} one`, `${canary} two`] }, fixture('message'));
    const [span] = await exported(OUR_SCOPE);
    expect(span?.attributes['llm_observer.request.stop_sequences.count']).toBe(2);
    expect(wasExported(canary)).toBe(false);
  });

  it('hold an error type the API does not document as _OTHER in the status message', async () => {
    bed.server.placeholders['error_type'] = canary;
    await bed.client.messages.create(QUESTION, fixture('error-400-undocumented-type')).catch(() => undefined);
    const [span] = await exported(OUR_SCOPE);
    expect(span?.attributes['error.type']).toBe('BadRequestError');
    expect(bed.tracing.spans()[0]?.status.message).toBe('BadRequestError 400 _OTHER');
    expect(wasExported(canary)).toBe(false);
  });

  it('hold a stop reason and a service tier the API does not document as _OTHER, and no response id longer than 256 characters', async () => {
    Object.assign(bed.server.placeholders, { stop_reason: canary, service_tier: `${canary}_tier`, response_id: `msg_${canary}${'x'.repeat(256)}` });
    await bed.client.messages.create(QUESTION, fixture('message-undocumented-values'));
    const [span] = await exported(OUR_SCOPE);
    expect(span?.attributes['gen_ai.response.finish_reasons']).toEqual(['_OTHER']);
    expect(span?.attributes['anthropic.response.service_tier']).toBe('_OTHER');
    expect(span?.attributes['gen_ai.response.id']).toBeUndefined();
    expect(wasExported(canary)).toBe(false);
  });

  it('hold the name of a called tool the request offered, and _OTHER for one it did not offer', async () => {
    bed.server.placeholders['called_tool_name'] = canary;
    await bed.client.messages.create({ ...QUESTION, tools: [WEATHER_TOOL] }, fixture('message-tool-use-unoffered'));
    const [span] = await exported(OUR_SCOPE);
    expect(span?.attributes['llm_observer.response.tool_calls.names']).toEqual(['get_weather', '_OTHER']);
    expect(wasExported(canary)).toBe(false);
  });
});

describe('the bytes exported from the SDK’s own spans of the methods this package does not trace', () => {
  const ids = () => {
    const organization = `org-${canary}`;
    const request = `req_${canary}`;
    Object.assign(bed.server.placeholders, { organization_id: organization, request_id: request });
    return { organization, request };
  };

  it('hold no organization id and no request id of a countTokens call', async () => {
    const { organization, request } = ids();
    await bed.client.messages.countTokens({ model: 'claude-sonnet-4-6', messages: QUESTION.messages }, fixture('count-tokens'));
    const spans = await exported(SDK_SCOPE);
    expect(spans.map((span) => span.name)).toEqual(['anthropic.messages.count_tokens']);
    expect(spans[0]?.attributes['anthropic.message.count_tokens.input_tokens']).toBe(14);
    expect(wasExported(organization)).toBe(false);
    expect(wasExported(request)).toBe(false);
  });

  it('hold no organization id, no request id and no full URL or query of a models.list call', async () => {
    const { organization, request } = ids();
    await bed.client.models.list({ after_id: `model-${canary}`, limit: 5 }, fixture('models-page'));
    const spans = await exported(SDK_SCOPE);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes['url.path']).toBe('/v1/models');
    expect(spans[0]?.attributes['url.full']).toBeUndefined();
    expect(wasExported(organization)).toBe(false);
    expect(wasExported(request)).toBe(false);
    expect(wasExported(canary)).toBe(false);
  });
});
