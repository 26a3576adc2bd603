import * as messagesApi from './messages-api.js';

/**
 * The Anthropic API's format (./messages-api.ts), loaded on first use: by the first provider that
 * reads it (the `anthropic` provider's surfaces, `bedrock`'s InvokeModel of a Claude model), not when
 * the package loads. A plain import in the sources; the build loads the part's own file on the
 * first call (`LAZY_PARTS` in scripts/build.mjs), so the two providers share one copy and an app
 * that uses neither never compiles it.
 */
export function anthropicMessagesApi(): typeof messagesApi {
  return messagesApi;
}
