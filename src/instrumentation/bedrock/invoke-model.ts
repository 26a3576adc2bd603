import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS,
  ATTR_AWS_BEDROCK_REQUEST_SERVICE_TIER,
  ATTR_AWS_BEDROCK_RESPONSE_SERVICE_TIER,
  ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS,
  ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
  type GenAIOperation,
} from '../../semconv.js';
import { fields, type Fields } from '../api-fields.js';
import { enumValue, oneOf, readAllOrNone, readStreamedRequest, type AttributeTable } from '../attribute-table.js';
import { anthropicMessagesApi } from '../formats/anthropic/lazy-messages-api.js';
import type { ContentReader, ObservedCall, Surface } from '../provider-contract.js';
import { converseCacheablePrefix } from './cache-prefix.js';
import { CONVERSE_CONTENT } from './content.js';
import { BEDROCK_ERROR_CODES, readStopReason, readUsage, SERVICE_TIERS } from './surfaces.js';

/**
 * Amazon Bedrock's InvokeModel and InvokeModelWithResponseStream, as the AWS SDK's
 * `InvokeModelCommand` and `InvokeModelWithResponseStreamCommand` send them: the command's `input`
 * holds the model (`modelId`), the service tier (`serviceTier`) and the request `body`, JSON in the
 * model's own format (a string or bytes); `send` resolves to an object whose `body` is the
 * response's JSON as bytes, or, streamed, yields events whose `chunk.bytes` is one of the model's
 * own events as JSON. Bedrock adds `amazon-bedrock-invocationMetrics` (the input and output token
 * counts) to a stream's last event, whatever the model.
 *
 * What a call reads depends on the body's format, told by the body itself (a model named by an
 * application inference profile's ARN does not say its family):
 * - the Anthropic Messages API (`anthropic_version`): Claude, read by the Anthropic API's own
 *   reader (../formats/anthropic/messages-api.ts), the model taken from `modelId`;
 * - Amazon Nova's (`schemaVersion: "messages-v1"`, or `messages` with an `inferenceConfig`): the
 *   Converse API's messages and events, the cache counts named `cacheReadInputTokenCount` and
 *   `cacheWriteInputTokenCount`;
 * - Meta Llama's (`prompt` with `max_gen_len`): a text completion, its counts `prompt_token_count`
 *   and `generation_token_count`;
 * - Amazon Titan Text Embeddings (`inputText` with no `textGenerationConfig`): its count `inputTextTokenCount`;
 * - any other: the model, the operation its body suggests (`messages`: chat, `prompt`: a text
 *   completion, `texts`: embeddings, else `generate_content`: an image model's `taskType`, …), a
 *   usage in OpenAI's chat format (`usage.prompt_tokens`: OpenAI's open-weight models), and a
 *   stream's usage from Bedrock's invocation metrics.
 * API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html,
 * API_runtime_InvokeModelWithResponseStream.html; the models' bodies: the Bedrock user guide,
 * "Inference request parameters and response fields for foundation models", and the Amazon Nova
 * user guide, "Using the Invoke API".
 */

/** Where a call's request keeps the command's `input`, beside the body's own fields. */
const INPUT = Symbol('input');

/** What the core reads as an InvokeModel call's request: the body's JSON, the model added. */
interface InvokeRequest extends Fields {
  readonly model: unknown;
  readonly [INPUT]: Fields;
}

const utf8 = new TextDecoder();

/**
 * The JSON in `bytes` (a string, or bytes as the SDK holds them); `undefined` when there are none.
 * Throws on JSON that does not parse, with an error that holds none of the text (a SyntaxError
 * quotes it, and the diag logger would then write the model's words).
 */
function parsedJson(bytes: unknown): unknown {
  const text = typeof bytes === 'string' ? bytes : ArrayBuffer.isView(bytes) ? utf8.decode(bytes as Uint8Array) : undefined;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new TypeError(`the model's JSON does not parse (${text.length} characters)`);
  }
}

/** The body's JSON, or `undefined` for a body that is not JSON (the call is traced by its model only; Bedrock rejects it). */
function requestBody(body: unknown): Fields {
  try {
    return fields(parsedJson(body));
  } catch {
    return {};
  }
}

/** The model's JSON of each response and event read, by the SDK's object that holds it: the surface decodes it, the content reader finds it here. */
const decoded = new WeakMap<object, unknown>();

