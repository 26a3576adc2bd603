import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnthropicInstrumentation, AnthropicInstrumentationConfig } from '../../src/index.js';
import { anthropicTestbed, onlySpan, withoutThisPackage } from '../anthropic/testbed.js';
import { readStream } from '../openai/testbed.js';
import { contentOf, FIXTURE_TEXTS, privacyFixture as fixture, expectNoContent, expectSerializedOnlyByTheSdk, type Counting } from './support.js';

/**
 * The Anthropic surfaces with the privacy core: the shape of every call in the default mode, and
 * its content, in the conventions' JSON, when content capture is on. The SDK's own tracing is on,
 * as it is by default. Fixtures: test/fixtures/privacy/anthropic-*, filled with ./fixture-texts.ts.
 */

const bed = anthropicTestbed();
const instrumentation = bed.instrumentation as AnthropicInstrumentation;
beforeAll(() => {
  Object.assign(bed.server.placeholders, FIXTURE_TEXTS);
});
afterEach(() => {
  vi.restoreAllMocks();
  instrumentation.setConfig({});
});

const capture = (captureMessageContent: AnthropicInstrumentationConfig['captureMessageContent']) =>
  instrumentation.setConfig({ captureMessageContent });

const CITY_SCHEMA = { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] };

// 'You forecast.' 13 and 'Be brief.' 9; 'Weather in Lyon?' 16, 'Lyon: 18°C' 10; 'Need the weather.' 17,
// 'Looking.' 8; 'Mild, 18°C.' 11 characters.
const messagesRequest = {
  model: 'claude-sonnet-4-6',
  max_tokens: 1024,
  system: [
    { type: 'text' as const, text: 'You forecast.' },
    { type: 'text' as const, text: 'Be brief.' },
  ],
  messages: [
    {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'Weather in Lyon?' },
        { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: 'iVBORw0KGgo=' } },
        { type: 'image' as const, source: { type: 'url' as const, url: 'https://example.com/lyon.png?sig=abc' } },
        { type: 'document' as const, source: { type: 'base64' as const, media_type: 'application/pdf' as const, data: 'JVBERi0xLjQ=' } },
        { type: 'document' as const, source: { type: 'text' as const, media_type: 'text/plain' as const, data: 'Lyon: 18°C' } },
      ],
    },
    {
      role: 'assistant' as const,
      content: [
        { type: 'thinking' as const, thinking: 'Need the weather.', signature: 'EuYBCkQYAiJA' },
        { type: 'text' as const, text: 'Looking.' },
        { type: 'tool_use' as const, id: 'toolu_1', name: 'get_weather', input: { city: 'Lyon' } },
      ],
    },
    {
      role: 'user' as const,
      content: [
        {
          type: 'tool_result' as const,
          tool_use_id: 'toolu_1',
          content: [
            { type: 'text' as const, text: 'Mild, 18°C.' },
            { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/jpeg' as const, data: '/9j/4AAQ' } },
          ],
        },
      ],
    },
  ],
  tools: [
    { name: 'get_weather', description: 'Weather of a city', input_schema: CITY_SCHEMA },
    { type: 'web_search_20250305' as const, name: 'web_search' as const, max_uses: 1 },
  ],
};

const question = { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Weather in Lyon?' }] };

const REQUEST_CONTENT = {
  'gen_ai.system_instructions': [
    { type: 'text', content: 'You forecast.' },
    { type: 'text', content: 'Be brief.' },
  ],
  'gen_ai.input.messages': [
    {
      role: 'user',
      parts: [
        { type: 'text', content: 'Weather in Lyon?' },
        // 'iVBORw0KGgo=' and 'JVBERi0xLjQ=' decode to 8 bytes each, '/9j/4AAQ' to 6.
        { type: 'blob', modality: 'image', mime_type: 'image/png', content: '[base64 image/png 8 bytes]' },
        { type: 'uri', modality: 'image', uri: 'https://example.com/lyon.png?[REDACTED:query]' },
        { type: 'blob', modality: 'document', mime_type: 'application/pdf', content: '[base64 application/pdf 8 bytes]' },
        { type: 'text', content: 'Lyon: 18°C' },
      ],
    },
    {
      role: 'assistant',
      parts: [
        { type: 'reasoning', content: 'Need the weather.' },
        { type: 'text', content: 'Looking.' },
        { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: { city: 'Lyon' } },
      ],
    },
    {
      role: 'user',
      parts: [
        {
          type: 'tool_call_response',
          id: 'toolu_1',
          response: [
            { type: 'text', content: 'Mild, 18°C.' },
            { type: 'blob', modality: 'image', mime_type: 'image/jpeg', content: '[base64 image/jpeg 6 bytes]' },
          ],
        },
      ],
    },
  ],
  'gen_ai.tool.definitions': [
    { type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: CITY_SCHEMA },
    { type: 'web_search_20250305', name: 'web_search' },
  ],
};

/** The output of the Anthropic message fixtures, whole or streamed. */
const messageOutput = (callId: string, args: unknown) => [
  {
    role: 'assistant',
    parts: [
      { type: 'reasoning', content: 'Lyon is mild.' },
      { type: 'text', content: 'Let me check.' },
      { type: 'tool_call', id: callId, name: 'get_weather', arguments: args },
    ],
    // The API's `tool_use`, in the conventions' words.
    finish_reason: 'tool_call',
  },
];

describe('by default, an Anthropic call records the shape of its content and no content', () => {
  it('a message: its system prompt apart, the text, images, tool uses and results of its blocks, its tools, and the same of its output', async () => {
    await bed.client.messages.create(messagesRequest, fixture('anthropic-message'));
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'llm_observer.request.system.chars': 22,
      'llm_observer.request.messages.count': 3,
      'llm_observer.request.messages.roles': ['user', 'assistant', 'user'],
      // The text of a text document counts; thinking counts; a tool result's text counts.
      'llm_observer.request.messages.chars': [26, 25, 11],
      // Two in the first message, one in the tool result; a PDF is not an image.
      'llm_observer.request.images.count': 3,
      'llm_observer.request.tool_calls.count': 1,
      'llm_observer.request.tools.count': 2,
      'llm_observer.request.tools.names': ['get_weather', 'web_search'],
      // The thinking (13) and the text (13).
      'llm_observer.response.output.chars': [26],
      'llm_observer.response.tool_calls.count': 1,
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
    expectNoContent(span);
  });

  it('a streamed message: the output shape adds up the thinking and text deltas and names the tool used', async () => {
    await readStream(await bed.client.messages.create({ ...question, stream: true }, fixture('anthropic-message-stream')));
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'llm_observer.request.messages.chars': [16],
      'llm_observer.response.output.chars': [26],
      'llm_observer.response.tool_calls.count': 1,
      // The request offered no tool: a called name is recorded only as an offered tool's.
      'llm_observer.response.tool_calls.names': ['_OTHER'],
    });
    expect(contentOf(span.attributes)).toEqual({});
  });

  it('a beta message: the same shape as a message', async () => {
    await bed.client.beta.messages.create(question, fixture('anthropic-message'));
    expect(onlySpan(bed).attributes).toMatchObject({
      'llm_observer.request.messages.roles': ['user'],
      'llm_observer.request.messages.chars': [16],
      'llm_observer.response.output.chars': [26],
    });
  });
});

