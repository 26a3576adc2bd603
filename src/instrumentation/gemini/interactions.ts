import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEMINI_REQUEST_CACHED_CONTENT,
  ATTR_GEMINI_REQUEST_SERVICE_TIER,
  ATTR_GEMINI_RESPONSE_SERVICE_TIER,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_LLM_OBSERVER_CALL_REQUESTS,
  ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT,
  ATTR_LLM_OBSERVER_USAGE_MAPS_GROUNDINGS,
  ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
} from '../../semconv.js';
import { fields, type Fields } from '../api-fields.js';
import { oneOf, readAttributes, type AttributeTable } from '../attribute-table.js';
import type { ObservedCall, Surface } from '../provider-contract.js';
import { INTERACTION_CONTENT } from './interactions-content.js';
import { GEMINI_ERROR_CODES, isCount, readUsage, SERVICE_TIERS } from './responses.js';

/**
 * The Interactions API (`POST /{version}/interactions`), as `@google/genai` calls it through
 * `ai.interactions.create` (its NextGen client): Google's recommended API for Gemini models and
 * agents since June 2026. One span per `create()`: a model's long decode that the SDK continues
 * across several requests ("hops", `automatic_continuation`) is one span, as the SDK makes it one
 * call and returns one interaction, its usage summed over the hops (the streamed hops' usage is
 * summed here, from each hop's `interaction.completed`). A request names a `model` (operation
 * `chat`) or an `agent` (operation `invoke_agent`, `gen_ai.agent.name`).
 *
 * The body is the REST API's own, in snake_case. `usage` counts as `usageMetadata` does: the
 * input (`total_input_tokens`) includes the tokens read from a cache (`total_cached_tokens`), the
 * output (`total_output_tokens`) leaves out the thoughts (`total_thought_tokens`), and the tool-use
 * prompt (`total_tool_use_tokens`) is apart from the input; so it is read through the same reader,
 * its counts by modality (`{modality: 'audio', tokens}`) as `usageMetadata`'s.
 */

/** An interaction's `status` (API reference, `Interaction.status`): the span's finish reason, once the status is final. */
const FINAL_STATUSES = oneOf('completed', 'failed', 'cancelled', 'incomplete', 'requires_action', 'budget_exceeded', 'requires_continuation');

const REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_MAX_TOKENS, ['generation_config', 'max_output_tokens'], 'count'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['generation_config', 'temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_TOP_P, ['generation_config', 'top_p'], 'number'],
  [ATTR_GEN_AI_REQUEST_SEED, ['generation_config', 'seed'], 'integer'],
  // The sequences are the application's text: their count, never themselves.
  [ATTR_LLM_OBSERVER_REQUEST_STOP_SEQUENCES_COUNT, ['generation_config', 'stop_sequences'], 'listed'],
  [ATTR_GEN_AI_REQUEST_STREAM, ['stream'], 'boolean'],
  [ATTR_GEMINI_REQUEST_CACHED_CONTENT, ['cached_content'], 'identifier'],
  [ATTR_GEMINI_REQUEST_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
];

/** What an interaction, whole or as a stream's lifecycle events hold it, says of the call. */
const RESPONSE: AttributeTable = [
  [ATTR_GEN_AI_RESPONSE_ID, ['id'], 'identifier'],
  [ATTR_GEN_AI_RESPONSE_MODEL, ['model'], 'model'],
  [ATTR_GEMINI_RESPONSE_SERVICE_TIER, ['service_tier'], SERVICE_TIERS],
];

/** An agent's interaction is the conventions' `invoke_agent`, named by the agent. */
function readRequest(body: unknown, attributes: Attributes): void {
  const { agent, model } = fields(body);
  if (model !== undefined || typeof agent !== 'string') return;
  attributes[ATTR_GEN_AI_OPERATION_NAME] = 'invoke_agent';
  attributes[ATTR_GEN_AI_AGENT_NAME] = agent;
}

/** `usage` of the Interactions API as `usageMetadata` counts it. */
function asUsageMetadata(usage: Fields): Fields {
  return {
    promptTokenCount: usage.total_input_tokens,
    candidatesTokenCount: usage.total_output_tokens,
    cachedContentTokenCount: usage.total_cached_tokens,
    thoughtsTokenCount: usage.total_thought_tokens,
    toolUsePromptTokenCount: usage.total_tool_use_tokens,
    promptTokensDetails: byModality(usage.input_tokens_by_modality),
    cacheTokensDetails: byModality(usage.cached_tokens_by_modality),
    candidatesTokensDetails: byModality(usage.output_tokens_by_modality),
  };
}

/** A list of `{modality: 'audio', tokens}` as `usageMetadata` lists them (`{modality: 'AUDIO', tokenCount}`). */
function byModality(list: unknown): unknown {
  if (!Array.isArray(list)) return undefined;
  return list.map((item: unknown) => {
    const { modality, tokens } = fields(item);
    return { modality: typeof modality === 'string' ? modality.toUpperCase() : modality, tokenCount: tokens };
  });
}

/**
 * The interaction's id, model, tier, usage and final status onto the call; `requests`, how many
 * API requests the usage sums, where more than one (the span is then left unpriced above a
 * long-context threshold, which is each request's).
 */
function readInteraction(call: ObservedCall, interaction: Fields, usage: unknown, requests = 1): void {
  const attributes = readAttributes(RESPONSE, interaction, {});
  if (requests > 1) attributes[ATTR_LLM_OBSERVER_CALL_REQUESTS] = requests;
  // Uses of a grounding tool past 2^53 are no count: the usage is left out whole, and the call unpriced, rather than priced for fewer uses.
  if (usage !== undefined && readGroundingCounts(fields(usage).grounding_tool_count, attributes)) readUsage(asUsageMetadata(fields(usage)), attributes);
  call.setAttributes(attributes);
  readStatus(call, interaction.status);
}

/** The grounding tools billed by the use, by their type in `grounding_tool_count`, and the attribute that counts each (retrieval's is not billed so). */
const GROUNDING_TOOLS: Readonly<Record<string, string>> = {
  google_search: ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES,
  google_maps: ATTR_LLM_OBSERVER_USAGE_MAPS_GROUNDINGS,
};

/**
 * The uses of grounding with Google Search and Maps, as the usage counts them
 * (`grounding_tool_count`: `{type, count}`), each attribute written when there was one. A count
 * that is no count (not a number, negative, fractional) is not read. `false`, and nothing written,
 * when a tool's uses are more than a float holds exactly (past 2^53): one count so large (the SDK
 * sums a tool's entries before the app gets them), or the sum of a stream's hops.
 */
function readGroundingCounts(counts: unknown, attributes: Attributes): boolean {
  if (!Array.isArray(counts)) return true;
  const uses: Attributes = {};
  for (const item of counts) {
    const { type, count } = fields(item);
    const name = typeof type === 'string' && Object.hasOwn(GROUNDING_TOOLS, type) ? GROUNDING_TOOLS[type] : undefined;
    if (name === undefined || typeof count !== 'number') continue;
    if (count > Number.MAX_SAFE_INTEGER) return false;
    if (!isCount(count) || count === 0) continue;
    const sum = ((uses[name] as number | undefined) ?? 0) + count;
    if (!Number.isSafeInteger(sum)) return false;
    uses[name] = sum;
  }
  Object.assign(attributes, uses);
  return true;
}

/** An interaction's status as the call's finish reason, once it is final. */
function readStatus(call: ObservedCall, status: unknown): void {
  if (typeof status === 'string' && FINAL_STATUSES.has(status)) call.setFinishReason(0, status);
}

/** A whole interaction: of a long decode, the SDK's merge of its hops, whose ids it lists (`continuation_ids`). */
function readResponse(call: ObservedCall, body: unknown): void {
  const interaction = fields(body);
  const hops = interaction.continuation_ids;
  readInteraction(call, interaction, interaction.usage, Array.isArray(hops) ? hops.length : 1);
}

/** The hops a stream has completed so far, by call: how many, and their usage (each hop's `interaction.completed` counts that hop). */
const streamedHops = new WeakMap<ObservedCall, { count: number; usage: Record<string, unknown> }>();

const USAGE_COUNTS = ['total_input_tokens', 'total_output_tokens', 'total_cached_tokens', 'total_thought_tokens', 'total_tool_use_tokens'] as const;
const USAGE_LISTS = ['input_tokens_by_modality', 'cached_tokens_by_modality', 'output_tokens_by_modality', 'grounding_tool_count'] as const;

/**
 * `usage` added to the hops' before it: counts summed (a count that is no number makes the sum
 * none, which the usage reader refuses whole), lists by modality and of grounding tool counts
 * joined (the readers sum a kind's entries).
 */
function sumHops(call: ObservedCall, usage: Fields): { count: number; usage: Record<string, unknown> } {
  const hops = streamedHops.get(call);
  if (hops === undefined) {
    const first = { count: 1, usage: { ...usage } };
    streamedHops.set(call, first);
    return first;
  }
  hops.count++;
  const before = hops.usage;
  for (const name of USAGE_COUNTS) {
    if (usage[name] === undefined) continue;
    before[name] = before[name] === undefined ? usage[name] : (before[name] as number) + (usage[name] as number);
  }
  for (const name of USAGE_LISTS) {
    const list = usage[name];
    if (Array.isArray(list)) before[name] = Array.isArray(before[name]) ? [...(before[name] as unknown[]), ...list] : list;
  }
  return hops;
}

/**
 * One event of a stream: each hop opens with `interaction.created` (its id, model and tier) and
 * ends with `interaction.completed` (the same, its usage and status); `interaction.status_update`
 * carries a status, as an agent's loop moves; an `error` event fails the interaction. The steps'
 * events carry the content (./interactions-content.ts).
 */
function readStreamEvent(call: ObservedCall, event: unknown): void {
  const { event_type: type, interaction, status } = fields(event);
  if (type === 'interaction.completed') {
    const completed = fields(interaction);
    if (completed.usage === undefined) readInteraction(call, completed, undefined);
    else {
      const hops = sumHops(call, fields(completed.usage));
      readInteraction(call, completed, hops.usage, hops.count);
    }
  } else if (type === 'interaction.created') {
    readInteraction(call, fields(interaction), undefined);
  } else if (type === 'error') {
    // The interaction failed on the server: the SDK hands the event to the application, which reads on.
    call.setFinishReason(0, 'failed');
  } else if (type === 'interaction.status_update') {
    readStatus(call, status);
  }
}

export const INTERACTIONS: Surface = {
  operation: 'chat',
  request: REQUEST,
  readRequest,
  errorCodes: GEMINI_ERROR_CODES,
  readResponse,
  readStreamEvent,
  content: INTERACTION_CONTENT,
};
