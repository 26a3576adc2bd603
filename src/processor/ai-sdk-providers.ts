/**
 * The providers of the Vercel AI SDK's spans, as the conventions name them (`gen_ai.provider.name`).
 *
 * A model of an AI SDK provider package names itself with a string of its own (`groq.chat`,
 * `google.vertex.chat`, `bedrock.anthropic.messages`, `amazon-bedrock`), which AI SDK 6's spans
 * and @ai-sdk/otel's legacy ones record as `gen_ai.system`. @ai-sdk/otel's OpenTelemetry
 * integration maps some of them to the conventions' names and records the others as they are
 * (`togetherai.chat`, `googleVertex.anthropic.messages`, `openrouter`, `gateway`), and it maps
 * every `azure` string to `azure.ai.inference`, where the package that writes them,
 * `@ai-sdk/azure`, calls Azure OpenAI. A span of a provider the price table does not price by
 * that name would go unpriced (`unknown_model`); a span that names no provider is priced by the
 * entry of any.
 *
 * A string names the provider of its longest prefix of dot-separated parts that the table below
 * lists (`google.vertex.chat` → `google.vertex`), case aside; a string none names (an AI SDK
 * provider the application named itself, `createOpenAI({ name })`) names no provider.
 * test/processor/ai-sdk-provider-names.test.ts reads every model's string off the provider
 * packages themselves.
 */
const BY_PREFIX: ReadonlyMap<string, string> = new Map([
  // @ai-sdk/openai, @ai-sdk/anthropic, @ai-sdk/google (its experimental models `google.decision`, `google.extraction`)
  ['openai', 'openai'],
  ['anthropic', 'anthropic'],
  ['google', 'gcp.gemini'],
  ['google.generative-ai', 'gcp.gemini'],
  // @ai-sdk/google-vertex and its anthropic, maas and xai entry points (`vertex.anthropic` before its version 5)
  ['google.vertex', 'gcp.vertex_ai'],
  ['googlevertex', 'gcp.vertex_ai'],
  ['vertex', 'gcp.vertex_ai'],
  // @ai-sdk/amazon-bedrock and its anthropic and mantle entry points
  ['amazon-bedrock', 'aws.bedrock'],
  ['bedrock', 'aws.bedrock'],
  ['bedrock-mantle', 'aws.bedrock'],
  // @ai-sdk/azure: Azure OpenAI
  ['azure', 'azure.ai.openai'],
  ['azure.ai.inference', 'azure.ai.openai'],
  ['groq', 'groq'],
  ['xai', 'x_ai'],
  ['deepseek', 'deepseek'],
  ['mistral', 'mistral_ai'],
  ['cohere', 'cohere'],
  ['perplexity', 'perplexity'],
  ['togetherai', 'together'],
  ['fireworks', 'fireworks'],
  ['cerebras', 'cerebras'],
  // @openrouter/ai-sdk-provider
  ['openrouter', 'openrouter'],
  // The community's ollama-ai-provider-v2 (`ollama.chat`, `ollama.responses`, …) and ai-sdk-ollama (`ollama`, `ollama.reranking`): Ollama's models, never priced as a maker's
  ['ollama', 'ollama'],
  // The Vercel AI Gateway routes to every maker, which its model id names (`openai/gpt-5`), at its list price: priced as any gateway (the price table's `priced_by` row `gateway`).
  ['gateway', 'gateway'],
  // The conventions' names that @ai-sdk/otel writes, as they are.
  ['gcp.gemini', 'gcp.gemini'],
  ['gcp.vertex_ai', 'gcp.vertex_ai'],
  ['aws.bedrock', 'aws.bedrock'],
  ['azure.ai.openai', 'azure.ai.openai'],
  ['x_ai', 'x_ai'],
  ['mistral_ai', 'mistral_ai'],
]);

/** The longest string that can name a provider: the longest prefix in the table, with a model type after it. Any longer names none, unread. */
const LONGEST_NAME = 64;

/** The last string asked and its answer: an application's calls go through few providers. */
let lastAsked: string | undefined;
let lastAnswer: string | undefined;

/** The conventions' name of the provider an AI SDK provider string names, as above; `undefined` for none. */
export function aiSdkProviderName(value: string): string | undefined {
  if (value === lastAsked) return lastAnswer;
  let prefix = value.toLowerCase();
  let answer: string | undefined;
  while (prefix.length <= LONGEST_NAME) {
    answer = BY_PREFIX.get(prefix);
    if (answer !== undefined) break;
    const end = prefix.lastIndexOf('.');
    if (end === -1) break;
    prefix = prefix.slice(0, end);
  }
  lastAsked = value;
  lastAnswer = answer;
  return answer;
}
