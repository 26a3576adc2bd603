import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_USAGE_FILE_SEARCHES,
  ATTR_LLM_OBSERVER_USAGE_IMAGE_GENERATIONS,
  ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
  ATTR_OPENAI_REQUEST_SERVICE_TIER,
  ATTR_OPENAI_REQUEST_WEB_SEARCH_TOOL,
  ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_12H_TOKENS,
  ATTR_OPENAI_USAGE_CACHE_WRITE_TTL_30M_TOKENS,
  type OpenAIWebSearchTool,
} from '../../semconv.js';
import type { ObservedCall, Surface } from '../provider-contract.js';
import { enumValue, MAX_IDENTIFIER_CHARS, oneOf, readAllOrNone, readAttributes, type AttributeTable } from '../attribute-table.js';
import { openaiApiFormat } from '../formats/openai/lazy-openai-api.js';

const { COMPACT_CONTENT, OPENAI_ERROR_CODES, OUTPUT_TYPES, RESPONSE, RESPONSES_CONTENT, responsesCacheablePrefix, RETRIEVE_CONTENT, SERVICE_TIERS } = openaiApiFormat();

/** The Responses API (`responses.create`, `.compact`, `.retrieve`, `.cancel`): its requests, responses and stream events. */

/** A Responses API response's `status`, and `incomplete_details.reason`, which stands in for it when given. */
const RESPONSE_FINISH_REASONS = oneOf('completed', 'failed', 'in_progress', 'cancelled', 'queued', 'incomplete', 'max_output_tokens', 'content_filter');

const RESPONSES_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
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

type ResponseBody = {
  id?: unknown;
  background?: unknown;
  status?: unknown;
  incomplete_details?: { reason?: unknown } | null;
  usage?: unknown;
  output?: unknown;
} | null;

/** The statuses after which a response changes no more: its usage is final. */
const FINAL_STATUSES: ReadonlySet<unknown> = new Set(['completed', 'incomplete', 'failed', 'cancelled']);

/** The background responses whose final usage a span has carried, the most recent kept. */
const BACKGROUND_RESPONSES_KEPT = 4096;

/** The most recent ids added, up to a number, the oldest forgotten first. */
export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Adds `id`; returns whether it was not there. An id longer than any the API makes is kept nowhere: it is always new. */
  add(id: string): boolean {
    if (id.length > MAX_IDENTIFIER_CHARS) return true;
    if (this.ids.has(id)) return false;
    if (this.ids.size >= this.capacity) this.ids.delete(this.ids.values().next().value as string);
    this.ids.add(id);
    return true;
  }
}

/**
 * A background response (`background: true`) is billed once, but the call that makes it returns
 * it queued, with no usage, and the app then retrieves it until it is final, maybe again after:
 * its usage goes on the first span of this process that sees it final, the call's own (a streamed
 * one) or a retrieval's.
 */
const billedBackgroundResponses = new RecentIds(BACKGROUND_RESPONSES_KEPT);

/** The id of `response` when it is a background response now final, else `undefined`. */
function finalBackgroundId(response: ResponseBody): string | undefined {
  return response?.background === true && FINAL_STATUSES.has(response.status) && typeof response.id === 'string' ? response.id : undefined;
}

/**
 * A Responses API response that the call made, whole. Its `status` (`completed`, `incomplete`,
 * `failed`) stands as the finish reason, refined by `incomplete_details.reason`
 * (`max_output_tokens`, `content_filter`) when the response stopped early.
 */
function readResponsesResponse(call: ObservedCall, body: unknown): void {
  const response = body as ResponseBody;
  const backgroundId = finalBackgroundId(response);
  if (backgroundId !== undefined) billedBackgroundResponses.add(backgroundId);
  readResponseBody(call, response, 'made');
}

/**
 * A response retrieved (`responses.retrieve`): its usage is the call's that made it, but for a
 * background response seen final here first, whose usage this span carries, with the web search
 * tool its request offered (the response repeats the request's tools).
 */
function readRetrievedResponse(call: ObservedCall, body: unknown): void {
  const response = body as ResponseBody;
  const backgroundId = finalBackgroundId(response);
  const billedHere = backgroundId !== undefined && billedBackgroundResponses.add(backgroundId);
  readResponseBody(call, response, billedHere ? 'retrieved' : 'not billed');
}

/**
 * Writes what `response` says to the span: with its usage and tool calls where the span bills it,
 * as the call that `made` it or one that `retrieved` it (which has no request to tell the web
 * search tool: the response's own list of tools tells it).
 */
