import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
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
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
  ATTR_LLM_OBSERVER_USAGE_FILE_SEARCHES,
  ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
  ATTR_OPENAI_REQUEST_SERVICE_TIER,
  ATTR_OPENAI_REQUEST_WEB_SEARCH_TOOL,
  ATTR_OPENAI_RESPONSE_SERVICE_TIER,
  ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT,
  ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_12H_TOKENS,
  ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_30M_TOKENS,
  type OpenAIWebSearchTool,
} from '../../semconv.js';
import type { ObservedCall, Surface, SurfacePatch } from '../provider-contract.js';
import { forEachOutput, outputIndex, type Fields } from '../api-fields.js';
import { enumValue, oneOf, readAllOrNone, readAttributes, type AttributeTable } from '../attribute-table.js';
import { OPENAI_BACKEND, type Backend } from './backends.js';
import { chatCacheablePrefix, responsesCacheablePrefix } from './cache-prefix.js';
import { CHAT_CONTENT, COMPACT_CONTENT, COMPLETIONS_CONTENT, EMBEDDINGS_CONTENT, RESPONSES_CONTENT } from './content.js';

/**
 * The OpenAI API as the `openai` SDK (4.x–7.x) calls it: one table row per field. Usage counts
 * are the API's own: `prompt_tokens` and `input_tokens` already include the cached and
 * cache-write tokens, as `gen_ai.usage.input_tokens` does. A usage is read whole or not at all
 * (`readAllOrNone`); the `usage` of a chat completion, completion or embedding in the dialect of
 * the backend the client calls (./backends.ts).
 */

/** The service tiers a request may ask for and a response may name (API reference, `service_tier`). */
export const SERVICE_TIERS = oneOf('auto', 'default', 'flex', 'scale', 'priority', 'fast', 'ultrafast');

/** The finish reasons of a chat completion's choices and a completion's (API reference, `finish_reason`). */
const CHOICE_FINISH_REASONS = oneOf('stop', 'length', 'tool_calls', 'content_filter', 'function_call');

/** A Responses API response's `status`, and `incomplete_details.reason`, which stands in for it when given. */
const RESPONSE_FINISH_REASONS = oneOf('completed', 'failed', 'in_progress', 'cancelled', 'queued', 'incomplete', 'max_output_tokens', 'content_filter');

/**
 * The error codes and types the API documents (the error codes guide and the API reference's
 * error object): the SDK's `code` of an error is recorded when it is one of them, else `_OTHER`,
 * as a code from elsewhere (a proxy, a compatible server) may carry anything.
 */
export const OPENAI_ERROR_CODES = {
  field: 'code',
  known: oneOf(
    'invalid_api_key',
    'invalid_organization',
    'invalid_project',
    'insufficient_quota',
    'rate_limit_exceeded',
    'model_not_found',
    'context_length_exceeded',
    'unsupported_country_region_territory',
    'server_error',
    'server_is_overloaded',
    'slow_down',
    'engine_overloaded',
    'billing_hard_limit_reached',
    'credit_balance_exhausted',
    'account_deactivated',
    'invalid_request_error',
    'authentication_error',
    'permission_error',
    'not_found_error',
    'rate_limit_error',
    'service_unavailable_error',
    'invalid_value',
    'invalid_type',
    'unknown_parameter',
    'missing_required_parameter',
    'unsupported_value',
    'unsupported_parameter',
    'invalid_image',
    'invalid_image_url',
    'invalid_prompt',
    'content_policy_violation',
  ),
} as const;

/** `response_format.type` / `text.format.type` to `gen_ai.output.type`. */
const OUTPUT_TYPES = { text: 'text', json_object: 'json', json_schema: 'json' } as const;

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
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'string'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_tokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_completion_tokens'], 'count'],
  ...SAMPLING_REQUEST,
  [ATTR_OPENAI_REQUEST_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
  [ATTR_GEN_AI_OUTPUT_TYPE, ['response_format', 'type'], OUTPUT_TYPES],
];

const RESPONSES_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'string'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_output_tokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['top_p'], 'number'],
  [ATTR_GEN_AI_REQUEST_STREAM, ['stream'], 'boolean'],
  [ATTR_OPENAI_REQUEST_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
  [ATTR_GEN_AI_OUTPUT_TYPE, ['text', 'format', 'type'], OUTPUT_TYPES],
  [ATTR_GEN_AI_CONVERSATION_ID, ['conversation'], 'string'],
  [ATTR_GEN_AI_CONVERSATION_ID, ['conversation', 'id'], 'string'],
];

