import { SpanKind, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { expectEachFaultContained } from '../reliability/seam.js';
import { bedrockTestbed, CREDENTIALS, endedSpans, onlySpan, OUR_SCOPE } from './testbed.js';

/**
 * Amazon Bedrock's Converse API through the AWS SDK (`@aws-sdk/client-bedrock-runtime`, the
 * installed 3.1178), against the fixture server's Converse and ConverseStream fixtures
 * (test/fixtures/bedrock/, each naming the API reference it follows): each command sent one span.
 *
 * Claude Sonnet 4.5 costs 3 in, 0.30 cache read, 3.75 cache write (5 minutes), 6 (1 hour), 15 out
 * per million; through a geographic inference profile (`us.`) 10 % more, through a global one
 * (`global.`) the list price. The hand-computed costs:
 * - converse (global): 14 in × 3 = 42 µ$, 32 out × 15 = 480 µ$, 522 µ$;
 * - converse-cache-read (us.): 24 × 3 × 1.1 = 79.2 µ$ in, 3000 × 0.30 × 1.1 = 990 µ$ read,
 *   27 × 15 × 1.1 = 445.5 µ$ out, 1,514.7 µ$; uncached (3024 × 3 + 27 × 15) × 1.1 = 10,424.7 µ$,
 *   8,910 µ$ saved;
 * - converse-cache-write (global): 24 × 3 = 72 µ$ in, 3000 × 3.75 = 11,250 µ$ written, 27 × 15 =
 *   405 µ$ out, 11,727 µ$; uncached 3024 × 3 + 405 = 9,477 µ$, so −2,250 µ$ saved;
 * - converse-stream (global): 24 × 3 = 72 µ$ in, 3000 × 0.30 = 900 µ$ read, 9 × 15 = 135 µ$ out,
 *   1,107 µ$; uncached 3024 × 3 + 135 = 9,207 µ$, 8,100 µ$ saved.
 * Amazon Nova Pro costs 0.80 in, 0.20 cache read, 3.20 out per million (Flex half that):
 * - converse-nova (us.): 35 × 0.80 = 28 µ$ in, 1536 × 0.20 = 307.2 µ$ read, 31 × 3.20 = 99.2 µ$
 *   out, 434.4 µ$; uncached 1571 × 0.80 + 99.2 = 1,356 µ$, 921.6 µ$ saved;
 * - converse-service-tier (Flex): (52 × 0.80 + 24 × 3.20) × 0.5 = 59.2 µ$.
 */

const GLOBAL_SONNET = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
const US_SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

const bed = bedrockTestbed({ processors: [new CostSpanProcessor()] });

const question = { messages: [{ role: 'user' as const, content: [{ text: 'What is the capital of France?' }] }] };

describe('Amazon Bedrock Converse (AWS SDK)', () => {
  it('gives a ConverseCommand one CLIENT chat span, named by its model, with the request, the usage, the stop reason and the cost', async () => {
    const { ConverseCommand } = bed.sdk;
    const output = await bed.client('converse').send(
      new ConverseCommand({ modelId: GLOBAL_SONNET, ...question, system: [{ text: 'Answer briefly.' }], inferenceConfig: { maxTokens: 512, temperature: 0.2, topP: 0.9, stopSequences: ['\n\n'] } }),
    );
    expect(output.output?.message?.content?.[0]?.text).toMatch(/^The capital of France is Paris\./);
    const span = onlySpan(bed);
    expect([span.name, span.kind, span.instrumentationScope.name]).toEqual([`chat ${GLOBAL_SONNET}`, SpanKind.CLIENT, OUR_SCOPE]);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': GLOBAL_SONNET,
      'gen_ai.request.max_tokens': 512,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'llm_observer.request.stop_sequences.count': 1,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': 14,
      'gen_ai.usage.output_tokens': 32,
      'llm_observer.request.messages.count': 1,
      'llm_observer.call.outcome': 'completed',
    });
    expect([span.attributes['gen_ai.request.stream'], span.attributes['server.address']]).toEqual([undefined, undefined]);
    expectExactCost(span.attributes, noCache('claude-sonnet-4-5', 0.000042, 0.00048, 0.000522));
    const values = JSON.stringify(Object.values(span.attributes));
    for (const secret of Object.values(CREDENTIALS)) expect(values).not.toContain(secret);
    expect(values).not.toContain('Paris');
  });

  it('counts the cache reads and writes in the input, as Bedrock reports them apart, and prices them with the profile\'s 10 %', async () => {
    const { ConverseCommand } = bed.sdk;
    await bed.client('converse-cache-read').send(new ConverseCommand({ modelId: US_SONNET, ...question }));
    const read = onlySpan(bed).attributes;
    expect(read).toMatchObject({ 'gen_ai.usage.input_tokens': 3024, 'gen_ai.usage.cache_read.input_tokens': 3000, 'gen_ai.usage.cache_creation.input_tokens': 0, 'gen_ai.usage.output_tokens': 27 });
    expectExactCost(read, { entry: 'claude-sonnet-4-5', input: 0.0000792, cacheRead: 0.00099, cacheWrite: 0, output: 0.0004455, total: 0.0015147, uncached: 0.0104247, savings: 0.00891 });

    bed.tracing.reset();
    await bed.client('converse-cache-write').send(new ConverseCommand({ modelId: GLOBAL_SONNET, ...question }));
    const written = onlySpan(bed).attributes;
    expect(written).toMatchObject({
      'gen_ai.usage.input_tokens': 3024,
      'gen_ai.usage.cache_creation.input_tokens': 3000,
      'aws.bedrock.usage.cache_write.ttl_5m_input_tokens': 3000,
    });
    expectExactCost(written, { entry: 'claude-sonnet-4-5', input: 0.000072, cacheRead: 0, cacheWrite: 0.01125, output: 0.000405, total: 0.011727, uncached: 0.009477, savings: -0.00225 });
  });

  it('reads a ConverseStreamCommand as the app reads its stream: one span, streamed, ended by the last event with the usage of the metadata event', async () => {
    const { ConverseStreamCommand } = bed.sdk;
    const output = await bed.client('converse-stream').send(new ConverseStreamCommand({ modelId: GLOBAL_SONNET, ...question }));
    // The response has arrived; the span waits for the stream.
    expect(bed.tracing.spans()).toHaveLength(0);
    let text = '';
    for await (const event of output.stream ?? []) text += event.contentBlockDelta?.delta?.text ?? '';
    expect(text).toBe('The capital of France is Paris.');
    const span = onlySpan(bed);
    expect(span.name).toBe(`chat ${GLOBAL_SONNET}`);
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': 3024,
      'gen_ai.usage.cache_read.input_tokens': 3000,
      'gen_ai.usage.output_tokens': 9,
      'llm_observer.response.output.chars': [31],
      'llm_observer.call.outcome': 'completed',
    });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expectExactCost(span.attributes, { entry: 'claude-sonnet-4-5', input: 0.000072, cacheRead: 0.0009, cacheWrite: 0, output: 0.000135, total: 0.001107, uncached: 0.009207, savings: 0.0081 });
  });

  it('ends a stream broken out of as cancelled, and one that fails mid-way as failed, the error going on to the app', async () => {
    const { ConverseStreamCommand, ModelStreamErrorException } = bed.sdk;
    const brokenOff = await bed.client('converse-stream').send(new ConverseStreamCommand({ modelId: GLOBAL_SONNET, ...question }));
    for await (const event of brokenOff.stream ?? []) {
      void event;
      break;
    }
    expect(onlySpan(bed).attributes['llm_observer.call.outcome']).toBe('cancelled');

    bed.tracing.reset();
    const failing = await bed.client('converse-stream-error').send(new ConverseStreamCommand({ modelId: GLOBAL_SONNET, ...question }));
    const events: unknown[] = [];
    const thrown = await (async () => {
      for await (const event of failing.stream ?? []) events.push(event);
    })().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ModelStreamErrorException);
    expect(events).toHaveLength(3);
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({ 'llm_observer.call.outcome': 'failed', 'error.type': 'ModelStreamErrorException' });
    expect(span.status).toEqual({ code: 2, message: 'ModelStreamErrorException client' });
  });

  it('records a tool call, streamed or not, by its name, and the finish reason tool_use', async () => {
    const { ConverseCommand, ConverseStreamCommand } = bed.sdk;
    const toolConfig = { tools: [{ toolSpec: { name: 'get_weather', description: 'The weather in a city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }] };
    await bed.client('converse-tool-use').send(new ConverseCommand({ modelId: GLOBAL_SONNET, ...question, toolConfig }));
    const expected = {
      'gen_ai.response.finish_reasons': ['tool_use'],
      'llm_observer.request.tools.names': ['get_weather'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
      'gen_ai.usage.input_tokens': 412,
      'gen_ai.usage.output_tokens': 78,
    };
    expect(onlySpan(bed).attributes).toMatchObject(expected);

    bed.tracing.reset();
    const streamed = await bed.client('converse-stream-tool-use').send(new ConverseStreamCommand({ modelId: GLOBAL_SONNET, ...question, toolConfig }));
    for await (const event of streamed.stream ?? []) void event;
    expect(onlySpan(bed).attributes).toMatchObject(expected);
  });

  it('fails the span of a command the API refuses, with the exception class and HTTP status, the SDK error going on to the app', async () => {
    const { ConverseCommand, ThrottlingException, ValidationException } = bed.sdk;
    for (const [fixture, errorClass, name, status] of [
      ['error-429', ThrottlingException, 'ThrottlingException', 429],
      ['error-400-validation', ValidationException, 'ValidationException', 400],
    ] as const) {
      bed.tracing.reset();
      const thrown = await bed.client(fixture).send(new ConverseCommand({ modelId: GLOBAL_SONNET, ...question })).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(errorClass);
      const span = onlySpan(bed);
      expect(span.attributes).toMatchObject({ 'llm_observer.call.outcome': 'failed', 'error.type': name });
      // The AWS SDK keeps the HTTP status in the error's `$metadata.httpStatusCode`.
      expect(span.status).toEqual({ code: 2, message: `${name} ${status} client` });
    }
  });

  it('leaves out a usage whose writes by lifetime add up past 2^53, and the call unpriced, rather than pricing it as if it wrote nothing', async () => {
    const { ConverseCommand } = bed.sdk;
    await bed.client('converse-cache-details-overflow').send(new ConverseCommand({ modelId: GLOBAL_SONNET, ...question }));
    const attributes = onlySpan(bed).attributes;
    expect(Object.keys(attributes).filter((name) => name.startsWith('gen_ai.usage.') || name.startsWith('aws.bedrock.usage.'))).toEqual([]);
    expectUnpriced(attributes, 'no_usage');
  });

  it('prices Amazon Nova by its Bedrock entry, the cache reads at its read price', async () => {
    const { ConverseCommand } = bed.sdk;
    await bed.client('converse-nova').send(new ConverseCommand({ modelId: 'us.amazon.nova-pro-v1:0', ...question }));
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 1571, 'gen_ai.usage.cache_read.input_tokens': 1536, 'gen_ai.usage.output_tokens': 31 });
    expectExactCost(span.attributes, { entry: 'aws.bedrock/amazon.nova-pro', input: 0.000028, cacheRead: 0.0003072, cacheWrite: 0, output: 0.0000992, total: 0.0004344, uncached: 0.001356, savings: 0.0009216 });
  });

  it('prices a call at the service tier that served it: Flex on Nova Pro at half the price', async () => {
    const { ConverseCommand } = bed.sdk;
    await bed.client('converse-service-tier').send(new ConverseCommand({ modelId: 'amazon.nova-pro-v1:0', ...question, serviceTier: { type: 'flex' } }));
    expectExactCost(onlySpan(bed).attributes, noCache('aws.bedrock/amazon.nova-pro', 0.0000208, 0.0000384, 0.0000592));
  });

  it('prices a call the default tier served at the list price, which no entry lists as a tier', async () => {
    const { ConverseCommand } = bed.sdk;
    await bed.client('converse-default-tier').send(new ConverseCommand({ modelId: GLOBAL_SONNET, ...question }));
    const span = onlySpan(bed);
    expect(span.attributes['aws.bedrock.response.service_tier']).toBe('default');
    expectExactCost(span.attributes, noCache('claude-sonnet-4-5', 0.000042, 0.00048, 0.000522));
  });

  it("traces a command of a class the app derived from the SDK's", async () => {
    class TaggedConverse extends bed.sdk.ConverseCommand {}
    await bed.client('converse').send(new TaggedConverse({ modelId: GLOBAL_SONNET, ...question }));
    expect(onlySpan(bed).name).toBe(`chat ${GLOBAL_SONNET}`);
  });

  it('reads the service tier that served the call, and prices a tier the entry has no price for as unpriced', async () => {
    const { ConverseCommand } = bed.sdk;
    await bed.client('converse-service-tier').send(new ConverseCommand({ modelId: GLOBAL_SONNET, ...question, serviceTier: { type: 'flex' } }));
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({ 'aws.bedrock.request.service_tier': 'flex', 'aws.bedrock.response.service_tier': 'flex', 'llm_observer.cost.unpriced_reason': 'unpriced_service_tier' });
  });

  it('leaves the AWS account out of a model ARN, and prices the model the ARN names', async () => {
    const { ConverseCommand } = bed.sdk;
    const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${GLOBAL_SONNET}`;
    await bed.client('converse').send(new ConverseCommand({ modelId: arn, ...question }));
    const span = onlySpan(bed);
    expect(span.attributes['gen_ai.request.model']).toBe(`arn:aws:bedrock:us-east-1::inference-profile/${GLOBAL_SONNET}`);
    expect(JSON.stringify([span.name, span.attributes])).not.toContain('123456789012');
    expectExactCost(span.attributes, noCache('claude-sonnet-4-5', 0.000042, 0.00048, 0.000522));
  });

  it('traces the BedrockRuntime aggregate\'s converse(), sends other commands and callback-style sends untraced, and hands the app the SDK\'s output', async () => {
    const viaAggregate = await bed.aggregate('converse').converse({ modelId: GLOBAL_SONNET, ...question });
    expect(viaAggregate.stopReason).toBe('end_turn');
    expect(onlySpan(bed).name).toBe(`chat ${GLOBAL_SONNET}`);

    bed.tracing.reset();
    const client = bed.client('converse');
    const direct = await client.send(new bed.sdk.CountTokensCommand({ modelId: GLOBAL_SONNET, input: { converse: question } })).catch((error: unknown) => error);
    void direct;
    expect(endedSpans(bed)).toHaveLength(0);

    const viaCallback = await new Promise((resolve, reject) => {
      client.send(new bed.sdk.ConverseCommand({ modelId: GLOBAL_SONNET, ...question }), (error, output) => (error ? reject(error) : resolve(output)));
    });
    expect(viaCallback).toMatchObject({ stopReason: 'end_turn' });
    expect(endedSpans(bed)).toHaveLength(0);
  });

  it('records the content with capture on: system text, messages, tool definitions and results, media by their size, a streamed tool call\'s arguments joined', async () => {
    const { ConverseStreamCommand } = bed.sdk;
    bed.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    try {
      const image = new Uint8Array(1234);
      const streamed = await bed.client('converse-stream-tool-use').send(
        new ConverseStreamCommand({
          modelId: GLOBAL_SONNET,
          system: [{ text: 'You are a weather bot.' }, { cachePoint: { type: 'default' } }],
          messages: [
            { role: 'user', content: [{ text: 'Weather in Paris?' }, { image: { format: 'png', source: { bytes: image } } }] },
            { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }] },
            { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ json: { celsius: 21 } }] } }] },
          ],
          toolConfig: { tools: [{ toolSpec: { name: 'get_weather', description: 'The weather in a city', inputSchema: { json: { type: 'object' } } } }] },
        }),
      );
      for await (const event of streamed.stream ?? []) void event;
      const attributes = onlySpan(bed).attributes;
      expect(JSON.parse(String(attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: 'You are a weather bot.' }]);
      const input = JSON.parse(String(attributes['gen_ai.input.messages'])) as { role: string; parts: { type: string; content?: unknown; response?: unknown; arguments?: unknown }[] }[];
      expect(input.map((message) => [message.role, message.parts.map((part) => part.type)])).toEqual([
        ['user', ['text', 'blob']],
        ['assistant', ['tool_call']],
        ['user', ['tool_call_response']],
      ]);
      expect(input[0]?.parts[1]?.content).toBe('[base64 image/png 1234 bytes]');
      expect(input[2]?.parts[0]?.response).toBe('{"celsius":21}');
      expect(JSON.parse(String(attributes['gen_ai.tool.definitions']))).toEqual([{ type: 'function', name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object' } }]);
      const output = JSON.parse(String(attributes['gen_ai.output.messages'])) as { parts: { type: string; arguments?: unknown }[]; finish_reason: string }[];
      expect(output[0]?.finish_reason).toBe('tool_call');
      expect(output[0]?.parts.find((part) => part.type === 'tool_call')?.arguments).toBe('{"city": "Paris", "unit": "celsius"}');
    } finally {
      bed.instrumentation.setConfig({});
    }
  });

  it("makes the call's span current while the SDK sends the command", async () => {
    const client = bed.client('converse');
    const activeInMiddleware: unknown[] = [];
    client.middlewareStack.add(
      (next) => (args) => {
        activeInMiddleware.push(trace.getActiveSpan()?.spanContext().spanId);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'seeActiveSpan' },
    );
    await client.send(new bed.sdk.ConverseCommand({ modelId: GLOBAL_SONNET, ...question }));
    expect(activeInMiddleware).toEqual([onlySpan(bed).spanContext().spanId]);
  });

  it('contains a fault in each of its steps: the app gets its output, the span ends once, the fault is reported', async () => {
    const { ConverseCommand, ConverseStreamCommand } = bed.sdk;
    const run = async () => {
      await bed.client('converse').send(new ConverseCommand({ modelId: GLOBAL_SONNET, ...question }));
      const streamed = await bed.client('converse-stream').send(new ConverseStreamCommand({ modelId: GLOBAL_SONNET, ...question }));
      for await (const event of streamed.stream ?? []) void event;
    };
    await expectEachFaultContained(bed, run, ['read the command', 'start bedrock call', 'observe call', 'read the output', 'read response', 'observe stream iterator', 'read stream event', 'end call']);
  });
});
