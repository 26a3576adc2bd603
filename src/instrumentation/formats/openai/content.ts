import {
  blobPart,
  filePart,
  uriPart,
  type MediaPart,
  type MessageRecording,
  type OutputRecording,
  type RequestRecording,
  type ResponseRecording,
} from '../../../privacy/recording.js';
import { fields, forEach, forEachChoice, forEachOutput, outputIndex, readByType, type Fields, type Readers } from '../../api-fields.js';
import type { ContentReader } from '../../provider-contract.js';

/**
 * Where the OpenAI API keeps the content of a call: which field of a chat message, a Responses API
 * item, a prompt or a stream event holds a text, an image, a tool call or a tool result. Each read
 * goes into the privacy core's recordings (src/privacy/recording.ts), which keep the lengths only,
 * unless content capture is on.
 */

/** A `data:` URL or a bare base64 string, as `file_data` may hold a file. */
function fileData(data: unknown): MediaPart | undefined {
  return typeof data === 'string' && data.startsWith('data:') ? uriPart('document', data) : blobPart('document', data, undefined);
}

/** A file part of chat (`file: {file_data | file_id}`) or of the Responses API (`file_data | file_url | file_id`). */
function filePartOf(file: Fields): MediaPart | undefined {
  return fileData(file.file_data) ?? uriPart('document', file.file_url) ?? filePart('document', file.file_id);
}

function audioPartOf(audio: Fields): MediaPart | undefined {
  return blobPart('audio', audio.data, typeof audio.format === 'string' ? `audio/${audio.format}` : undefined);
}

/** The parts of a message's content, by `type`: those of chat messages and of Responses API items alike. */
const PARTS: Readers<MessageRecording> = {
  text: (part, message) => message.text(part.text),
  input_text: (part, message) => message.text(part.text),
  output_text: (part, message) => message.text(part.text),
  refusal: (part, message) => message.text(part.refusal),
  image_url: (part, message) => message.media(uriPart('image', fields(part.image_url).url)),
  input_image: (part, message) => message.media(uriPart('image', part.image_url) ?? filePart('image', part.file_id)),
  input_audio: (part, message) => message.media(audioPartOf(fields(part.input_audio))),
  file: (part, message) => message.media(filePartOf(fields(part.file))),
  input_file: (part, message) => message.media(filePartOf(part)),
};

/** A message's content: a string, or a list of parts. */
function readContent(content: unknown, message: MessageRecording): void {
  if (typeof content === 'string') message.text(content);
  else forEach(content, (part) => readByType(PARTS, part.type, part, message));
}

function readToolResult(message: MessageRecording, id: unknown, content: unknown): void {
  const result = message.newToolResult();
  readContent(content, result);
  message.toolResult(id, result);
}

/** A function tool call (`function: {name, arguments}`) or a custom one (`custom: {name, input}`). */
function toolCallOf(call: Fields): { name: unknown; args: unknown } {
  const tool = fields(call.function ?? call.custom);
  return { name: tool.name, args: tool.arguments ?? tool.input };
}

/**
 * The reasoning text that backends of the OpenAI format put beside a chat message's content, or a
 * delta's (OpenAI's own API returns none in chat completions): `reasoning_content` (DeepSeek's
 * reasoner, vLLM's) or `reasoning` (Groq's with `reasoning_format: 'parsed'`, Cerebras's,
 * Together's, OpenRouter's); one of them, as a server that sends both (vLLM's newer releases) sends
 * the same text twice.
 */
function chatReasoning(message: Fields): unknown {
  return message.reasoning_content ?? message.reasoning;
}

function readChatMessage(value: Fields, request: RequestRecording): void {
  const message = request.message(value.role);
  if (value.role === 'tool') {
    readToolResult(message, value.tool_call_id, value.content);
    return;
  }
  // An assistant message may hand its reasoning back (Cerebras's request messages; DeepSeek's tool calls in thinking mode).
  message.reasoning(chatReasoning(value));
  readContent(value.content, message);
  message.text(value.refusal);
  forEach(value.tool_calls, (call) => {
    const { name, args } = toolCallOf(call);
    message.toolCall(call.id, name, args);
  });
}

/** Tools of chat: `{type: 'function', function: {name, description, parameters}}` or `{type: 'custom', custom: {..., format}}`. */
function readChatTool(value: Fields, request: RequestRecording): void {
  const tool = fields(value.function ?? value.custom);
  request.tool(value.type, tool.name, tool.description, tool.parameters ?? tool.format);
}

