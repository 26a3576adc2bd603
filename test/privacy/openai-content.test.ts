import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { llmObserver, OpenAIInstrumentation, type OpenAIInstrumentationConfig } from '../../src/index.js';
import { onlySpan, openAITestbed, readStream, uninstrumented } from '../openai/testbed.js';
import { contentOf, FIXTURE_TEXTS, privacyFixture as fixture, expectNoContent, expectSerializedOnlyByTheSdk, type Counting } from './support.js';

/**
 * The OpenAI surfaces with the privacy core: the shape of every call in the default mode, and
 * its content, in the conventions' JSON, on the span or the event when content capture is on.
 * Fixtures: test/fixtures/privacy/openai-*, filled with the texts of ./fixture-texts.ts.
 */

const bed = openAITestbed();
beforeAll(() => {
  Object.assign(bed.server.placeholders, FIXTURE_TEXTS);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  bed.instrumentation.setConfig({});
});

const capture = (captureMessageContent: OpenAIInstrumentationConfig['captureMessageContent']) =>
  bed.instrumentation.setConfig({ captureMessageContent });

/** Streams a chat completion of one question, answered by the fixture `name`, reads it to the end, and returns its span. */
async function streamedChat(name: string) {
  const stream = await bed.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Lyon?' }], stream: true }, fixture(name));
  await readStream(stream);
  return onlySpan(bed);
}

const CITY_PARAMETERS = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

// 'You forecast.' 13, 'Weather in Lyon?' 16, 'Looking.' 8, 'Mild, 18°C.' 11 characters.
const chatRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system' as const, content: 'You forecast.' },
    {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'Weather in Lyon?' },
        { type: 'image_url' as const, image_url: { url: 'https://example.com/lyon.png' } },
        { type: 'input_audio' as const, input_audio: { data: 'UklGRg==', format: 'wav' as const } },
      ],
    },
    {
      role: 'assistant' as const,
      content: 'Looking.',
      tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }],
    },
    { role: 'tool' as const, tool_call_id: 'call_1', content: 'Mild, 18°C.' },
  ],
  tools: [
    { type: 'function' as const, function: { name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS } },
    { type: 'function' as const, function: { name: 'get_time', description: 'Time in a city', parameters: CITY_PARAMETERS } },
  ],
};

const CHAT_CONTENT = {
  'gen_ai.input.messages': [
    { role: 'system', parts: [{ type: 'text', content: 'You forecast.' }] },
    {
      role: 'user',
      parts: [
        { type: 'text', content: 'Weather in Lyon?' },
        { type: 'uri', modality: 'image', uri: 'https://example.com/lyon.png' },
        // 'UklGRg==' decodes to the 4 bytes "RIFF".
        { type: 'blob', modality: 'audio', mime_type: 'audio/wav', content: '[base64 audio/wav 4 bytes]' },
      ],
    },
    {
      role: 'assistant',
      parts: [
        { type: 'text', content: 'Looking.' },
        { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Lyon"}' },
      ],
    },
    { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'Mild, 18°C.' }] },
  ],
  'gen_ai.tool.definitions': [
    { type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS },
    { type: 'function', name: 'get_time', description: 'Time in a city', parameters: CITY_PARAMETERS },
  ],
  'gen_ai.output.messages': [
    {
      role: 'assistant',
      parts: [
        { type: 'text', content: 'Let me check.' },
        { type: 'tool_call', id: 'call_Pv7kQ2b9LmN4pR8tV1yZ6aD', name: 'get_weather', arguments: '{"city":"Lyon"}' },
      ],
      // The API's `tool_calls`, in the conventions' words.
      finish_reason: 'tool_call',
    },
  ],
};