describe('with content capture on the span, an Anthropic call records its content in the conventions’ JSON', () => {
  it('a message: system instructions, messages, tools and output, images as placeholders, the URL without its query', async () => {
    capture('SPAN_ONLY');
    await bed.client.messages.create(messagesRequest, fixture('anthropic-message'));
    const span = onlySpan(bed);
    expect(contentOf(span.attributes)).toEqual({
      ...REQUEST_CONTENT,
      'gen_ai.output.messages': messageOutput('toolu_01Hx7VqN3kP9sT2wB4mR8cYz', { city: 'Lyon' }),
    });
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_use']);
  });

  it('a streamed message: the output joined from its deltas, the tool input as the JSON text the deltas make', async () => {
    capture('SPAN_ONLY');
    await readStream(await bed.client.messages.create({ ...question, stream: true }, fixture('anthropic-message-stream')));
    expect(contentOf(onlySpan(bed).attributes)['gen_ai.output.messages']).toEqual(
      messageOutput('toolu_01Jy8WrO4lQ0tU3xC5nS9dZa', '{"city": "Lyon"}'),
    );
  });

  it('a message streamed by the SDK’s helper: the same content', async () => {
    capture('SPAN_ONLY');
    await bed.client.messages.stream(question, fixture('anthropic-message-stream')).finalMessage();
    expect(contentOf(onlySpan(bed).attributes)['gen_ai.output.messages']).toEqual(
      messageOutput('toolu_01Jy8WrO4lQ0tU3xC5nS9dZa', '{"city": "Lyon"}'),
    );
  });

  it('a failed call: its input on the event, and no output', async () => {
    capture('EVENT_ONLY');
    await bed.client.messages.create(question, fixture('anthropic-error-400')).catch(() => undefined);
    const span = onlySpan(bed);
    expect(contentOf(span.attributes)).toEqual({});
    expect(span.events.map((event) => [event.name, contentOf(event.attributes ?? {})])).toEqual([
      [
        'gen_ai.client.inference.operation.details',
        { 'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }] }] },
      ],
    ]);
    expect(span.status.message).toBe('BadRequestError 400 invalid_request_error');
  });
});

/** A messages request whose every object (messages, blocks, tool input, tools, system) counts its serializations. */
function countingMessagesRequest(counting: Counting) {
  const messages = [
    counting({ role: 'user' as const, content: [counting({ type: 'text' as const, text: 'Weather in Lyon?' })] }),
    counting({
      role: 'assistant' as const,
      content: [
        counting({ type: 'thinking' as const, thinking: 'Need the weather.', signature: 'EuYBCkQYAiJA' }),
        counting({ type: 'tool_use' as const, id: 'toolu_1', name: 'get_weather', input: counting({ city: 'Lyon' }) }),
      ],
    }),
    counting({
      role: 'user' as const,
      content: [counting({ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: [counting({ type: 'text' as const, text: 'Mild.' })] })],
    }),
  ];
  const system = [counting({ type: 'text' as const, text: 'You forecast.' })];
  const tools = [counting({ name: 'get_weather', description: 'Weather of a city', input_schema: CITY_SCHEMA })];
  return { request: { model: 'claude-sonnet-4-6', max_tokens: 1024, system, messages, tools }, messages };
}

describe('reading a request', () => {
  it.each([
    ['off', undefined],
    ['on', 'SPAN_AND_EVENT'],
  ] as const)(
    'with content capture %s, serializes none of the application’s objects: their toJSON and toString run only as the SDK runs them, and JSON.stringify never gets one',
    async (_, mode) => {
      const create = (request: ReturnType<typeof countingMessagesRequest>['request']) => bed.client.messages.create(request, fixture('anthropic-message'));
      capture(mode);
      await expectSerializedOnlyByTheSdk(countingMessagesRequest, (request) => withoutThisPackage(bed, () => create(request)), create);
      expect(onlySpan(bed).attributes['llm_observer.request.messages.count']).toBe(3);
    },
  );
});
