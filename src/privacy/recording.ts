import type { BlobPart, ContentPart, FilePart, Modality, OutputMessage, RequestContent, ToolDefinition, UriPart } from './content.js';
import type { MessageShape, OutputShape, RequestShape } from './shape.js';

/**
 * Where a provider's reader (src/instrumentation/<provider>/content.ts) puts what it finds as it
 * walks a request or a response: the reader says "a text", "an image", "a tool call", and the
 * recording decides what to keep. It always keeps the shape (./shape.ts): lengths and counts, read
 * from `length`, never the text. Only when content capture is on does it keep the content
 * (./content.ts) as well: references to the request's strings, and the response's text, which the
 * deltas of a stream are joined into. So one walk serves both modes, and in the default one no
 * reader can keep a text by mistake: the recording has nowhere to put it.
 *
 * A value of the wrong type (a text that is not a string) is skipped: the request is the
 * application's, and a malformed field costs its own part of the record, nothing more.
 */

/** Media given by URL, inline, or by a file id. */
export type MediaPart = UriPart | BlobPart | FilePart;

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

/** Media given by `url` (a `data:` URL included); `undefined` unless the URL is a string. */
export function uriPart(modality: Modality, url: unknown): UriPart | undefined {
  return typeof url === 'string' ? { type: 'uri', modality, url, mediaType: undefined } : undefined;
}

/** The size in bytes of the data `base64` encodes (its length alone is read). */
export function decodedBytes(base64: string): number {
  const unpadded = base64.endsWith('==') ? base64.length - 2 : base64.endsWith('=') ? base64.length - 1 : base64.length;
  return Math.floor((unpadded * 3) / 4);
}

/** Media given inline as `base64`; `undefined` unless the data is a string. */
export function blobPart(modality: Modality, base64: unknown, mediaType: unknown): BlobPart | undefined {
  return typeof base64 === 'string' ? { type: 'blob', modality, bytes: decodedBytes(base64), mediaType: stringOr(mediaType, undefined) } : undefined;
}

/** Media given inline as bytes (a `Uint8Array`, as the AWS SDK takes it); `undefined` unless they are. */
export function bytesPart(modality: Modality, bytes: unknown, mediaType: unknown): BlobPart | undefined {
  return bytes instanceof Uint8Array ? { type: 'blob', modality, bytes: bytes.byteLength, mediaType: stringOr(mediaType, undefined) } : undefined;
}

/** Media given by the id of a file the provider holds; `undefined` unless the id is a string. */
export function filePart(modality: Modality, fileId: unknown): FilePart | undefined {
  return typeof fileId === 'string' ? { type: 'file', modality, fileId } : undefined;
}

/** One message of a request, or what a tool returned inside one. */
export class MessageRecording implements MessageShape {
  readonly role: string;
  textChars = 0;
  imageCount = 0;
  toolCallCount = 0;
  /** Its parts, while content capture is on; else `undefined`. */
  readonly parts: ContentPart[] | undefined;

  constructor(role: string, withContent: boolean) {
    this.role = role;
    this.parts = withContent ? [] : undefined;
  }

  text(text: unknown): void {
    if (typeof text !== 'string') return;
    this.textChars += text.length;
    this.parts?.push({ type: 'text', text });
  }

  /** Reasoning ("thinking") handed back to the model. */
  reasoning(text: unknown): void {
    if (typeof text !== 'string') return;
    this.textChars += text.length;
    this.parts?.push({ type: 'reasoning', text });
  }

  /** An image, a sound or a document; `undefined` (a part the reader could not make out) adds nothing. */
  media(part: MediaPart | undefined): void {
    if (part === undefined) return;
    if (part.modality === 'image') this.imageCount++;
    this.parts?.push(part);
  }

  /** A tool call the model made earlier in the conversation. */
  toolCall(id: unknown, name: unknown, args: unknown): void {
    this.toolCallCount++;
    this.parts?.push({ type: 'tool_call', id: stringOr(id, undefined), name: stringOr(name, ''), arguments: args });
  }

  /** A recording to read the content of a tool result into, before handing it to {@link toolResult}. */
  newToolResult(): MessageRecording {
    return new MessageRecording(this.role, this.parts !== undefined);
  }

  /** What the tool call `id` returned: its text and images count as this message's. */
  toolResult(id: unknown, result: MessageRecording): void {
    this.textChars += result.textChars;
    this.imageCount += result.imageCount;
    if (this.parts === undefined || result.parts === undefined) return;
    const only = result.parts.length === 1 ? result.parts[0] : undefined;
    this.parts.push({ type: 'tool_call_response', id: stringOr(id, undefined), response: only?.type === 'text' ? only.text : result.parts });
  }
}

/** The request of a call. */
export class RequestRecording implements RequestShape {
  readonly messages: MessageRecording[] = [];
  systemChars: number | undefined = undefined;
  readonly toolNames: string[] = [];
  private readonly withContent: boolean;
  private readonly systemParts: ContentPart[] | undefined;
  private readonly tools: ToolDefinition[] | undefined;

