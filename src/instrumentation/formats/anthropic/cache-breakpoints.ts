import type { Attributes } from '@opentelemetry/api';
import { ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_BREAKPOINTS, ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_TTLS } from '../../../semconv.js';

/**
 * The prompt-cache breakpoints of a Messages request: each `cache_control` marker ends a prefix
 * that the API caches, for 5 minutes unless the marker's `ttl` says `1h`. This is the one read of
 * a request that walks its prompt, so it visits only the places a marker can sit, in the order
 * the API reads the prefix (tools, system, messages), and reads nothing of a block but its
 * `cache_control` and, for a `tool_result`, whether its `content` holds blocks. The request's
 * top-level `cache_control` (which marks the last cacheable block for it) comes last.
 */

/** The `ttl` values the API takes; a marker without one caches for 5 minutes. */
const TTLS: Readonly<Record<string, string>> = { '5m': '5m', '1h': '1h' };
const DEFAULT_TTL = '5m';

interface MessagesRequest {
  tools?: unknown;
  system?: unknown;
  messages?: unknown;
  cache_control?: unknown;
}

/** Sets the breakpoint count (0 when there are none) and the TTL of each breakpoint. */
export function readCacheBreakpoints(body: unknown, attributes: Attributes): void {
  const request = (body ?? {}) as MessagesRequest;
  const ttls: string[] = [];
  addMarkersOf(request.tools, ttls);
  addMarkersOf(request.system, ttls);
  if (Array.isArray(request.messages)) {
    for (const message of request.messages) addMarkersOf((message as { content?: unknown } | null)?.content, ttls);
  }
  addMarker(request.cache_control, ttls);
  attributes[ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_BREAKPOINTS] = ttls.length;
  if (ttls.length > 0) attributes[ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_TTLS] = ttls;
}

/** Adds the markers of `blocks` (tools, or content blocks) when it is a list; a string has none. */
function addMarkersOf(blocks: unknown, ttls: string[]): void {
  if (!Array.isArray(blocks)) return;
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null) continue;
    const { cache_control: marker, type, content } = block as { cache_control?: unknown; type?: unknown; content?: unknown };
    addMarker(marker, ttls);
    if (type === 'tool_result') addMarkersOf(content, ttls);
  }
}

/** Adds the TTL of `marker` when it is a marker the API accepts: an object whose `ttl`, if any, it knows. */
function addMarker(marker: unknown, ttls: string[]): void {
  if (typeof marker !== 'object' || marker === null) return;
  const ttl = (marker as { ttl?: unknown }).ttl;
  if (ttl === undefined || ttl === null) ttls.push(DEFAULT_TTL);
  else if (typeof ttl === 'string' && Object.hasOwn(TTLS, ttl)) ttls.push(TTLS[ttl] as string);
}
