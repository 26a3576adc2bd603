import {
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_PROVIDER_BILLED_COST_USD,
  ATTR_OPENAI_USAGE_COMPLETION_TOKENS_DETAILS_AUDIO_TOKENS,
  ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS,
} from '../../../semconv.js';
import type { AttributeTable } from '../../attribute-table.js';

/**
 * The backends the `openai` SDK is pointed at, told apart by the host of the client's base URL:
 * which `gen_ai.provider.name` their calls carry, and how each one's chat completions write their
 * usage (its *dialect*). Every fact about a backend is a row here, each with the API reference it
 * follows (docs/cost.md, "The openai SDK against other backends").
 *
 * Terms: a backend's *host* matches the client's host name when it is equal to it; for a host
 * that begins with a dot (a suffix), when the host name ends with it (`my-resource.openai.azure.com`);
 * for a host with a `*`, when the host name has one label in its place (`bedrock-mantle.us-east-2.api.aws`).
 */

/** One backend: where it answers, the provider name, and what its chat completion usage adds to OpenAI's. */
export interface Backend {
  /** `gen_ai.provider.name`: the conventions' well-known value where there is one, else the backend's lower-case name. */
  readonly provider: string;
  readonly hosts: readonly string[];
  /** The port it answers on, for a backend told apart by its default port (a local server); any port otherwise. */
  readonly port?: number;
  /**
   * The token counts of a chat completion's (or a completion's, or an embedding's) `usage`, read
   * whole or not at all. Rows run in order: a later row for the same attribute wins when its field
   * is present.
   */
  readonly usage: AttributeTable;
  /** What the backend says it billed, read apart from the counts: a malformed cost costs the span that attribute alone. */
  readonly billing?: AttributeTable;
  /**
   * Where a streamed chunk carries the usage besides its `usage` field: the backend sends it there
   * whether or not the request asked for it (`stream_options.include_usage`).
   */
  readonly chunkUsage?: string;
  /**
   * Whether a streamed chunk's first choice may carry the usage (`choices[0].usage`): the backend
   * sends it there on the chunk that ends the choice, whether or not the request asked for it.
   */
  readonly choiceUsage?: boolean;
}

/**
 * OpenAI's chat completion usage (API reference, the chat completion object): `prompt_tokens`
 * includes the cached and cache-write tokens, as `gen_ai.usage.input_tokens` does, and
 * `completion_tokens` the reasoning tokens; both include the audio tokens, which the audio
 * models bill at their audio rates. Every backend below writes it at least.
 */
