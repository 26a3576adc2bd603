import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_DEFINITIONS,
} from '../semconv.js';
import { jsonWithinBytes, waterLevel, type JsonValue } from './byte-cap.js';
import { bytesPlaceholder, type RedactionContext, type Redactor } from './redaction.js';

/**
 * A call's content in a model that no provider owns, and its serialization to the JSON forms of
 * the GenAI conventions (`gen_ai.input.messages`, `gen_ai.output.messages`,
 * `gen_ai.system_instructions`, `gen_ai.tool.definitions`). A provider surface builds this model
 * only when content capture is on (./capture-mode.ts); the same attributes go on the span, on the
 * `gen_ai.client.inference.operation.details` event, or on both.
 *
 * The JSON is built from a copy in which every string, at any depth, has been redacted
 * (./redaction.ts): the application's objects are walked, never serialized. Each attribute is
 * then fitted within the redactor's byte cap (./byte-cap.ts). Before that, the lengths of an
 * attribute's texts tell how much of each the cap can keep, and only that much (and a margin) is
 * redacted: 10 MB in a thousand messages costs the redaction of about 1 MB, not of 10 MB.
 */

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** The model's reasoning ("thinking") as the provider returns it in clear. */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
}

export interface ToolCallPart {
  readonly type: 'tool_call';
  readonly id: string | undefined;
  readonly name: string;
  /** As the provider holds them: an object, or a JSON string (OpenAI), kept a string. */
  readonly arguments: unknown;
}

export interface ToolCallResponsePart {
  readonly type: 'tool_call_response';
  readonly id: string | undefined;
  /** What the tool returned: its text, or its parts when it returned more than one text (images, documents). */
  readonly response: string | readonly ContentPart[];
}

/**
 * What kind of data a media part holds: the conventions' `image`, `audio` and `video`, and
 * `document` for a PDF or other file, which the conventions' list does not name.
 */
export type Modality = 'image' | 'audio' | 'video' | 'document';

/** Media given by URL; a base64 `data:` URL is inline data, recorded as a placeholder with its size. */
export interface UriPart {
  readonly type: 'uri';
  readonly modality: Modality;
  readonly url: string;
  readonly mediaType: string | undefined;
}

/** Media given inline (as base64, or as bytes), recorded as a placeholder with its size: `bytes`, decoded. */
export interface BlobPart {
  readonly type: 'blob';
  readonly modality: Modality;
  readonly bytes: number;
  readonly mediaType: string | undefined;
}

/** Media the provider holds, given by its file id. */
export interface FilePart {
  readonly type: 'file';
  readonly modality: Modality;
  readonly fileId: string;
}

export type ContentPart = TextPart | ReasoningPart | ToolCallPart | ToolCallResponsePart | UriPart | BlobPart | FilePart;

export interface ContentMessage {
  readonly role: string;
  readonly parts: readonly ContentPart[];
}

/** One output of the response: a choice, or the one message of an Anthropic or Responses API response. */
export interface OutputMessage extends ContentMessage {
  /**
   * The conventions' value where one fits (`stop`, `length`, `content_filter`, `tool_call`,
   * `error`), else the provider's; `undefined` when the response ended before saying (a stream
   * cut short).
   */
  readonly finishReason: string | undefined;
}

export interface ToolDefinition {
  /** `function` for a function the application offers, else the provider's type of tool. */
  readonly type: string;
  readonly name: string;
  readonly description: string | undefined;
  /** The JSON Schema of the tool's parameters. */
  readonly parameters: unknown;
}

export interface RequestContent {
  readonly messages: readonly ContentMessage[];
  /** The instructions given apart from the messages (Anthropic's `system`, Responses' `instructions`). */
  readonly systemInstructions: readonly ContentPart[] | undefined;
  readonly tools: readonly ToolDefinition[];
}

/**
 * The content attributes of a request: input messages, system instructions and tool definitions,
 * each set only when the request has some.
 */
