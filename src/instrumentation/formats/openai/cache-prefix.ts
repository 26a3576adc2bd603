/**
 * The cacheable prefix of an OpenAI request: the part of the prompt that OpenAI's automatic prompt
 * cache can match, as the parts `PrefixHasher` fingerprints. The cache keys on the start of the
 * prompt and on `prompt_cache_key`, so the key leads; then the tools, then the instructions and the
 * conversation up to the turn being asked: the leading system and developer messages, and every
 * message but the last (the last is the new question, which no earlier call sent).
 */

interface ChatRequest {
  messages?: unknown;
  tools?: unknown;
  prompt_cache_key?: unknown;
}

interface ResponsesRequest {
  input?: unknown;
  instructions?: unknown;
  tools?: unknown;
  prompt_cache_key?: unknown;
}

const INSTRUCTION_ROLES = new Set<unknown>(['system', 'developer']);

/** The parts of a chat completion request's cacheable prefix, or `undefined` without a list of messages. */
export function chatCacheablePrefix(body: unknown): readonly unknown[] | undefined {
  const { messages, tools, prompt_cache_key: cacheKey } = (body ?? {}) as ChatRequest;
  if (!Array.isArray(messages)) return undefined;
  return [cacheKey, tools, messages.slice(0, cachedItemCount(messages))];
}

/**
 * The parts of a Responses API request's cacheable prefix. `instructions` come before the input;
 * an input that is a string is one user message, the last, so no part of it is in the prefix.
 */
export function responsesCacheablePrefix(body: unknown): readonly unknown[] | undefined {
  const { input, instructions, tools, prompt_cache_key: cacheKey } = (body ?? {}) as ResponsesRequest;
  const items = Array.isArray(input) ? input.slice(0, cachedItemCount(input)) : [];
  return [cacheKey, instructions, tools, items];
}

/** How many leading items of `items` are in the prefix: every one but the last, or all the leading instructions if more. */
function cachedItemCount(items: readonly unknown[]): number {
  let instructions = 0;
  while (instructions < items.length && INSTRUCTION_ROLES.has((items[instructions] as { role?: unknown } | null)?.role)) instructions++;
  return Math.max(instructions, items.length - 1);
}