const responsesRequest = {
  model: 'gpt-5.6',
  instructions: 'You forecast.',
  input: [
    {
      role: 'user' as const,
      content: [
        { type: 'input_text' as const, text: 'Weather in Lyon?' },
        { type: 'input_image' as const, image_url: 'https://example.com/lyon.png', detail: 'auto' as const },
      ],
    },
    { type: 'function_call' as const, call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Lyon"}' },
    { type: 'function_call_output' as const, call_id: 'call_1', output: 'Mild, 18°C.' },
  ],
  tools: [
    { type: 'function' as const, name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS, strict: false },
    { type: 'web_search' as const },
  ],
};

/** The output of the Responses fixtures, whole or streamed, with the id of its tool call. */
const responsesOutput = (callId: string) => [
  {
    role: 'assistant',
    parts: [
      { type: 'reasoning', content: 'Weather lookup.' },
      { type: 'text', content: 'Checking Lyon.' },
      { type: 'tool_call', id: callId, name: 'get_weather', arguments: '{"city":"Lyon"}' },
    ],
    // The response's status `completed`, in the conventions' words.
    finish_reason: 'stop',
  },
];

describe('by default, an OpenAI call records the shape of its content and no content', () => {
  it('a chat completion: its messages, roles, characters, images, tools, tool calls, and the same of its output', async () => {
    await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    const span = onlySpan(bed);
    expect(span.attributes).toMatchObject({
      'llm_observer.request.messages.count': 4,
      'llm_observer.request.messages.roles': ['system', 'user', 'assistant', 'tool'],
      'llm_observer.request.messages.chars': [13, 16, 8, 11],
      // The image; the sound is not one.
      'llm_observer.request.images.count': 1,
      'llm_observer.request.tool_calls.count': 1,
      'llm_observer.request.tools.count': 2,
      'llm_observer.request.tools.names': ['get_weather', 'get_time'],
      'llm_observer.response.output.chars': [13],
      'llm_observer.response.tool_calls.count': 1,
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
    expectNoContent(span);
  });

  it('a streamed chat completion: the output shape adds up the deltas of the text and names the tool called', async () => {
    const span = await streamedChat('openai-chat-stream');
    expect(span.attributes).toMatchObject({
      'llm_observer.request.messages.chars': [16],
      'llm_observer.response.output.chars': [13],
      'llm_observer.response.tool_calls.count': 1,
      // The request offered no tool: a called name is recorded only as an offered tool's.
      'llm_observer.response.tool_calls.names': ['_OTHER'],
    });
    expect(contentOf(span.attributes)).toEqual({});
  });

  it('a refusal: the output shape counts it as the output’s text', async () => {
    await bed.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Lyon?' }] }, fixture('openai-chat-refusal'));
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.response.output.chars': [34], 'llm_observer.response.tool_calls.count': 0 });
  });

  it('a streamed refusal: the output shape counts the refusal’s deltas as its text', async () => {
    const span = await streamedChat('openai-chat-refusal-stream');
    // "I'm sorry, " 11 and "I can't help with that." 23 characters.
    expect(span.attributes).toMatchObject({ 'llm_observer.response.output.chars': [34], 'llm_observer.response.tool_calls.count': 0 });
  });

  it('a Responses API call: each input item a message, the instructions apart, a built-in tool by its type', async () => {
    await bed.client.responses.create(responsesRequest, fixture('openai-responses'));
    expect(onlySpan(bed).attributes).toMatchObject({
      'llm_observer.request.messages.count': 3,
      'llm_observer.request.messages.roles': ['user', 'assistant', 'tool'],
      'llm_observer.request.messages.chars': [16, 0, 11],
      'llm_observer.request.system.chars': 13,
      'llm_observer.request.images.count': 1,
      'llm_observer.request.tool_calls.count': 1,
      'llm_observer.request.tools.count': 2,
      'llm_observer.request.tools.names': ['get_weather', 'web_search'],
      // The reasoning summary (15) and the text (14).
      'llm_observer.response.output.chars': [29],
      'llm_observer.response.tool_calls.names': ['get_weather'],
    });
  });

  it('a streamed Responses API call: the output shape counts each delta once, not again from the events that repeat the whole', async () => {
    await readStream(await bed.client.responses.create({ model: 'gpt-5.6', input: 'Weather in Lyon?', stream: true }, fixture('openai-responses-stream')));
    expect(onlySpan(bed).attributes).toMatchObject({
      'llm_observer.request.messages.chars': [16],
      'llm_observer.response.output.chars': [29],
      'llm_observer.response.tool_calls.count': 1,
      // The request offered no tool: a called name is recorded only as an offered tool's.
      'llm_observer.response.tool_calls.names': ['_OTHER'],
    });
  });

  it('a legacy completion: each prompt a user message', async () => {
    await bed.client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: ['Roses', 'Violets'] }, fixture('openai-completion'));
    expect(onlySpan(bed).attributes).toMatchObject({
      'llm_observer.request.messages.count': 2,
      'llm_observer.request.messages.roles': ['user', 'user'],
      'llm_observer.request.messages.chars': [5, 7],
      'llm_observer.response.output.chars': [13],
      'llm_observer.response.tool_calls.count': 0,
    });
  });

  it('a streamed legacy completion: the output shape adds up the deltas', async () => {
    await readStream(
      await bed.client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Roses', stream: true }, fixture('openai-completion-stream')),
    );
    expect(onlySpan(bed).attributes['llm_observer.response.output.chars']).toEqual([13]);
  });

  it('a prompt given as tokens: a message of no characters', async () => {
    await bed.client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: [1, 2, 3] }, fixture('openai-completion'));
    expect(onlySpan(bed).attributes).toMatchObject({ 'llm_observer.request.messages.count': 1, 'llm_observer.request.messages.chars': [0] });
  });
});