/** The model's JSON in `bytes`, which `holder` holds (a response's `body`, an event's `chunk.bytes`), decoded once. */
function decodedJson(holder: object, bytes: unknown): unknown {
  if (decoded.has(holder)) return decoded.get(holder);
  // A body that does not parse is reported once, by the first reader: the next finds nothing.
  decoded.set(holder, undefined);
  const json = parsedJson(bytes);
  decoded.set(holder, json);
  return json;
}

const responseJson = (output: unknown): unknown => decodedJson(output as object, fields(output).body);

/** A stream's event: the model's own event, or `undefined` for an event that holds none (the SDK throws an exception event as an error). */
function eventJson(event: unknown): unknown {
  const chunk = fields(event).chunk;
  return typeof chunk === 'object' && chunk !== null ? decodedJson(chunk, fields(chunk).bytes) : undefined;
}

/** The service tier the response's header named (`serviceTier`, a string here). */
export function readOutputTier(call: ObservedCall, output: unknown): void {
  const tier = enumValue(SERVICE_TIERS, fields(output).serviceTier);
  if (tier !== undefined) call.setAttributes({ [ATTR_AWS_BEDROCK_RESPONSE_SERVICE_TIER]: tier });
}

/** The counts `table` reads from `usage`, the cache's parts added to the input (Bedrock's `readUsage`), set on the call. */
function readUsageWithCache(call: ObservedCall, table: AttributeTable, usage: unknown): void {
  const attributes: Attributes = {};
  readUsage(usage, attributes, table);
  call.setAttributes(attributes);
}

/** The counts `table` reads from `source`, set on the call when they all are counts. */
function readCounts(call: ObservedCall, table: AttributeTable, source: unknown): void {
  const attributes: Attributes = {};
  if (readAllOrNone(table, source, attributes)) call.setAttributes(attributes);
}

/**
 * The counts of Bedrock's invocation metrics, which it adds to a stream's last event for every
 * model: `inputTokenCount` counts neither the cache reads nor the writes, which it names apart
 * (as a Converse usage does).
 */
const INVOCATION_METRICS: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['inputTokenCount'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['outputTokenCount'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['cacheReadInputTokenCount'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ['cacheWriteInputTokenCount'], 'count'],
];

function readInvocationMetrics(call: ObservedCall, event: unknown): void {
  const metrics = fields(event)['amazon-bedrock-invocationMetrics'];
  if (metrics !== undefined) readUsageWithCache(call, INVOCATION_METRICS, metrics);
}

/** The readers of one body format, which each command's surface wraps. */
type Format = Omit<Surface, 'errorCodes'>;

/** The names Bedrock's spans give the cache writes by lifetime (as a Converse call's), by the Anthropic API's. */
const BEDROCK_SPLIT_NAMES: readonly (readonly [anthropic: string, bedrock: string])[] = [
  [ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS, ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS],
  [ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS, ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS],
];

/** `attributes` with the cache writes by lifetime under Bedrock's names. */
function withBedrockSplitNames(attributes: Attributes): Attributes {
  for (const [anthropic, bedrock] of BEDROCK_SPLIT_NAMES) {
    if (attributes[anthropic] === undefined) continue;
    attributes[bedrock] = attributes[anthropic];
    delete attributes[anthropic];
  }
  return attributes;
}

/** The view of each call that the Anthropic API's reader writes to: the call, its cache writes by lifetime named as every Bedrock span names them. */
const bedrockViews = new WeakMap<ObservedCall, ObservedCall>();

function bedrockView(call: ObservedCall): ObservedCall {
  let view = bedrockViews.get(call);
  if (view === undefined) {
    view = {
      get dialect() {
        return call.dialect;
      },
      get hasStreamedEvents() {
        return call.hasStreamedEvents;
      },
      setAttributes: (attributes) => call.setAttributes(withBedrockSplitNames(attributes)),
      setFinishReason: (index, reason) => call.setFinishReason(index, reason),
    };
    bedrockViews.set(call, view);
  }
  return view;
}

/** Claude's Messages: the Anthropic API's own reader (its usage, its events, its content). */
function claudeFormat(messages: Surface): Format {
  return {
    ...messages,
    readResponse: (call, body) => messages.readResponse(bedrockView(call), body),
    readStreamEvent: (call, event) => messages.readStreamEvent(bedrockView(call), event),
  };
}

const CLAUDE = claudeFormat(anthropicMessagesApi().MESSAGES);

/** Amazon Nova's request: the Converse API's, its inference parameters in either spelling (Nova 1's snake case, Nova 2's camel case). */
const NOVA_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['inferenceConfig', 'max_new_tokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['inferenceConfig', 'maxTokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['inferenceConfig', 'temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['inferenceConfig', 'top_p'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['inferenceConfig', 'topP'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_K, ['inferenceConfig', 'top_k'], 'count'],
  [ATTR_GEN_AI_REQUEST_TOP_K, ['inferenceConfig', 'topK'], 'count'],
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['inferenceConfig', 'stopSequences'], 'listed'],
];

/** Nova's usage: the Converse API's counts, the cache's named apart (`inputTokens` counts neither, as in Converse). */
const NOVA_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['inputTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['outputTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['cacheReadInputTokenCount'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ['cacheWriteInputTokenCount'], 'count'],
];

const NOVA: Format = {
  operation: 'chat',
  request: NOVA_REQUEST,
  cacheablePrefix: converseCacheablePrefix,
  readResponse(call, body) {
    const { stopReason, usage } = fields(body);
    readStopReason(call, stopReason);
    readUsageWithCache(call, NOVA_USAGE, usage);
  },
  readStreamEvent(call, event) {
    const { messageStop, metadata } = fields(event);
    if (messageStop !== undefined) readStopReason(call, fields(messageStop).stopReason);
    else if (metadata !== undefined) readUsageWithCache(call, NOVA_USAGE, fields(metadata).usage);
  },
  content: CONVERSE_CONTENT,
};

/** Meta Llama's stop reasons. */
const LLAMA_STOP_REASONS = oneOf('stop', 'length');

const LLAMA_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_gen_len'], 'count'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['top_p'], 'number'],
];

