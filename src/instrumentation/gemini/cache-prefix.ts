/**
 * The cacheable prefix of a Gemini request: the part of the prompt that implicit caching can
 * match, as the parts `PrefixHasher` fingerprints. The API reads the explicit cache the request
 * names first, then the tools, the system instruction and the conversation, and caches implicitly
 * on the start of that sequence: the prefix is the conversation up to the turn being asked (every
 * content but the last; none when `contents` is one message, a string or a list of parts).
 */
export function geminiCacheablePrefix(body: unknown): readonly unknown[] | undefined {
  const { contents, config } = (body ?? {}) as { contents?: unknown; config?: { cachedContent?: unknown; tools?: unknown; systemInstruction?: unknown } };
  if (contents === undefined) return undefined;
  const conversation = Array.isArray(contents) && contents.some((content) => Array.isArray((content as { parts?: unknown } | null)?.parts)) ? contents.slice(0, -1) : [];
  return [config?.cachedContent, config?.tools, config?.systemInstruction, conversation];
}
