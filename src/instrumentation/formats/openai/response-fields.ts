import {
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_OPENAI_RESPONSE_SERVICE_TIER,
  ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT,
} from '../../../semconv.js';
import { oneOf, type AttributeTable } from '../../attribute-table.js';

/** What the OpenAI API's endpoints share: the service tiers, the error codes, the output types, a response's id and model. */

/**
 * The service tiers a request may ask for and a response may name (API reference, `service_tier`),
 * and Groq's, which its chat completions name in the same field (groq-sdk's `ChatCompletion`:
 * `on_demand`, its standard tier, `flex`, `performance`), so that its prices can tell them apart.
 */
export const SERVICE_TIERS = oneOf('auto', 'default', 'flex', 'scale', 'priority', 'fast', 'ultrafast', 'on_demand', 'performance');

/**
 * The error codes and types the API documents (the error codes guide and the API reference's
 * error object): the SDK's `code` of an error is recorded when it is one of them, else `_OTHER`,
 * as a code from elsewhere (a proxy, a compatible server) may carry anything.
 */
export const OPENAI_ERROR_CODES = {
  codePath: ['code'],
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
    // The Images API's: a prompt or an image its safety system rejects (the image generation guide).
    'moderation_blocked',
    // The Realtime API's: a transcription of the input audio that failed (its server events' reference).
    'audio_unintelligible',
  ),
} as const;

/** `response_format.type` / `text.format.type` to `gen_ai.output.type`. */
export const OUTPUT_TYPES = { text: 'text', json_object: 'json', json_schema: 'json' } as const;

/** The response fields every OpenAI body (and every chat and completion chunk) carries. */
export const RESPONSE: AttributeTable = [
  [ATTR_GEN_AI_RESPONSE_ID, ['id'], 'identifier'],
  [ATTR_GEN_AI_RESPONSE_MODEL, ['model'], 'model'],
  [ATTR_OPENAI_RESPONSE_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
  [ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT, ['system_fingerprint'], 'identifier'],
];