const LLAMA_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['prompt_token_count'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['generation_token_count'], 'count'],
];

function readLlamaStopReason(call: ObservedCall, reason: unknown): void {
  const stopReason = enumValue(LLAMA_STOP_REASONS, reason);
  if (stopReason !== undefined) call.setFinishReason(0, stopReason);
}

/** A prompt and its generation: the text of a `user` message and of the one output. */
const GENERATION_CONTENT: ContentReader = {
  recordsContent: true,
  readRequest: (body, request) => request.message('user').text(fields(body).prompt),
  readResponse: (body, response) => response.output(0).text(fields(body).generation),
  readStreamEvent: (event, response) => response.output(0).text(fields(event).generation),
  finishReasons: { stop: 'stop', length: 'length' },
};

const LLAMA: Format = {
  operation: 'text_completion',
  request: LLAMA_REQUEST,
  readResponse(call, body) {
    readCounts(call, LLAMA_USAGE, body);
    readLlamaStopReason(call, fields(body).stop_reason);
  },
  // A streamed generation's counts are Bedrock's invocation metrics, on its last event.
  readStreamEvent(call, event) {
    readLlamaStopReason(call, fields(event).stop_reason);
    readInvocationMetrics(call, event);
  },
  content: GENERATION_CONTENT,
};

