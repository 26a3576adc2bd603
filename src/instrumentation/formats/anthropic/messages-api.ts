import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_ANTHROPIC_REQUEST_INFERENCE_GEO,
  ATTR_ANTHROPIC_REQUEST_SPEED,
  ATTR_ANTHROPIC_REQUEST_THINKING_BUDGET_TOKENS,
  ATTR_ANTHROPIC_RESPONSE_INFERENCE_GEO,
  ATTR_ANTHROPIC_RESPONSE_SERVICE_TIER,
  ATTR_ANTHROPIC_RESPONSE_SPEED,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
  ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
} from '../../../semconv.js';
import type { ObservedCall, Surface } from '../../provider-contract.js';
import { enumValue, oneOf, readAllOrNone, readAttributes, type AttributeTable } from '../../attribute-table.js';
import { readCacheBreakpoints } from './cache-breakpoints.js';
import { anthropicCacheablePrefix } from './cache-prefix.js';
import { COMPLETIONS_CONTENT, MESSAGES_CONTENT } from './content.js';

/**
 * The Anthropic API's Messages and legacy Text Completions, as their requests and responses read
 * on the wire: one table row per field. Read by the `anthropic` provider (the Claude API, and the
 * Bedrock and Vertex AI clients of `@anthropic-ai/sdk`) and by `bedrock`'s InvokeModel of a Claude
 * model, whose body is a Messages request without its model. The API's `usage.input_tokens` counts
 * only the input after the last cache breakpoint; the cache reads and writes come apart.
 * `gen_ai.usage.input_tokens` takes all three, as the conventions say, so that it means the same
 * for every provider.
 */

/** The service tiers a Message's `usage` may name (API reference, `usage.service_tier`). */
const SERVICE_TIERS = oneOf('standard', 'priority', 'batch');

/** The inference speeds (`speed`, `usage.speed`) and places (`inference_geo`, `usage.inference_geo`) the API reference names; each changes the price. */
const SPEEDS = oneOf('standard', 'fast');
const INFERENCE_GEOS = oneOf('global', 'us');

/** The stop reasons of a Message (API reference, `stop_reason`) and of a legacy Completion. */
const STOP_REASONS = oneOf('end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded');

/**
 * The error types the API documents (its errors page and the SDK's `ErrorObject`), which the SDK's
 * API error holds as `type`: recorded when it is one of them, else `_OTHER`.
 */
const ANTHROPIC_ERROR_CODES = {
  codePath: ['type'],
  known: oneOf(
    'invalid_request_error',
    'authentication_error',
    'billing_error',
    'permission_error',
    'not_found_error',
    'request_too_large',
    'rate_limit_error',
    'api_error',
    'timeout_error',
    'overloaded_error',
  ),
} as const;

/** The sampling parameters that Messages and legacy Text Completions share. */
const SAMPLING_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['top_p'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_K, ['top_k'], 'count'],
  // The sequences are the application's text: their count here, themselves only with content capture (content.ts).
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['stop_sequences'], 'listed'],
  [ATTR_GEN_AI_REQUEST_STREAM, ['stream'], 'boolean'],
];

const MESSAGES_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_tokens'], 'count'],
  ...SAMPLING_REQUEST,
  [ATTR_ANTHROPIC_REQUEST_THINKING_BUDGET_TOKENS, ['thinking', 'budget_tokens'], 'count'],
  [ATTR_ANTHROPIC_REQUEST_SPEED, ['speed'], SPEEDS],
  [ATTR_ANTHROPIC_REQUEST_INFERENCE_GEO, ['inference_geo'], INFERENCE_GEOS],
];

/** The legacy Text Completions API (`completions.create`, gone from the SDK in 1.0). */
const COMPLETIONS_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['max_tokens_to_sample'], 'count'],
  ...SAMPLING_REQUEST,
];

/** A Message (and a Completion): its id and the model that wrote it. */
const RESPONSE: AttributeTable = [
  [ATTR_GEN_AI_RESPONSE_ID, ['id'], 'identifier'],
  [ATTR_GEN_AI_RESPONSE_MODEL, ['model'], 'model'],
];

/**
 * A Message's `usage` counts, read whole or not at all (`readAllOrNone`). The API's `input_tokens`
 * is among them for that check; {@link readUsage} then writes the inclusive input count in its place.
 */
const USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['input_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['output_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['cache_read_input_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ['cache_creation_input_tokens'], 'count'],
  [ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS, ['cache_creation', 'ephemeral_5m_input_tokens'], 'count'],
  [ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS, ['cache_creation', 'ephemeral_1h_input_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, ['output_tokens_details', 'thinking_tokens'], 'count'],
];

/** The service tier, speed and inference place a Message's `usage` names, read whether or not its counts are. */
const USAGE_CONDITIONS: AttributeTable = [
  [ATTR_ANTHROPIC_RESPONSE_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
  [ATTR_ANTHROPIC_RESPONSE_SPEED, ['speed'], SPEEDS],
  [ATTR_ANTHROPIC_RESPONSE_INFERENCE_GEO, ['inference_geo'], INFERENCE_GEOS],
];

/** The counts of `usage` that together are the call's input; the cache counts are null or absent when nothing was cached. */
const INPUT_TOKEN_PARTS = ['input_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const;

type Usage = Partial<Record<string, unknown>>;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The input tokens of `usage`, cache reads and writes included; `undefined` without an `input_tokens` count. */
function inputTokens(usage: Usage): number | undefined {
  if (!isCount(usage['input_tokens'])) return undefined;
  let total = 0;
  for (const part of INPUT_TOKEN_PARTS) {
    const count = usage[part];
    if (isCount(count)) total += count;
  }
  return total;
}

/**
 * The web searches the API ran (`server_tool_use.web_search_requests`), each billed besides the
 * tokens, when there was one. Web fetches are not counted: they bill only their tokens.
 */
function readWebSearches(usage: Usage, attributes: Attributes): void {
  const searches = (usage['server_tool_use'] as Usage | null | undefined)?.['web_search_requests'];
  if (isCount(searches) && searches > 0) attributes[ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES] = searches;
}

/** The usage attributes of `usage`, when it is an object: its service tier and web searches, and its counts if they all are counts. */
function readUsage(usage: unknown, attributes: Attributes): Attributes {
  if (typeof usage !== 'object' || usage === null) return attributes;
  readAttributes(USAGE_CONDITIONS, usage, attributes);
  readWebSearches(usage as Usage, attributes);
  if (!readAllOrNone(USAGE, usage, attributes)) return attributes;
  const input = inputTokens(usage as Usage);
  if (input !== undefined) attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = input;
  return attributes;
}

interface Message {
  stop_reason?: unknown;
  usage?: unknown;
}

function setStopReason(call: ObservedCall, reason: unknown): void {
  const stopReason = enumValue(STOP_REASONS, reason);
  if (stopReason !== undefined) call.setFinishReason(0, stopReason);
}

/** A Message, whole: from `messages.create`, `parse()`, and their beta twins. */
function readMessage(call: ObservedCall, body: unknown): void {
  const message = (body ?? {}) as Message;
  call.setAttributes(readUsage(message.usage, readAttributes(RESPONSE, message, {})));
  setStopReason(call, message.stop_reason);
}

/**
 * The usage of each streamed Message so far. `message_start` has the usage at the start (the
 * output count a placeholder); `message_delta` has final counts, of the output always and of the
 * input and cache tokens when the API revised them (server tools add input), which then win.
 */
const streamedUsage = new WeakMap<ObservedCall, Usage>();

interface MessageStreamEvent {
  type?: unknown;
  message?: Message;
  delta?: { stop_reason?: unknown } | null;
  usage?: unknown;
}

/** One event of a streamed Message; only `message_start` and `message_delta` carry what the span records. */
function readMessageEvent(call: ObservedCall, event: unknown): void {
  const streamEvent = (event ?? {}) as MessageStreamEvent;
  if (streamEvent.type === 'message_start') {
    const usageAtStart: Usage = { ...(streamEvent.message?.usage as Usage | undefined) };
    streamedUsage.set(call, usageAtStart);
    call.setAttributes(readUsage(usageAtStart, readAttributes(RESPONSE, streamEvent.message, {})));
  } else if (streamEvent.type === 'message_delta') {
    const finalUsage: Usage = { ...streamedUsage.get(call) };
    for (const [name, count] of Object.entries((streamEvent.usage ?? {}) as Usage)) {
      if (count !== null && count !== undefined) finalUsage[name] = count;
    }
    streamedUsage.set(call, finalUsage);
    call.setAttributes(readUsage(finalUsage, {}));
    setStopReason(call, streamEvent.delta?.stop_reason);
  }
}

/** A Completion of the legacy API, whole: it has no usage. */
function readCompletion(call: ObservedCall, body: unknown): void {
  call.setAttributes(readAttributes(RESPONSE, body, {}));
  setStopReason(call, (body as { stop_reason?: unknown } | null)?.stop_reason);
}

/** One streamed `completion` event: each repeats the id and model; the last has the stop reason. */
function readCompletionEvent(call: ObservedCall, event: unknown): void {
  if (!call.hasStreamedEvents) call.setAttributes(readAttributes(RESPONSE, event, {}));
  setStopReason(call, (event as { stop_reason?: unknown } | null)?.stop_reason);
}

export const MESSAGES: Surface = {
  operation: 'chat',
  request: MESSAGES_REQUEST,
  errorCodes: ANTHROPIC_ERROR_CODES,
  readRequest: readCacheBreakpoints,
  cacheablePrefix: anthropicCacheablePrefix,
  readResponse: readMessage,
  readStreamEvent: readMessageEvent,
  content: MESSAGES_CONTENT,
};

export const COMPLETIONS: Surface = {
  operation: 'text_completion',
  request: COMPLETIONS_REQUEST,
  errorCodes: ANTHROPIC_ERROR_CODES,
  readResponse: readCompletion,
  readStreamEvent: readCompletionEvent,
  content: COMPLETIONS_CONTENT,
};
