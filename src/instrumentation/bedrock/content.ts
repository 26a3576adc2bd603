import type { Modality } from '../../privacy/content.js';
import { blobPart, bytesPart, uriPart, type MediaPart, type MessageRecording, type OutputRecording, type ResponseRecording } from '../../privacy/recording.js';
import { fields, forEach, type Fields } from '../api-fields.js';
import type { ContentReader } from '../provider-contract.js';

/**
 * Where Bedrock's Converse API keeps the content of a call, as the AWS SDK's command takes it:
 * `messages` (`{role, content}`, each content block an object with one field that names its kind:
 * `text`, `image`, `document`, `video`, `audio`, `toolUse`, `toolResult`, `reasoningContent`, and
 * `cachePoint`, which marks a cache boundary and holds no content), `system` (blocks of `text`),
 * `toolConfig.tools` (`toolSpec`s); in a response, `output.message.content`; in a stream,
 * `contentBlockStart` (a tool use's id and name) and `contentBlockDelta` (a text, a tool use's
 * input JSON, a reasoning text), by `contentBlockIndex`. Media come as bytes (a `Uint8Array`; in a
 * Nova body of InvokeModel, which reads the same, base64), recorded by their size only, or as an S3
 * location. Each read goes into the privacy core's recordings (src/privacy/recording.ts), which
 * keep the lengths only, unless content capture is on.
 * API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */

/** The media blocks, by their field, and the modality of each. */
const MEDIA: readonly (readonly [field: string, modality: Modality])[] = [
  ['image', 'image'],
  ['document', 'document'],
  ['video', 'video'],
  ['audio', 'audio'],
];

/** A media block: its bytes, or its S3 location; a document given as text is read as text. */
function readMedia(block: Fields, modality: Modality, message: MessageRecording): void {
  const source = fields(block.source);
  if (source.text !== undefined) return message.text(source.text);
  if (source.content !== undefined) return forEach(source.content, (part) => message.text(part.text));
  const mediaType = typeof block.format === 'string' && modality !== 'document' ? `${modality}/${block.format}` : block.format;
  // Bytes as the SDK's Converse takes them, or base64 as a Nova body of InvokeModel holds them.
  const part: MediaPart | undefined =
    source.bytes !== undefined ? (bytesPart(modality, source.bytes, mediaType) ?? blobPart(modality, source.bytes, mediaType)) : uriPart(modality, fields(source.s3Location).uri);
  message.media(part);
}

/** A tool's result: its blocks of text, JSON and media. */
function readToolResult(toolResult: Fields, message: MessageRecording): void {
  const result = message.newToolResult();
  forEach(toolResult.content, (block) => {
    if (block.json !== undefined) result.text(JSON.stringify(block.json));
    else readBlock(block, result);
  });
  message.toolResult(toolResult.toolUseId, result);
}

/** One content block of a request's message (or of a tool's result). */
function readBlock(block: Fields, message: MessageRecording): void {
  if (block.text !== undefined) return message.text(block.text);
  if (block.toolUse !== undefined) {
    const toolUse = fields(block.toolUse);
    return message.toolCall(toolUse.toolUseId, toolUse.name, toolUse.input);
  }
  if (block.toolResult !== undefined) return readToolResult(fields(block.toolResult), message);
  if (block.reasoningContent !== undefined) return message.reasoning(fields(fields(block.reasoningContent).reasoningText).text);
  for (const [field, modality] of MEDIA) if (block[field] !== undefined) return readMedia(fields(block[field]), modality, message);
}

/** The blocks of a response's message. */
function readOutputBlocks(content: unknown, output: OutputRecording): void {
  forEach(content, (block, index) => {
    if (block.text !== undefined) output.text(block.text);
    else if (block.toolUse !== undefined) {
      const toolUse = fields(block.toolUse);
      output.toolCall(index, toolUse.toolUseId, toolUse.name, toolUse.input);
    } else if (block.reasoningContent !== undefined) output.reasoning(fields(fields(block.reasoningContent).reasoningText).text);
  });
}

/** A stream's block index; -1 when it has none, which still pairs a tool use with its deltas. */
function blockIndex(index: unknown): number {
  return Number.isSafeInteger(index) ? (index as number) : -1;
}

/** One event of a stream: a tool use opened, or a delta of a text, a tool use's input or a reasoning. */
function readStreamEvent(event: unknown, response: ResponseRecording): void {
  const { contentBlockDelta, contentBlockStart } = fields(event);
  if (contentBlockDelta !== undefined) {
    const { delta, contentBlockIndex } = fields(contentBlockDelta);
    const { text, toolUse, reasoningContent } = fields(delta);
    const output = response.output(0);
    if (text !== undefined) output.text(text);
    else if (toolUse !== undefined) output.toolArguments(blockIndex(contentBlockIndex), fields(toolUse).input);
    else if (reasoningContent !== undefined) output.reasoning(fields(reasoningContent).text);
  } else if (contentBlockStart !== undefined) {
    const { start, contentBlockIndex } = fields(contentBlockStart);
    const toolUse = fields(start).toolUse;
    if (toolUse !== undefined) response.output(0).toolCall(blockIndex(contentBlockIndex), fields(toolUse).toolUseId, fields(toolUse).name);
  }
}

export const CONVERSE_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { system, messages, toolConfig } = fields(body);
    forEach(system, (block) => request.systemText(block.text));
    forEach(messages, (message) => {
      const recording = request.message(message.role);
      forEach(message.content, (block) => readBlock(block, recording));
    });
    forEach(fields(toolConfig).tools, (tool) => {
      if (tool.toolSpec !== undefined) {
        const spec = fields(tool.toolSpec);
        request.tool('function', spec.name, spec.description, fields(spec.inputSchema).json);
      } else if (tool.systemTool !== undefined) request.tool('system_tool', fields(tool.systemTool).name, undefined, undefined);
    });
  },
  readResponse: (body, response) => readOutputBlocks(fields(fields(fields(body).output).message).content, response.output(0)),
  readStreamEvent,
  finishReasons: {
    end_turn: 'stop',
    stop_sequence: 'stop',
    max_tokens: 'length',
    model_context_window_exceeded: 'length',
    tool_use: 'tool_call',
    guardrail_intervened: 'content_filter',
    content_filtered: 'content_filter',
  },
};
