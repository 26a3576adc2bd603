import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { aiSdkProviderName } from '../../src/processor/ai-sdk-providers.js';
import { installPinned, ROOT } from '../support/pinned-install.js';

/**
 * The provider strings of the Vercel AI SDK's models, read off the provider packages themselves:
 * every `create…` export of each of their entry points (but `internal` and `edge`) makes a
 * provider, and every method of it that makes a model with a model id gives that model's
 * `provider`, the string the AI SDK's spans record (`gen_ai.system`, and `gen_ai.provider.name`
 * where @ai-sdk/otel leaves it as it is). Each package's expected provider is written here from
 * what the package calls (its README), not from the code under test.
 */
const PROVIDER_PACKAGES = {
  ai: '7.0.185',
  zod: '4.6.7',
  '@ai-sdk/openai': '4.0.126',
  '@ai-sdk/anthropic': '4.0.112',
  '@ai-sdk/google': '4.0.129',
  '@ai-sdk/google-vertex': '5.0.150',
  '@ai-sdk/amazon-bedrock': '5.0.151',
  '@ai-sdk/azure': '4.0.134',
  '@ai-sdk/groq': '4.0.89',
  '@ai-sdk/xai': '5.0.43',
  '@ai-sdk/deepseek': '3.0.92',
  '@ai-sdk/mistral': '4.0.92',
  '@ai-sdk/cohere': '4.0.89',
  '@ai-sdk/perplexity': '5.0.23',
  '@ai-sdk/togetherai': '3.0.82',
  '@ai-sdk/fireworks': '3.0.62',
  '@ai-sdk/cerebras': '3.0.81',
  '@ai-sdk/gateway': '4.0.158',
  '@openrouter/ai-sdk-provider': '3.1.0',
  // The community's Ollama providers: one calls Ollama's REST API itself, the other through the `ollama` SDK.
  'ollama-ai-provider-v2': '4.0.1',
  'ai-sdk-ollama': '4.3.0',
};

/** The provider each entry point's models call, as the conventions name them (`gateway`: a router at the makers' list prices, the price table's `priced_by`). */
const CALLS: Readonly<Record<string, string>> = {
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/google': 'gcp.gemini',
  // Gemini, Claude, the open models (Model as a Service) and Grok on Vertex AI
  '@ai-sdk/google-vertex': 'gcp.vertex_ai',
  '@ai-sdk/google-vertex/anthropic': 'gcp.vertex_ai',
  '@ai-sdk/google-vertex/maas': 'gcp.vertex_ai',
  '@ai-sdk/google-vertex/xai': 'gcp.vertex_ai',
  // Bedrock's Converse and InvokeModel, Claude's Messages API on Bedrock, and its OpenAI-compatible endpoint
  '@ai-sdk/amazon-bedrock': 'aws.bedrock',
  '@ai-sdk/amazon-bedrock/anthropic': 'aws.bedrock',
  '@ai-sdk/amazon-bedrock/mantle': 'aws.bedrock',
  '@ai-sdk/azure': 'azure.ai.openai',
  '@ai-sdk/groq': 'groq',
  '@ai-sdk/xai': 'x_ai',
  '@ai-sdk/deepseek': 'deepseek',
  '@ai-sdk/mistral': 'mistral_ai',
  '@ai-sdk/cohere': 'cohere',
  '@ai-sdk/perplexity': 'perplexity',
  '@ai-sdk/togetherai': 'together',
  '@ai-sdk/fireworks': 'fireworks',
  '@ai-sdk/cerebras': 'cerebras',
  '@ai-sdk/gateway': 'gateway',
  '@openrouter/ai-sdk-provider': 'openrouter',
  // A local Ollama server, or Ollama's cloud (ai-sdk-ollama's browser build too)
  'ollama-ai-provider-v2': 'ollama',
  'ai-sdk-ollama': 'ollama',
  'ai-sdk-ollama/browser': 'ollama',
};

