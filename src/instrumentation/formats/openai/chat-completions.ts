import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
  ATTR_OPENAI_REQUEST_SERVICE_TIER,
} from '../../../semconv.js';
import type { ObservedCall, Surface } from '../../provider-contract.js';
import { fields, forEachOutput, outputIndex, type Fields } from '../../api-fields.js';
import { enumValue, oneOf, readAllOrNone, readAttributes, type AttributeTable } from '../../attribute-table.js';
import { OPENAI_BACKEND, type Backend } from './backends.js';
import { chatCacheablePrefix } from './cache-prefix.js';
import { CHAT_CONTENT, COMPLETIONS_CONTENT, EMBEDDINGS_CONTENT } from './content.js';
import { OPENAI_ERROR_CODES, OUTPUT_TYPES, RESPONSE, SERVICE_TIERS } from './response-fields.js';

/**
 * The OpenAI API's chat completions, completions and embeddings, as the SDKs that send its wire
 * format call them (the `openai` SDK 4.x–7.x, against OpenAI or another backend, and `groq-sdk`):
 * one table row per field. Usage counts are the API's own: `prompt_tokens` already includes the
 * cached and cache-write tokens, as `gen_ai.usage.input_tokens` does. A usage is read whole or not
 * at all (`readAllOrNone`), in the dialect of the backend the client calls (./backends.ts).
 */

/** The finish reasons of a chat completion's choices and a completion's (API reference, `finish_reason`). */
const CHOICE_FINISH_REASONS = oneOf('stop', 'length', 'tool_calls', 'content_filter', 'function_call');

/** The sampling parameters that chat completions and legacy completions share. */
const SAMPLING_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['top_p'], 'number'],
  [ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, ['frequency_penalty'], 'number'],
  [ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, ['presence_penalty'], 'number'],
  [ATTR_GEN_AI_REQUEST_SEED, ['seed'], 'integer'],
  [ATTR_GEN_AI_REQUEST_CHOICE_COUNT, ['n'], 'count'],
  // The sequences are the application's text: their count here, themselves only with content capture (content.ts).
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['stop'], 'listed'],
  [ATTR_GEN_AI_REQUEST_STREAM, ['stream'], 'boolean'],
];

const CHAT_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_tokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_completion_tokens'], 'count'],
  ...SAMPLING_REQUEST,
  [ATTR_OPENAI_REQUEST_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
  [ATTR_GEN_AI_OUTPUT_TYPE, ['response_format', 'type'], OUTPUT_TYPES],
];

const COMPLETIONS_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_tokens'], 'count'],
  ...SAMPLING_REQUEST,
];

const EMBEDDINGS_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, ['encoding_format'], 'strings'],
  [ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, ['dimensions'], 'count'],
];

/** The backend of the call's client (./backends.ts); OpenAI's when the client could not be read. */
function backendOf(call: ObservedCall): Backend {
  return (call.dialect as Backend | undefined) ?? OPENAI_BACKEND;
}

/**
 * Writes into `attributes` the `usage` of chat completions, completions and embeddings, in the
 * dialect of the call's backend: its token counts whole or not at all, and what it says it billed.
 */
function readPromptUsage(call: ObservedCall, usage: unknown, attributes: Attributes): void {
  const backend = backendOf(call);
  readAllOrNone(backend.usage, usage, attributes);
  if (backend.billing !== undefined) readAttributes(backend.billing, usage, attributes);
}

interface WithChoices {
  choices?: unknown;
  usage?: unknown;
}

/**
 * Records a choice's `finish_reason` at the choice's `index` (its position when the index is none
 * a choice can have); run by `forEachOutput` on the first 128 choices: the API makes no more
 * (../../api-fields.ts).
 */
function readFinishReason(choice: Fields, position: number, call: ObservedCall): void {
  const reason = choice.finish_reason;
  // Most chunks of a stream have none (`null`): no call to find that out.
  if (typeof reason === 'string') call.setFinishReason(outputIndex(choice.index, position), enumValue(CHOICE_FINISH_REASONS, reason) as string);
}

/** A chat completion or a completion, whole. */
function readChoicesResponse(call: ObservedCall, body: unknown): void {
  const attributes = readAttributes(RESPONSE, body, {});
  readPromptUsage(call, (body as WithChoices | null)?.usage, attributes);
  call.setAttributes(attributes);
  forEachOutput((body as WithChoices | null)?.choices, readFinishReason, call);
}

/**
 * One chunk of a streamed chat completion or completion. Each chunk repeats the id and model; the
 * usage comes in the last chunk, with no choices, when the request set
 * `stream_options.include_usage`, and where the backend puts it whether asked or not (Groq's
 * `x_groq.usage`, Moonshot's `choices[0].usage`).
 */
function readChoicesChunk(call: ObservedCall, chunk: unknown): void {
  const { choices, usage: ownUsage } = (chunk ?? {}) as WithChoices;
  const usage = ownUsage ?? backendUsage(call, chunk, choices);
  if (usage !== undefined && usage !== null) {
    const attributes = readAttributes(RESPONSE, chunk, {});
    readPromptUsage(call, usage, attributes);
    call.setAttributes(attributes);
  } else if (!call.hasStreamedEvents) {
    call.setAttributes(readAttributes(RESPONSE, chunk, {}));
  }
  forEachOutput(choices, readFinishReason, call);
}

/** The usage of a chunk (whose `choices` the caller read) where the call's backend puts it besides `usage` (./backends.ts, `chunkUsage`, `choiceUsage`), or `undefined`. */
function backendUsage(call: ObservedCall, chunk: unknown, choices: unknown): unknown {
  const backend = backendOf(call);
  if (backend.choiceUsage === true) {
    const usage = Array.isArray(choices) ? (fields(choices[0]) as WithChoices).usage : undefined;
    if (usage !== undefined && usage !== null) return usage;
  }
  const field = backend.chunkUsage;
  if (field === undefined) return undefined;
  return (fields(fields(chunk)[field]) as WithChoices).usage;
}

function readEmbeddingsResponse(call: ObservedCall, body: unknown): void {
  const attributes = readAttributes(RESPONSE, body, {});
  readPromptUsage(call, (body as WithChoices | null)?.usage, attributes);
  call.setAttributes(attributes);
}

export const CHAT: Surface = {
  operation: 'chat',
  request: CHAT_REQUEST,
  errorCodes: OPENAI_ERROR_CODES,
  cacheablePrefix: chatCacheablePrefix,
  readResponse: readChoicesResponse,
  readStreamEvent: readChoicesChunk,
  content: CHAT_CONTENT,
};

export const COMPLETIONS: Surface = {
  operation: 'text_completion',
  request: COMPLETIONS_REQUEST,
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readChoicesResponse,
  readStreamEvent: readChoicesChunk,
  content: COMPLETIONS_CONTENT,
};

export const EMBEDDINGS: Surface = {
  operation: 'embeddings',
  request: EMBEDDINGS_REQUEST,
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readEmbeddingsResponse,
  readStreamEvent: readEmbeddingsResponse,
  content: EMBEDDINGS_CONTENT,
};
