import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestShapeAttributes, responseShapeAttributes, type MessageShape, type OutputShape } from '../../src/privacy/shape.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** `shape` with a `toJSON` and a `toString` that throw: serializing it in any way fails the test. */
function unserializable<T extends object>(shape: T): T {
  const refuse = () => {
    throw new Error('the shape was serialized');
  };
  Object.defineProperty(shape, 'toJSON', { value: refuse });
  Object.defineProperty(shape, 'toString', { value: refuse });
  return shape;
}

describe('the shape attributes of a request', () => {
  it('hold the count, roles and characters of the messages, the images, tools and tool calls', () => {
    const attributes = requestShapeAttributes({
      messages: [
        { role: 'system', textChars: 120, imageCount: 0, toolCallCount: 0 },
        { role: 'user', textChars: 42, imageCount: 2, toolCallCount: 0 },
        { role: 'assistant', textChars: 0, imageCount: 0, toolCallCount: 2 },
        { role: 'tool', textChars: 17, imageCount: 0, toolCallCount: 0 },
        { role: 'user', textChars: 8, imageCount: 1, toolCallCount: 0 },
      ],
      systemChars: undefined,
      toolNames: ['get_weather', 'get_time'],
    });
    expect(attributes).toEqual({
      'llm_observer.request.messages.count': 5,
      'llm_observer.request.messages.roles': ['system', 'user', 'assistant', 'tool', 'user'],
      'llm_observer.request.messages.chars': [120, 42, 0, 17, 8],
      'llm_observer.request.images.count': 3,
      'llm_observer.request.tool_calls.count': 2,
      'llm_observer.request.tools.count': 2,
      'llm_observer.request.tools.names': ['get_weather', 'get_time'],
    });
  });

  it('hold the characters of system instructions given apart from the messages', () => {
    const attributes = requestShapeAttributes({
      messages: [{ role: 'user', textChars: 5, imageCount: 0, toolCallCount: 0 }],
      systemChars: 300,
      toolNames: [],
    });
    expect(attributes['llm_observer.request.system.chars']).toBe(300);
  });

  it('count no tools and name none when the request offers none', () => {
    const attributes = requestShapeAttributes({ messages: [], systemChars: undefined, toolNames: [] });
    expect(attributes).toEqual({
      'llm_observer.request.messages.count': 0,
      'llm_observer.request.messages.roles': [],
      'llm_observer.request.messages.chars': [],
      'llm_observer.request.images.count': 0,
      'llm_observer.request.tool_calls.count': 0,
      'llm_observer.request.tools.count': 0,
    });
  });

  it('are made without serializing anything', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const message: MessageShape = unserializable({ role: 'user', textChars: 3, imageCount: 0, toolCallCount: 0 });
    const attributes = requestShapeAttributes(
      unserializable({ messages: unserializable([message]), systemChars: 4, toolNames: unserializable(['lookup']) }),
    );
    expect(attributes['llm_observer.request.messages.chars']).toEqual([3]);
    expect(stringify).not.toHaveBeenCalled();
  });
});

describe('the shape attributes of a response', () => {
  it('hold the characters of each output and the tool calls of all outputs, in order', () => {
    const attributes = responseShapeAttributes([
      { textChars: 250, toolCallNames: [] },
      { textChars: 0, toolCallNames: ['get_weather', 'get_time'] },
      { textChars: 12, toolCallNames: ['get_weather'] },
    ]);
    expect(attributes).toEqual({
      'llm_observer.response.output.chars': [250, 0, 12],
      'llm_observer.response.tool_calls.count': 3,
      'llm_observer.response.tool_calls.names': ['get_weather', 'get_time', 'get_weather'],
    });
  });

  it('count no tool calls and name none when the outputs call no tool', () => {
    expect(responseShapeAttributes([{ textChars: 9, toolCallNames: [] }])).toEqual({
      'llm_observer.response.output.chars': [9],
      'llm_observer.response.tool_calls.count': 0,
    });
  });

  it('are made without serializing anything', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const output: OutputShape = unserializable({ textChars: 7, toolCallNames: unserializable(['lookup']) });
    expect(responseShapeAttributes(unserializable([output]))['llm_observer.response.tool_calls.names']).toEqual(['lookup']);
    expect(stringify).not.toHaveBeenCalled();
  });
});