/** What a provider's maker is given: every setting any of them needs to make a model without a request (no request is made). */
const SETTINGS = {
  apiKey: 'fixture-key',
  baseURL: 'http://127.0.0.1:9',
  resourceName: 'fixture-resource',
  project: 'fixture-project',
  location: 'us-central1',
  region: 'us-east-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** A provider's methods that fetch rather than make a model (the gateway's metadata and credits). */
const FETCHES = /^get/;

interface Model {
  readonly provider: string;
  readonly modelId: string;
}
const isModel = (value: unknown): value is Model =>
  typeof value === 'object' && value !== null && typeof (value as { provider?: unknown }).provider === 'string' && 'modelId' in value;

/** Every entry point of the pinned packages, with the provider strings of the models its providers make. */
function providerStrings(): Map<string, Set<string>> {
  const folder = installPinned(PROVIDER_PACKAGES);
  const requireThere = createRequire(join(folder, 'package.json'));
  const found = new Map<string, Set<string>>();
  for (const name of Object.keys(PROVIDER_PACKAGES).filter((name) => name !== 'ai' && name !== 'zod')) {
    const manifest = JSON.parse(readFileSync(join(folder, 'node_modules', name, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const entry of Object.keys(manifest.exports).filter((path) => path !== './package.json' && !/internal|edge/.test(path))) {
      const specifier = entry === '.' ? name : `${name}/${entry.slice(2)}`;
      const strings = new Set<string>();
      found.set(specifier, strings);
      for (const [exported, maker] of Object.entries(requireThere(specifier) as Record<string, unknown>)) {
        if (!exported.startsWith('create') || typeof maker !== 'function') continue;
        const provider = (maker as (settings: typeof SETTINGS) => Record<string, unknown>)(SETTINGS);
        const methods: unknown[] = [provider, ...Object.entries(provider).flatMap(([key, method]) => (FETCHES.test(key) ? [] : [method]))];
        for (const method of methods) {
          if (typeof method !== 'function') continue;
          let model: unknown;
          try {
            model = (method as (id: string) => unknown).call(provider, 'fixture-model');
          } catch {
            continue; // a kind of model the provider does not make (`No such imageModel`)
          }
          if (isModel(model)) strings.add(model.provider);
        }
      }
    }
  }
  return found;
}

describe("the AI SDK's provider strings", () => {
  let found = new Map<string, Set<string>>();
  // The pinned install of the provider packages, made once (npm gives up after 10 minutes).
  beforeAll(() => {
    found = providerStrings();
  }, 660_000);

  it('are read off every entry point of every package, each with at least one model', () => {
    expect([...found].filter(([, strings]) => strings.size === 0).map(([specifier]) => specifier)).toEqual([]);
    expect([...found.keys()].sort()).toEqual(Object.keys(CALLS).sort());
  });

  it.each(Object.keys(CALLS))('name the provider %s calls', (specifier) => {
    const strings = [...(found.get(specifier) ?? [])];
    expect(strings.length).toBeGreaterThan(0);
    expect(Object.fromEntries(strings.map((value) => [value, aiSdkProviderName(value)]))).toEqual(Object.fromEntries(strings.map((value) => [value, CALLS[specifier]])));
  });

  it('name a provider the price table knows, where it prices any', () => {
    const table = JSON.parse(readFileSync(join(ROOT, 'data', 'pricing_v1.json'), 'utf8')) as { entries: { provider: string }[]; priced_by: Record<string, string[]> };
    const known = new Set([...table.entries.map((entry) => entry.provider), ...Object.keys(table.priced_by)]);
    const unpricedProviders = ['perplexity', 'ollama'];
    const named = new Set(Object.values(CALLS));
    expect([...named].filter((provider) => !known.has(provider)).sort()).toEqual(unpricedProviders.sort());
  });

  it("names @ai-sdk/otel's names of the conventions as they are, but its azure.ai.inference, which it gives @ai-sdk/azure's Azure OpenAI", () => {
    const conventions = ['openai', 'anthropic', 'gcp.gemini', 'gcp.vertex_ai', 'aws.bedrock', 'azure.ai.openai', 'groq', 'x_ai', 'deepseek', 'mistral_ai', 'cohere', 'perplexity'];
    expect(conventions.map(aiSdkProviderName)).toEqual(conventions);
    expect(aiSdkProviderName('azure.ai.inference')).toBe('azure.ai.openai');
  });

  it('names a provider of the table or none for any string, a 10 MB one of dots among them', () => {
    const named = new Set(Object.values(CALLS));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[a-zA-Z.-]{0,80}$/), fc.constantFrom(...[...found.values()].flatMap((strings) => [...strings]))), (value) => {
        const provider = aiSdkProviderName(value);
        expect(provider === undefined || named.has(provider)).toBe(true);
      }),
    );
    expect([aiSdkProviderName('.'.repeat(10_000_000)), aiSdkProviderName(`groq${'.chat'.repeat(2_000_000)}`)]).toEqual([undefined, undefined]);
  });

  it('names no provider for a string of a provider the application named itself', () => {
    expect([aiSdkProviderName('my-proxy.chat'), aiSdkProviderName('lmstudio'), aiSdkProviderName('')]).toEqual([undefined, undefined, undefined]);
  });
});
