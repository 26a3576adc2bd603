/**
 * The cacheable prefix of a Messages request: the part of the prompt that Anthropic's cache
 * matches, as the three parts `PrefixHasher` fingerprints, in the order the API reads the prompt:
 * `[tools, system, messages]`. A part that lies after the cache boundary is left out: `undefined`
 * for tools or system, the messages cut short.
 *
 * The boundary is the request's last `cache_control` breakpoint, since the cache keeps the prefix
 * up to each breakpoint and the last is the longest. Without any, it is what a breakpoint on the
 * last message but one would cover, the part an app that turned caching on would cache: tools,
 * system and every message but the last. So one prompt has one prefix whether or not it is marked:
 * a system prompt marked at its end and the same prompt unmarked, followed by one question, match.
 * A breakpoint inside a `tool_result`'s content counts as one on the `tool_result` block.
 */

interface MessagesRequest {
  tools?: unknown;
  system?: unknown;
  messages?: unknown;
  cache_control?: unknown;
}

type Message = { content?: unknown } & Record<string, unknown>;

/** The parts of `body`'s cacheable prefix, or `undefined` when `body` has no list of messages. */
export function anthropicCacheablePrefix(body: unknown): readonly unknown[] | undefined {
  const { tools, system, messages, cache_control: requestMarker } = (body ?? {}) as MessagesRequest;
  if (!Array.isArray(messages)) return undefined;
  // The request's own marker asks the API to put the breakpoint on the last block: the whole prompt.
  if (isMarker(requestMarker)) return [tools, system, messages];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as Message | null;
    const marked = lastMarkedBlock(message?.content);
    if (marked < 0) continue;
    const content = message?.content as unknown[];
    const lastMessage = marked === content.length - 1 ? message : { ...message, content: content.slice(0, marked + 1) };
    return [tools, system, [...messages.slice(0, index), lastMessage]];
  }
  const markedSystem = lastMarkedBlock(system);
  if (markedSystem >= 0) return [tools, cutAfter(system as unknown[], markedSystem), []];
  const markedTool = lastMarkedBlock(tools);
  if (markedTool >= 0) return [cutAfter(tools as unknown[], markedTool), undefined, []];
  return [tools, system, messages.slice(0, -1)];
}

/** The index of the last block of `blocks` that carries a breakpoint, or -1 (a string has none). */
function lastMarkedBlock(blocks: unknown): number {
  if (!Array.isArray(blocks)) return -1;
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index] as { cache_control?: unknown; type?: unknown; content?: unknown } | null;
    if (typeof block !== 'object' || block === null) continue;
    if (isMarker(block.cache_control)) return index;
    if (block.type === 'tool_result' && lastMarkedBlock(block.content) >= 0) return index;
  }
  return -1;
}

/** `blocks` up to and including `index`; `blocks` itself when that is all of it. */
function cutAfter(blocks: unknown[], index: number): unknown[] {
  return index === blocks.length - 1 ? blocks : blocks.slice(0, index + 1);
}

/** A `cache_control` value: the API refuses a request whose marker it does not understand, so any object is one. */
function isMarker(marker: unknown): boolean {
  return typeof marker === 'object' && marker !== null;
}
