import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaInstrumentation } from '../../src/index.js';
import { contentOf, expectNoContent } from '../privacy/support.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { onlySpan, testbedParts } from '../support/testbed-parts.js';

/**
 * The content of `ollama` calls, read from the API's own fields: its shape by default, and the
 * conventions' JSON on the span with content capture on; a chat's messages (with images, a tool
 * call handed back and its result), tools, stop sequences (among the model's `options`), answer and
 * thinking, whole and streamed; a completion's system instructions, prompt and suffix.
 * Fixtures: test/fixtures/ollama/.
 */

type Sdk = typeof import('ollama');
const parts = testbedParts(() => new OllamaInstrumentation(), [], () => undefined);
const sdk = createRequire(import.meta.url)('ollama') as Sdk;
const answeredBy = (fixture: string) => new sdk.Ollama({ headers: { 'x-fixture': `ollama/${fixture}` }, fetch: fetchToFixtures(parts.server.origin) as typeof fetch });
afterEach(() => parts.instrumentation.setConfig({}));

const CITY_PARAMETERS = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const WEATHER_TOOLS = [{ type: 'function', function: { name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS } }];
const TOOL_DEFINITIONS = [{ type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS }];
/** 16 bytes as base64 (24 characters): the size the span records for the image, never the data. */
const IMAGE_BASE64 = 'iVBORw0KGgoAAAANSUhEUg==';

// 'You forecast.' 13, 'Weather in Lyon?' 16, 'Mild, 18°C.' 11 characters; the assistant turn has no text, one tool call.
const conversation = {
  model: 'qwen3:8b',
  messages: [
    { role: 'system', content: 'You forecast.' },
    { role: 'user', content: 'Weather in Lyon?', images: [IMAGE_BASE64] },
    { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Lyon' } } }] },
    { role: 'tool', content: 'Mild, 18°C.', tool_name: 'get_weather' },
  ],
  tools: WEATHER_TOOLS,
  options: { stop: ['END'] },
};

describe('an Ollama chat', () => {
  it('by default records the shape of its messages, roles, characters, images and tool calls, and no content', async () => {
    await answeredBy('chat-tool-call').chat(conversation);
    const span = onlySpan(parts);
    expect(span.attributes).toMatchObject({
      'llm_observer.request.messages.count': 4,
      'llm_observer.request.messages.roles': ['system', 'user', 'assistant', 'tool'],
      'llm_observer.request.messages.chars': [13, 16, 0, 11],
      'llm_observer.request.tools.names': ['get_weather'],
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
    expectNoContent(span);
  });

  it('with content capture, records its messages, tools, stop sequences and the tool call it answers with, its arguments the object Ollama sends', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    await answeredBy('chat-tool-call').chat(conversation);
    const { attributes } = onlySpan(parts);
    expect(attributes['gen_ai.request.stop_sequences']).toEqual(['END']);
    expect(contentOf(attributes)).toEqual({
      'gen_ai.input.messages': [
        { role: 'system', parts: [{ type: 'text', content: 'You forecast.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }, { type: 'blob', modality: 'image', content: '[base64 16 bytes]' }] },
        { role: 'assistant', parts: [{ type: 'text', content: '' }, { type: 'tool_call', name: 'get_weather', arguments: { city: 'Lyon' } }] },
        { role: 'tool', parts: [{ type: 'tool_call_response', response: 'Mild, 18°C.' }] },
      ],
      'gen_ai.tool.definitions': TOOL_DEFINITIONS,
      'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Lyon' } }], finish_reason: 'stop' }],
    });
  });

  it('with content capture, records a thinking model’s reasoning before its answer', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    await answeredBy('chat-thinking').chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: '17 × 23?' }], think: true });
    expect(contentOf(onlySpan(parts).attributes)['gen_ai.output.messages']).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: '17 × 20 = 340 and 17 × 3 = 51; 340 + 51 = 391.' },
          { type: 'text', content: '17 × 23 = 391.' },
        ],
        finish_reason: 'stop',
      },
    ]);
  });

  it('streamed, with content capture, joins the answer from its chunks', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    for await (const chunk of await answeredBy('chat-stream').chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Where is Lyon?' }], stream: true })) void chunk;
    expect(contentOf(onlySpan(parts).attributes)['gen_ai.output.messages']).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Lyon is in France.' }], finish_reason: 'stop' },
    ]);
  });
});

describe('an Ollama completion', () => {
  it('with content capture, records its system instructions, its prompt and suffix as the user message, and its response', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    await answeredBy('generate').generate({ model: 'qwen2.5-coder:7b', system: 'Complete the code.', prompt: 'function add(a, b) {\n', suffix: '}\n' });
    expect(contentOf(onlySpan(parts).attributes)).toEqual({
      'gen_ai.system_instructions': [{ type: 'text', content: 'Complete the code.' }],
      'gen_ai.input.messages': [
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'function add(a, b) {\n' },
            { type: 'text', content: '}\n' },
          ],
        },
      ],
      'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: '  return a + b;\n' }], finish_reason: 'stop' }],
    });
  });

  it('embeddings record the shape of their input only, with content capture on too', async () => {
    parts.instrumentation.setConfig({ captureMessageContent: true });
    await answeredBy('embed').embed({ model: 'embeddinggemma', input: ['quarterly close', 'annual report'] });
    const span = onlySpan(parts);
    expect([span.attributes['llm_observer.request.messages.count'], span.attributes['llm_observer.request.messages.chars']]).toEqual([2, [15, 13]]);
    expectNoContent(span);
  });
});
