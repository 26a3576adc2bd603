import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { anthropicTestbed, API_KEY, CACHED_USAGE, fixture, onlySpan, OUR_SCOPE, QUESTION } from './testbed.js';

const bed = anthropicTestbed();

describe('messages.create', () => {
  it('gives a call one CLIENT span of this package, named after the operation and the request model', async () => {
    await bed.client.messages.create(QUESTION, fixture('message'));
    const span = onlySpan(bed);
    expect(span.name).toBe('chat claude-sonnet-4-6');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.instrumentationScope.name).toBe(OUR_SCOPE);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4-6',
      'gen_ai.request.max_tokens': 1024,
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(bed.server.origin).port),
      'gen_ai.response.id': 'msg_01XFDUDYJgAACzvnptvVoYEL',
      'gen_ai.response.model': 'claude-sonnet-4-6',
      'gen_ai.response.finish_reasons': ['end_turn'],
      'anthropic.response.service_tier': 'standard',
      'llm_observer.call.outcome': 'completed',
    });
  });

  it("leaves the AWS account out of a model ARN (Bedrock's inference profiles), in the span's name and its model", async () => {
    const arn = 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0';
    await bed.client.messages.create({ ...QUESTION, model: arn }, fixture('message'));
    const span = onlySpan(bed);
    const withoutAccount = 'arn:aws:bedrock:eu-west-1::inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0';
    expect([span.name, span.attributes['gen_ai.request.model']]).toEqual([`chat ${withoutAccount}`, withoutAccount]);
    expect(JSON.stringify([span.name, span.attributes])).not.toContain('123456789012');
  });

  it('counts the cache reads and writes into the input tokens, and records each apart with the 5-minute / 1-hour split', async () => {
    await bed.client.messages.create(QUESTION, fixture('message'));
    expect(onlySpan(bed).attributes).toMatchObject(CACHED_USAGE);
  });

  it('takes cache counts that the API sends as null for zero', async () => {
    await bed.client.messages.create({ ...QUESTION, model: 'claude-haiku-4-5', max_tokens: 2 }, fixture('message-uncached'));
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 14, 'gen_ai.usage.output_tokens': 2, 'gen_ai.response.finish_reasons': ['max_tokens'] });
    expect(attributes).not.toHaveProperty('gen_ai.usage.cache_read.input_tokens');
    expect(attributes).not.toHaveProperty('gen_ai.usage.cache_creation.input_tokens');
  });

  it('records the sampling parameters the request sets, and how many stop sequences, not the sequences', async () => {
    // The 1.x typings dropped the sampling parameters; apps written for 0.x still send them, and
    // the SDK passes them on.
    const sampling = { temperature: 0.3, top_p: 0.9, top_k: 40 };
    await bed.client.messages.create({ ...QUESTION, ...sampling, stop_sequences: ['\n\nHuman:', 'END'] }, fixture('message'));
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.top_k': 40,
      'llm_observer.request.stop_sequences.count': 2,
    });
    expect(onlySpan(bed).attributes['gen_ai.request.stop_sequences']).toBeUndefined();
  });

  it('records the thinking budget of the request and the thinking tokens of the response', async () => {
    await bed.client.messages.create(
      { ...QUESTION, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 } },
      fixture('message-thinking'),
    );
    expect(onlySpan(bed).attributes).toMatchObject({
      'anthropic.request.thinking.budget_tokens': 2048,
      'gen_ai.usage.output_tokens': 212,
      'gen_ai.usage.reasoning.output_tokens': 180,
    });
  });

  it('counts the cache breakpoints across tools, system and messages, with the TTL of each in prefix order', async () => {
    const conversation = {
      ...QUESTION,
      messages: [
        { role: 'user' as const, content: [{ type: 'text' as const, text: 'Here is a long document.', cache_control: { type: 'ephemeral' as const, ttl: '5m' as const } }] },
        { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } }] },
        {
          role: 'user' as const,
          content: [
            { type: 'tool_result' as const, tool_use_id: 'toolu_01A', content: [{ type: 'text' as const, text: 'Sunny', cache_control: { type: 'ephemeral' as const } }] },
          ],
        },
      ],
    };
    await bed.client.messages.create(conversation, fixture('message'));
    expect(onlySpan(bed).attributes).toMatchObject({
      'anthropic.request.cache_control.breakpoints': 4,
      'anthropic.request.cache_control.ttls': ['1h', '5m', '5m', '5m'],
    });
  });

  it('counts the top-level cache_control of automatic caching as a breakpoint, after those in the prompt', async () => {
    await bed.client.messages.create({ ...QUESTION, cache_control: { type: 'ephemeral', ttl: '1h' } }, fixture('message'));
    expect(onlySpan(bed).attributes).toMatchObject({
      'anthropic.request.cache_control.breakpoints': 3,
      'anthropic.request.cache_control.ttls': ['1h', '5m', '1h'],
    });
  });

  it('records zero breakpoints, and no TTLs, for a request that caches nothing', async () => {
    await bed.client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1024, system: 'Be brief.', messages: QUESTION.messages }, fixture('message'));
    const { attributes } = onlySpan(bed);
    expect(attributes['anthropic.request.cache_control.breakpoints']).toBe(0);
    expect(attributes).not.toHaveProperty('anthropic.request.cache_control.ttls');
  });

  it('puts neither the prompt, the completion nor the API key in any attribute', async () => {
    await bed.client.messages.create(QUESTION, fixture('message'));
    const values = JSON.stringify(Object.values(onlySpan(bed).attributes));
    for (const secret of [API_KEY, 'capital of France', 'geography questions', 'current weather', 'Paris']) {
      expect(values).not.toContain(secret);
    }
  });
});