describe('with content capture on the span (SPAN_ONLY), an OpenAI call records its content in the conventions’ JSON', () => {
  it('a chat completion: its messages, tools and output, the finish reason in the conventions’ words, and no event', async () => {
    capture('SPAN_ONLY');
    await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    const span = onlySpan(bed);
    expect(contentOf(span.attributes)).toEqual(CHAT_CONTENT);
    // The attribute keeps the API's own value.
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(span.events).toEqual([]);
  });

  it('a streamed chat completion: the output joined from its deltas, the tool arguments too', async () => {
    capture('SPAN_ONLY');
    const span = await streamedChat('openai-chat-stream');
    expect(contentOf(span.attributes)['gen_ai.output.messages']).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Let me check.' },
          { type: 'tool_call', id: 'call_Qs2mR7c4NpL9tW3xY8zB5eF', name: 'get_weather', arguments: '{"city":"Lyon"}' },
        ],
        finish_reason: 'tool_call',
      },
    ]);
  });

  it('a streamed refusal: the refusal joined from its deltas as the output’s text', async () => {
    capture('SPAN_ONLY');
    const span = await streamedChat('openai-chat-refusal-stream');
    expect(contentOf(span.attributes)['gen_ai.output.messages']).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: "I'm sorry, I can't help with that." }], finish_reason: 'stop' },
    ]);
  });

  it('a chat completion of a backend that returns reasoning beside the content (DeepSeek’s reasoning_content): a reasoning part before the text, and one handed back in the request', async () => {
    capture('SPAN_ONLY');
    const messages = [
      { role: 'user' as const, content: 'Weather in Lyon?' },
      { role: 'assistant' as const, content: 'Looking.', reasoning_content: 'A weather question.' },
      { role: 'user' as const, content: 'And tomorrow?' },
    ];
    await bed.client.chat.completions.create({ model: 'deepseek-reasoner', messages }, fixture('deepseek-chat-reasoning'));
    expect(contentOf(onlySpan(bed).attributes)).toEqual({
      'gen_ai.input.messages': [
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }] },
        { role: 'assistant', parts: [{ type: 'reasoning', content: 'A weather question.' }, { type: 'text', content: 'Looking.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'And tomorrow?' }] },
      ],
      'gen_ai.output.messages': [
        {
          role: 'assistant',
          parts: [
            { type: 'reasoning', content: 'Lyon is in the Rhone valley; mild in spring.' },
            { type: 'text', content: 'Mild, 18 degrees.' },
          ],
          finish_reason: 'stop',
        },
      ],
    });
  });

  it('a streamed chat completion of a backend that streams reasoning (Cerebras’s delta.reasoning): the reasoning joined from its deltas before the text', async () => {
    capture('SPAN_ONLY');
    const stream = await bed.client.chat.completions.create(
      { model: 'gpt-oss-120b', messages: [{ role: 'user', content: 'What is the capital of France?' }], stream: true },
      { headers: { 'x-fixture': 'openai-backends/cerebras-chat-stream' } },
    );
    await readStream(stream);
    expect(contentOf(onlySpan(bed).attributes)['gen_ai.output.messages']).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'A capital city question; the answer is short.' },
          { type: 'text', content: 'Paris.' },
        ],
        finish_reason: 'stop',
      },
    ]);
  });

  it('a Responses API call: the instructions as system instructions, the items as messages, a built-in tool by its type', async () => {
    capture('SPAN_ONLY');
    await bed.client.responses.create(responsesRequest, fixture('openai-responses'));
    expect(contentOf(onlySpan(bed).attributes)).toEqual({
      'gen_ai.system_instructions': [{ type: 'text', content: 'You forecast.' }],
      'gen_ai.input.messages': [
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'Weather in Lyon?' },
            { type: 'uri', modality: 'image', uri: 'https://example.com/lyon.png' },
          ],
        },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Lyon"}' }] },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'Mild, 18°C.' }] },
      ],
      'gen_ai.tool.definitions': [
        { type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS },
        { type: 'web_search', name: 'web_search' },
      ],
      'gen_ai.output.messages': responsesOutput('call_Rt5nS8d3OqM1uX4yZ9aC2fG'),
    });
  });

  it('a streamed Responses API call: the output joined from the deltas of its reasoning, text and tool arguments', async () => {
    capture('SPAN_ONLY');
    await readStream(await bed.client.responses.create({ model: 'gpt-5.6', input: 'Weather in Lyon?', stream: true }, fixture('openai-responses-stream')));
    expect(contentOf(onlySpan(bed).attributes)).toEqual({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }] }],
      'gen_ai.output.messages': responsesOutput('call_Su6oT9e4PrN2vY5zA1bD3gH'),
    });
  });

  it('a streamed legacy completion: its prompt and the text joined from its deltas, with the stream’s finish reason', async () => {
    capture('SPAN_ONLY');
    await readStream(
      await bed.client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Roses', stream: true }, fixture('openai-completion-stream')),
    );
    expect(contentOf(onlySpan(bed).attributes)).toEqual({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Roses' }] }],
      'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: 'Roses are red' }], finish_reason: 'length' }],
    });
  });

  it('an embeddings call: no content, only the shape of its input, as the conventions give embeddings no content attributes', async () => {
    capture('SPAN_AND_EVENT');
    await bed.client.embeddings.create({ model: 'text-embedding-3-small', input: ['partial index'] }, { headers: { 'x-fixture': 'openai/embeddings' } });
    const span = onlySpan(bed);
    expectNoContent(span);
    expect(span.attributes['llm_observer.request.messages.chars']).toEqual([13]);
  });

  it('a failed call: its input, and no output', async () => {
    capture('SPAN_ONLY');
    await bed.client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Lyon?' }] }, fixture('openai-error-400'))
      .catch(() => undefined);
    const span = onlySpan(bed);
    expect(contentOf(span.attributes)).toEqual({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Lyon?' }] }],
    });
    expect(span.attributes['llm_observer.response.output.chars']).toBeUndefined();
    expect(span.status.message).toBe('BadRequestError 400 invalid_value');
  });
});