/**
 * OpenAI's web search tools, by the `type` of a request's tool (API reference: `WebSearchTool`,
 * `WebSearchPreviewTool`): the two versions are billed differently.
 */
const WEB_SEARCH_TOOLS: ReadonlyMap<unknown, OpenAIWebSearchTool> = new Map([
  ['web_search', 'web_search'],
  ['web_search_2025_08_26', 'web_search'],
  ['web_search_preview', 'web_search_preview'],
  ['web_search_preview_2025_03_11', 'web_search_preview'],
]);

/** Records which version of the web search tool a Responses API request offers, if any: the first a request lists. */
function readWebSearchTool(body: unknown, attributes: Attributes): void {
  const tools = (body as { tools?: unknown } | null)?.tools;
  if (!Array.isArray(tools)) return;
  for (let index = 0; index < tools.length; index++) {
    const tool = WEB_SEARCH_TOOLS.get((tools[index] as { type?: unknown } | null)?.type);
    if (tool !== undefined) {
      attributes[ATTR_OPENAI_REQUEST_WEB_SEARCH_TOOL] = tool;
      return;
    }
  }
}

const COMPLETIONS_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'string'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_tokens'], 'count'],
  ...SAMPLING_REQUEST,
];

const EMBEDDINGS_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'string'],
  [ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, ['encoding_format'], 'strings'],
  [ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, ['dimensions'], 'count'],
];

