import type { MessageRecording, OutputRecording, RequestRecording, ResponseRecording } from '../privacy/recording.js';

/**
 * How the providers' content readers (`<provider>/content.ts`) walk the objects of a request or a
 * response: any field may be missing or of another type than the API documents (the request is
 * the application's own), and a field of the wrong type reads as nothing rather than failing.
 */

/** An object of the API as a reader reads it. */
export type Fields = { readonly [field: string]: unknown };

const NO_FIELDS: Fields = {};

/** `value` as an object to read fields of; anything else has none. */
export function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Fields) : NO_FIELDS;
}

/**
 * Reads each item of `list`, when it is a list, skipping holes as `Array.prototype.forEach` does.
 * A loop, not `forEach` with a closure around `read`: two calls an item and a closure a list, on
 * every message, part and tool of every call, at V8's baseline tier.
 */
export function forEach(list: unknown, read: (item: Fields, index: number) => void): void {
  if (!Array.isArray(list)) return;
  const length = list.length;
  for (let index = 0; index < length; index++) {
    const item: unknown = list[index];
    if (item === undefined && !(index in list)) continue;
    read(fields(item), index);
  }
}

/** Readers of the kinds of an item (a part, a block, an event), by the item's `type`. */
export type Readers<Target> = Readonly<Record<string, (item: Fields, target: Target, index: number) => void>>;

/** Reads `item` with the reader of `type` in `readers`; an item of a type not in it reads as nothing. */
export function readByType<Target>(readers: Readers<Target>, type: unknown, item: Fields, target: Target, index = 0): void {
  if (typeof type === 'string' && Object.hasOwn(readers, type)) readers[type]?.(item, target, index);
}

/**
 * The most outputs (choices) a response is read for: the APIs make at most 128 (`n`). A response
 * that claims more, or an index beyond it, would otherwise make a reader allocate up to the index.
 */
export const MAX_OUTPUTS = 128;

/** The index an output names, when it names one an output can have; else its position in the list. */
export function outputIndex(index: unknown, position: number): number {
  // An integer from 0 to MAX_OUTPUTS - 1: `>>> 0` keeps such a number as it is and changes any
  // other (a fraction, a negative, NaN). No call to `Number.isSafeInteger`: this runs on every stream event.
  return typeof index === 'number' && index >>> 0 === index && index < MAX_OUTPUTS ? index : position;
}

/**
 * Reads each of the first {@link MAX_OUTPUTS} items of `list`, when it is a list. `context` is
 * handed to `read` with each item, so that a reader run on every stream event can be a function
 * made once rather than a closure made per event.
 */
export function forEachOutput<Context>(list: unknown, read: (item: Fields, index: number, context: Context) => void, context?: Context): void {
  if (!Array.isArray(list)) return;
  // Runs on every stream event: no `Math.min` or `fields` call, which Sparkplug code does not inline.
  const count = list.length < MAX_OUTPUTS ? list.length : MAX_OUTPUTS;
  for (let position = 0; position < count; position++) {
    const item: unknown = list[position];
    read(typeof item === 'object' && item !== null ? (item as Fields) : NO_FIELDS, position, context as Context);
  }
}

/**
 * Reads each choice of `body` (a chat completion, or a chunk of its stream: the OpenAI API's and
 * Mistral's) into the output at the choice's index.
 */
export function forEachChoice(body: unknown, response: ResponseRecording, read: (choice: Fields, output: OutputRecording) => void): void {
  forEachOutput(fields(body).choices, (choice, position) => read(choice, response.output(outputIndex(choice.index, position))));
}

/**
 * A message of a chat request in the OpenAI API's shape as an SDK hands it in camelCase
 * (`@mistralai/mistralai`'s, `cohere-ai`'s v2): a tool message's content is the result of the call
 * its `toolCallId` names; any other's is what `readContent` reads of the message, then its
 * `toolCalls`, each `{id, function: {name, arguments}}`.
 */
export function readCamelCaseMessage(value: Fields, request: RequestRecording, readContent: (message: Fields, into: MessageRecording) => void): void {
  const message = request.message(value.role);
  if (value.role === 'tool') {
    const result = message.newToolResult();
    readContent(value, result);
    message.toolResult(value.toolCallId, result);
    return;
  }
  readContent(value, message);
  forEach(value.toolCalls, (call) => {
    const tool = fields(call.function);
    message.toolCall(call.id, tool.name, tool.arguments);
  });
}
