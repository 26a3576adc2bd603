import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_LLM_OBSERVER_REQUEST_IMAGES_COUNT,
  ATTR_LLM_OBSERVER_REQUEST_MESSAGES_CHARS,
  ATTR_LLM_OBSERVER_REQUEST_MESSAGES_COUNT,
  ATTR_LLM_OBSERVER_REQUEST_MESSAGES_ROLES,
  ATTR_LLM_OBSERVER_REQUEST_SYSTEM_CHARS,
  ATTR_LLM_OBSERVER_REQUEST_TOOL_CALLS_COUNT,
  ATTR_LLM_OBSERVER_REQUEST_TOOLS_COUNT,
  ATTR_LLM_OBSERVER_REQUEST_TOOLS_NAMES,
  ATTR_LLM_OBSERVER_RESPONSE_OUTPUT_CHARS,
  ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_COUNT,
  ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_NAMES,
} from '../semconv.js';

/**
 * The shape of a call's content: what every span carries, whatever the capture mode. A provider
 * surface fills these records while it reads a request or a response, from the lengths of the
 * strings it meets (`text.length`, in UTF-16 code units): nothing is copied, serialized or kept,
 * so the shape costs a walk over the messages and holds no reference to their text.
 *
 * Tool names are the application's own identifiers (the functions it offers the model), not
 * content, and so are part of the shape.
 */

/** One message of the request. */
export interface MessageShape {
  /** The role as the provider names it: `user`, `assistant`, `system`, `developer`, `tool`, ... */
  readonly role: string;
  /** The characters of its text, refusals, reasoning and tool results; tool call arguments add none. */
  readonly textChars: number;
  readonly imageCount: number;
  /** The tool calls an assistant message of the history made. */
  readonly toolCallCount: number;
}

/** The request of a call. */
export interface RequestShape {
  readonly messages: readonly MessageShape[];
  /**
   * The characters of the system instructions given apart from the messages (Anthropic's
   * `system`, the Responses API's `instructions`); `undefined` when there are none. A system or
   * developer message inside the list is a message like the others.
   */
  readonly systemChars: number | undefined;
  /** The names of the tools offered to the model, in order. */
  readonly toolNames: readonly string[];
}

/**
 * One output of the response: a choice of a chat completion, or the one message of an Anthropic
 * or Responses API response. Mutable, so that a stream's reader adds to it event by event.
 */
export interface OutputShape {
  /** The characters of its text, refusals and reasoning. */
  textChars: number;
  /** The names of the tools this output calls, in order. */
  toolCallNames: string[];
}

/*
 * The attributes are written one by one into the target rather than as an object literal: an
 * imported name as a computed key makes V8 define each property through a runtime call, about
 * 1,400 instructions a key at its baseline tier, against a store a key (docs/benchmarks.md).
 */

/** The shape attributes of a request, written into `target` (a new object when none is given); returns it. */
export function requestShapeAttributes(request: RequestShape, target: Attributes = {}): Attributes {
  const roles: string[] = [];
  const chars: number[] = [];
  let imageCount = 0;
  let toolCallCount = 0;
  const messages = request.messages;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as MessageShape;
    roles.push(message.role);
    chars.push(message.textChars);
    imageCount += message.imageCount;
    toolCallCount += message.toolCallCount;
  }
  target[ATTR_LLM_OBSERVER_REQUEST_MESSAGES_COUNT] = messages.length;
  target[ATTR_LLM_OBSERVER_REQUEST_MESSAGES_ROLES] = roles;
  target[ATTR_LLM_OBSERVER_REQUEST_MESSAGES_CHARS] = chars;
  target[ATTR_LLM_OBSERVER_REQUEST_IMAGES_COUNT] = imageCount;
  target[ATTR_LLM_OBSERVER_REQUEST_TOOL_CALLS_COUNT] = toolCallCount;
  target[ATTR_LLM_OBSERVER_REQUEST_TOOLS_COUNT] = request.toolNames.length;
  if (request.toolNames.length > 0) target[ATTR_LLM_OBSERVER_REQUEST_TOOLS_NAMES] = [...request.toolNames];
  if (request.systemChars !== undefined) target[ATTR_LLM_OBSERVER_REQUEST_SYSTEM_CHARS] = request.systemChars;
  return target;
}

/** The shape attributes of a response, from its outputs in order. */
export function responseShapeAttributes(outputs: readonly OutputShape[]): Attributes {
  const chars: number[] = [];
  const toolCallNames: string[] = [];
  for (let index = 0; index < outputs.length; index++) {
    const output = outputs[index] as OutputShape;
    chars.push(output.textChars);
    if (output.toolCallNames.length > 0) toolCallNames.push(...output.toolCallNames);
  }
  const attributes: Attributes = {};
  attributes[ATTR_LLM_OBSERVER_RESPONSE_OUTPUT_CHARS] = chars;
  attributes[ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_COUNT] = toolCallNames.length;
  if (toolCallNames.length > 0) attributes[ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_NAMES] = toolCallNames;
  return attributes;
}
