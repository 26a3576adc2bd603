import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
} from '../../semconv.js';
import { fields, forEachOutput, outputIndex, type Fields } from '../api-fields.js';
import { enumValue, oneOf, readAllOrNone, readAttributes, readStreamedRequest, type AttributeTable } from '../attribute-table.js';
import type { ObservedCall, Surface, SurfacePatch } from '../provider-contract.js';
import { CHAT_CONTENT, EMBEDDINGS_CONTENT, FIM_CONTENT } from './content.js';

/**
 * Mistral AI's chat completions, FIM completions and embeddings, as `@mistralai/mistralai` hands
 * them to the application: the SDK takes its requests and returns its responses in camelCase
 * (`maxTokens`, `finishReason`, `promptTokens`), converted from the API's snake_case (Mistral AI
 * API reference, "Chat Completion", "Fim Completion", "Agents Completion", "Embeddings"). One
 * table row per field.
 */

/** The finish reasons of a choice (API reference, `finish_reason`). */
const FINISH_REASONS = oneOf('stop', 'length', 'model_length', 'error', 'tool_calls');

/** `responseFormat.type` to `gen_ai.output.type`. */
const OUTPUT_TYPES = { text: 'text', json_object: 'json', json_schema: 'json' } as const;

/** The length, seed and stop sequences of every completion: chat, FIM and an agent's. */
const LENGTH_AND_STOP: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['maxTokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_SEED, ['randomSeed'], 'integer'],
  // The sequences are the application's text: their count here, themselves only with content capture (./content.ts).
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['stop'], 'listed'],
];

/** The model and its sampling, which chat and FIM requests name (an agent holds its own). */
const MODEL_AND_SAMPLING: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['topP'], 'number'],
];

/** What chat and agent requests add: penalties, choices and the output's format. */
const CHAT_OPTIONS: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, ['frequencyPenalty'], 'number'],
  [ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, ['presencePenalty'], 'number'],
  [ATTR_GEN_AI_REQUEST_CHOICE_COUNT, ['n'], 'count'],
  [ATTR_GEN_AI_OUTPUT_TYPE, ['responseFormat', 'type'], OUTPUT_TYPES],
];

const FIM_REQUEST: AttributeTable = [...MODEL_AND_SAMPLING, ...LENGTH_AND_STOP];

const CHAT_REQUEST: AttributeTable = [...MODEL_AND_SAMPLING, ...LENGTH_AND_STOP, ...CHAT_OPTIONS];

/**
 * An agent's completion: the agent (made in Mistral's console or with `beta.agents.create`) holds
 * the model, its sampling and its instructions; the request names it by id and adds the
 * conversation. The response names the model, which prices the call.
 */
const AGENTS_REQUEST: AttributeTable = [[ATTR_GEN_AI_AGENT_ID, ['agentId'], 'identifier'], ...LENGTH_AND_STOP, ...CHAT_OPTIONS];

const EMBEDDINGS_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, ['encodingFormat'], 'strings'],
  [ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, ['outputDimension'], 'count'],
];

const RESPONSE: AttributeTable = [
  [ATTR_GEN_AI_RESPONSE_ID, ['id'], 'identifier'],
  [ATTR_GEN_AI_RESPONSE_MODEL, ['model'], 'model'],
];

/**
 * The usage (API reference, `UsageInfo`): `prompt_tokens` includes the cached tokens, which the
 * API reports as `prompt_tokens_details.cached_tokens` (Prompt caching guide). The SDK renames the
 * counts it knows and keeps the fields it does not as they came: 2.x beside the counts, 1.x under
 * `additionalProperties`. Read whole or not at all; the later row of an attribute wins where its field is.
 */
const USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['promptTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['completionTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['additionalProperties', 'prompt_tokens_details', 'cached_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['prompt_tokens_details', 'cached_tokens'], 'count'],
];

/**
 * Mistral AI documents no error codes the SDK's errors carry: their class is the error type, and
 * they hold the HTTP status as `statusCode` (and the body, which can echo the input, never read).
 */
const ERROR_CODES = { codePath: ['code'], known: oneOf(), statusPath: ['statusCode'] } as const;

/** A response (or a chunk of a stream) read onto the call: its id and model, and its usage where it has one. */
function readResponseFields(call: ObservedCall, body: Fields): void {
  const attributes: Attributes = readAttributes(RESPONSE, body, {});
  const usage = body.usage;
  if (usage !== undefined && usage !== null) readAllOrNone(USAGE, usage, attributes);
  call.setAttributes(attributes);
}

/** Records a choice's `finishReason` at its `index`; run by `forEachOutput` on at most 128 choices. */
function readFinishReason(choice: Fields, position: number, call: ObservedCall): void {
  const reason = choice.finishReason;
  if (typeof reason === 'string') call.setFinishReason(outputIndex(choice.index, position), enumValue(FINISH_REASONS, reason) as string);
}

/** A chat or FIM completion, whole. */
function readCompletion(call: ObservedCall, body: unknown): void {
  const completion = fields(body);
  readResponseFields(call, completion);
  forEachOutput(completion.choices, readFinishReason, call);
}

/**
 * One event of a streamed chat or FIM completion: `{data: chunk}`. Each chunk repeats the id and
 * model; the last one with choices has the usage, beside its finish reason.
 */
function readCompletionEvent(call: ObservedCall, event: unknown): void {
  const chunk = fields(fields(event).data);
  if ((chunk.usage !== undefined && chunk.usage !== null) || !call.hasStreamedEvents) readResponseFields(call, chunk);
  forEachOutput(chunk.choices, readFinishReason, call);
}

/**
 * The request of `chat.parse` or `parseStream`, whose `responseFormat` is the application's Zod
 * schema, which the SDK sends as a `json_schema` format: the output is JSON.
 */
function readParsedRequest(_body: unknown, attributes: Attributes): void {
  attributes[ATTR_GEN_AI_OUTPUT_TYPE] = 'json';
}

function readParsedStreamRequest(body: unknown, attributes: Attributes): void {
  readParsedRequest(body, attributes);
  readStreamedRequest(body, attributes);
}

function readEmbeddings(call: ObservedCall, body: unknown): void {
  readResponseFields(call, fields(body));
}

const CHAT: Surface = {
  operation: 'chat',
  request: CHAT_REQUEST,
  errorCodes: ERROR_CODES,
  readResponse: readCompletion,
  readStreamEvent: readCompletionEvent,
  content: CHAT_CONTENT,
};

const CHAT_STREAM: Surface = { ...CHAT, readRequest: readStreamedRequest };

const CHAT_PARSE: Surface = { ...CHAT, readRequest: readParsedRequest };

const CHAT_PARSE_STREAM: Surface = { ...CHAT, readRequest: readParsedStreamRequest };

/** The conventions' `invoke_agent`: one API call of an agent, named by the operation alone (the request names the agent by id, not by name). */
const AGENTS: Surface = { ...CHAT, operation: 'invoke_agent', request: AGENTS_REQUEST };

const AGENTS_STREAM: Surface = { ...AGENTS, readRequest: readStreamedRequest };

const FIM: Surface = {
  operation: 'text_completion',
  request: FIM_REQUEST,
  errorCodes: ERROR_CODES,
  readResponse: readCompletion,
  readStreamEvent: readCompletionEvent,
  content: FIM_CONTENT,
};

const FIM_STREAM: Surface = { ...FIM, readRequest: readStreamedRequest };

const EMBEDDINGS: Surface = {
  operation: 'embeddings',
  request: EMBEDDINGS_REQUEST,
  errorCodes: ERROR_CODES,
  readResponse: readEmbeddings,
  readStreamEvent: readEmbeddings,
  content: EMBEDDINGS_CONTENT,
};

/**
 * The methods wrapped, by resource class (./provider-sdk.ts finds the classes). `chat.parse` and
 * `parseStream` make their call without `complete` or `stream`: each is wrapped too.
 */
export const MISTRAL_SURFACES: readonly SurfacePatch[] = [
  { resourcePath: ['Chat'], method: 'complete', surface: CHAT },
  { resourcePath: ['Chat'], method: 'stream', surface: CHAT_STREAM },
  { resourcePath: ['Chat'], method: 'parse', surface: CHAT_PARSE },
  { resourcePath: ['Chat'], method: 'parseStream', surface: CHAT_PARSE_STREAM },
  { resourcePath: ['Fim'], method: 'complete', surface: FIM },
  { resourcePath: ['Fim'], method: 'stream', surface: FIM_STREAM },
  { resourcePath: ['Agents'], method: 'complete', surface: AGENTS },
  { resourcePath: ['Agents'], method: 'stream', surface: AGENTS_STREAM },
  { resourcePath: ['Embeddings'], method: 'create', surface: EMBEDDINGS },
];
