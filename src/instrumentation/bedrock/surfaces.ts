import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_AWS_BEDROCK_REQUEST_SERVICE_TIER,
  ATTR_AWS_BEDROCK_RESPONSE_SERVICE_TIER,
  ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS,
  ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
} from '../../semconv.js';
import { fields, forEach, type Fields } from '../api-fields.js';
import { enumValue, oneOf, readAllOrNone, readStreamedRequest, type AttributeTable } from '../attribute-table.js';
import type { ErrorCodes, ObservedCall, Surface } from '../provider-contract.js';
import { converseCacheablePrefix } from './cache-prefix.js';
import { CONVERSE_CONTENT } from './content.js';

/**
 * Amazon Bedrock's Converse API, as the AWS SDK's `ConverseCommand` and `ConverseStreamCommand`
 * send it: the command's `input` is the request (`modelId`, `messages`, `system`,
 * `inferenceConfig`, `toolConfig`, `serviceTier`), and `send` resolves to the response, deserialized
 * (`output.message`, `stopReason`, `usage`, `metrics`, `serviceTier`), or, streamed, to an object
 * whose `stream` yields the events (`messageStart`, `contentBlockStart`, `contentBlockDelta`,
 * `contentBlockStop`, `messageStop`, `metadata`), each an object with one of these fields.
 * The response names no model: the request's `modelId` is the call's model.
 *
 * The usage's `inputTokens` counts only the input that was neither read from nor written to the
 * cache (Bedrock's prompt-caching guide: the whole input is `inputTokens + cacheReadInputTokens +
 * cacheWriteInputTokens`); `gen_ai.usage.input_tokens` takes all three, as the conventions count
 * it. `cacheDetails` splits the writes by the cache's lifetime (5 minutes, 1 hour).
 * API reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
 * API_runtime_ConverseStream.html, API_runtime_TokenUsage.html
 */

/** The stop reasons (API reference, `StopReason`). */
const STOP_REASONS = oneOf(
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'guardrail_intervened',
  'content_filtered',
  'malformed_model_output',
  'malformed_tool_use',
  'model_context_window_exceeded',
);

/** The service tiers (`ServiceTier.type`). */
export const SERVICE_TIERS = oneOf('default', 'flex', 'priority', 'reserved');

/**
 * The SDK's errors carry no provider code beside their class (the span's `error.type`, e.g.
 * `ThrottlingException`): the summary adds the HTTP status, which the SDK keeps in
 * `$metadata.httpStatusCode`, and whose fault the SDK says it was (`$fault`).
 */
export const BEDROCK_ERROR_CODES: ErrorCodes = { codePath: ['$fault'], known: oneOf('client', 'server'), statusPath: ['$metadata', 'httpStatusCode'] };

const CONVERSE_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['modelId'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['inferenceConfig', 'maxTokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['inferenceConfig', 'temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['inferenceConfig', 'topP'], 'number'],
  // The sequences are the application's text: their count, never themselves.
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['inferenceConfig', 'stopSequences'], 'listed'],
  [ATTR_AWS_BEDROCK_REQUEST_SERVICE_TIER, ['serviceTier', 'type'], SERVICE_TIERS],
];

