import {
  blobPart,
  filePart,
  uriPart,
  type MessageRecording,
  type OutputRecording,
  type ResponseRecording,
} from '../../privacy/recording.js';
import { fields, forEach, forEachChoice, readByType, readCamelCaseMessage, type Fields, type Readers } from '../api-fields.js';
import type { ContentReader } from '../provider-contract.js';

/**
 * Where `@mistralai/mistralai` keeps the content of a call, in the SDK's camelCase: which field of
 * a message, a content chunk or a stream event holds a text, an image, a document, a tool call or
 * a tool result (Mistral AI API reference, "Chat Completion"). Each read goes into the privacy
 * core's recordings (src/privacy/recording.ts), which keep the lengths only, unless content
 * capture is on.
 */

/** An image chunk's `imageUrl`: a URL, or `{url, detail}`. */
function imageUrlOf(imageUrl: unknown): unknown {
  return typeof imageUrl === 'string' ? imageUrl : fields(imageUrl).url;
}

/** The chunks of a message's content, by `type`. */
const CHUNKS: Readers<MessageRecording> = {
  text: (chunk, message) => message.text(chunk.text),
  thinking: (chunk, message) => forEach(chunk.thinking, (part) => message.reasoning(part.text)),
  image_url: (chunk, message) => message.media(uriPart('image', imageUrlOf(chunk.imageUrl))),
  document_url: (chunk, message) => message.media(uriPart('document', chunk.documentUrl)),
  file: (chunk, message) => message.media(filePart('document', chunk.fileId)),
  input_audio: (chunk, message) => message.media(blobPart('audio', chunk.inputAudio, undefined)),
};

/** A message's content: a string, or a list of chunks. */
function readContent(content: unknown, message: MessageRecording): void {
  if (typeof content === 'string') message.text(content);
  else forEach(content, (chunk) => readByType(CHUNKS, chunk.type, chunk, message));
}

/** An answer's content: a string, or chunks of text and of the model's reasoning (`thinking`, of the reasoning models). */
function readOutputContent(content: unknown, output: OutputRecording): void {
  if (typeof content === 'string') {
    output.text(content);
    return;
  }
  forEach(content, (chunk) => {
    if (chunk.type === 'text') output.text(chunk.text);
    else if (chunk.type === 'thinking') forEach(chunk.thinking, (part) => output.reasoning(part.text));
  });
}

/** A message's content, for `readCamelCaseMessage`. */
function readMessageContent(message: Fields, into: MessageRecording): void {
  readContent(message.content, into);
}

/** A tool call of an answer, or of a delta of one (whole, or its first piece; a piece without an id or name adds to the arguments). */
function readToolCall(call: Fields, position: number, output: OutputRecording): void {
  const tool = fields(call.function);
  const key = call.index ?? position;
  if (call.id !== undefined || tool.name !== undefined) output.toolCall(key, call.id, tool.name, tool.arguments);
  else output.toolArguments(key, tool.arguments);
}

/** A chat completion's answers, whole (`message`) or as deltas of a stream's chunk (`delta`). */
function readChoices(body: unknown, response: ResponseRecording, field: 'message' | 'delta'): void {
  forEachChoice(body, response, (choice, output) => {
    const message = fields(choice[field]);
    readOutputContent(message.content, output);
    forEach(message.toolCalls, (call, position) => readToolCall(call, position, output));
  });
}

export const CHAT_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { messages, tools } = fields(body);
    forEach(messages, (message) => readCamelCaseMessage(message, request, readMessageContent));
    forEach(tools, (tool) => {
      const definition = fields(tool.function);
      request.tool(tool.type ?? 'function', definition.name, definition.description, definition.parameters);
    });
  },
  readResponse: (body, response) => readChoices(body, response, 'message'),
  readStreamEvent: (event, response) => readChoices(fields(event).data, response, 'delta'),
  finishReasons: { tool_calls: 'tool_call' },
  stopSequences: ['stop'],
};

/**
 * A fill-in-the-middle completion: the code before the gap (`prompt`) and after it (`suffix`) are
 * the `user` message; the answer is a chat completion's.
 */
export const FIM_CONTENT: ContentReader = {
  ...CHAT_CONTENT,
  readRequest(body, request) {
    const { prompt, suffix } = fields(body);
    const message = request.message('user');
    message.text(prompt);
    message.text(suffix);
  },
};

/** Embeddings: the shape of their input (a string or a list of them), and no content, in any mode; their output is vectors. */
export const EMBEDDINGS_CONTENT: ContentReader = {
  recordsContent: false,
  readRequest(body, request) {
    const { inputs } = fields(body);
    if (typeof inputs === 'string') request.message('user').text(inputs);
    else if (Array.isArray(inputs)) for (const input of inputs) request.message('user').text(input);
  },
};
