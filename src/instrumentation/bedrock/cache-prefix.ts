import { fields } from '../api-fields.js';

/**
 * The cacheable prefix of a Converse request: the part of the prompt that Bedrock's prompt cache
 * matches, as the three parts `PrefixHasher` fingerprints, in the order the model reads the prompt:
 * `[tools, system, messages]`. The boundary is the request's last `cachePoint` block (in a
 * message's content, in `system`, in `toolConfig.tools`): the cache keeps the prefix up to each,
 * and the last is the longest. Without any, it is what a cache point after the last message but one
 * would cover, the part an app that turned caching on would cache: so one prompt has one prefix
 * whether or not it is marked (../formats/anthropic/cache-prefix.ts reads Anthropic's markers the same way).
 * Bedrock's prompt-caching guide: https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 */
export function converseCacheablePrefix(body: unknown): readonly unknown[] | undefined {
  const { toolConfig, system, messages } = fields(body);
  if (!Array.isArray(messages)) return undefined;
  const tools = fields(toolConfig).tools;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = fields(messages[index]);
    const marked = lastCachePoint(message.content);
    if (marked < 0) continue;
    const content = message.content as unknown[];
    return [tools, system, [...messages.slice(0, index), { ...message, content: content.slice(0, marked) }]];
  }
  const markedSystem = lastCachePoint(system);
  if (markedSystem >= 0) return [tools, (system as unknown[]).slice(0, markedSystem), []];
  const markedTool = lastCachePoint(tools);
  if (markedTool >= 0) return [(tools as unknown[]).slice(0, markedTool), undefined, []];
  return [tools, system, messages.slice(0, -1)];
}

/** The index of the last `cachePoint` block of `blocks`, or -1. */
function lastCachePoint(blocks: unknown): number {
  if (!Array.isArray(blocks)) return -1;
  for (let index = blocks.length - 1; index >= 0; index--) {
    if (fields(blocks[index]).cachePoint !== undefined) return index;
  }
  return -1;
}
