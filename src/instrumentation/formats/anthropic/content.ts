import type { Modality } from '../../../privacy/content.js';
import {
  blobPart,
  filePart,
  uriPart,
  type MediaPart,
  type MessageRecording,
  type OutputRecording,
  type ResponseRecording,
} from '../../../privacy/recording.js';
import { fields, forEach, readByType, type Fields, type Readers } from '../../api-fields.js';
import type { ContentReader } from '../../provider-contract.js';

/**
 * Where the Anthropic API keeps the content of a call: the `system` prompt, the content blocks of
 * the messages (text, images, documents, tool uses and results, thinking), the tools, and the
 * blocks and deltas of a response. Each read goes into the privacy core's recordings
 * (src/privacy/recording.ts), which keep the lengths only, unless content capture is on.
 */

/** The `source` of an image or a PDF: inline base64, a URL, or a file the Files API holds. */
function sourcePart(modality: Modality, source: Fields): MediaPart | undefined {
  if (source.type === 'base64') return blobPart(modality, source.data, source.media_type);
  if (source.type === 'url') return uriPart(modality, source.url);
  if (source.type === 'file') return filePart(modality, source.file_id);
  return undefined;
}

/** A document's `source`: a PDF as an image's is, plain text, or content blocks. */
function readDocument(source: Fields, message: MessageRecording): void {
  if (source.type === 'text') message.text(source.data);
  else if (source.type === 'content') readContent(source.content, message);
  else message.media(sourcePart('document', source));
}

function readToolResult(block: Fields, message: MessageRecording): void {
  const result = message.newToolResult();
  readContent(block.content, result);
  message.toolResult(block.tool_use_id, result);
}

/** The content blocks of a request's message, by `type`. */
const BLOCKS: Readers<MessageRecording> = {
  text: (block, message) => message.text(block.text),
  thinking: (block, message) => message.reasoning(block.thinking),
  image: (block, message) => message.media(sourcePart('image', fields(block.source))),
  document: (block, message) => readDocument(fields(block.source), message),
  tool_use: (block, message) => message.toolCall(block.id, block.name, block.input),
  server_tool_use: (block, message) => message.toolCall(block.id, block.name, block.input),
  tool_result: readToolResult,
};

/** A message's content, or a tool result's: a string, or a list of blocks. */
function readContent(content: unknown, message: MessageRecording): void {
  if (typeof content === 'string') message.text(content);
  else forEach(content, (block) => readByType(BLOCKS, block.type, block, message));
}

/**
 * The content blocks of a response, by `type`; in a stream, as `content_block_start` opens them
 * (a text or thinking block empty, a tool use with an empty input that deltas then write).
 */
const OUTPUT_BLOCKS: Readers<OutputRecording> = {
  text: (block, output) => output.text(block.text),
  thinking: (block, output) => output.reasoning(block.thinking),
  tool_use: (block, output, index) => output.toolCall(index, block.id, block.name, block.input),
  server_tool_use: (block, output, index) => output.toolCall(index, block.id, block.name, block.input),
};

/** The deltas of `content_block_delta`, by `type`, to the block at the event's `index`. */
const DELTAS: Readers<OutputRecording> = {
  text_delta: (delta, output) => output.text(delta.text),
  thinking_delta: (delta, output) => output.reasoning(delta.thinking),
  input_json_delta: (delta, output, index) => output.toolArguments(index, delta.partial_json),
};

/** The `index` of a block event; -1 when it has none, which still pairs a block with its deltas. */
function blockIndex(index: unknown): number {
  return Number.isSafeInteger(index) ? (index as number) : -1;
}

/** A custom tool (no `type`, or `custom`) is a function the application offers; a server tool keeps its type. */
function toolType(type: unknown): unknown {
  return type === undefined || type === 'custom' ? 'function' : type;
}

export const MESSAGES_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { system, messages, tools } = fields(body);
    if (typeof system === 'string') request.systemText(system);
    else forEach(system, (block) => request.systemText(block.text));
    forEach(messages, (message) => readContent(message.content, request.message(message.role)));
    forEach(tools, (tool) => request.tool(toolType(tool.type), tool.name, tool.description, tool.input_schema));
  },
  readResponse(body, response) {
    const output = response.output(0);
    forEach(fields(body).content, (block, index) => readByType(OUTPUT_BLOCKS, block.type, block, output, index));
  },
  // Runs on every event: each field read in the branch that uses it.
  readStreamEvent(event, response) {
    const streamEvent = fields(event);
    const type = streamEvent.type;
    if (type === 'content_block_delta') {
      const delta = fields(streamEvent.delta);
      readByType(DELTAS, delta.type, delta, response.output(0), blockIndex(streamEvent.index));
    } else if (type === 'content_block_start') {
      const block = fields(streamEvent.content_block);
      readByType(OUTPUT_BLOCKS, block.type, block, response.output(0), blockIndex(streamEvent.index));
    }
  },
  finishReasons: {
    end_turn: 'stop',
    stop_sequence: 'stop',
    max_tokens: 'length',
    model_context_window_exceeded: 'length',
    tool_use: 'tool_call',
    refusal: 'content_filter',
  },
  stopSequences: ['stop_sequences'],
};

/** A completion of the legacy API, whole or as one event of its stream: its text, or a delta of it. */
function readCompletion(body: unknown, response: ResponseRecording): void {
  response.output(0).text(fields(body).completion);
}

/** The legacy Text Completions API: one prompt, written as `\n\nHuman: ...\n\nAssistant:`. */
export const COMPLETIONS_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest: (body, request) => request.message('user').text(fields(body).prompt),
  readResponse: readCompletion,
  readStreamEvent: readCompletion,
  finishReasons: { stop_sequence: 'stop', max_tokens: 'length' },
  stopSequences: ['stop_sequences'],
};