export const OPENAI_CHAT_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['prompt_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['completion_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['prompt_tokens_details', 'cached_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ['prompt_tokens_details', 'cache_write_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, ['completion_tokens_details', 'reasoning_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS, ['prompt_tokens_details', 'audio_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_COMPLETION_TOKENS_DETAILS_AUDIO_TOKENS, ['completion_tokens_details', 'audio_tokens'], 'count'],
];

/** api.openai.com, and any host no row names unless the `providerName` option says otherwise. */
export const OPENAI_BACKEND: Backend = { provider: 'openai', hosts: ['api.openai.com'], usage: OPENAI_CHAT_USAGE };

/**
 * GroqCloud, the `openai` SDK's and `groq-sdk`'s. GroqCloud API reference (and groq-sdk's
 * `CompletionUsage`): OpenAI's shape, `prompt_tokens_details.cached_tokens`; its tiers,
 * ./response-fields.ts. A stream's final chunk has it in `x_groq.usage` (groq-sdk's
 * `ChatCompletionChunk.XGroq`), asked for or not.
 */
export const GROQ_BACKEND: Backend = { provider: 'groq', hosts: ['api.groq.com'], usage: OPENAI_CHAT_USAGE, chunkUsage: 'x_groq' };

/**
 * Together AI, the `openai` SDK's and `together-ai`'s. Together AI API reference: OpenAI's shape;
 * its reasoning-models guide: some models report their cached tokens as a flat `cached_tokens`. A
 * stream's last chunk carries the usage, asked for or not (its chunks have `usage: null` before).
 */
export const TOGETHER_BACKEND: Backend = {
  provider: 'together',
  hosts: ['api.together.xyz', 'api.together.ai'],
  usage: [...OPENAI_CHAT_USAGE, [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['cached_tokens'], 'count']],
};

/**
 * Cerebras, the `openai` SDK's and `@cerebras/cerebras_cloud_sdk`'s. Cerebras Inference API
 * reference, chat completions (its example response): prompt, completion and total tokens,
 * `prompt_tokens_details.cached_tokens` (its prompt caching page) and
 * `completion_tokens_details.reasoning_tokens`; `time_info` is timing, not usage. That
 * `prompt_tokens` counts the cached tokens and `completion_tokens` the reasoning ones, as OpenAI's
 * do, is not stated there; a stream's usage is read from the chunk that carries it.
 */
export const CEREBRAS_BACKEND: Backend = { provider: 'cerebras', hosts: ['api.cerebras.ai'], usage: OPENAI_CHAT_USAGE };

/**
 * Moonshot AI's Kimi API (api.moonshot.ai; not api.moonshot.cn, its platform in mainland China,
 * billed in CNY at prices the table does not have: reported as `openai`). Its chat
 * completions reference (platform.moonshot.ai/docs/api/chat): OpenAI's prompt, completion and total
 * tokens, and the tokens its automatic context cache served as a flat `usage.cached_tokens`;
 * responses of the Kimi K2.5 and later models carry them as OpenAI's
 * `prompt_tokens_details.cached_tokens` too (as applications that read them report): both are
 * read, the flat field winning where both are present. That `prompt_tokens` counts the cached
 * tokens is its pricing pages' reading (cache hit and cache miss are the two parts of the input).
 * A stream sends the usage in the first choice of the chunk that finishes it
 * (`choices[0].usage`), asked for or not, and again as OpenAI's top-level `usage` on a last chunk
 * when `stream_options.include_usage` asks for it: the same figures, set once each time, never summed.
 */
const MOONSHOT_BACKEND: Backend = {
  provider: 'moonshot',
  hosts: ['api.moonshot.ai'],
  usage: [...OPENAI_CHAT_USAGE, [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['cached_tokens'], 'count']],
  choiceUsage: true,
};

export const BACKENDS: readonly Backend[] = [
  OPENAI_BACKEND,
  // Azure OpenAI: resource hosts; an `AzureOpenAI` client is one whatever its host (../../openai/provider-sdk.ts).
  { provider: 'azure.ai.openai', hosts: ['.openai.azure.com', '.cognitiveservices.azure.com'], usage: OPENAI_CHAT_USAGE },
  // DeepSeek API reference, "Create Chat Completion": `prompt_cache_hit_tokens` + `prompt_cache_miss_tokens` = `prompt_tokens`.
  {
    provider: 'deepseek',
    hosts: ['api.deepseek.com'],
    usage: [...OPENAI_CHAT_USAGE, [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['prompt_cache_hit_tokens'], 'count']],
  },
  GROQ_BACKEND,
  // xAI API reference, prompt caching "Usage & Pricing": OpenAI's shape, `prompt_tokens_details.cached_tokens`.
  { provider: 'x_ai', hosts: ['api.x.ai'], usage: OPENAI_CHAT_USAGE },
  // Mistral AI API reference, chat completion `usage`: prompt, completion and total tokens; its prompt caching page: `prompt_tokens_details.cached_tokens`.
  { provider: 'mistral_ai', hosts: ['api.mistral.ai'], usage: OPENAI_CHAT_USAGE },
  // Claude API, "OpenAI SDK compatibility" (api.anthropic.com/v1/): prompt, completion and total tokens; the details are always empty (no prompt caching there).
  { provider: 'anthropic', hosts: ['api.anthropic.com'], usage: OPENAI_CHAT_USAGE },
  // Gemini API, "OpenAI compatibility" (…/v1beta/openai/): OpenAI's shape.
  { provider: 'gcp.gemini', hosts: ['generativelanguage.googleapis.com'], usage: OPENAI_CHAT_USAGE },
  // OpenRouter, "Usage Accounting": OpenAI's shape plus `cost`, what it billed in USD (credits).
  {
    provider: 'openrouter',
    hosts: ['openrouter.ai'],
    usage: OPENAI_CHAT_USAGE,
    billing: [[ATTR_LLM_OBSERVER_PROVIDER_BILLED_COST_USD, ['cost'], 'number']],
  },
  TOGETHER_BACKEND,
  // Fireworks AI API reference: OpenAI's shape.
  { provider: 'fireworks', hosts: ['api.fireworks.ai'], usage: OPENAI_CHAT_USAGE },
  CEREBRAS_BACKEND,
  MOONSHOT_BACKEND,
  // Z.ai API reference (docs.z.ai), chat completions at api.z.ai/api/paas/v4 and its GLM Coding Plan's /api/coding/paas/v4: OpenAI's
  // shape; its context caching page: the cached tokens in `prompt_tokens_details.cached_tokens`. Not open.bigmodel.cn, Zhipu's
  // platform in China: the same API, but billed in CNY at prices of its own, which the table has none of.
  { provider: 'z_ai', hosts: ['api.z.ai'], usage: OPENAI_CHAT_USAGE },
  // Amazon Bedrock's OpenAI-compatible endpoints (its user guide, "Endpoints supported by Amazon Bedrock"): bedrock-mantle, where
  // `BedrockOpenAI` points (a client of that class is one whatever its host, ../../openai/provider-sdk.ts), and bedrock-runtime's /openai/v1; OpenAI's shape.
  { provider: 'aws.bedrock', hosts: ['bedrock-mantle.*.api.aws', 'bedrock-runtime.*.amazonaws.com'], usage: OPENAI_CHAT_USAGE },
  // Ollama's OpenAI compatibility on its default port; no cache fields. vLLM has no port of its own: name it with `providerName`.
  { provider: 'ollama', hosts: ['localhost', '127.0.0.1', '[::1]'], port: 11434, usage: OPENAI_CHAT_USAGE },
];

/** The backend of a client whose base URL has `hostName` and `port`; `undefined` for a host no row names. */
export function backendAt(hostName: string | undefined, port: number | undefined): Backend | undefined {
  if (hostName === undefined) return undefined;
  const host = hostName.toLowerCase();
  return BACKENDS.find((backend) => (backend.port === undefined || backend.port === port) && backend.hosts.some((known) => hostMatches(host, known)));
}

/** Whether `host` (lower-case) is the backend host `known`, as the terms above say. */
function hostMatches(host: string, known: string): boolean {
  if (known.startsWith('.')) return host.endsWith(known);
  const wildcard = known.indexOf('*');
  if (wildcard === -1) return host === known;
  const before = known.slice(0, wildcard);
  const after = known.slice(wildcard + 1);
  const label = host.slice(before.length, host.length - after.length);
  return host.length > known.length - 1 && host.startsWith(before) && host.endsWith(after) && !label.includes('.');
}

/** A backend the application named with `providerName`: OpenAI's dialect under its name. */
export function namedBackend(provider: string): Backend {
  return { provider, hosts: [], usage: OPENAI_CHAT_USAGE };
}
