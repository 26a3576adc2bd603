import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { MistralInstrumentation } from '../../src/index.js';
import { contentOf, expectNoContent } from '../privacy/support.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { onlySpan, testbedParts } from '../support/testbed-parts.js';

/**
 * The content of `@mistralai/mistralai` calls, read from the SDK's camelCase messages and chunks:
 * its shape by default, and the conventions' JSON on the span with content capture on.
 * Fixtures: test/fixtures/mistral/.
 */

type Sdk = typeof import('@mistralai/mistralai');
const parts = testbedParts(() => new MistralInstrumentation(), [], () => undefined);
const sdk = createRequire(import.meta.url)('@mistralai/mistralai') as Sdk;
const client = () =>
  new sdk.Mistral({ apiKey: 'x7Kq2mN9pR4tY6uI8oP0aS3dF5gH7jK9', retryConfig: { strategy: 'none' }, httpClient: new sdk.HTTPClient({ fetcher: fetchToFixtures(parts.server.origin) }) });
const answeredBy = (name: string) => ({ fetchOptions: { headers: { 'x-fixture': name } } });
afterEach(() => parts.instrumentation.setConfig({}));

const CITY_PARAMETERS = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

// 'You forecast.' 13, 'Weather in Lyon?' 16, 'Looking.' 8, 'Mild, 18°C.' 11 characters.
const request = {
  model: 'mistral-small-latest',
  messages: [
    { role: 'system' as const, content: 'You forecast.' },
    {
      role: 'user' as const,
      content: [{ type: 'text' as const, text: 'Weather in Lyon?' }, { type: 'image_url' as const, imageUrl: { url: 'https://example.com/lyon.png' } }],
    },
    { role: 'assistant' as const, content: 'Looking.', toolCalls: [{ id: 'D681PevKs', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }] },
    { role: 'tool' as const, toolCallId: 'D681PevKs', content: 'Mild, 18°C.' },
  ],
  tools: [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS } }],
};

const INPUT_MESSAGES = [
  { role: 'system', parts: [{ type: 'text', content: 'You forecast.' }] },
  { role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }, { type: 'uri', modality: 'image', uri: 'https://example.com/lyon.png' }] },
  { role: 'assistant', parts: [{ type: 'text', content: 'Looking.' }, { type: 'tool_call', id: 'D681PevKs', name: 'get_weather', arguments: '{"city":"Lyon"}' }] },
  { role: 'tool', parts: [{ type: 'tool_call_response', id: 'D681PevKs', response: 'Mild, 18°C.' }] },
];

describe('a Mistral AI chat completion', () => {
  it('by default records the shape of its messages, roles, characters, image and tool calls, and no content', async () => {
    await client().chat.complete(request, answeredBy('mistral/chat-tool-call'));
    const span = onlySpan(parts);
    expect(span.attributes).toMatchObject({
      'llm_observer.request.messages.count': 4,
      'llm_observer.request.messages.roles': ['system', 'user', 'assistant', 'tool'],
      'llm_observer.request.messages.chars': [13, 16, 8, 11],
      'llm_observer.request.tools.names': ['get_weather'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
    expectNoContent(span);
  });

  it('with content capture, records its messages, tools and the tool call it answers with, in the conventions’ JSON', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    await client().chat.complete(request, answeredBy('mistral/chat-tool-call'));
    expect(contentOf(onlySpan(parts).attributes)).toEqual({
      'gen_ai.input.messages': INPUT_MESSAGES,
      'gen_ai.tool.definitions': [{ type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS }],
      'gen_ai.output.messages': [
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'D681PevKs', name: 'get_weather', arguments: '{"city": "Paris"}' }], finish_reason: 'tool_call' },
      ],
    });
  });

  it('answered in chunks, records the thinking chunk as reasoning and the text chunk as text', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    await client().chat.complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Weather in Lyon?' }] }, answeredBy('mistral/chat-thinking'));
    expect(contentOf(onlySpan(parts).attributes)['gen_ai.output.messages']).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Lyon is in France.' },
          { type: 'text', content: 'Mild, 18°C.' },
        ],
        finish_reason: 'stop',
      },
    ]);
  });

  it('streamed, records the text of its deltas and the tool call of the last one', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    const stream = await client().chat.stream({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Weather in Lyon?' }] }, answeredBy('mistral/chat-stream-tool-call'));
    for await (const event of stream) void event;
    expect(contentOf(onlySpan(parts).attributes)['gen_ai.output.messages']).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Checking.' },
          { type: 'tool_call', id: 'Wq4x8Zp2N', name: 'get_weather', arguments: '{"city": "Lyon"}' },
        ],
        finish_reason: 'tool_call',
      },
    ]);
  });
});

describe('a Mistral AI FIM completion', () => {
  it('with content capture, records the code before and after the gap as the user message, and the code it fills in', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: 'SPAN_ONLY' });
    await client().fim.complete({ model: 'codestral-latest', prompt: 'function add(a, b) {', suffix: '}' }, answeredBy('mistral/fim'));
    expect(contentOf(onlySpan(parts).attributes)).toEqual({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'function add(a, b) {' }, { type: 'text', content: '}' }] }],
      'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: '  return a + b;' }], finish_reason: 'stop' }],
    });
  });
});
