import { serverOf } from '../genai-instrumentation.js';
import type { ProviderSdk } from '../provider-contract.js';
import { clientOfResource, observeApiPromise } from '../stainless/api-promise.js';
import type { GenAIProvider } from '../../semconv.js';
import { ANTHROPIC_BUILT_IN_TRACING } from './built-in-tracing.js';
import { ANTHROPIC_MODULE } from './sdk-module.js';
import { ANTHROPIC_SURFACES } from './surfaces.js';

/**
 * What the core needs of the `@anthropic-ai/sdk` SDK to trace it (the provider contract,
 * ../provider-contract.ts): its surfaces, its client, its own tracing. Loaded when the SDK is
 * patched (./lazy-provider-sdk.ts), not when the package loads.
 */

/**
 * The platforms that serve Claude through a client of their own SDK (`AnthropicBedrock` of
 * `@anthropic-ai/bedrock-sdk`, `AnthropicVertex` of `@anthropic-ai/vertex-sdk`), by the provider
 * name the client gives itself (`_genAIProviderName`, which the SDK's own spans carry too). Their
 * clients extend the SDK's `BaseAnthropic` and make their calls through its resource classes.
 */
const PLATFORM_PROVIDERS: ReadonlySet<GenAIProvider> = new Set(['aws.bedrock', 'gcp.vertex_ai']);

/**
 * The providers that serve their own models through an Anthropic Messages API of their own, by its
 * host: the provider an SDK client pointed there calls (its spans are then priced at that
 * provider's prices, and a Claude model name it maps to one of its own is not priced at Claude's).
 * DeepSeek: "Using the Anthropic API" (api-docs.deepseek.com/guides/anthropic_api), base URL
 * `https://api.deepseek.com/anthropic`.
 */
const ANTHROPIC_FORMAT_HOSTS: ReadonlyMap<string, string> = new Map([['api.deepseek.com', 'deepseek']]);

/** The platform a client of the SDK calls, or the provider whose host it is pointed at, or `anthropic`, the Claude API's own. */
function providerOf(client: Record<string, unknown>, serverAddress: string | undefined): string {
  const named = client['_genAIProviderName'];
  if (PLATFORM_PROVIDERS.has(named as GenAIProvider)) return named as GenAIProvider;
  return (serverAddress === undefined ? undefined : ANTHROPIC_FORMAT_HOSTS.get(serverAddress.toLowerCase())) ?? 'anthropic';
}

export const ANTHROPIC_SDK: ProviderSdk = {
  ...ANTHROPIC_MODULE,
  surfaces: ANTHROPIC_SURFACES,
  builtInTracing: ANTHROPIC_BUILT_IN_TRACING,
  clientClass: (moduleExports) => moduleExports['Anthropic'],
  describeClient(client) {
    const server = serverOf(client['baseURL']);
    return { provider: providerOf(client, server.serverAddress), ...server };
  },
  unreadableClient: { provider: 'anthropic', serverAddress: undefined, serverPort: undefined },
  callMethod: 'create',
  clientOf: clientOfResource,
  observeResult: observeApiPromise,
};
