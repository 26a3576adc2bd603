import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
} from '../../semconv.js';
import { fields } from '../api-fields.js';
import { enumValue, oneOf, readAllOrNone, readAttributes, type AttributeTable } from '../attribute-table.js';
import type { ObservedCall, Surface, SurfacePatch } from '../provider-contract.js';
import { CHAT_CONTENT, EMBED_CONTENT, EMBEDDINGS_CONTENT, GENERATE_CONTENT } from './content.js';

/**
 * Ollama's chat, generate and embed endpoints, as `ollama` hands them to the application: the API's
 * own snake_case JSON, unchanged (Ollama API reference, "Generate a chat completion" `POST
 * /api/chat`, "Generate a completion" `POST /api/generate`, "Generate embeddings" `POST /api/embed`
 * and the older `POST /api/embeddings`). A request's sampling and length are the model's
 * `options`. One table row per field.
 */

/**
 * Why a generation ended (`done_reason`): `stop` (the model's end, a stop sequence, or a tool call,
 * which Ollama does not tell apart), `length` (`num_predict` or the context), and `load` and
 * `unload` for a request that only loads or unloads the model.
 */
const FINISH_REASONS = oneOf('stop', 'length', 'load', 'unload');

/** A chat or generate request: the model, whether it streams, and its `options`. */
const GENERATION_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_STREAM, ['stream'], 'boolean'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['options', 'temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['options', 'top_p'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_K, ['options', 'top_k'], 'number'],
  // `num_predict` -1 (no limit) or -2 (fill the context) sets none: `count` takes a non-negative integer.
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['options', 'num_predict'], 'count'],
  [ATTR_GEN_AI_REQUEST_SEED, ['options', 'seed'], 'integer'],
  [ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, ['options', 'frequency_penalty'], 'number'],
  [ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, ['options', 'presence_penalty'], 'number'],
  // The sequences are the application's text: their count here, themselves only with content capture (./content.ts).
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['options', 'stop'], 'listed'],
];

/** `format`: `json`, or a JSON schema the answer must follow; either asks for JSON. */
function readFormat(body: unknown, attributes: Attributes): void {
  const { format } = fields(body);
  if (format === 'json' || (typeof format === 'object' && format !== null)) attributes[ATTR_GEN_AI_OUTPUT_TYPE] = 'json';
}

/** An embed request: the model and (`/api/embed`) the dimension asked for. */
const EMBED_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, ['dimensions'], 'count'],
];

/**
 * The token counts of a response: the prompt's (`prompt_eval_count`, which counts the tokens the
 * server took from its prompt cache too, `prompt_eval_cached_count`) and the answer's
 * (`eval_count`). Read whole or not at all. An Ollama from before mid-2024 (its pull request 5371)
 * left `prompt_eval_count` out when the whole prompt was cached: the output is then counted alone.
 */
const USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['prompt_eval_count'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['prompt_eval_cached_count'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['eval_count'], 'count'],
];

/** The model that answered, as the server names it (a tag such as `llama3.2:latest` when the request named `llama3.2`). */
const RESPONSE: AttributeTable = [[ATTR_GEN_AI_RESPONSE_MODEL, ['model'], 'model']];

/**
 * Ollama's errors: the SDK's `ResponseError` holds the HTTP status as `status_code` and the
 * server's `error` text, which can echo the input and is never read. Ollama documents no codes.
 * An error the server sends inside a stream (`{"error": …}`) is thrown by the SDK as a plain
 * `Error`.
 */
const ERROR_CODES = { codePath: ['code'], known: oneOf(), statusPath: ['status_code'] } as const;

/**
 * A response of chat or generate, whole, or a chunk of its stream: each names the model; the last
 * (`done`) holds the finish reason and the token counts.
 */
function readGeneration(call: ObservedCall, body: unknown): void {
  const response = fields(body);
  const attributes: Attributes = {};
  readAttributes(RESPONSE, response, attributes);
  if (response.done === true) {
    if (typeof response.done_reason === 'string') call.setFinishReason(0, enumValue(FINISH_REASONS, response.done_reason) as string);
    readAllOrNone(USAGE, response, attributes);
  }
  call.setAttributes(attributes);
}

/** An `/api/embed` response: the model and the input's token count (`prompt_eval_count`). */
function readEmbed(call: ObservedCall, body: unknown): void {
  const attributes: Attributes = {};
  readAttributes(RESPONSE, body, attributes);
  readAllOrNone(USAGE, body, attributes);
  call.setAttributes(attributes);
}

/** An `/api/embeddings` response: the vector alone, with no model and no count. */
function readNothing(): void {}

const CHAT: Surface = {
  operation: 'chat',
  request: GENERATION_REQUEST,
  readRequest: readFormat,
  errorCodes: ERROR_CODES,
  readResponse: readGeneration,
  readStreamEvent: readGeneration,
  content: CHAT_CONTENT,
};

const EMBED: Surface = {
  operation: 'embeddings',
  request: EMBED_REQUEST,
  errorCodes: ERROR_CODES,
  readResponse: readEmbed,
  readStreamEvent: readEmbed,
  content: EMBED_CONTENT,
};

/** The methods wrapped, on the class that holds the API methods (./provider-sdk.ts finds it). */
export const OLLAMA_SURFACES: readonly SurfacePatch[] = [
  { resourcePath: [], method: 'chat', surface: CHAT },
  { resourcePath: [], method: 'generate', surface: { ...CHAT, operation: 'text_completion', content: GENERATE_CONTENT } },
  { resourcePath: [], method: 'embed', surface: EMBED },
  { resourcePath: [], method: 'embeddings', surface: { ...EMBED, readResponse: readNothing, readStreamEvent: readNothing, content: EMBEDDINGS_CONTENT } },
];