describe('messages.create with stream: true', () => {
  it('reads the usage of message_start and the final counts of message_delta, and the stop reason', async () => {
    const stream = await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream'));
    const text: string[] = [];
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text.push(event.delta.text);
    }
    expect(text.join('')).toBe('The capital of France is Paris.');
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({
      ...CACHED_USAGE,
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'msg_01StrEaM4bC5dE6fG7hI8jK9',
      'gen_ai.response.model': 'claude-sonnet-4-6',
      'gen_ai.response.finish_reasons': ['end_turn'],
      'llm_observer.call.outcome': 'completed',
    });
    expect(attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
  });

  it('lets the counts of message_delta win over those of message_start when the API revises them', async () => {
    const stream = await bed.client.messages.create(
      { ...QUESTION, stream: true, tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 1 }] },
      fixture('message-stream-web-search'),
    );
    for await (const event of stream) void event;
    expect(onlySpan(bed).attributes).toMatchObject({
      // message_delta: input_tokens 10682, plus 2048 read from and 5120 written to the cache
      'gen_ai.usage.input_tokens': 17850,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.usage.cache_creation.input_tokens': 5120,
      'gen_ai.usage.output_tokens': 510,
    });
  });

  it('keeps the usage of message_start when the stream breaks off before message_delta', async () => {
    const stream = await bed.client.messages.create({ ...QUESTION, stream: true }, fixture('message-stream', { 'x-fixture-drop': 'mid-stream' }));
    await expect(async () => {
      for await (const event of stream) void event;
    }).rejects.toThrow();
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 3921,
      'gen_ai.usage.cache_read.input_tokens': 1800,
      'gen_ai.usage.cache_creation.input_tokens': 2100,
      'llm_observer.call.outcome': 'failed',
    });
  });
});

describe('messages.parse', () => {
  it('gives the structured-output call one span, with the parsed output the SDK gives without it', async () => {
    const message = await bed.client.messages.parse(
      {
        model: 'claude-sonnet-4-6',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'What is 2+2?' }],
        output_config: {
          format: {
            type: 'json_schema',
            schema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'], additionalProperties: false },
          },
        },
      },
      fixture('message-json'),
    );
    expect(message.parsed_output).toEqual({ answer: 4 });
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 187, 'gen_ai.usage.output_tokens': 8 });
  });
});

describe('beta.messages', () => {
  it('gives beta.messages.create one span, with the same attributes as messages.create', async () => {
    await bed.client.beta.messages.create({ ...QUESTION, betas: ['context-management-2025-06-27'] }, fixture('message'));
    expect(onlySpan(bed).attributes).toMatchObject({ ...CACHED_USAGE, 'gen_ai.operation.name': 'chat', 'anthropic.request.cache_control.breakpoints': 2 });
  });

  it('gives a streamed beta.messages.create one span with the usage of its events', async () => {
    const stream = await bed.client.beta.messages.create({ ...QUESTION, stream: true }, fixture('message-stream'));
    for await (const event of stream) void event;
    expect(onlySpan(bed).attributes).toMatchObject({ ...CACHED_USAGE, 'gen_ai.request.stream': true });
  });
});
