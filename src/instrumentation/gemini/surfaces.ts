import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEMINI_CACHE_NAME,
  ATTR_GEMINI_REQUEST_CACHED_CONTENT,
  ATTR_GEMINI_REQUEST_SERVICE_TIER,
  ATTR_GEMINI_RESPONSE_SERVICE_TIER,
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_CACHE_STORAGE_SECONDS,
  ATTR_LLM_OBSERVER_CACHE_STORAGE_TOKENS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
} from '../../semconv.js';
import { fields, forEachOutput, outputIndex } from '../api-fields.js';
import { enumValue, oneOf, readAttributes, readStreamedRequest, type AttributeTable } from '../attribute-table.js';
import type { ObservedCall, Surface, SurfacePatch } from '../provider-contract.js';
import { forgetCache, storageSecondsAdded } from './cache-storage.js';
import { geminiCacheablePrefix } from './cache-prefix.js';
import { EMBED_CONTENT_CONTENT, GENERATE_CONTENT_CONTENT } from './content.js';
import { readGrounding } from './grounding.js';
import { INTERACTIONS } from './interactions.js';
import { GEMINI_ERROR_CODES, isCount, readUsage, SERVICE_TIERS, TRAFFIC_TYPE_TIERS } from './responses.js';

/**
 * The Gemini API and Vertex AI as `@google/genai` calls them. The SDK's public methods
 * (`models.generateContent`, `chats.sendMessage`, …) may make several API calls (automatic function
 * calling, automatic continuation), and chats call the models' methods: so the methods wrapped are
 * those that make one API call each, on the prototypes of `Models` and `Caches`. They take the
 * public method's parameters (`{model, contents, config}`) and return the SDK's parsed response,
 * in camelCase as the REST API writes it. The Interactions API is the NextGen client's own
 * surface, in snake_case (./interactions.ts).
 *
 * `usageMetadata.promptTokenCount` includes `cachedContentTokenCount` (implicit cache hits and
 * reads of an explicit cache alike); `candidatesTokenCount` leaves out `thoughtsTokenCount`, which
 * is billed as output. `gen_ai.usage.output_tokens` takes both, and `gen_ai.usage.input_tokens`
 * the prompt and `toolUsePromptTokenCount`, as the conventions count them.
 */

/** The finish reasons a candidate may have (API reference, `FinishReason`). */
const FINISH_REASONS = oneOf(
  'STOP',
  'MAX_TOKENS',
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'MALFORMED_FUNCTION_CALL',
  'IMAGE_SAFETY',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
  'FINISH_REASON_UNSPECIFIED',
);

export const GENERATE_CONTENT_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['config', 'maxOutputTokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['config', 'temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['config', 'topP'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_K, ['config', 'topK'], 'count'],
  [ATTR_GEN_AI_REQUEST_CHOICE_COUNT, ['config', 'candidateCount'], 'count'],
  [ATTR_GEN_AI_REQUEST_SEED, ['config', 'seed'], 'integer'],
  [ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, ['config', 'presencePenalty'], 'number'],
  [ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, ['config', 'frequencyPenalty'], 'number'],
  // The sequences are the application's text: their count, never themselves.
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['config', 'stopSequences'], 'listed'],
  [ATTR_GEMINI_REQUEST_CACHED_CONTENT, ['config', 'cachedContent'], 'identifier'],
  [ATTR_GEMINI_REQUEST_SERVICE_TIER, ['config', 'serviceTier'], SERVICE_TIERS],
];

const RESPONSE: AttributeTable = [
  [ATTR_GEN_AI_RESPONSE_ID, ['responseId'], 'identifier'],
  [ATTR_GEN_AI_RESPONSE_MODEL, ['modelVersion'], 'model'],
  // The tier that served the call: Vertex AI's traffic type, the Gemini API's tier (each API reports one of them).
  [ATTR_GEMINI_RESPONSE_SERVICE_TIER, ['usageMetadata', 'trafficType'], TRAFFIC_TYPE_TIERS],
  [ATTR_GEMINI_RESPONSE_SERVICE_TIER, ['usageMetadata', 'serviceTier'], SERVICE_TIERS],
];

/**
 * A `GenerateContentResponse`, whole or one chunk of a stream: each chunk repeats the id and model,
 * and the last has the final usage. A candidate grounded with Google Search or Maps says so (./grounding.ts).
 */
function readGenerateContentResponse(call: ObservedCall, body: unknown): void {
  const response = fields(body);
  const attributes = readUsage(response.usageMetadata, readAttributes(RESPONSE, response, {}));
  forEachOutput(response.candidates, (candidate, position) => {
    const reason = enumValue(FINISH_REASONS, candidate.finishReason);
    if (reason !== undefined) call.setFinishReason(outputIndex(candidate.index, position), reason);
    if (candidate.groundingMetadata !== undefined) readGrounding(call, candidate.groundingMetadata, attributes);
  });
  call.setAttributes(attributes);
}

/**
 * An `EmbedContentResponse`: the Gemini API reports no usage; Vertex AI gives each embedding's
 * `statistics.tokenCount`, whose sum is the input.
 */
