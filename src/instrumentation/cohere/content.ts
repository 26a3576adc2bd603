import { uriPart, type MessageRecording, type OutputRecording, type RequestRecording, type ResponseRecording } from '../../privacy/recording.js';
import { fields, forEach, readByType, readCamelCaseMessage, type Fields, type Readers } from '../api-fields.js';
import type { ContentReader } from '../provider-contract.js';

/**
 * Where `cohere-ai` keeps the content of a call, in the SDK's camelCase: which field of a message,
 * a content item or a stream event holds a text, an image, a document, a tool call or a tool
 * result (Cohere API reference, v2 "Chat" and "Chat with Streaming", v1 "Chat"). Each read goes
 * into the privacy core's recordings (src/privacy/recording.ts), which keep the lengths only,
 * unless content capture is on.
 */

/** Cohere's finish reasons that the conventions name otherwise. */
const FINISH_REASONS = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  ERROR_LIMIT: 'length',
  TOOL_CALL: 'tool_call',
  ERROR_TOXIC: 'content_filter',
  ERROR: 'error',
  TIMEOUT: 'error',
} as const;

/** The items of a v2 message's content, by `type`. A document's `data` is the application's (a tool's output, say): its text. */
const ITEMS: Readers<MessageRecording> = {
  text: (item, message) => message.text(item.text),
  image_url: (item, message) => message.media(uriPart('image', fields(item.imageUrl).url)),
  document: (item, message) => message.text(documentText(item.document)),
  thinking: (item, message) => message.reasoning(item.thinking),
};

/** A document's data (a record of strings), as the text the model reads. */
function documentText(document: unknown): string | undefined {
  const { data } = fields(document);
  return data === undefined || data === null ? undefined : JSON.stringify(data);
}

/** A v2 message's content: a string, or a list of items. */
function readContent(content: unknown, message: MessageRecording): void {
  if (typeof content === 'string') message.text(content);
  else forEach(content, (item) => readByType(ITEMS, item.type, item, message));
}

/**
 * A v2 message's content, for `readCamelCaseMessage`, and, for an assistant turn handed back, the
 * plan the model wrote before its tool calls, as its answer had it (readV2Response, below).
 */
function readV2MessageContent(message: Fields, into: MessageRecording): void {
  readContent(message.content, into);
  // A tool message's result is its content alone.
  if (message.role !== 'tool') into.reasoning(message.toolPlan);
}

/** A v2 answer's content items: its text, and the reasoning models' `thinking`. */
function readOutputItem(item: Fields, output: OutputRecording): void {
  if (item.type === 'text') output.text(item.text);
  else if (item.type === 'thinking') output.reasoning(item.thinking);
}

/**
 * A v2 chat response's one message: its content, its tool plan (the model's reasoning before it
 * calls a tool: Cohere's tool use guide, "the model's plan", recorded as reasoning) and its tool calls.
 */
function readV2Response(body: unknown, response: ResponseRecording): void {
  const message = fields(fields(body).message);
  const output = response.output();
  forEach(message.content, (item) => readOutputItem(item, output));
  output.reasoning(message.toolPlan);
  forEach(message.toolCalls, (call, position) => {
    const tool = fields(call.function);
    output.toolCall(position, call.id, tool.name, tool.arguments);
  });
}

/**
 * One event of a v2 chat stream: a content item's start or delta (`delta.message.content`), the
 * tool plan's delta, a tool call's start (its id and name) or delta (its arguments), each at the
 * event's `index`.
 */
function readV2Event(event: unknown, response: ResponseRecording): void {
  const chunk = fields(event);
  const message = fields(fields(chunk.delta).message);
  const output = response.output();
  switch (chunk.type) {
    case 'content-start':
    case 'content-delta': {
      // A text item's pieces carry `text`, a thinking item's `thinking`.
      const content = fields(message.content);
      output.text(content.text);
      output.reasoning(content.thinking);
      return;
    }
    case 'tool-plan-delta':
      output.reasoning(message.toolPlan);
      return;
    case 'tool-call-start': {
      const call = fields(message.toolCalls);
      const tool = fields(call.function);
      output.toolCall(chunk.index, call.id, tool.name, tool.arguments);
      return;
    }
    case 'tool-call-delta':
      output.toolArguments(chunk.index, fields(fields(message.toolCalls).function).arguments);
  }
}

