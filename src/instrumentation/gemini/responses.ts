import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEMINI_USAGE_CACHED_AUDIO_TOKENS,
  ATTR_GEMINI_USAGE_CANDIDATES_AUDIO_TOKENS,
  ATTR_GEMINI_USAGE_CANDIDATES_IMAGE_TOKENS,
  ATTR_GEMINI_USAGE_PROMPT_AUDIO_TOKENS,
  ATTR_GEMINI_USAGE_TOOL_USE_PROMPT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '../../semconv.js';
import { fields } from '../api-fields.js';
import { oneOf } from '../attribute-table.js';

/**
 * What the responses of every Gemini surface share (./surfaces.ts, ./interactions.ts): the error
 * codes, the service tiers, and the usage counts as `usageMetadata` gives them.
 */

/**
 * The SDK's `ApiError` holds the HTTP status only; the API's `error.status` (`RESOURCE_EXHAUSTED`)
 * is inside its message, which can echo the input and is not read. The field named here is none
 * the error has, so the span's status reads `ApiError 429`.
 */
export const GEMINI_ERROR_CODES = {
  codePath: ['code'],
  known: oneOf('INVALID_ARGUMENT', 'PERMISSION_DENIED', 'NOT_FOUND', 'RESOURCE_EXHAUSTED', 'INTERNAL', 'UNAVAILABLE'),
} as const;

/**
 * The service tiers a request asks for and a Gemini API response reports (`ServiceTier`, and the
 * Interactions API's `service_tier`); Vertex AI reports its traffic type instead (below).
 */
export const SERVICE_TIERS = oneOf('unspecified', 'standard', 'flex', 'priority', 'deferred');

/**
 * Vertex AI's `usageMetadata.trafficType`, which says how it served a call where the Gemini API
 * reports a tier, as the tier it is priced at: pay-as-you-go (`standard`), Priority PayGo, Flex
 * PayGo; off-peak and Provisioned Throughput (paid for by subscription, not by the token) under
 * names of their own, which the price table does not price.
 */
export const TRAFFIC_TYPE_TIERS: Readonly<Record<string, string>> = {
  ON_DEMAND: 'standard',
  ON_DEMAND_PRIORITY: 'priority',
  ON_DEMAND_FLEX: 'flex',
  ON_DEMAND_OFFPEAK: 'offpeak',
  PROVISIONED_THROUGHPUT: 'provisioned_throughput',
};

export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The counts of `usageMetadata` the span takes; all must be counts where present, or none is read. */
const USAGE_COUNTS = ['promptTokenCount', 'candidatesTokenCount', 'cachedContentTokenCount', 'thoughtsTokenCount', 'toolUsePromptTokenCount'] as const;

/**
 * The count of `modality` (`AUDIO`, `IMAGE`) in a list of counts by modality
 * (`promptTokensDetails`, `cacheTokensDetails`, `candidatesTokensDetails`): `undefined` when the
 * list counts none of it, `NaN` when one of its counts is not a count.
 */
function tokensOf(details: unknown, modality: string): number | undefined {
  if (!Array.isArray(details)) return undefined;
  let tokens: number | undefined;
  for (const item of details) {
    const counted = fields(item);
    if (counted.modality === modality) tokens = (tokens ?? 0) + (isCount(counted.tokenCount) ? counted.tokenCount : Number.NaN);
  }
  return tokens;
}

/**
 * The usage attributes of `usageMetadata`: none when a count is there but not a count (a malformed
 * response would be priced wrong), or when it has no prompt count (a chunk before the last of
 * some streams). Absent counts are zero, and written as such: each chunk of a stream replaces the
 * counts of the one before it whole. The prompt's audio tokens, and those of them read from a
 * cache, are written when `promptTokensDetails` counts audio, and the candidates' image and audio
 * tokens when `candidatesTokensDetails` counts them: many models bill those at rates of their own.
 */
export function readUsage(usage: unknown, attributes: Attributes): Attributes {
  const counts = fields(usage);
  if (!USAGE_COUNTS.every((name) => counts[name] === undefined || counts[name] === null || isCount(counts[name]))) return attributes;
  if (!isCount(counts.promptTokenCount)) return attributes;
  const promptAudio = tokensOf(counts.promptTokensDetails, 'AUDIO');
  const cachedAudio = tokensOf(counts.cacheTokensDetails, 'AUDIO');
  const imageOutput = tokensOf(counts.candidatesTokensDetails, 'IMAGE');
  const audioOutput = tokensOf(counts.candidatesTokensDetails, 'AUDIO');
  if (Number.isNaN(promptAudio) || Number.isNaN(cachedAudio) || Number.isNaN(imageOutput) || Number.isNaN(audioOutput)) return attributes;
  const countOf = (name: (typeof USAGE_COUNTS)[number]) => (isCount(counts[name]) ? counts[name] : 0);
  attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = countOf('promptTokenCount') + countOf('toolUsePromptTokenCount');
  attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = countOf('candidatesTokenCount') + countOf('thoughtsTokenCount');
  attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = countOf('cachedContentTokenCount');
  attributes[ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = countOf('thoughtsTokenCount');
  attributes[ATTR_GEMINI_USAGE_TOOL_USE_PROMPT_TOKENS] = countOf('toolUsePromptTokenCount');
  if (promptAudio !== undefined) {
    attributes[ATTR_GEMINI_USAGE_PROMPT_AUDIO_TOKENS] = promptAudio;
    attributes[ATTR_GEMINI_USAGE_CACHED_AUDIO_TOKENS] = cachedAudio ?? 0;
  }
  if (imageOutput !== undefined) attributes[ATTR_GEMINI_USAGE_CANDIDATES_IMAGE_TOKENS] = imageOutput;
  if (audioOutput !== undefined) attributes[ATTR_GEMINI_USAGE_CANDIDATES_AUDIO_TOKENS] = audioOutput;
  return attributes;
}