describe('the content capture modes', () => {
  it('EVENT_ONLY puts the content on one gen_ai.client.inference.operation.details event of the span, none on the span', async () => {
    capture('EVENT_ONLY');
    await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    const span = onlySpan(bed);
    expect(contentOf(span.attributes)).toEqual({});
    expect(span.events.map((event) => event.name)).toEqual(['gen_ai.client.inference.operation.details']);
    expect(contentOf(span.events[0]?.attributes ?? {})).toEqual(CHAT_CONTENT);
  });

  it('SPAN_AND_EVENT puts the same content on the span and on the event', async () => {
    capture('SPAN_AND_EVENT');
    await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    const span = onlySpan(bed);
    expect(contentOf(span.attributes)).toEqual(CHAT_CONTENT);
    expect(contentOf(span.events[0]?.attributes ?? {})).toEqual(CHAT_CONTENT);
  });

  it('true, as the option or the environment variable, means SPAN_ONLY', async () => {
    vi.stubEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', 'true');
    bed.instrumentation.setConfig({});
    await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    const span = onlySpan(bed);
    expect(contentOf(span.attributes)).toEqual(CHAT_CONTENT);
    expect(span.events).toEqual([]);
  });

  it('the option wins over the environment variable', async () => {
    vi.stubEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', 'SPAN_ONLY');
    capture(false);
    await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    expect(contentOf(onlySpan(bed).attributes)).toEqual({});
  });
});

describe('the redaction options', () => {
  it('redact what the application’s own patterns match', async () => {
    bed.instrumentation.setConfig({ captureMessageContent: true, redaction: { patterns: [/Lyon/] } });
    await bed.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Lyon?' }] }, fixture('openai-chat'));
    expect(contentOf(onlySpan(bed).attributes)['gen_ai.input.messages']).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in [REDACTED:custom]?' }] },
    ]);
  });

  it('leave the content out, and the call and its shape as they are, when the application’s callback throws', async () => {
    bed.instrumentation.setConfig({
      captureMessageContent: 'SPAN_AND_EVENT',
      redaction: {
        redact: () => {
          throw new Error('redaction failed');
        },
      },
    });
    const completion = await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    expect(completion.choices[0]?.message.content).toBe('Let me check.');
    const span = onlySpan(bed);
    expectNoContent(span);
    expect(span.attributes['llm_observer.request.messages.chars']).toEqual([13, 16, 8, 11]);
    expect(bed.diagnostics.fromThisPackage().map(({ level, text }) => [level, text])).toEqual([
      ['error', 'otel-llm-observer redact the request content failed; the LLM call is unaffected Error: redaction failed'],
      ['error', 'otel-llm-observer redact the response content failed; the LLM call is unaffected Error: redaction failed'],
    ]);
  });
});