export function requestContentAttributes(request: RequestContent, redactor: Redactor): Attributes {
  const attributes: Attributes = {};
  if (request.messages.length > 0) {
    const within = windowedFor(request.messages.flatMap((message) => textLengths(message.parts)), redactor);
    attributes[ATTR_GEN_AI_INPUT_MESSAGES] = jsonWithinBytes(
      request.messages.map((message) => messageJson(message, within, ATTR_GEN_AI_INPUT_MESSAGES)),
      redactor.maxAttributeBytes,
    );
  }
  if (request.systemInstructions !== undefined && request.systemInstructions.length > 0) {
    const within = windowedFor(textLengths(request.systemInstructions), redactor);
    attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS] = jsonWithinBytes(
      partsJson(request.systemInstructions, within, { attribute: ATTR_GEN_AI_SYSTEM_INSTRUCTIONS, role: 'system' }),
      redactor.maxAttributeBytes,
    );
  }
  if (request.tools.length > 0) {
    const within = windowedFor(request.tools.map((tool) => tool.description?.length ?? 0), redactor);
    const redact = redacting(within, { attribute: ATTR_GEN_AI_TOOL_DEFINITIONS, role: undefined });
    attributes[ATTR_GEN_AI_TOOL_DEFINITIONS] = jsonWithinBytes(
      request.tools.map((tool) => ({
        type: redact(tool.type),
        name: redact(tool.name),
        description: tool.description === undefined ? undefined : redact(tool.description),
        parameters: redactedCopy(tool.parameters, redact, []),
      })),
      redactor.maxAttributeBytes,
    );
  }
  return attributes;
}

/** The content attribute of a response: its output messages with their finish reasons, when it has some. */
export function responseContentAttributes(outputs: readonly OutputMessage[], redactor: Redactor): Attributes {
  if (outputs.length === 0) return {};
  const within = windowedFor(outputs.flatMap((output) => textLengths(output.parts)), redactor);
  return {
    [ATTR_GEN_AI_OUTPUT_MESSAGES]: jsonWithinBytes(
      outputs.map((output) => ({
        ...messageJson(output, within, ATTR_GEN_AI_OUTPUT_MESSAGES),
        finish_reason: output.finishReason,
      })),
      redactor.maxAttributeBytes,
    ),
  };
}

type Redact = (text: string) => string;

/** The lengths of the long strings of `parts`: texts, tool results, tool arguments given as JSON text, URLs. */
function textLengths(parts: readonly ContentPart[]): number[] {
  return parts.flatMap((part) => {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        return [part.text.length];
      case 'tool_call':
        return typeof part.arguments === 'string' ? [part.arguments.length] : [];
      case 'tool_call_response':
        return typeof part.response === 'string' ? [part.response.length] : textLengths(part.response);
      case 'uri':
        return [part.url.length];
      default:
        return [];
    }
  });
}

/** `redactor` reading of each string only what the attribute's byte cap can keep of strings of `lengths`. */
function windowedFor(lengths: readonly number[], redactor: Redactor): Redactor {
  const level = waterLevel(lengths, redactor.maxAttributeBytes);
  return level === Number.POSITIVE_INFINITY ? redactor : redactor.windowed(level);
}

function redacting(redactor: Redactor, context: RedactionContext): Redact {
  return (text) => redactor.redact(text, context);
}

/** `text` redacted, or `undefined` as it is. */
function redactOptional(text: string | undefined, redact: Redact): string | undefined {
  return text === undefined ? undefined : redact(text);
}

function messageJson(message: ContentMessage, redactor: Redactor, attribute: string): { [key: string]: JsonValue } {
  return { role: message.role, parts: partsJson(message.parts, redactor, { attribute, role: message.role }) };
}

/**
 * `parts` in the conventions' form. Their texts (text and reasoning parts) are redacted together,
 * as one text, so that a secret split across two parts (a private key sent in two blocks) is
 * found whole.
 */
