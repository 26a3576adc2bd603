import type { Attributes } from '@opentelemetry/api';
import { ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES } from '../../semconv.js';
import type { ObservedCall } from '../provider-contract.js';

/**
 * Grounding with Google Search: a call given the `googleSearch` tool may search, and each
 * candidate's `groundingMetadata.webSearchQueries` lists the queries it ran (API reference,
 * `GroundingMetadata`). Google bills the searches besides the tokens: Gemini 3 models by the
 * query, counting each distinct query that is not empty ("For billing purposes, we ignore the
 * empty web search queries when counting unique queries"); Gemini 2.5 and older by the grounded
 * prompt (the pricing table's `tool_fees`, `per: call`). The span counts the distinct queries as
 * `llm_observer.usage.web_searches`: the chunks of a stream may list them again, and so may
 * several candidates of one call.
 */

/** The most distinct queries remembered for one call: a real call runs a handful. */
const MAX_QUERIES = 1_000;

/** The distinct queries each call has listed so far; the query texts are held for no longer than the call. */
const queriesByCall = new WeakMap<ObservedCall, Set<string>>();

/** Adds the queries of a candidate's `groundingMetadata` to the call's, and writes how many it has run so far into `attributes`. */
export function readSearchQueries(call: ObservedCall, groundingMetadata: unknown, attributes: Attributes): void {
  const queries = typeof groundingMetadata === 'object' && groundingMetadata !== null ? (groundingMetadata as { webSearchQueries?: unknown }).webSearchQueries : undefined;
  if (!Array.isArray(queries)) return;
  let seen = queriesByCall.get(call);
  for (let index = 0; index < queries.length && (seen === undefined || seen.size < MAX_QUERIES); index++) {
    const query: unknown = queries[index];
    if (typeof query !== 'string' || query === '') continue;
    if (seen === undefined) {
      seen = new Set();
      queriesByCall.set(call, seen);
    }
    seen.add(query);
  }
  if (seen !== undefined) attributes[ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES] = seen.size;
}