describe('a content capture setting the instrumentation does not accept', () => {
  it('makes the constructor throw a TypeError that names the option and the value', () => {
    expect(() => new OpenAIInstrumentation({ captureMessageContent: 'ALWAYS' as never })).toThrow(
      new TypeError('captureMessageContent="ALWAYS": unknown value; expected true, false, NO_CONTENT, SPAN_ONLY, EVENT_ONLY or SPAN_AND_EVENT'),
    );
  });

  it('makes the constructor throw a TypeError that names the environment variable and its value', () => {
    vi.stubEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', 'yes');
    expect(() => new OpenAIInstrumentation()).toThrow(
      new TypeError(
        'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT="yes": unknown value; expected true, false, NO_CONTENT, SPAN_ONLY, EVENT_ONLY or SPAN_AND_EVENT',
      ),
    );
  });

  it('makes the constructor throw for a redaction option, even with capture off', () => {
    expect(() => new OpenAIInstrumentation({ redaction: { maxAttributeBytes: 100 } })).toThrow(
      new TypeError('maxAttributeBytes=100: expected an integer of at least 256'),
    );
  });

  it('reaches the instrumentation through llmObserver(), which hands each its options as they are', () => {
    expect(() => llmObserver({ openai: false, cost: false, anthropic: { captureMessageContent: 'nope' as never } })).toThrow(
      new TypeError('captureMessageContent="nope": unknown value; expected true, false, NO_CONTENT, SPAN_ONLY, EVENT_ONLY or SPAN_AND_EVENT'),
    );
    const redaction = { patterns: [/ACME-\d{6}/] };
    const { instrumentations } = llmObserver({ openai: { enabled: false, captureMessageContent: 'EVENT_ONLY', redaction }, anthropic: false, gemini: false, bedrock: false, groq: false, mistral: false, cohere: false, ollama: false, together: false, cerebras: false, cost: false });
    expect(instrumentations.map((instrumentation) => instrumentation.getConfig())).toEqual([
      { enabled: false, captureMessageContent: 'EVENT_ONLY', redaction },
    ]);
  });

  it('makes setConfig throw and leaves the config in force as it was', async () => {
    capture('SPAN_ONLY');
    expect(() => capture('sometimes' as never)).toThrow(TypeError);
    await bed.client.chat.completions.create(chatRequest, fixture('openai-chat'));
    expect(contentOf(onlySpan(bed).attributes)).toEqual(CHAT_CONTENT);
  });
});

/** A chat request whose every object (messages, parts, tool calls, tools) counts its serializations. */
function countingChatRequest(counting: Counting) {
  const tool = counting({ type: 'function' as const, function: counting({ name: 'get_weather', description: 'Weather of a city', parameters: CITY_PARAMETERS }) });
  const messages = [
    counting({ role: 'system' as const, content: 'You forecast.' }),
    counting({ role: 'user' as const, content: [counting({ type: 'text' as const, text: 'Weather in Lyon?' })] }),
    counting({
      role: 'assistant' as const,
      content: 'Looking.',
      tool_calls: [counting({ id: 'call_1', type: 'function' as const, function: counting({ name: 'get_weather', arguments: '{"city":"Lyon"}' }) })],
    }),
    counting({ role: 'tool' as const, tool_call_id: 'call_1', content: 'Mild, 18°C.' }),
  ];
  return { request: { model: 'gpt-4o-mini', messages, tools: [tool] }, messages };
}

describe('reading a request', () => {
  it.each([
    ['off', undefined],
    ['on', 'SPAN_AND_EVENT'],
  ] as const)(
    'with content capture %s, serializes none of the application’s objects: their toJSON and toString run only as the SDK runs them, and JSON.stringify never gets one',
    async (_, mode) => {
      const create = (request: ReturnType<typeof countingChatRequest>['request']) => bed.client.chat.completions.create(request, fixture('openai-chat'));
      capture(mode);
      await expectSerializedOnlyByTheSdk(countingChatRequest, (request) => uninstrumented(bed, () => create(request)), create);
      expect(onlySpan(bed).attributes['llm_observer.request.messages.count']).toBe(4);
    },
  );
});