function partsJson(parts: readonly ContentPart[], redactor: Redactor, context: RedactionContext): JsonValue[] {
  const texts = parts.flatMap((part) => (part.type === 'text' || part.type === 'reasoning' ? [part.text] : []));
  const redactedTexts = texts.length === 0 ? [] : redactor.redactAll(texts, context);
  const redact = redacting(redactor, context);
  let next = 0;
  return parts.map((part) =>
    part.type === 'text' || part.type === 'reasoning' ? { type: part.type, content: redactedTexts[next++] } : partJson(part, redactor, context, redact),
  );
}

/** A part that is not a text in the conventions' form: `tool_call`, `tool_call_response`, `uri`, `blob` or `file`. */
function partJson(part: Exclude<ContentPart, { type: 'text' | 'reasoning' }>, redactor: Redactor, context: RedactionContext, redact: Redact): JsonValue {
  switch (part.type) {
    case 'tool_call':
      return { type: 'tool_call', id: redactOptional(part.id, redact), name: redact(part.name), arguments: redactedCopy(part.arguments, redact, []) };
    case 'tool_call_response':
      return {
        type: 'tool_call_response',
        id: redactOptional(part.id, redact),
        response: typeof part.response === 'string' ? redact(part.response) : partsJson(part.response, redactor, context),
      };
    case 'uri':
      return uriJson(part, redact);
    case 'blob': {
      const mediaType = redactOptional(part.mediaType, redact);
      return { type: 'blob', modality: part.modality, mime_type: mediaType, content: bytesPlaceholder(part.bytes, mediaType) };
    }
    case 'file':
      return { type: 'file', modality: part.modality, file_id: redact(part.fileId) };
  }
}

/**
 * Media given by URL as a `uri` part, without its user info, query and fragment: a signed URL
 * (S3, Azure SAS, GCS) carries its credential in the query. A `data:` URL is a `blob` part.
 */
function uriJson(part: UriPart, redact: Redact): JsonValue {
  if (/^data:/i.test(part.url)) {
    // The redactor leaves of a base64 data URL the placeholder of its data; other data URLs are text.
    const mediaType = part.mediaType ?? /^data:([^;,]{1,200})/i.exec(part.url)?.[1];
    return { type: 'blob', modality: part.modality, mime_type: redactOptional(mediaType, redact), content: redact(part.url) };
  }
  let uri = part.url;
  if (URL.canParse(uri)) {
    const url = new URL(uri);
    const hadQuery = url.search !== '';
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    uri = hadQuery ? `${url.href}?[REDACTED:query]` : url.href;
  }
  return { type: 'uri', modality: part.modality, mime_type: redactOptional(part.mediaType, redact), uri: redact(uri) };
}

/** Far deeper than any real tool argument nests, far shallower than a recursive walk runs out of stack. */
const MAX_DEPTH = 64;

/**
 * A copy of `value` as plain JSON data, every string redacted, object keys included (a map's keys
 * can be data). Read as `JSON.stringify` would read it (own enumerable keys, getters run), except
 * that no `toJSON` or `toString` of the application's is called. Values JSON has no form for are
 * left out; a cycle, or nesting deeper than {@link MAX_DEPTH}, is cut with a marker.
 */
function redactedCopy(value: unknown, redact: Redact, ancestors: object[]): JsonValue {
  switch (typeof value) {
    case 'string':
      return redact(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return redact(value.toString());
    case 'object': {
      if (value === null) return null;
      if (ancestors.includes(value) || ancestors.length >= MAX_DEPTH) return '[unserialized: cycle or depth]';
      ancestors.push(value);
      const copy: JsonValue = Array.isArray(value)
        ? value.map((item: unknown) => redactedCopy(item, redact, ancestors) ?? null)
        : // `fromEntries` defines each key, so a key named `__proto__` stays a key like the others.
          Object.fromEntries(Object.entries(value).map(([key, field]) => [redact(key), redactedCopy(field, redact, ancestors)]));
      ancestors.pop();
      return copy;
    }
    default:
      // undefined, functions and symbols: absent from JSON.
      return undefined;
  }
}
