import type { Attributes } from '@opentelemetry/api';
import { isBilledSearchQuery } from '../../pricing/token-usage.js';
import { ATTR_LLM_OBSERVER_USAGE_MAPS_GROUNDINGS, ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES } from '../../semconv.js';
import type { ObservedCall } from '../provider-contract.js';

/**
 * Grounding with Google Search: a call given the `googleSearch` tool may search, and each
 * candidate's `groundingMetadata.webSearchQueries` lists the queries it ran (API reference,
 * `GroundingMetadata`). Google bills the searches besides the tokens: Gemini 3 models by the
 * query, counting each distinct query that is not empty (`isBilledSearchQuery`); Gemini 2.5 and
 * older by the grounded prompt (the pricing table's `tool_fees`, `per: call`). The span counts the distinct queries as
 * `llm_observer.usage.web_searches`: the chunks of a stream may list them again, and so may
 * several candidates of one call.
 *
 * Grounding with Google Maps lists no queries: a response grounded on it cites Maps sources
 * (`groundingChunks` with `maps`), and Google bills it by the grounded prompt: the span counts
 * one `llm_observer.usage.maps_groundings`.
 */

/** The most distinct queries remembered for one call: a real call runs a handful. */
const MAX_QUERIES = 1_000;

/** The distinct queries each call has listed so far; the query texts are held for no longer than the call. */
const queriesByCall = new WeakMap<ObservedCall, Set<string>>();

/** What a candidate's `groundingMetadata` says of the tools billed by the use, into `attributes`: the Search queries the call has run so far, and a Maps grounding. */
export function readGrounding(call: ObservedCall, groundingMetadata: unknown, attributes: Attributes): void {
  if (typeof groundingMetadata !== 'object' || groundingMetadata === null) return;
  const { webSearchQueries, groundingChunks } = groundingMetadata as { webSearchQueries?: unknown; groundingChunks?: unknown };
  if (Array.isArray(webSearchQueries)) readSearchQueries(call, webSearchQueries, attributes);
  if (Array.isArray(groundingChunks) && groundingChunks.some(isMapsSource)) attributes[ATTR_LLM_OBSERVER_USAGE_MAPS_GROUNDINGS] = 1;
}

function isMapsSource(chunk: unknown): boolean {
  const maps = typeof chunk === 'object' && chunk !== null ? (chunk as { maps?: unknown }).maps : undefined;
  return typeof maps === 'object' && maps !== null;
}

/** Adds `queries` to the call's, and writes how many distinct ones it has run so far into `attributes`. */
function readSearchQueries(call: ObservedCall, queries: readonly unknown[], attributes: Attributes): void {
  let seen = queriesByCall.get(call);
  for (let index = 0; index < queries.length && (seen === undefined || seen.size < MAX_QUERIES); index++) {
    const query: unknown = queries[index];
    if (!isBilledSearchQuery(query)) continue;
    if (seen === undefined) {
      seen = new Set();
      queriesByCall.set(call, seen);
    }
    seen.add(query);
  }
  if (seen !== undefined) attributes[ATTR_LLM_OBSERVER_USAGE_WEB_SEARCHES] = seen.size;
}
