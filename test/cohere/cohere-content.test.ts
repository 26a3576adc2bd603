import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { CohereInstrumentation } from '../../src/index.js';
import { contentOf, expectNoContent } from '../privacy/support.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { onlySpan, testbedParts } from '../support/testbed-parts.js';

/**
 * The content of `cohere-ai` calls, read from the SDK's camelCase requests, responses and stream
 * events: its shape by default, and the conventions' JSON on the span with content capture on; the
 * v2 client's messages, tools and answers, and the v1 client's preamble, chat history, message and
 * answer. Fixtures: test/fixtures/cohere/.
 */

type Sdk = typeof import('cohere-ai');
const parts = testbedParts(() => new CohereInstrumentation(), [], () => undefined);
const sdk = createRequire(import.meta.url)('cohere-ai') as Sdk;
const clientOptions = () => ({ token: '9jYg7SjjPvttfbfMLZuPjII4OoaQmzBinnpy3MPN', maxRetries: 0, fetch: fetchToFixtures(parts.server.origin) as typeof fetch });
const answeredBy = (name: string) => ({ headers: { 'x-fixture': `cohere/${name}` } });
afterEach(() => parts.instrumentation.setConfig({}));

const CITY_PARAMETERS = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const WEATHER_TOOLS = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS } }];
const TOOL_DEFINITIONS = [{ type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS }];

// 'You forecast.' 13, 'Weather in Lyon?' 16, 'I will look up Lyon.' 20 (the assistant turn's tool plan, besides its tool call), 'Mild, 18°C.' 11 characters.
const conversation = {
  model: 'command-a-03-2025',
  messages: [
    { role: 'system' as const, content: 'You forecast.' },
    {
      role: 'user' as const,
      content: [{ type: 'text' as const, text: 'Weather in Lyon?' }, { type: 'image_url' as const, imageUrl: { url: 'https://example.com/lyon.png' } }],
    },
    {
      role: 'assistant' as const,
      toolPlan: 'I will look up Lyon.',
      toolCalls: [{ id: 'get_weather_1a2b3c4d5e6f', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }],
    },
    { role: 'tool' as const, toolCallId: 'get_weather_1a2b3c4d5e6f', content: 'Mild, 18°C.' },
  ],
  tools: WEATHER_TOOLS,
};

const INPUT_MESSAGES = [
  { role: 'system', parts: [{ type: 'text', content: 'You forecast.' }] },
  { role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }, { type: 'uri', modality: 'image', uri: 'https://example.com/lyon.png' }] },
  {
    role: 'assistant',
    parts: [
      { type: 'reasoning', content: 'I will look up Lyon.' },
      { type: 'tool_call', id: 'get_weather_1a2b3c4d5e6f', name: 'get_weather', arguments: '{"city":"Lyon"}' },
    ],
  },
  { role: 'tool', parts: [{ type: 'tool_call_response', id: 'get_weather_1a2b3c4d5e6f', response: 'Mild, 18°C.' }] },
];

describe('a Cohere v2 chat', () => {
  it('by default records the shape of its messages, roles, characters and tool calls, and no content', async () => {
    await new sdk.CohereClientV2(clientOptions()).chat(conversation, answeredBy('v2-chat-tool-call'));
    const span = onlySpan(parts);
    expect(span.attributes).toMatchObject({
      'llm_observer.request.messages.count': 4,
      'llm_observer.request.messages.roles': ['system', 'user', 'assistant', 'tool'],
      'llm_observer.request.messages.chars': [13, 16, 20, 11],
      'llm_observer.request.tools.names': ['get_weather'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
    expectNoContent(span);
  });

  it('with content capture, records its messages, tools and its answer, the thinking item as reasoning and the text item as text, in the conventions’ JSON', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    await new sdk.CohereClientV2(clientOptions()).chat({ ...conversation, model: 'command-a-reasoning-08-2025', thinking: { type: 'enabled' } }, answeredBy('v2-chat-thinking'));
    expect(contentOf(onlySpan(parts).attributes)).toEqual({
      'gen_ai.input.messages': INPUT_MESSAGES,
      'gen_ai.tool.definitions': TOOL_DEFINITIONS,
      'gen_ai.output.messages': [
        {
          role: 'assistant',
          parts: [
            { type: 'reasoning', content: 'Lyon is in France.' },
            { type: 'text', content: 'Mild, 18°C.' },
          ],
          finish_reason: 'stop',
        },
      ],
    });
  });

  it('streamed, with content capture, records its tool plan as reasoning and the tool call its tool-call events make, its arguments joined from their deltas', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    const stream = await new sdk.CohereClientV2(clientOptions()).chatStream(
      { model: 'command-r7b-12-2024', messages: [{ role: 'user', content: 'Weather in Lyon?' }], tools: WEATHER_TOOLS },
      answeredBy('v2-chat-stream-tool-call'),
    );
    for await (const event of stream) void event;
    // The tool plan (the tool-plan-delta events joined) is the model's reasoning before its tool call.
    expect(contentOf(onlySpan(parts).attributes)).toEqual({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }] }],
      'gen_ai.tool.definitions': TOOL_DEFINITIONS,
      'gen_ai.output.messages': [
        {
          role: 'assistant',
          parts: [
            { type: 'reasoning', content: 'I will check the weather in Lyon.' },
            { type: 'tool_call', id: 'get_weather_3p8v6n2r5t1y', name: 'get_weather', arguments: '{"city": "Lyon"}' },
          ],
          finish_reason: 'tool_call',
        },
      ],
    });
  });
});

describe('a Cohere v1 chat', () => {
  it('with content capture, records its preamble as the system instructions, its chat history and message as the messages, and its answer’s text', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    await new sdk.CohereClient(clientOptions()).chat(
      {
        model: 'command-r-08-2024',
        preamble: 'You forecast.',
        chatHistory: [
          { role: 'USER', message: 'Weather in Lyon?' },
          { role: 'CHATBOT', message: 'Which day?' },
        ],
        message: 'Today.',
      },
      answeredBy('v1-chat'),
    );
    expect(contentOf(onlySpan(parts).attributes)).toEqual({
      'gen_ai.system_instructions': [{ type: 'text', content: 'You forecast.' }],
      'gen_ai.input.messages': [
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }] },
        { role: 'assistant', parts: [{ type: 'text', content: 'Which day?' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Today.' }] },
      ],
      'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: 'Mild, 18°C.' }], finish_reason: 'stop' }],
    });
  });

  it('answering with a tool call, with content capture, records its text and the tool call, its parameters as the arguments', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    await new sdk.CohereClient(clientOptions()).chat(
      {
        model: 'command-r-08-2024',
        message: 'Weather in Lyon?',
        tools: [{ name: 'get_weather', description: 'Weather of a city', parameterDefinitions: { city: { type: 'str', description: 'The city', required: true } } }],
      },
      answeredBy('v1-chat-tool-call'),
    );
    expect(contentOf(onlySpan(parts).attributes)['gen_ai.output.messages']).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'I will look up the weather in Lyon.' },
          { type: 'tool_call', name: 'get_weather', arguments: { city: 'Lyon' } },
        ],
        finish_reason: 'stop',
      },
    ]);
  });
});