/** The response fields every OpenAI body (and every chat and completion chunk) carries. */
const RESPONSE: AttributeTable = [
  [ATTR_GEN_AI_RESPONSE_ID, ['id'], 'identifier'],
  [ATTR_GEN_AI_RESPONSE_MODEL, ['model'], 'string'],
  [ATTR_OPENAI_RESPONSE_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
  [ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT, ['system_fingerprint'], 'identifier'],
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

/** `usage` of the Responses API. */
const RESPONSES_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['input_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['output_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['input_tokens_details', 'cached_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ['input_tokens_details', 'cache_write_tokens'], 'count'],
  // The writes by retention (openai 7.50 on): a 12-hour write costs more than a 30-minute one.
  [ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_30M_TOKENS, ['input_tokens_details', 'cache_write_tokens_details', 'ttl_30m_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_12H_TOKENS, ['input_tokens_details', 'cache_write_tokens_details', 'ttl_12h_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, ['output_tokens_details', 'reasoning_tokens'], 'count'],
];

interface WithChoices {
  choices?: unknown;
  usage?: unknown;
}

/**
 * Records a choice's `finish_reason` at the choice's `index` (its position when the index is none
 * a choice can have); run by `forEachOutput` on the first 128 choices: the API makes no more
 * (../api-fields.ts).
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
 * `stream_options.include_usage`.
 */
function readChoicesChunk(call: ObservedCall, chunk: unknown): void {
  const { choices, usage } = (chunk ?? {}) as WithChoices;
  if (usage !== undefined && usage !== null) {
    const attributes = readAttributes(RESPONSE, chunk, {});
    readPromptUsage(call, usage, attributes);
    call.setAttributes(attributes);
  } else if (!call.hasStreamedEvents) {
    call.setAttributes(readAttributes(RESPONSE, chunk, {}));
  }
  forEachOutput(choices, readFinishReason, call);
}

/**
 * A Responses API response, whole. Its `status` (`completed`, `incomplete`, `failed`) stands as
 * the finish reason, refined by `incomplete_details.reason` (`max_output_tokens`,
 * `content_filter`) when the response stopped early.
 */
function readResponsesResponse(call: ObservedCall, body: unknown): void {
  const response = body as { usage?: unknown; status?: unknown; incomplete_details?: { reason?: unknown } | null; output?: unknown } | null;
  const attributes = readAttributes(RESPONSE, body, {});
  readAllOrNone(RESPONSES_USAGE, response?.usage, attributes);
  readToolCalls(response?.output, attributes);
  call.setAttributes(attributes);
  const reason = enumValue(RESPONSE_FINISH_REASONS, response?.incomplete_details?.reason ?? response?.status);
  if (reason !== undefined) call.setFinishReason(0, reason);
}

/**
 * Counts the calls of the built-in tools billed by the call among a response's `output` items:
 * `web_search_call` (whatever its action) and `file_search_call`, each written when there was one.
 * Every item is looked at: a research run may search hundreds of times.
 */
function readToolCalls(output: unknown, attributes: Attributes): void {
  if (!Array.isArray(output)) return;
  let webSearches = 0;
  let fileSearches = 0;
  for (let index = 0; index < output.length; index++) {
    const type = (output[index] as { type?: unknown } | null)?.type;
    if (type === 'web_search_call') webSearches++;
    else if (type === 'file_search_call') fileSearches++;
  }
  if (webSearches > 0) attributes[ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES] = webSearches;
  if (fileSearches > 0) attributes[ATTR_LLM_OBSERVER_USAGE_FILE_SEARCHES] = fileSearches;
}

/** The events of a streamed Responses API call that carry the response object. */
const RESPONSE_EVENTS = new Set(['response.created', 'response.completed', 'response.incomplete', 'response.failed']);

function readResponsesEvent(call: ObservedCall, event: unknown): void {
  const { type, response } = (event ?? {}) as { type?: unknown; response?: unknown };
  if (typeof type === 'string' && RESPONSE_EVENTS.has(type)) {
    if (type === 'response.created') call.setAttributes(readAttributes(RESPONSE, response, {}));
    else readResponsesResponse(call, response);
  }
}

function readEmbeddingsResponse(call: ObservedCall, body: unknown): void {
  const attributes = readAttributes(RESPONSE, body, {});
  readPromptUsage(call, (body as WithChoices | null)?.usage, attributes);
  call.setAttributes(attributes);
}

const CHAT: Surface = {
  operation: 'chat',
  request: CHAT_REQUEST,
  errorCodes: OPENAI_ERROR_CODES,
  cacheablePrefix: chatCacheablePrefix,
  readResponse: readChoicesResponse,
  readStreamEvent: readChoicesChunk,
  content: CHAT_CONTENT,
};

const RESPONSES: Surface = {
  operation: 'chat',
  request: RESPONSES_REQUEST,
  readRequest: readWebSearchTool,
  errorCodes: OPENAI_ERROR_CODES,
  cacheablePrefix: responsesCacheablePrefix,
  readResponse: readResponsesResponse,
  readStreamEvent: readResponsesEvent,
  content: RESPONSES_CONTENT,
};

/**
 * `responses.compact` (POST /responses/compact): a Responses request's fields, and a response
 * read as a Responses API response; a compacted one carries only its id and usage of the fields
 * that reads (it names no model, tier or status: the SDK's `CompactedResponse`). The endpoint does
 * not stream. Its output is not the model's (COMPACT_CONTENT).
 */
const COMPACT: Surface = { ...RESPONSES, operation: 'compact', content: COMPACT_CONTENT };

const COMPLETIONS: Surface = {
  operation: 'text_completion',
  request: COMPLETIONS_REQUEST,
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readChoicesResponse,
  readStreamEvent: readChoicesChunk,
  content: COMPLETIONS_CONTENT,
};

const EMBEDDINGS: Surface = {
  operation: 'embeddings',
  request: EMBEDDINGS_REQUEST,
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readEmbeddingsResponse,
  readStreamEvent: readEmbeddingsResponse,
  content: EMBEDDINGS_CONTENT,
};

/**
 * The resource classes whose `create` is wrapped (and `compact` of `Responses`), by their path
 * from the `OpenAI` class. The helpers (`chat.completions.parse`, `.stream()`, `.runTools()`,
 * `responses.parse`, `responses.stream()`, and 4.x's `beta.chat.completions.*`) call these
 * `create`s, so each of their API calls has its span from here.
 */
export const OPENAI_SURFACES: readonly SurfacePatch[] = [
  { resourcePath: ['Chat', 'Completions'], surface: CHAT },
  { resourcePath: ['Responses'], surface: RESPONSES },
  // Compaction bills its tokens too (openai 6.10 on; a release without the method leaves it untraced).
  { resourcePath: ['Responses'], method: 'compact', surface: COMPACT },
  { resourcePath: ['Completions'], surface: COMPLETIONS },
  { resourcePath: ['Embeddings'], surface: EMBEDDINGS },
];
