import type { Modality } from '../../privacy/content.js';
import { blobPart, uriPart, type MessageRecording, type OutputRecording, type RequestRecording, type ResponseRecording } from '../../privacy/recording.js';
import { fields, forEach, readByType, type Fields, type Readers } from '../api-fields.js';
import type { ContentReader } from '../provider-contract.js';

/**
 * Where an interaction keeps its content (the Interactions API's reference): the request's
 * `system_instruction` (a string), its `input` (a string, one content item, a list of content items,
 * or a list of steps: the conversation so far) and `tools`; a response's `steps` (`model_output`
 * with content items, `thought` with a summary, `function_call`); in a stream, `step.start` and
 * the `step.delta` of each step, by its `index`. A content item is told by its `type` (`text`,
 * `image`, `audio`, `video`, `document`), media inline (`data`, `mime_type`) or by `uri`. Steps of
 * the tools the API runs itself (search, code execution, …) are left out, as their results are the
 * API's and not the model's output. Each read goes into the privacy core's recordings
 * (src/privacy/recording.ts), which keep the lengths only, unless content capture is on.
 */

function media(modality: Modality): (item: Fields, message: MessageRecording) => void {
  return (item, message) => message.media(item.data !== undefined ? blobPart(modality, item.data, item.mime_type) : uriPart(modality, item.uri));
}

/** The content items of a message, by `type`. */
const ITEMS: Readers<MessageRecording> = {
  text: (item, message) => message.text(item.text),
  image: media('image'),
  audio: media('audio'),
  video: media('video'),
  document: media('document'),
};

const readItems = (content: unknown, message: MessageRecording): void => forEach(content, (item) => readByType(ITEMS, item.type, item, message));

/** A thought's summary, handed back to the model: its texts. */
function readSummary(summary: unknown, reasoning: (text: unknown) => void): void {
  forEach(summary, (item) => {
    if (item.type === 'text') reasoning(item.text);
  });
}

function readFunctionResult(step: Fields, request: RequestRecording): void {
  const message = request.message('tool');
  const result = message.newToolResult();
  if (typeof step.result === 'string') result.text(step.result);
  else if (Array.isArray(step.result)) readItems(step.result, result);
  else result.text(JSON.stringify(step.result ?? null));
  message.toolResult(step.call_id, result);
}

/** The steps of a request's `input`, by `type`: each a message of the conversation. */
const STEPS: Readers<RequestRecording> = {
  user_input: (step, request) => readItems(step.content, request.message('user')),
  model_output: (step, request) => readItems(step.content, request.message('assistant')),
  thought: (step, request) => {
    const message = request.message('assistant');
    readSummary(step.summary, (text) => message.reasoning(text));
  },
  function_call: (step, request) => request.message('assistant').toolCall(step.id, step.name, step.arguments),
  function_result: readFunctionResult,
};

/** Whether `item` is a content item rather than a step. */
const isContentItem = (item: unknown): boolean => Object.hasOwn(ITEMS, String(fields(item).type));

/** `input`, in every form the API takes: a string or content items (one user message), or steps. */
function readInput(input: unknown, request: RequestRecording): void {
  if (typeof input === 'string') return request.message('user').text(input);
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  if (list.every(isContentItem)) readItems(list, request.message('user'));
  else forEach(list, (step) => readByType(STEPS, step.type, step, request));
}

/** The steps of a response that are the model's output, onto its one output. */
const OUTPUT_STEPS: Readers<OutputRecording> = {
  model_output: (step, output) =>
    forEach(step.content, (item) => {
      if (item.type === 'text') output.text(item.text);
    }),
  thought: (step, output) => readSummary(step.summary, (text) => output.reasoning(text)),
  function_call: (step, output, index) => output.toolCall(index, step.id, step.name, step.arguments),
};

/** A step's delta in a stream, by `type`, onto the output; `index` is the step's. */
const DELTAS: Readers<OutputRecording> = {
  text: (delta, output) => output.text(delta.text),
  thought_summary: (delta, output) => {
    const content = fields(delta.content);
    if (content.type === 'text') output.reasoning(content.text);
  },
  arguments_delta: (delta, output, index) => output.toolArguments(index, delta.arguments),
};

function readStreamEvent(event: unknown, response: ResponseRecording): void {
  const { event_type: type, index, step, delta } = fields(event);
  if (type === 'step.delta') {
    const read = fields(delta);
    readByType(DELTAS, read.type, read, response.output(0), Number(index));
  } else if (type === 'step.start') {
    const started = fields(step);
    readByType(OUTPUT_STEPS, started.type, started, response.output(0), Number(index));
  }
}

export const INTERACTION_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest(body, request) {
    const { system_instruction: systemInstruction, input, tools } = fields(body);
    if (systemInstruction !== undefined) request.systemText(systemInstruction);
    if (input !== undefined) readInput(input, request);
    forEach(tools, (tool) => request.tool(tool.type, tool.name, tool.description, tool.parameters));
  },
  readResponse: (body, response) =>
    forEach(fields(body).steps, (step, index) => readByType(OUTPUT_STEPS, step.type, step, response.output(0), index)),
  readStreamEvent,
  // `gen_ai.response.finish_reasons` holds the interaction's final status.
  finishReasons: { completed: 'stop', incomplete: 'length', requires_action: 'tool_call', failed: 'error' },
};
