import * as openaiApi from './openai-api.js';

/**
 * The OpenAI API's format (./openai-api.ts), loaded on first use: by the first provider that reads
 * it (the `openai` provider's surfaces, `groq`'s, `together`'s, `cerebras`'s), not when the package loads. A
 * plain import in the sources; the build loads the part's own file on the first call (`LAZY_PARTS`
 * in scripts/build.mjs), so the providers share one copy and an app that uses none of them never
 * compiles it.
 */
export function openaiApiFormat(): typeof openaiApi {
  return openaiApi;
}
