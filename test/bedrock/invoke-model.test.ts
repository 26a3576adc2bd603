import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { bedrockTestbed, CREDENTIALS, onlySpan, OUR_SCOPE } from './testbed.js';

/**
 * Amazon Bedrock's InvokeModel and InvokeModelWithResponseStream through the AWS SDK
 * (`@aws-sdk/client-bedrock-runtime`), against the fixture server's InvokeModel fixtures
 * (test/fixtures/bedrock/invoke-*.json, each naming the API reference and the model's body format
 * it follows): each command one span, its body read in the model's own format.
 *
 * Claude Sonnet 4.5 costs 3 in, 0.30 cache read, 3.75 cache write (5 minutes), 6 (1 hour), 15 out
 * per million; through a geographic inference profile (`us.`) 10 % more, through a global one the
 * list price. Amazon Nova Pro costs 0.80 in, 0.20 cache read, 3.20 out per million. By hand:
 * - invoke-claude and invoke-claude-stream (us.): 24 in, 3,000 read, 27 out: 24 × 3 × 1.1 = 79.2 µ$,
 *   3000 × 0.30 × 1.1 = 990 µ$, 27 × 15 × 1.1 = 445.5 µ$, 1,514.7 µ$; uncached (3024 × 3 + 27 × 15)
 *   × 1.1 = 10,424.7 µ$, 8,910 µ$ saved;
 * - invoke-claude-cache-write (global): 12 in × 3 = 36 µ$, 1,000 written for 5 minutes × 3.75 =
 *   3,750 µ$ and 2,000 for an hour × 6 = 12,000 µ$, 40 out × 15 = 600 µ$: 16,386 µ$; uncached
 *   3012 × 3 + 600 = 9,636 µ$, so −6,750 µ$ saved;
 * - invoke-nova (us.): 52 × 0.80 = 41.6 µ$ in, 24 × 3.20 = 76.8 µ$ out, 118.4 µ$;
 * - invoke-nova-cache-read: 20 × 0.80 = 16 µ$ in, 1536 × 0.20 = 307.2 µ$ read, 30 × 3.20 = 96 µ$
 *   out, 419.2 µ$; uncached 1556 × 0.80 + 96 = 1,340.8 µ$, 921.6 µ$ saved; on Flex half of 118.4 µ$.
 */

const GLOBAL_SONNET = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
const US_SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const NOVA_PRO = 'us.amazon.nova-pro-v1:0';

const bed = bedrockTestbed({ processors: [new CostSpanProcessor()] });

const utf8 = new TextDecoder();

/** A Claude request body, as Bedrock's Anthropic Messages format takes it. */
const claudeBody = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 512, messages: [{ role: 'user', content: 'What is the capital of France?' }], ...extra });

const novaBody = (extra: Record<string, unknown> = {}): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({ schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'What is the capital of France?' }] }], inferenceConfig: { max_new_tokens: 300, temperature: 0.3, top_p: 0.9, top_k: 20 }, ...extra }));

/** Every event's model JSON of a streamed response, as the app reads it. */
async function readEvents(body: AsyncIterable<{ chunk?: { bytes?: Uint8Array | undefined } | undefined }> | undefined): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  for await (const event of body ?? []) events.push(JSON.parse(utf8.decode(event.chunk?.bytes)) as Record<string, unknown>);
  return events;
}

