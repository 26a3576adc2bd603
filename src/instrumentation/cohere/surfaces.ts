import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
} from '../../semconv.js';
import { fields, type Fields } from '../api-fields.js';
import { enumValue, oneOf, readAllOrNone, readAttributes, readStreamedRequest, type AttributeTable } from '../attribute-table.js';
import type { ObservedCall, Surface, SurfacePatch } from '../provider-contract.js';
import { V1_CHAT_CONTENT, V2_CHAT_CONTENT, EMBED_CONTENT } from './content.js';

/**
 * Cohere's chat and embed endpoints, v2 and v1, as `cohere-ai` hands them to the application: the
 * SDK takes its requests and returns its responses in camelCase (`maxTokens`, `finishReason`,
 * `billedUnits`), converted from the API's snake_case (Cohere API reference, v2 "Chat", "Chat with
 * Streaming", "Embed"; v1 "Chat", "Chat with Streaming", "Embed"). One table row per field.
 */

/** The finish reasons of both versions (v2 `ChatFinishReason`, v1 `FinishReason`), as Cohere names them. */
const FINISH_REASONS = oneOf(
  'COMPLETE',
  'STOP_SEQUENCE',
  'MAX_TOKENS',
  'TOOL_CALL',
  'ERROR',
  'ERROR_TOXIC',
  'ERROR_LIMIT',
  'USER_CANCEL',
  'TIMEOUT',
);

/** `responseFormat.type` to `gen_ai.output.type`. */
const OUTPUT_TYPES = { text: 'text', json_object: 'json' } as const;

/** A chat request of either version: the model, its sampling (`p` and `k`), length, seed, penalties and output format. */
const CHAT_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['p'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_K, ['k'], 'number'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['maxTokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_SEED, ['seed'], 'integer'],
  [ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, ['frequencyPenalty'], 'number'],
  [ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, ['presencePenalty'], 'number'],
  // The sequences are the application's text: their count here, themselves only with content capture (./content.ts).
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['stopSequences'], 'listed'],
  [ATTR_GEN_AI_OUTPUT_TYPE, ['responseFormat', 'type'], OUTPUT_TYPES],
];

/** An embed request: the model, the embedding types asked for, and (v2) their dimension. */
const EMBED_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, ['embeddingTypes'], 'strings'],
  [ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, ['outputDimension'], 'count'],
];

/**
 * The billed units (API reference, `usage.billed_units`, v1 and embed `meta.billed_units`): what
 * Cohere bills. The `tokens` beside them count the tokens Cohere adds to a prompt and the model's
 * special tokens too, which are not billed (Cohere's "How does Cohere's pricing work?"), and
 * `cached_tokens` counts prompt tokens that hit Cohere's inference cache, for which its pricing
 * names no price of its own: neither is read. Read whole or not at all.
 */
const BILLED_UNITS: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['inputTokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['outputTokens'], 'count'],
];

/**
 * Cohere documents no error codes: the SDK's errors (`CohereError` and one class per HTTP status,
 * `TooManyRequestsError`, `BadRequestError`) hold the HTTP status as `statusCode`; their class is
 * the error type, and their body, which can echo the input, is never read.
 */
const ERROR_CODES = { codePath: ['code'], known: oneOf(), statusPath: ['statusCode'] } as const;

/** The response's id: v2's `id` (and an embed's), v1's `generationId`. */
const V2_RESPONSE: AttributeTable = [[ATTR_GEN_AI_RESPONSE_ID, ['id'], 'identifier']];
const V1_RESPONSE: AttributeTable = [[ATTR_GEN_AI_RESPONSE_ID, ['generationId'], 'identifier']];

/** Records what `table` reads of `source`. */
function readTable(call: ObservedCall, table: AttributeTable, source: Fields): void {
  call.setAttributes(readAttributes(table, source, {}));
}

