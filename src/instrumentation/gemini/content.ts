import type { Modality } from '../../privacy/content.js';
import {
  blobPart,
  uriPart,
  type MediaPart,
  type MessageRecording,
  type OutputRecording,
  type RequestRecording,
  type ResponseRecording,
} from '../../privacy/recording.js';
import { fields, forEach, forEachOutput, outputIndex, type Fields } from '../api-fields.js';
import type { ContentReader } from '../provider-contract.js';

/**
 * Where the Gemini API (and Vertex AI) keeps the content of a call, as `@google/genai` passes it
 * to the method that makes the call: `contents` (a string, a part, a list of parts or of
 * `{role, parts}`), `config.systemInstruction` and `config.tools`; in a response, each candidate's
 * `content.parts`. A part is told by the field it has (`text`, `inlineData`, `fileData`,
 * `functionCall`, `functionResponse`), not by a `type`. Each read goes into the privacy core's
 * recordings (src/privacy/recording.ts), which keep the lengths only, unless content capture is on.
 */

/** The modality of a media part, from its MIME type. */
function modalityOf(mimeType: unknown): Modality {
  if (typeof mimeType !== 'string') return 'document';
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'document';
}

function mediaOf(part: Fields): MediaPart | undefined {
  if (part.inlineData !== undefined) {
    const { data, mimeType } = fields(part.inlineData);
    return blobPart(modalityOf(mimeType), data, mimeType);
  }
  const { fileUri, mimeType } = fields(part.fileData);
  return uriPart(modalityOf(mimeType), fileUri);
}

/** One part of a request's content. */
function readPart(part: unknown, message: MessageRecording): void {
  if (typeof part === 'string') return message.text(part);
  const fieldsOf = fields(part);
  if (fieldsOf.functionCall !== undefined) {
    const call = fields(fieldsOf.functionCall);
    message.toolCall(call.id, call.name, call.args);
  } else if (fieldsOf.functionResponse !== undefined) {
    const response = fields(fieldsOf.functionResponse);
    const result = message.newToolResult();
    result.text(JSON.stringify(response.response ?? null));
    message.toolResult(response.id ?? response.name, result);
  } else if (fieldsOf.inlineData !== undefined || fieldsOf.fileData !== undefined) {
    message.media(mediaOf(fieldsOf));
  } else if (fieldsOf.thought === true) {
    message.reasoning(fieldsOf.text);
  } else {
    message.text(fieldsOf.text);
  }
}

/** The API's roles, as the conventions name them. */
const ROLES: Readonly<Record<string, string>> = { user: 'user', model: 'assistant', function: 'tool', tool: 'tool' };

/** Whether `value` is a `Content` (`{role?, parts}`) rather than a part. */
const isContent = (value: unknown): boolean => Array.isArray(fields(value).parts);

/**
 * The `contents` of a request, in every form the SDK takes: a string or a part (one user message),
 * a list of parts (one user message), or a list of contents (the conversation).
 */
function readContents(contents: unknown, request: RequestRecording): void {
  const list = Array.isArray(contents) ? (contents as unknown[]) : [contents];
  if (!list.some(isContent)) {
    const message = request.message('user');
    for (const part of list) readPart(part, message);
    return;
  }
  for (const content of list) {
    const { role, parts } = fields(content);
    const message = request.message(typeof role === 'string' ? (ROLES[role] ?? role) : 'user');
    if (Array.isArray(parts)) for (const part of parts) readPart(part, message);
  }
}

/** The system instruction: a string, a part, a list of parts (each a string or a part), or a content. */
function readSystemInstruction(instruction: unknown, request: RequestRecording): void {
  const parts: unknown = isContent(instruction) ? fields(instruction).parts : instruction;
  for (const part of Array.isArray(parts) ? (parts as unknown[]) : [parts]) request.systemText(typeof part === 'string' ? part : fields(part).text);
}

/** The parts of a candidate's content, whole or as one chunk of a stream (whose parts add to the output). */
function readCandidates(body: unknown, response: ResponseRecording): void {
  forEachOutput(fields(body).candidates, (candidate, position) => {
    const output: OutputRecording = response.output(outputIndex(candidate.index, position));
    forEach(fields(candidate.content).parts, (part) => {
      if (part.functionCall !== undefined) {
        const call = fields(part.functionCall);
        // Each chunk of a stream holds whole calls, its parts indexed from 0 again: the part is the key.
        output.toolCall(part, call.id, call.name, call.args);
      } else if (part.thought === true) output.reasoning(part.text);
      else output.text(part.text);
    });
  });
}

export const GENERATE_CONTENT_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { contents, config } = fields(body);
    const { systemInstruction, tools } = fields(config);
    if (systemInstruction !== undefined) readSystemInstruction(systemInstruction, request);
    readContents(contents, request);
    forEach(tools, (tool) => {
      forEach(tool.functionDeclarations, (declaration) =>
        request.tool('function', declaration.name, declaration.description, declaration.parametersJsonSchema ?? declaration.parameters),
      );
      for (const name of Object.keys(tool)) if (name !== 'functionDeclarations') request.tool(name, undefined, undefined, undefined);
    });
  },
  readResponse: readCandidates,
  readStreamEvent: readCandidates,
  finishReasons: {
    STOP: 'stop',
    MAX_TOKENS: 'length',
    SAFETY: 'content_filter',
    RECITATION: 'content_filter',
    BLOCKLIST: 'content_filter',
    PROHIBITED_CONTENT: 'content_filter',
    SPII: 'content_filter',
    IMAGE_SAFETY: 'content_filter',
  },
};

/** Embeddings: the shape of the input only, in every mode (the conventions give them no content attributes). */
export const EMBED_CONTENT_CONTENT: ContentReader = {
  recordsContent: false,
  readRequest: (body, request) => readContents(fields(body).contents, request),
};