/** The request table of a format whose parameters are not read: its model (the command's `modelId`). */
const MODEL_ONLY: AttributeTable = [[ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model']];

const TITAN_EMBEDDINGS_USAGE: AttributeTable = [[ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['inputTextTokenCount'], 'count']];

/** Titan Text Embeddings: its input's count; no content in any mode (its output is a vector). */
const TITAN_EMBEDDINGS: Format = {
  operation: 'embeddings',
  request: MODEL_ONLY,
  readResponse: (call, body) => readCounts(call, TITAN_EMBEDDINGS_USAGE, body),
  readStreamEvent: () => undefined,
};

/** A usage in OpenAI's chat format, in which OpenAI's open-weight models on Bedrock (and others) answer. */
const CHAT_COMPLETION_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['usage', 'prompt_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['usage', 'completion_tokens'], 'count'],
];

const readChatCompletionUsage = (call: ObservedCall, body: unknown): void => readCounts(call, CHAT_COMPLETION_USAGE, body);

/**
 * A body of a format not read field by field: its model; a usage in OpenAI's chat format, whole
 * or in a stream's last chunk; a stream's invocation metrics.
 */
function otherFormat(operation: GenAIOperation): Format {
  return {
    operation,
    request: MODEL_ONLY,
    readResponse: readChatCompletionUsage,
    readStreamEvent(call, event) {
      readChatCompletionUsage(call, event);
      readInvocationMetrics(call, event);
    },
  };
}

const OTHER_CHAT = otherFormat('chat');
const OTHER_COMPLETION = otherFormat('text_completion');
const OTHER_EMBEDDINGS = otherFormat('embeddings');
const OTHER_CONTENT = otherFormat('generate_content');

/** The format of a request's body, by its own fields. */
function formatOf(body: Fields): Format {
  if (body.anthropic_version !== undefined) return CLAUDE;
  if (Array.isArray(body.messages)) return body.schemaVersion === 'messages-v1' || typeof body.inferenceConfig === 'object' ? NOVA : OTHER_CHAT;
  if (typeof body.prompt === 'string') return body.max_gen_len !== undefined ? LLAMA : OTHER_COMPLETION;
  if (typeof body.inputText === 'string' && body.textGenerationConfig === undefined) return TITAN_EMBEDDINGS;
  return Array.isArray(body.texts) ? OTHER_EMBEDDINGS : OTHER_CONTENT;
}

/** The request tier the command's input names (`serviceTier`, a string here), after the format's own reading. */
function readRequestTier(format: Format, streamed: boolean): (body: unknown, attributes: Attributes) => void {
  return (body, attributes) => {
    format.readRequest?.(body, attributes);
    if (streamed) readStreamedRequest(body, attributes);
    const tier = enumValue(SERVICE_TIERS, (body as InvokeRequest)[INPUT].serviceTier);
    if (tier !== undefined) attributes[ATTR_AWS_BEDROCK_REQUEST_SERVICE_TIER] = tier;
  };
}

/** The content reader of a format, reading the decoded response and events. */
function decodingContent(content: ContentReader): ContentReader {
  const { readResponse, readStreamEvent } = content;
  const reader: ContentReader = { ...content };
  if (readResponse !== undefined) reader.readResponse = (output, response) => readResponse(responseJson(output), response);
  if (readStreamEvent !== undefined) {
    reader.readStreamEvent = (event, response) => {
      const json = eventJson(event);
      if (json !== undefined) readStreamEvent(json, response);
    };
  }
  return reader;
}

/** The surface of an InvokeModel call of `format`: the format's readers, given the model's JSON. */
function invokeSurface(format: Format, streamed: boolean): Surface {
  const surface: Surface = {
    ...format,
    errorCodes: BEDROCK_ERROR_CODES,
    readRequest: readRequestTier(format, streamed),
    readResponse(call, output) {
      readOutputTier(call, output);
      format.readResponse(call, responseJson(output));
    },
    readStreamEvent(call, event) {
      const json = eventJson(event);
      if (json !== undefined) format.readStreamEvent(call, json);
    },
  };
  return format.content === undefined ? surface : { ...surface, content: decodingContent(format.content) };
}

/** Each format's surfaces, made once: not streamed, streamed. */
const SURFACES = new Map<Format, readonly [Surface, Surface]>(
  [CLAUDE, NOVA, LLAMA, TITAN_EMBEDDINGS, OTHER_CHAT, OTHER_COMPLETION, OTHER_EMBEDDINGS, OTHER_CONTENT].map((format) => [
    format,
    [invokeSurface(format, false), invokeSurface(format, true)],
  ]),
);

/** The surfaces of a streamed call (whose response's `body` is the event stream). */
export const INVOKE_STREAM_SURFACES: ReadonlySet<Surface> = new Set([...SURFACES.values()].map(([, streamed]) => streamed));

/** The surface and the request of an `InvokeModelCommand` (or, `streamed`, an `InvokeModelWithResponseStreamCommand`) whose input is `input`. */
export function invokeModelCall(input: unknown, streamed: boolean): readonly [Surface, InvokeRequest] {
  const commandInput = fields(input);
  const body = requestBody(commandInput.body);
  const surfaces = SURFACES.get(formatOf(body)) as readonly [Surface, Surface];
  return [streamed ? surfaces[1] : surfaces[0], { ...body, model: commandInput.modelId, [INPUT]: commandInput }];
}