  constructor(withContent: boolean) {
    this.withContent = withContent;
    this.systemParts = withContent ? [] : undefined;
    this.tools = withContent ? [] : undefined;
  }

  /** Starts the next message; a role that is not a string reads `unknown`. */
  message(role: unknown): MessageRecording {
    const message = new MessageRecording(stringOr(role, 'unknown'), this.withContent);
    this.messages.push(message);
    return message;
  }

  /** Text of the system instructions given apart from the messages. */
  systemText(text: unknown): void {
    if (typeof text !== 'string') return;
    this.systemChars = (this.systemChars ?? 0) + text.length;
    this.systemParts?.push({ type: 'text', text });
  }

  /**
   * A tool offered to the model: `function` unless its `type` says otherwise. A tool without a
   * name (a provider's built-in tool) goes by its type.
   */
  tool(type: unknown, name: unknown, description: unknown, parameters: unknown): void {
    const toolType = stringOr(type, 'function');
    const toolName = stringOr(name, toolType);
    this.toolNames.push(toolName);
    this.tools?.push({ type: toolType, name: toolName, description: stringOr(description, undefined), parameters });
  }

  /** The content read, for content capture; empty unless the recording was made with content. */
  content(): RequestContent {
    return {
      messages: this.messages.map((message) => ({ role: message.role, parts: message.parts ?? [] })),
      systemInstructions: this.systemParts,
      tools: this.tools ?? [],
    };
  }
}

/** The parts an output is made of, mutable, so that a stream's deltas add to them. */
interface TextPiece {
  type: 'text' | 'reasoning';
  text: string;
}
interface ToolCallPiece {
  type: 'tool_call';
  id: string | undefined;
  name: string;
  arguments: unknown;
}

/** Adds a text to an output's parts: to the last one when it is a text of the same type. */
function addPiece(pieces: (TextPiece | ToolCallPiece)[], type: TextPiece['type'], text: string): void {
  const last = pieces.at(-1);
  if (last !== undefined && last.type !== 'tool_call' && last.type === type) last.text += text;
  else pieces.push({ type, text });
}

/** One output of a response (a choice, or the one message), whole or as a stream's deltas add to it. */
export class OutputRecording implements OutputShape {
  textChars = 0;
  readonly toolCallNames: string[] = [];
  /** Its parts, while content capture is on; adjacent texts of one type are joined. */
  private readonly pieces: (TextPiece | ToolCallPiece)[] | undefined;
  /** Its tool calls by the key a stream's deltas name them by; a piece only while content capture is on. */
  private toolCalls: Map<unknown, ToolCallPiece | undefined> | undefined;

  constructor(withContent: boolean) {
    this.pieces = withContent ? [] : undefined;
  }

  // Run on every stream event: the type is checked and the length counted here, and only a text
  // kept with content capture on costs a call more.
  text(text: unknown): void {
    if (typeof text !== 'string') return;
    this.textChars += text.length;
    if (this.pieces !== undefined && text !== '') addPiece(this.pieces, 'text', text);
  }

  reasoning(text: unknown): void {
    if (typeof text !== 'string') return;
    this.textChars += text.length;
    if (this.pieces !== undefined && text !== '') addPiece(this.pieces, 'reasoning', text);
  }

  /**
   * A tool call, under `key` (its index in the output). A stream names the call once and then
   * sends its arguments as deltas ({@link toolArguments}); a key already seen adds nothing.
   */
  toolCall(key: unknown, id: unknown, name: unknown, args?: unknown): void {
    this.toolCalls ??= new Map();
    if (this.toolCalls.has(key)) return;
    const toolName = stringOr(name, '');
    this.toolCallNames.push(toolName);
    let piece: ToolCallPiece | undefined;
    if (this.pieces !== undefined) {
      piece = { type: 'tool_call', id: stringOr(id, undefined), name: toolName, arguments: args };
      this.pieces.push(piece);
    }
    this.toolCalls.set(key, piece);
  }

  /** A piece of the JSON text of the arguments of the tool call under `key`, as a stream sends it. */
  toolArguments(key: unknown, delta: unknown): void {
    const piece = this.toolCalls?.get(key);
    if (piece === undefined || typeof delta !== 'string') return;
    piece.arguments = typeof piece.arguments === 'string' ? piece.arguments + delta : delta;
  }

  /** The output as the content model holds it; its parts are empty unless recorded with content. */
  message(finishReason: string | undefined): OutputMessage {
    return { role: 'assistant', parts: this.pieces ?? [], finishReason };
  }
}

/** The outputs of a response, by their index. */
export class ResponseRecording {
  readonly outputs: OutputRecording[] = [];
  private readonly withContent: boolean;

  constructor(withContent: boolean) {
    this.withContent = withContent;
  }

  /** The output at `index`, made (with any before it) on first use. */
  output(index = 0): OutputRecording {
    while (this.outputs.length <= index) this.outputs.push(new OutputRecording(this.withContent));
    return this.outputs[index] as OutputRecording;
  }
}
