import { blobPart, bytesPart, type MessageRecording, type OutputRecording, type RequestRecording } from '../../privacy/recording.js';
import { fields, forEach, type Fields } from '../api-fields.js';
import type { ContentReader } from '../provider-contract.js';

/**
 * Where `ollama` keeps the content of a call, in the API's own fields: a message's `content`,
 * `thinking`, `images` and `tool_calls`, a tool message's result, a generate request's `prompt`,
 * `suffix` and `system`, an answer's `message` or `response` (Ollama API reference, "Generate a
 * chat completion", "Generate a completion"). Each read goes into the privacy core's recordings
 * (src/privacy/recording.ts), which keep the lengths only, unless content capture is on.
 */

/**
 * The images of a message or a generate request, each base64 text or bytes (`Uint8Array`,
 * `Buffer`); only their size is kept. (The Node build also takes a file's path, which it reads;
 * such a path is counted as base64 text would be, and never kept.)
 */
function readImages(images: unknown, message: MessageRecording): void {
  if (!Array.isArray(images)) return;
  for (const image of images) message.media(typeof image === 'string' ? blobPart('image', image, undefined) : bytesPart('image', image, undefined));
}

/**
 * A chat request's message. A tool message's content is what the tool returned; Ollama names the
 * tool (`tool_name`) rather than the call, so an id is recorded only where a message carries one
 * (`tool_call_id`), as a tool call's only where it has an `id`.
 */
function readMessage(value: Fields, request: RequestRecording): void {
  const message = request.message(value.role);
  if (value.role === 'tool') {
    const result = message.newToolResult();
    result.text(value.content);
    message.toolResult(value.tool_call_id, result);
    return;
  }
  message.reasoning(value.thinking);
  message.text(value.content);
  readImages(value.images, message);
  forEach(value.tool_calls, (call) => {
    const tool = fields(call.function);
    message.toolCall(call.id, tool.name, tool.arguments);
  });
}

/**
 * An answer (`message`), whole or as a chunk of a stream adds to it: its text, the reasoning of a
 * thinking model, and its tool calls, each whole in the chunk that holds it (their arguments an
 * object, not JSON text), counted in the order they come.
 */
function readAnswer(answer: Fields, output: OutputRecording): void {
  output.reasoning(answer.thinking);
  output.text(answer.content);
  forEach(answer.tool_calls, (call) => {
    const tool = fields(call.function);
    output.toolCall(output.toolCallNames.length, call.id, tool.name, tool.arguments);
  });
}

export const CHAT_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { messages, tools } = fields(body);
    forEach(messages, (message) => readMessage(message, request));
    forEach(tools, (tool) => {
      const definition = fields(tool.function);
      request.tool(tool.type ?? 'function', definition.name, definition.description, definition.parameters);
    });
  },
  readResponse: (body, response) => readAnswer(fields(fields(body).message), response.output(0)),
  readStreamEvent: (event, response) => readAnswer(fields(fields(event).message), response.output(0)),
  // The stop sequences are among the model's `options`.
  stopSequences: ['options', 'stop'],
};

/**
 * A completion: the `system` instructions, the `prompt` and the code after the gap (`suffix`, for
 * fill-in-the-middle) as the `user` message, with its images; the answer is `response`, and the
 * `thinking` before it.
 */
export const GENERATE_CONTENT: ContentReader = {
  ...CHAT_CONTENT,
  readRequest(body, request) {
    const { system, prompt, suffix, images } = fields(body);
    request.systemText(system);
    const message = request.message('user');
    message.text(prompt);
    message.text(suffix);
    readImages(images, message);
  },
  readResponse: (body, response) => readCompletion(fields(body), response.output(0)),
  readStreamEvent: (event, response) => readCompletion(fields(event), response.output(0)),
};

/** A completion's answer, whole or a chunk of it: its `thinking` and `response`. */
function readCompletion(body: Fields, output: OutputRecording): void {
  output.reasoning(body.thinking);
  output.text(body.response);
}

/** Embeddings: the shape of their input, and no content, in any mode; their output is vectors. */
export const EMBED_CONTENT: ContentReader = {
  recordsContent: false,
  readRequest(body, request) {
    const { input } = fields(body);
    if (typeof input === 'string') request.message('user').text(input);
    else if (Array.isArray(input)) for (const item of input) request.message('user').text(item);
  },
};

/** The older `/api/embeddings`: one `prompt`. */
export const EMBEDDINGS_CONTENT: ContentReader = {
  recordsContent: false,
  readRequest(body, request) {
    request.message('user').text(fields(body).prompt);
  },
};