function readEmbeddings(call: ObservedCall, body: unknown): void {
  const embeddings = fields(body).embeddings;
  if (!Array.isArray(embeddings)) return;
  const attributes: Attributes = {};
  const values = fields(embeddings[0]).values;
  if (Array.isArray(values)) attributes[ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT] = values.length;
  const tokenCounts = embeddings.map((embedding) => fields(fields(embedding).statistics).tokenCount);
  if (tokenCounts.length > 0 && tokenCounts.every(isCount)) {
    attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = tokenCounts.reduce((sum, count) => sum + count, 0);
    attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = 0;
  }
  call.setAttributes(attributes);
}

/** `countTokens` is not billed: its span records the call, and no usage that would price it. */
const readNothing = (): void => undefined;

const CACHE_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEMINI_CACHE_NAME, ['name'], 'identifier'],
];

const CACHE_RESPONSE: AttributeTable = [
  [ATTR_GEN_AI_RESPONSE_MODEL, ['model'], 'model'],
  [ATTR_GEMINI_CACHE_NAME, ['name'], 'identifier'],
  [ATTR_LLM_OBSERVER_CACHE_STORAGE_TOKENS, ['usageMetadata', 'totalTokenCount'], 'count'],
];

/**
 * A `CachedContent`: its name, model, size, and the storage time the call adds (to the second): from
 * a create, how long it is kept; from an update, how long it is kept past what was counted before
 * (cache-storage.ts).
 */
function cachedContentReader(created: boolean): (call: ObservedCall, body: unknown) => void {
  return (call, body) => {
    const cache = fields(body);
    const attributes = readAttributes(CACHE_RESPONSE, cache, {});
    const fromMs = Date.parse(String(cache.updateTime ?? cache.createTime));
    const untilMs = Date.parse(String(cache.expireTime));
    if (Number.isFinite(fromMs) && Number.isFinite(untilMs) && untilMs >= fromMs) {
      const name = typeof cache.name === 'string' ? cache.name : undefined;
      attributes[ATTR_LLM_OBSERVER_CACHE_STORAGE_SECONDS] = storageSecondsAdded(name, fromMs, untilMs, created);
    }
    call.setAttributes(attributes);
  };
}

/** The request of `caches.delete` names the cache, which is forgotten (its response is empty). */
function readDeleteRequest(body: unknown): void {
  forgetCache(fields(body).name);
}

export const GENERATE_CONTENT: Surface = {
  operation: 'generate_content',
  request: GENERATE_CONTENT_REQUEST,
  errorCodes: GEMINI_ERROR_CODES,
  cacheablePrefix: geminiCacheablePrefix,
  readResponse: readGenerateContentResponse,
  readStreamEvent: readGenerateContentResponse,
  content: GENERATE_CONTENT_CONTENT,
};

export const GENERATE_CONTENT_STREAM: Surface = { ...GENERATE_CONTENT, readRequest: readStreamedRequest };

export const EMBED_CONTENT: Surface = {
  operation: 'embeddings',
  request: [[ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model']],
  errorCodes: GEMINI_ERROR_CODES,
  readResponse: readEmbeddings,
  readStreamEvent: readNothing,
  content: EMBED_CONTENT_CONTENT,
};

export const COUNT_TOKENS: Surface = {
  operation: 'count_tokens',
  request: [[ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model']],
  errorCodes: GEMINI_ERROR_CODES,
  readResponse: readNothing,
  readStreamEvent: readNothing,
};

const cacheSurface = (operation: 'create_cached_content' | 'update_cached_content' | 'delete_cached_content'): Surface => ({
  operation,
  request: CACHE_REQUEST,
  errorCodes: GEMINI_ERROR_CODES,
  ...(operation === 'delete_cached_content'
    ? { readRequest: readDeleteRequest, readResponse: readNothing }
    : { readResponse: cachedContentReader(operation === 'create_cached_content') }),
  readStreamEvent: readNothing,
});

/**
 * The methods wrapped, each making one API call, by their class in the module's exports. A method
 * one release line names otherwise has a row per name: a release has one of them on its prototype,
 * and the others are not wrapped. Embeddings: `embedContentInternal` from 1.42.0 (`embedContent` is
 * then an arrow function of the instance that calls it); `embedContent` itself before.
 */
export const GEMINI_SURFACES: readonly SurfacePatch[] = [
  { resourcePath: ['Models'], method: 'generateContentInternal', surface: GENERATE_CONTENT },
  { resourcePath: ['Models'], method: 'generateContentStreamInternal', surface: GENERATE_CONTENT_STREAM },
  { resourcePath: ['Models'], method: 'embedContentInternal', surface: EMBED_CONTENT },
  { resourcePath: ['Models'], method: 'embedContent', surface: EMBED_CONTENT },
  { resourcePath: ['Models'], method: 'countTokens', surface: COUNT_TOKENS },
  { resourcePath: ['Caches'], method: 'create', surface: cacheSurface('create_cached_content') },
  { resourcePath: ['Caches'], method: 'update', surface: cacheSurface('update_cached_content') },
  { resourcePath: ['Caches'], method: 'delete', surface: cacheSurface('delete_cached_content') },
  // The Interactions API: `ai.interactions`, whose class the module does not export (./provider-sdk.ts).
  { resourcePath: ['GeminiNextGenInteractions'], method: 'create', surface: INTERACTIONS },
];