function readResponseBody(call: ObservedCall, response: ResponseBody, billed: 'made' | 'retrieved' | 'not billed'): void {
  const attributes = readAttributes(RESPONSE, response, {});
  if (billed !== 'not billed') {
    readAllOrNone(RESPONSES_USAGE, response?.usage, attributes);
    readToolCalls(response?.output, attributes);
    if (billed === 'retrieved') readWebSearchTool(response, attributes);
  }
  call.setAttributes(attributes);
  const reason = enumValue(RESPONSE_FINISH_REASONS, response?.incomplete_details?.reason ?? response?.status);
  if (reason !== undefined) call.setFinishReason(0, reason);
}

/**
 * Counts the calls of the built-in tools billed apart from the model's tokens among a response's
 * `output` items: `web_search_call` (whatever its action), `file_search_call` and
 * `image_generation_call` (whose image, `result`, is never read), each written when there was one.
 * Every item is looked at: a research run may search hundreds of times.
 */
function readToolCalls(output: unknown, attributes: Attributes): void {
  if (!Array.isArray(output)) return;
  let webSearches = 0;
  let fileSearches = 0;
  let imageGenerations = 0;
  for (let index = 0; index < output.length; index++) {
    const type = (output[index] as { type?: unknown } | null)?.type;
    if (type === 'web_search_call') webSearches++;
    else if (type === 'file_search_call') fileSearches++;
    else if (type === 'image_generation_call') imageGenerations++;
  }
  if (webSearches > 0) attributes[ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES] = webSearches;
  if (fileSearches > 0) attributes[ATTR_LLM_OBSERVER_USAGE_FILE_SEARCHES] = fileSearches;
  if (imageGenerations > 0) attributes[ATTR_LLM_OBSERVER_USAGE_IMAGE_GENERATIONS] = imageGenerations;
}

/** The events of a streamed Responses API call that carry the response object. */
const RESPONSE_EVENTS = new Set(['response.created', 'response.completed', 'response.incomplete', 'response.failed']);

/**
 * The reader of a stream's events that reads the response of its final ones with `readResponse`
 * (a call's own, or a retrieval's). Made once per surface: an event costs no call more than a
 * reader written out for each.
 */
function responsesEventReader(readResponse: (call: ObservedCall, body: unknown) => void): (call: ObservedCall, event: unknown) => void {
  return (call, event) => {
    const { type, response } = (event ?? {}) as { type?: unknown; response?: unknown };
    if (typeof type === 'string' && RESPONSE_EVENTS.has(type)) {
      if (type === 'response.created') call.setAttributes(readAttributes(RESPONSE, response, {}));
      else readResponse(call, response);
    }
  };
}

export const RESPONSES: Surface = {
  operation: 'chat',
  request: RESPONSES_REQUEST,
  readRequest: readWebSearchTool,
  errorCodes: OPENAI_ERROR_CODES,
  cacheablePrefix: responsesCacheablePrefix,
  readResponse: readResponsesResponse,
  readStreamEvent: responsesEventReader(readResponsesResponse),
  content: RESPONSES_CONTENT,
};

/**
 * `responses.compact` (POST /responses/compact): a Responses request's fields, and a response
 * read as a Responses API response; a compacted one carries only its id and usage of the fields
 * that reads (it names no model, tier or status: the SDK's `CompactedResponse`). The endpoint does
 * not stream. Its output is not the model's (COMPACT_CONTENT).
 */
export const COMPACT: Surface = { ...RESPONSES, operation: 'compact', content: COMPACT_CONTENT };

/**
 * `responses.retrieve` (GET /responses/{id}): a stored response fetched again, whole or streamed
 * from a cursor (`stream: true`, `starting_after`). Its request is the response's id, which names
 * no model: the span is named `retrieve_response`, and the response names the model. It carries
 * usage only for a background response it sees final first (`readRetrievedResponse`); a poll of a
 * response still queued or in progress carries none.
 */
export const RETRIEVE: Surface = {
  operation: 'retrieve_response',
  request: [],
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readRetrievedResponse,
  readStreamEvent: responsesEventReader(readRetrievedResponse),
  content: RETRIEVE_CONTENT,
};

/**
 * `responses.cancel` (POST /responses/{id}/cancel): a background response stopped, returned
 * `cancelled` with what it used until then, which is billed: read as a retrieval, so that this
 * span carries that usage unless a span has already carried the response's final usage.
 */
export const CANCEL: Surface = { ...RETRIEVE, operation: 'cancel_response' };