/** The reasoning and text of a chat message. */
function readText(message: Fields, output: OutputRecording): void {
  output.reasoning(chatReasoning(message));
  output.text(message.content);
  output.text(message.refusal);
}

/** The delta of one choice of a streamed chat completion's chunk, read into the output at the choice's index. */
function readChoiceDelta(choice: Fields, position: number, response: ResponseRecording): void {
  const output = response.output(outputIndex(choice.index, position));
  // Runs on every chunk, where a call costs 0.15 to 0.25 k instructions at V8's baseline tier:
  // `readText`'s lines written out, no `fields` call, and the reasoning's, refusal's and tool
  // calls' reads only for a delta that has them (most chunks carry text alone).
  const delta = choice.delta as Fields | null | undefined;
  if (typeof delta !== 'object' || delta === null) return;
  const reasoning = delta.reasoning_content ?? delta.reasoning;
  if (reasoning !== undefined && reasoning !== null) output.reasoning(reasoning);
  output.text(delta.content);
  const refusal = delta.refusal;
  if (refusal !== undefined && refusal !== null) output.text(refusal);
  if (Array.isArray(delta.tool_calls)) forEach(delta.tool_calls, (call) => readToolCallDelta(call, output));
}

/** The first delta of a tool call names it; the next ones add to its arguments. */
function readToolCallDelta(call: Fields, output: OutputRecording): void {
  const tool = fields(call.function);
  if (call.id !== undefined || tool.name !== undefined) output.toolCall(call.index, call.id, tool.name);
  output.toolArguments(call.index, tool.arguments);
}

export const CHAT_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { messages, tools } = fields(body);
    forEach(messages, (message) => readChatMessage(message, request));
    forEach(tools, (tool) => readChatTool(tool, request));
  },
  readResponse(body, response) {
    forEachChoice(body, response, (choice, output) => {
      const message = fields(choice.message);
      readText(message, output);
      forEach(message.tool_calls, (call, index) => {
        const { name, args } = toolCallOf(call);
        output.toolCall(index, call.id, name, args);
      });
    });
  },
  // Runs on every chunk: functions made once, handed the output they read into, not closures made per chunk.
  readStreamEvent: (chunk, response) => forEachOutput((chunk as Fields | null | undefined)?.choices, readChoiceDelta, response),
  finishReasons: { tool_calls: 'tool_call', function_call: 'tool_call' },
  stopSequences: ['stop'],
};

function reasoningOf(item: Fields, reasoning: (text: unknown) => void): void {
  forEach(item.summary, (summary) => reasoning(summary.text));
  forEach(item.content, (content) => reasoning(content.text));
}

/**
 * The items of a Responses API `input`, by `type` (a message may leave it out): each is a
 * message, with the role its item has (`assistant` for a tool call, `tool` for its output).
 */
const INPUT_ITEMS: Readers<RequestRecording> = {
  message: (item, request) => readContent(item.content, request.message(item.role)),
  function_call: (item, request) => request.message('assistant').toolCall(item.call_id, item.name, item.arguments),
  custom_tool_call: (item, request) => request.message('assistant').toolCall(item.call_id, item.name, item.input),
  function_call_output: (item, request) => readToolResult(request.message('tool'), item.call_id, item.output),
  custom_tool_call_output: (item, request) => readToolResult(request.message('tool'), item.call_id, item.output),
  reasoning: (item, request) => {
    const message = request.message('assistant');
    reasoningOf(item, (text) => message.reasoning(text));
  },
};

/** The items of a Responses API `output` that hold text or tool calls, by `type`. */
const OUTPUT_ITEMS: Readers<OutputRecording> = {
  message: (item, output) =>
    forEach(item.content, (part) => {
      output.text(part.type === 'refusal' ? part.refusal : part.text);
    }),
  function_call: (item, output, index) => output.toolCall(index, item.call_id, item.name, item.arguments),
  custom_tool_call: (item, output, index) => output.toolCall(index, item.call_id, item.name, item.input),
  reasoning: (item, output) => reasoningOf(item, (text) => output.reasoning(text)),
};