/** v1's roles, as the conventions name them. */
const V1_ROLES: Readonly<Record<string, string>> = { USER: 'user', CHATBOT: 'assistant', SYSTEM: 'system', TOOL: 'tool' };

/** A v1 message's tool calls: each a name and its parameters (no id). */
function readV1ToolCalls(calls: unknown, message: MessageRecording): void {
  forEach(calls, (call) => message.toolCall(undefined, call.name, call.parameters));
}

/** A v1 tool message's results: each the call it answers and its outputs. */
function readV1ToolResults(results: unknown, message: MessageRecording): void {
  forEach(results, (toolResult) => {
    const result = message.newToolResult();
    result.text(JSON.stringify(toolResult.outputs ?? null));
    message.toolResult(undefined, result);
  });
}

/** A message of v1's `chatHistory`: `{role, message, toolCalls}`, or a tool message's `toolResults`. */
function readV1Message(value: Fields, request: RequestRecording): void {
  const message = request.message(typeof value.role === 'string' ? (V1_ROLES[value.role] ?? value.role) : value.role);
  message.text(value.message);
  readV1ToolCalls(value.toolCalls, message);
  readV1ToolResults(value.toolResults, message);
}

/** A v1 answer's tool calls: each a name and its parameters (no id). */
function readV1OutputToolCalls(calls: unknown, output: OutputRecording): void {
  forEach(calls, (call, position) => output.toolCall(position, undefined, call.name, call.parameters));
}

export const V2_CHAT_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { messages, tools } = fields(body);
    forEach(messages, (message) => readCamelCaseMessage(message, request, readV2MessageContent));
    forEach(tools, (tool) => {
      const definition = fields(tool.function);
      request.tool(tool.type ?? 'function', definition.name, definition.description, definition.parameters);
    });
  },
  readResponse: readV2Response,
  readStreamEvent: readV2Event,
  finishReasons: FINISH_REASONS,
  stopSequences: ['stopSequences'],
};

/**
 * A v1 chat: the `preamble` is the system instructions, the `chatHistory` the earlier turns, the
 * `message` the user's turn and `toolResults` the results of the tools the model called.
 */
export const V1_CHAT_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { preamble, chatHistory, message, toolResults, tools } = fields(body);
    request.systemText(preamble);
    forEach(chatHistory, (turn) => readV1Message(turn, request));
    if (message !== undefined && message !== '') request.message('user').text(message);
    if (Array.isArray(toolResults)) readV1ToolResults(toolResults, request.message('tool'));
    forEach(tools, (tool) => request.tool('function', tool.name, tool.description, tool.parameterDefinitions));
  },
  readResponse(body, response) {
    const { text, toolCalls } = fields(body);
    const output = response.output();
    output.text(text);
    readV1OutputToolCalls(toolCalls, output);
  },
  // A stream's text comes in `text-generation` events, its tool calls whole in `tool-calls-generation`.
  readStreamEvent(event, response) {
    const chunk = fields(event);
    if (chunk.eventType === 'text-generation') response.output().text(chunk.text);
    else if (chunk.eventType === 'tool-calls-generation') readV1OutputToolCalls(chunk.toolCalls, response.output());
  },
  finishReasons: FINISH_REASONS,
  stopSequences: ['stopSequences'],
};

/** Embeddings: the shape of their input (`texts`, v2's `inputs`), and no content, in any mode; their output is vectors. */
export const EMBED_CONTENT: ContentReader = {
  recordsContent: false,
  readRequest(body, request) {
    const { texts, inputs } = fields(body);
    if (Array.isArray(texts)) for (const text of texts) request.message('user').text(text);
    forEach(inputs, (input) => readContent(input.content, request.message('user')));
  },
};