/** Records the billed units of a response, whole or not at all. */
function readBilledUnits(call: ObservedCall, billedUnits: unknown): void {
  if (billedUnits === undefined || billedUnits === null) return;
  const attributes: Attributes = {};
  readAllOrNone(BILLED_UNITS, billedUnits, attributes);
  call.setAttributes(attributes);
}

/** Records the one message's finish reason. */
function readFinishReason(call: ObservedCall, reason: unknown): void {
  if (typeof reason === 'string') call.setFinishReason(0, enumValue(FINISH_REASONS, reason) as string);
}

/** A v2 chat response, whole: `id`, `finishReason`, `usage.billedUnits`. */
function readV2Chat(call: ObservedCall, body: unknown): void {
  const response = fields(body);
  readTable(call, V2_RESPONSE, response);
  readFinishReason(call, response.finishReason);
  readBilledUnits(call, fields(response.usage).billedUnits);
}

/**
 * One event of a v2 chat stream: `message-start` names the response's id; `message-end` holds the
 * finish reason and the usage in its `delta`. The content events are read by ./content.ts.
 */
function readV2ChatEvent(call: ObservedCall, event: unknown): void {
  const chunk = fields(event);
  if (chunk.type === 'message-start') readTable(call, V2_RESPONSE, chunk);
  else if (chunk.type === 'message-end') {
    const end = fields(chunk.delta);
    readFinishReason(call, end.finishReason);
    readBilledUnits(call, fields(end.usage).billedUnits);
  }
}

/** A v1 chat response, whole: `generationId`, `finishReason`, `meta.billedUnits`. */
function readV1Chat(call: ObservedCall, body: unknown): void {
  const response = fields(body);
  readTable(call, V1_RESPONSE, response);
  readFinishReason(call, response.finishReason);
  readBilledUnits(call, fields(response.meta).billedUnits);
}

/** One event of a v1 chat stream (`eventType`): `stream-start` names the generation; `stream-end` holds the whole response. */
function readV1ChatEvent(call: ObservedCall, event: unknown): void {
  const chunk = fields(event);
  if (chunk.eventType === 'stream-start') readTable(call, V1_RESPONSE, chunk);
  else if (chunk.eventType === 'stream-end') {
    readV1Chat(call, chunk.response);
    readFinishReason(call, chunk.finishReason);
  }
}

/** An embed response of either version: `id`, `meta.billedUnits` (input tokens only). */
function readEmbed(call: ObservedCall, body: unknown): void {
  const response = fields(body);
  readTable(call, V2_RESPONSE, response);
  readBilledUnits(call, fields(response.meta).billedUnits);
}

const V2_CHAT: Surface = {
  operation: 'chat',
  request: CHAT_REQUEST,
  errorCodes: ERROR_CODES,
  readResponse: readV2Chat,
  readStreamEvent: readV2ChatEvent,
  content: V2_CHAT_CONTENT,
};

const V1_CHAT: Surface = { ...V2_CHAT, readResponse: readV1Chat, readStreamEvent: readV1ChatEvent, content: V1_CHAT_CONTENT };

const EMBED: Surface = {
  operation: 'embeddings',
  request: EMBED_REQUEST,
  errorCodes: ERROR_CODES,
  readResponse: readEmbed,
  readStreamEvent: readEmbed,
  content: EMBED_CONTENT,
};

/** The methods wrapped, by client class (./provider-sdk.ts finds the classes): each streaming method takes the same request as its plain one. */
export const COHERE_SURFACES: readonly SurfacePatch[] = [
  { resourcePath: ['V2'], method: 'chat', surface: V2_CHAT },
  { resourcePath: ['V2'], method: 'chatStream', surface: { ...V2_CHAT, readRequest: readStreamedRequest } },
  { resourcePath: ['V2'], method: 'embed', surface: EMBED },
  { resourcePath: ['V1'], method: 'chat', surface: V1_CHAT },
  { resourcePath: ['V1'], method: 'chatStream', surface: { ...V1_CHAT, readRequest: readStreamedRequest } },
  { resourcePath: ['V1'], method: 'embed', surface: EMBED },
];