/** The events of a streamed Responses API call that add to its one output, by `type`. */
const STREAM_EVENTS: Readers<OutputRecording> = {
  'response.output_text.delta': (event, output) => output.text(event.delta),
  'response.refusal.delta': (event, output) => output.text(event.delta),
  'response.reasoning_summary_text.delta': (event, output) => output.reasoning(event.delta),
  'response.reasoning_text.delta': (event, output) => output.reasoning(event.delta),
  // A tool call's item comes first, with empty arguments; its arguments follow as deltas.
  'response.output_item.added': (event, output) => {
    const item = fields(event.item);
    if (item.type === 'function_call' || item.type === 'custom_tool_call') output.toolCall(event.output_index, item.call_id, item.name);
  },
  'response.function_call_arguments.delta': (event, output) => output.toolArguments(event.output_index, event.delta),
  'response.custom_tool_call_input.delta': (event, output) => output.toolArguments(event.output_index, event.delta),
};

export const RESPONSES_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { input, instructions, tools } = fields(body);
    request.systemText(instructions);
    if (typeof input === 'string') request.message('user').text(input);
    else forEach(input, (item) => readByType(INPUT_ITEMS, item.type ?? (item.role === undefined ? undefined : 'message'), item, request));
    forEach(tools, (tool) => request.tool(tool.type, tool.name, tool.description, tool.parameters ?? tool.format));
  },
  readResponse(body, response) {
    const output = response.output(0);
    forEach(fields(body).output, (item, index) => readByType(OUTPUT_ITEMS, item.type, item, output, index));
  },
  readStreamEvent(event, response) {
    const streamEvent = fields(event);
    readByType(STREAM_EVENTS, streamEvent.type, streamEvent, response.output(0));
  },
  // `gen_ai.response.finish_reasons` holds the response's status, or why it is incomplete.
  finishReasons: { completed: 'stop', max_output_tokens: 'length', failed: 'error' },
};

/**
 * `responses.retrieve` and `.cancel`: the request is an id, with no content; the response's
 * output is the model's, as a created one's.
 */
export const RETRIEVE_CONTENT: ContentReader = {
  ...RESPONSES_CONTENT,
  readRequest() {},
};

/**
 * `responses.compact`: the request is a Responses request's input; the response's `output` is
 * the compacted conversation to send next (earlier messages among it), not text the model wrote,
 * so it is not read as the call's output.
 */
export const COMPACT_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest: RESPONSES_CONTENT.readRequest,
};

/**
 * A prompt or an embeddings input: a string, a list of strings, a list of tokens, or a list of
 * lists of tokens. Each is a `user` message; one given as tokens has no characters.
 */
function readInputs(input: unknown, request: RequestRecording): void {
  if (typeof input === 'string' || (Array.isArray(input) && input.every((item) => typeof item === 'number'))) {
    request.message('user').text(input);
  } else if (Array.isArray(input)) {
    for (const item of input) request.message('user').text(item);
  }
}

/** The choices of a completion, whole or as a chunk of its stream: the text of each, or a delta of it. */
function readCompletionChoices(body: unknown, response: ResponseRecording): void {
  forEachChoice(body, response, (choice, output) => output.text(choice.text));
}

export const COMPLETIONS_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest: (body, request) => readInputs(fields(body).prompt, request),
  readResponse: readCompletionChoices,
  readStreamEvent: readCompletionChoices,
  stopSequences: ['stop'],
};

/** Embeddings: the shape of their input, and no content, in any mode; their output is vectors. */
export const EMBEDDINGS_CONTENT: ContentReader = {
  recordsContent: false,
  readRequest: (body, request) => readInputs(fields(body).input, request),
};

/**
 * An image generation or edit: its prompt, a `user` message. The images an edit uploads are files
 * the SDK sends as they are, no text: not recorded, in any mode; nor are the images of the
 * response, whose data is never kept (docs/privacy.md).
 */
export const IMAGES_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest: (body, request) => request.message('user').text(fields(body).prompt),
};

/**
 * A transcription or translation: the audio uploaded is the `user` message, with no text (the
 * file is never read); its `prompt`, the text that guides the transcript's style, the system
 * instructions. The transcript is the output: the response's `text`, the whole response in the
 * `text`, `srt` and `vtt` formats, or a stream's deltas.
 */
export const TRANSCRIPTION_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest: (body, request) => {
    request.message('user');
    request.systemText(fields(body).prompt);
  },
  readResponse: (body, response) => response.output(0).text(typeof body === 'string' ? body : fields(body).text),
  readStreamEvent: (event, response) => {
    const { type, delta } = fields(event);
    if (type === 'transcript.text.delta') response.output(0).text(delta);
  },
};

/** A speech call: its `input`, the text to speak, a `user` message; its `instructions`, for the voice, the system instructions. Its output is audio. */
export const SPEECH_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest: (body, request) => {
    const { input, instructions } = fields(body);
    request.message('user').text(input);
    request.systemText(instructions);
  },
};