describe('Amazon Bedrock InvokeModel (AWS SDK)', () => {
  it("gives an InvokeModelCommand of Claude one CLIENT chat span, read in the Anthropic API's format, and hands the app the body's bytes as they came", async () => {
    const { InvokeModelCommand } = bed.sdk;
    const output = await bed.client('invoke-claude').send(
      new InvokeModelCommand({ modelId: US_SONNET, contentType: 'application/json', body: claudeBody({ temperature: 0.2, top_k: 40, stop_sequences: ['\n\nHuman:'] }) }),
    );
    const body = JSON.parse(utf8.decode(output.body)) as { content: { text: string }[]; usage: unknown };
    expect(body.content[0]?.text).toMatch(/Paris/);
    const span = onlySpan(bed);
    expect([span.name, span.kind, span.instrumentationScope.name]).toEqual([`chat ${US_SONNET}`, SpanKind.CLIENT, OUR_SCOPE]);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': US_SONNET,
      'gen_ai.request.max_tokens': 512,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_k': 40,
      'llm_observer.request.stop_sequences.count': 1,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': 3024,
      'gen_ai.usage.cache_read.input_tokens': 3000,
      'gen_ai.usage.output_tokens': 27,
      'llm_observer.request.messages.count': 1,
      'llm_observer.call.outcome': 'completed',
    });
    expect(span.attributes['gen_ai.response.id']).toMatch(/^msg_bdrk_/);
    expect(span.attributes['gen_ai.request.stream']).toBeUndefined();
    expectExactCost(span.attributes, { entry: 'claude-sonnet-4-5', input: 0.0000792, cacheRead: 0.00099, cacheWrite: 0, output: 0.0004455, total: 0.0015147, uncached: 0.0104247, savings: 0.00891 });
    const values = JSON.stringify(Object.values(span.attributes));
    for (const secret of Object.values(CREDENTIALS)) expect(values).not.toContain(secret);
    expect(values).not.toContain('Paris');
  });

  it('prices the cache writes of each lifetime at their own price, named as a Converse call names them', async () => {
    const { InvokeModelCommand } = bed.sdk;
    await bed.client('invoke-claude-cache-write').send(new InvokeModelCommand({ modelId: GLOBAL_SONNET, body: claudeBody() }));
    const attributes = onlySpan(bed).attributes;
    expect(attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 3012,
      'gen_ai.usage.cache_creation.input_tokens': 3000,
      'aws.bedrock.usage.cache_write.ttl_5m_input_tokens': 1000,
      'aws.bedrock.usage.cache_write.ttl_1h_input_tokens': 2000,
      'gen_ai.response.finish_reasons': ['max_tokens'],
    });
    expect(Object.keys(attributes).filter((name) => name.startsWith('anthropic.usage.'))).toEqual([]);
    expectExactCost(attributes, { entry: 'claude-sonnet-4-5', input: 0.000036, cacheRead: 0, cacheWrite: 0.01575, output: 0.0006, total: 0.016386, uncached: 0.009636, savings: -0.00675 });
  });

  it("reads an InvokeModelWithResponseStreamCommand of Claude as the app reads the stream: the Anthropic events inside Bedrock's chunks", async () => {
    const { InvokeModelWithResponseStreamCommand } = bed.sdk;
    const output = await bed.client('invoke-claude-stream').send(new InvokeModelWithResponseStreamCommand({ modelId: US_SONNET, body: claudeBody() }));
    expect(bed.tracing.spans()).toHaveLength(0);
    const events = await readEvents(output.body);
    expect(events.map((event) => event['type'])).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': 3024,
      'gen_ai.usage.cache_read.input_tokens': 3000,
      'gen_ai.usage.output_tokens': 27,
      'llm_observer.call.outcome': 'completed',
    });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expectExactCost(span.attributes, { entry: 'claude-sonnet-4-5', input: 0.0000792, cacheRead: 0.00099, cacheWrite: 0, output: 0.0004455, total: 0.0015147, uncached: 0.0104247, savings: 0.00891 });
  });

  it("records a streamed Claude tool call's name, and with capture on its arguments joined and the request's content", async () => {
    const { InvokeModelWithResponseStreamCommand } = bed.sdk;
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    try {
      const tools = [{ name: 'get_weather', description: 'The weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];
      const output = await bed.client('invoke-claude-stream-tool-use').send(
        new InvokeModelWithResponseStreamCommand({ modelId: GLOBAL_SONNET, body: claudeBody({ system: 'You are a weather bot.', tools }) }),
      );
      await readEvents(output.body);
      const attributes = onlySpan(bed).attributes;
      expect(attributes).toMatchObject({
        'gen_ai.response.finish_reasons': ['tool_use'],
        'llm_observer.request.tools.names': ['get_weather'],
        'llm_observer.response.tool_calls.names': ['get_weather'],
      });
      expect(JSON.parse(String(attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: 'You are a weather bot.' }]);
      expect(JSON.parse(String(attributes['gen_ai.input.messages']))).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'What is the capital of France?' }] }]);
      const outputMessages = JSON.parse(String(attributes['gen_ai.output.messages'])) as { parts: { type: string; arguments?: unknown }[]; finish_reason: string }[];
      expect(outputMessages[0]?.finish_reason).toBe('tool_call');
      const argumentsText = outputMessages[0]?.parts.find((part) => part.type === 'tool_call')?.arguments;
      expect(JSON.parse(String(argumentsText))).toMatchObject({ city: expect.any(String) });
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  it("reads Amazon Nova's format (its own names for the cache counts), whole or streamed, and prices it", async () => {
    const { InvokeModelCommand, InvokeModelWithResponseStreamCommand } = bed.sdk;
    await bed.client('invoke-nova').send(new InvokeModelCommand({ modelId: NOVA_PRO, body: novaBody() }));
    const plain = onlySpan(bed).attributes;
    expect(plain).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.max_tokens': 300,
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.top_k': 20,
      'gen_ai.usage.input_tokens': 52,
      'gen_ai.usage.output_tokens': 24,
      'gen_ai.response.finish_reasons': ['end_turn'],
    });
    expectExactCost(plain, noCache('aws.bedrock/amazon.nova-pro', 0.0000416, 0.0000768, 0.0001184));

    // Nova 2's spelling, without the schema's version; and the version without inference parameters.
    for (const [body, expected] of [
      [{ messages: [{ role: 'user', content: [{ text: 'Hi' }] }], inferenceConfig: { maxTokens: 256, topP: 0.8, topK: 10 } }, { 'gen_ai.request.max_tokens': 256, 'gen_ai.request.top_p': 0.8, 'gen_ai.request.top_k': 10 }],
      [{ schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }, {}],
    ] as const) {
      bed.tracing.reset();
      await bed.client('invoke-nova').send(new InvokeModelCommand({ modelId: NOVA_PRO, body: JSON.stringify(body) }));
      expect(onlySpan(bed).attributes).toMatchObject({ ...expected, 'gen_ai.usage.input_tokens': 52, 'gen_ai.usage.output_tokens': 24 });
    }

    bed.tracing.reset();
    await bed.client('invoke-nova-cache-read').send(new InvokeModelCommand({ modelId: NOVA_PRO, body: novaBody() }));
    const cached = onlySpan(bed).attributes;
    expect(cached).toMatchObject({ 'gen_ai.usage.input_tokens': 1556, 'gen_ai.usage.cache_read.input_tokens': 1536, 'gen_ai.usage.output_tokens': 30 });
    expectExactCost(cached, { entry: 'aws.bedrock/amazon.nova-pro', input: 0.000016, cacheRead: 0.0003072, cacheWrite: 0, output: 0.000096, total: 0.0004192, uncached: 0.0013408, savings: 0.0009216 });

    bed.tracing.reset();
    const streamed = await bed.client('invoke-nova-stream').send(new InvokeModelWithResponseStreamCommand({ modelId: NOVA_PRO, body: novaBody() }));
    const events = await readEvents(streamed.body);
    expect(events.length).toBeGreaterThan(3);
    const span = onlySpan(bed).attributes;
    expect(span).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.response.finish_reasons': ['end_turn'], 'llm_observer.call.outcome': 'completed' });
    expect(span['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(span['llm_observer.cost.total_usd']).toBeGreaterThan(0);
  });

  it('counts the media of a Nova body, given as base64, and records them by their size only', async () => {
    const { InvokeModelCommand } = bed.sdk;
    const image = Buffer.alloc(1500, 7).toString('base64');
    const body = { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'What is in this picture?' }, { image: { format: 'png', source: { bytes: image } } }] }] };
    await bed.client('invoke-nova').send(new InvokeModelCommand({ modelId: NOVA_PRO, body: JSON.stringify(body) }));
    expect(onlySpan(bed).attributes['llm_observer.request.images.count']).toBe(1);

    bed.tracing.reset();
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    try {
      await bed.client('invoke-nova').send(new InvokeModelCommand({ modelId: NOVA_PRO, body: JSON.stringify(body) }));
      const input = JSON.parse(String(onlySpan(bed).attributes['gen_ai.input.messages'])) as { parts: { type: string; content?: unknown }[] }[];
      expect(input[0]?.parts).toEqual([
        { type: 'text', content: 'What is in this picture?' },
        expect.objectContaining({ type: 'blob', content: '[base64 image/png 1500 bytes]' }),
      ]);
      expect(JSON.stringify(onlySpan(bed).attributes)).not.toContain(image.slice(0, 40));
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  it('reads the service tier the request asked for and the response header named, and prices Flex at its multiplier', async () => {
    const { InvokeModelCommand } = bed.sdk;
    await bed.client('invoke-nova-flex').send(new InvokeModelCommand({ modelId: NOVA_PRO, body: novaBody(), serviceTier: 'flex' }));
    const attributes = onlySpan(bed).attributes;
    expect(attributes).toMatchObject({ 'aws.bedrock.request.service_tier': 'flex', 'aws.bedrock.response.service_tier': 'flex' });
    expectExactCost(attributes, noCache('aws.bedrock/amazon.nova-pro', 0.0000208, 0.0000384, 0.0000592));
  });

  it("reads Meta Llama's format as a text completion, whole or streamed (the stream's counts from Bedrock's invocation metrics)", async () => {
    const { InvokeModelCommand, InvokeModelWithResponseStreamCommand } = bed.sdk;
    const model = 'us.meta.llama3-3-70b-instruct-v1:0';
    const body = JSON.stringify({ prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\nHi<|eot_id|>', max_gen_len: 128, temperature: 0.5, top_p: 0.9 });
    const output = await bed.client('invoke-llama').send(new InvokeModelCommand({ modelId: model, body }));
    expect(JSON.parse(utf8.decode(output.body))).toMatchObject({ prompt_token_count: 31, generation_token_count: 12 });
    const expected = {
      'gen_ai.operation.name': 'text_completion',
      'gen_ai.request.max_tokens': 128,
      'gen_ai.usage.input_tokens': 31,
      'gen_ai.usage.output_tokens': 12,
      'gen_ai.response.finish_reasons': ['stop'],
    };
    const span = onlySpan(bed);
    expect(span.name).toBe(`text_completion ${model}`);
    expect(span.attributes).toMatchObject(expected);
    // Llama 3.3 70B through the us. profile (no geographic premium), 0.72 in and 0.72 out per
    // million: 31 in × 0.72 = 22.32 µ$, 12 out × 0.72 = 8.64 µ$, 30.96 µ$.
    expectExactCost(span.attributes, noCache('aws.bedrock/meta.llama3-3-70b-instruct', 0.00002232, 0.00000864, 0.00003096));

    bed.tracing.reset();
    const streamed = await bed.client('invoke-llama-stream').send(new InvokeModelWithResponseStreamCommand({ modelId: model, body }));
    await readEvents(streamed.body);
    expect(onlySpan(bed).attributes).toMatchObject({ ...expected, 'gen_ai.request.stream': true });
  });

  it('reads Titan Text Embeddings as embeddings with their input count', async () => {
    const { InvokeModelCommand } = bed.sdk;
    const output = await bed.client('invoke-titan-embed').send(
      new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: JSON.stringify({ inputText: 'What is the capital of France?', dimensions: 256, normalize: true }) }),
    );
    expect(JSON.parse(utf8.decode(output.body))).toMatchObject({ inputTextTokenCount: 9 });
    const span = onlySpan(bed);
    expect(span.name).toBe('embeddings amazon.titan-embed-text-v2:0');
    expect(span.attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 9 });
    // Titan Text Embeddings V2, 0.02 per million input tokens, no output: 9 in × 0.02 = 0.18 µ$.
    expectExactCost(span.attributes, noCache('aws.bedrock/amazon.titan-embed-text-v2', 0.00000018, 0, 0.00000018));
  });

  it('traces a model whose format it does not read by its model, and takes a stream\'s usage from Bedrock\'s invocation metrics', async () => {
    const { InvokeModelCommand, InvokeModelWithResponseStreamCommand } = bed.sdk;
    const model = 'mistral.mistral-large-2402-v1:0';
    const body = JSON.stringify({ prompt: '<s>[INST] What is the capital of France? [/INST]', max_tokens: 64 });
    await bed.client('invoke-mistral').send(new InvokeModelCommand({ modelId: model, body }));
    const plain = onlySpan(bed);
    expect(plain.name).toBe(`text_completion ${model}`);
    expect(plain.attributes).toMatchObject({ 'gen_ai.request.model': model, 'llm_observer.call.outcome': 'completed' });
    expect(plain.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expectUnpriced(plain.attributes, 'no_usage');

    bed.tracing.reset();
    const streamed = await bed.client('invoke-mistral-stream').send(new InvokeModelWithResponseStreamCommand({ modelId: model, body }));
    await readEvents(streamed.body);
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 18, 'gen_ai.usage.output_tokens': 7 });
  });

  it("names a call of a body in no format it knows by the operation its body suggests: an image model's task is generate_content", async () => {
    const { InvokeModelCommand } = bed.sdk;
    const body = JSON.stringify({ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'A lighthouse at dawn' }, imageGenerationConfig: { numberOfImages: 1, width: 1024, height: 1024 } });
    await bed.client('invoke-nova-canvas').send(new InvokeModelCommand({ modelId: 'amazon.nova-canvas-v1:0', body }));
    const span = onlySpan(bed);
    expect(span.name).toBe('generate_content amazon.nova-canvas-v1:0');
    expect(span.attributes).toMatchObject({ 'gen_ai.operation.name': 'generate_content', 'llm_observer.call.outcome': 'completed' });
    expect(JSON.stringify(span.attributes)).not.toContain('lighthouse');
  });

  it("reads the usage of OpenAI's open-weight models in OpenAI's chat format, and a stream's from the invocation metrics, the cache reads in the input", async () => {
    const { InvokeModelCommand, InvokeModelWithResponseStreamCommand } = bed.sdk;
    const model = 'openai.gpt-oss-120b-1:0';
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'What is the capital of France?' }], max_completion_tokens: 64 });
    await bed.client('invoke-gpt-oss').send(new InvokeModelCommand({ modelId: model, body }));
    const plain = onlySpan(bed);
    expect(plain.name).toBe(`chat ${model}`);
    expect(plain.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 40, 'gen_ai.usage.output_tokens': 15 });
    // 40 × 0.15 + 15 × 0.60 per million.
    expectExactCost(plain.attributes, noCache('aws.bedrock/openai.gpt-oss-120b', 0.000006, 0.000009, 0.000015));

    bed.tracing.reset();
    const streamed = await bed.client('invoke-gpt-oss-stream').send(new InvokeModelWithResponseStreamCommand({ modelId: model, body }));
    await readEvents(streamed.body);
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 1064, 'gen_ai.usage.cache_read.input_tokens': 1024, 'gen_ai.usage.output_tokens': 15 });
  });

  it('fails the span of a call the model refuses and of a stream throttled mid-way, the error going on to the app', async () => {
    const { InvokeModelCommand, InvokeModelWithResponseStreamCommand, ModelErrorException, ThrottlingException } = bed.sdk;
    const refused = await bed.client('error-424-model-error').send(new InvokeModelCommand({ modelId: US_SONNET, body: claudeBody() })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ModelErrorException);
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.call.outcome': 'failed', 'error.type': 'ModelErrorException' });

    bed.tracing.reset();
    const throttled = await bed.client('invoke-stream-throttled').send(new InvokeModelWithResponseStreamCommand({ modelId: US_SONNET, body: claudeBody() }));
    const thrown = await readEvents(throttled.body).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ThrottlingException);
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.call.outcome': 'failed', 'error.type': 'ThrottlingException' });
  });

  it('traces a request body that is not JSON by its model, and reports a response body that is not JSON without its text, the app getting it as it came', async () => {
    const { InvokeModelCommand } = bed.sdk;
    await bed.client('invoke-claude').send(new InvokeModelCommand({ modelId: US_SONNET, body: 'not json' }));
    // A body that tells nothing of its format: the operation of an unknown one.
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.request.model': US_SONNET, 'gen_ai.operation.name': 'generate_content', 'llm_observer.call.outcome': 'completed' });

    bed.tracing.reset();
    const errorsBefore = bed.diagnostics.fromThisPackage().length;
    const output = await bed.client('invoke-not-json').send(new InvokeModelCommand({ modelId: US_SONNET, body: claudeBody() }));
    expect(utf8.decode(output.body)).toBe('Paris is the capital of France, said the model, in plain text');
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.request.model': US_SONNET, 'llm_observer.call.outcome': 'completed' });
    const reported = bed.diagnostics.fromThisPackage().slice(errorsBefore).map((message) => message.text);
    expect(reported).toEqual([expect.stringMatching(/read response failed.*the model's JSON does not parse \(61 characters\)/)]);
    expect(reported.join()).not.toContain('Paris');
  });

  it('contains a fault in each of its steps: the app gets its output, the span ends once, the fault is reported', async () => {
    const { InvokeModelCommand, InvokeModelWithResponseStreamCommand } = bed.sdk;
    const run = async () => {
      await bed.client('invoke-claude').send(new InvokeModelCommand({ modelId: US_SONNET, body: claudeBody() }));
      const streamed = await bed.client('invoke-claude-stream').send(new InvokeModelWithResponseStreamCommand({ modelId: US_SONNET, body: claudeBody() }));
      await readEvents(streamed.body);
    };
    await expectEachFaultContained(bed, run, ['read the command', 'start bedrock call', 'observe call', 'read the output', 'read response', 'observe stream iterator', 'read stream event', 'end call']);
  });
});