/** The usage's counts, read whole or not at all; the input is made whole below. */
const USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['inputTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['outputTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['cacheReadInputTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ['cacheWriteInputTokens'], 'count'],
];

/** The attribute of each lifetime `cacheDetails` names. */
const CACHE_WRITE_TTLS: Readonly<Record<string, string>> = {
  '5m': ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS,
  '1h': ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS,
};

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The writes by lifetime that `cacheDetails` lists (the lifetimes of that call's writes only), each
 * written, a lifetime it does not list as 0, so that the cost processor finds a split that does
 * not add up to the writes (and leaves the call unpriced, as for Anthropic's). A list with an entry
 * that is not a lifetime the API names with a count is no split: the writes are priced at the
 * default lifetime's price. Returns false for a list that counts writes in a usage that counts
 * none (`cacheWriteInputTokens` absent): the writes would be missing from the input, so the usage
 * is not read; and for one whose writes add up past 2^53.
 */
function readCacheDetails(details: unknown, attributes: Attributes): boolean {
  if (!Array.isArray(details) || details.length === 0) return true;
  const split: Attributes = { [ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS]: 0, [ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS]: 0 };
  let whole = true;
  forEach(details, (detail) => {
    const attribute = typeof detail.ttl === 'string' && Object.hasOwn(CACHE_WRITE_TTLS, detail.ttl) ? CACHE_WRITE_TTLS[detail.ttl] : undefined;
    if (attribute === undefined || !isCount(detail.inputTokens)) whole = false;
    else split[attribute] = (split[attribute] as number) + detail.inputTokens;
  });
  const written = (split[ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_5M_INPUT_TOKENS] as number) + (split[ATTR_AWS_BEDROCK_USAGE_CACHE_WRITE_1H_INPUT_TOKENS] as number);
  if (!whole) return true;
  // Writes past 2^53 are no count: the usage is not read, rather than priced as if it wrote nothing.
  if (!Number.isSafeInteger(written)) return false;
  if (attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] === undefined) return written === 0;
  Object.assign(attributes, split);
  return true;
}

/** Leaves the usage's counts off `attributes`. */
function dropUsage(table: AttributeTable, attributes: Attributes): void {
  for (const [attribute] of table) delete attributes[attribute];
}

/**
 * A `TokenUsage` (or a usage that names its counts as `table` says): its counts when they all are
 * counts, the input with the cache's parts added.
 */
export function readUsage(usage: unknown, attributes: Attributes, table: AttributeTable = USAGE): void {
  if (typeof usage !== 'object' || usage === null) return;
  if (!readAllOrNone(table, usage, attributes)) return;
  const input = attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS];
  if (typeof input !== 'number') return;
  const whole = input + ((attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] as number | undefined) ?? 0) + ((attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] as number | undefined) ?? 0);
  // A sum past 2^53 is no count, and writes by lifetime that the usage does not count would be
  // missing from the input: the usage is dropped whole rather than priced wrong.
  if (!Number.isSafeInteger(whole) || !readCacheDetails((usage as Fields).cacheDetails, attributes)) return dropUsage(table, attributes);
  attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = whole;
}

/** The response's or the `metadata` event's usage and service tier, and the stop reason. */
function readUsageAndTier(call: ObservedCall, source: Fields): void {
  const attributes: Attributes = {};
  readUsage(source.usage, attributes);
  const tier = enumValue(SERVICE_TIERS, fields(source.serviceTier).type);
  if (tier !== undefined) attributes[ATTR_AWS_BEDROCK_RESPONSE_SERVICE_TIER] = tier;
  call.setAttributes(attributes);
}

export function readStopReason(call: ObservedCall, reason: unknown): void {
  const stopReason = enumValue(STOP_REASONS, reason);
  if (stopReason !== undefined) call.setFinishReason(0, stopReason);
}

/** A `ConverseResponse`. */
function readConverseResponse(call: ObservedCall, body: unknown): void {
  const response = fields(body);
  readStopReason(call, response.stopReason);
  readUsageAndTier(call, response);
}

/** One event of a `ConverseStream`'s stream: the stop reason comes with `messageStop`, the usage with `metadata`. */
function readConverseStreamEvent(call: ObservedCall, event: unknown): void {
  const { messageStop, metadata } = fields(event);
  if (messageStop !== undefined) readStopReason(call, fields(messageStop).stopReason);
  else if (metadata !== undefined) readUsageAndTier(call, fields(metadata));
}

export const CONVERSE: Surface = {
  operation: 'chat',
  request: CONVERSE_REQUEST,
  cacheablePrefix: converseCacheablePrefix,
  readResponse: readConverseResponse,
  readStreamEvent: readConverseStreamEvent,
  content: CONVERSE_CONTENT,
  errorCodes: BEDROCK_ERROR_CODES,
};

export const CONVERSE_STREAM: Surface = { ...CONVERSE, readRequest: readStreamedRequest };
