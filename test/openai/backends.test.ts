import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { backendAt } from '../../src/instrumentation/formats/openai/backends.js';
import { CostSpanProcessor } from '../../src/index.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { API_KEY, onlyClientSpan, openAITestbed, readStream } from './testbed.js';

/**
 * The `openai` SDK pointed at other backends by their real base URLs. The client's `fetch` sends
 * each request to the local fixture server instead, keeping its path, and notes the host it was
 * meant for; the fixtures (test/fixtures/openai-backends/) are each backend's wire format, each
 * naming the API reference it follows. Costs are worked out by hand from data/pricing_v1.json's
 * prices (USD per million tokens): uncached input × input + cache reads × cache_read + output × output.
 */
const bed = openAITestbed([new CostSpanProcessor()]);
const intendedHosts: string[] = [];

/** A client of `baseURL` whose requests reach the fixture server. */
function clientOf(baseURL: string) {
  return bed.newClient({
    baseURL,
    apiKey: API_KEY,
    fetch: fetchToFixtures(bed.server.origin, (meant) => intendedHosts.push(meant.host)),
  });
}

const fixture = (name: string) => ({ headers: { 'x-fixture': `openai-backends/${name}` } });

interface BackendCase {
  readonly backend: string;
  readonly baseURL: string;
  readonly fixture: string;
  readonly provider: string;
  readonly serverAddress: string;
  readonly serverPort: number;
  readonly responseModel: string;
  readonly usage: Record<string, number>;
  readonly costUsd: number;
  readonly entry: string;
}

const CASES: readonly BackendCase[] = [
  {
    backend: 'DeepSeek',
    baseURL: 'https://api.deepseek.com',
    fixture: 'deepseek-chat',
    provider: 'deepseek',
    serverAddress: 'api.deepseek.com',
    serverPort: 443,
    responseModel: 'deepseek-chat',
    // deepseek-chat at the last prices it had (deepseek-v4-flash's before DeepSeek retired the name on 2026-07-24; no peak hours):
    // prompt_cache_hit_tokens 1280 of 1500: 220 × 0.14 + 1280 × 0.0028 + 200 × 0.28 = 30.8 + 3.584 + 56 = 90.384 µ$
    usage: { input: 1500, cacheRead: 1280, output: 200 },
    costUsd: 0.000090384,
    entry: 'deepseek-chat',
  },
  {
    backend: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    fixture: 'groq-chat',
    provider: 'groq',
    serverAddress: 'api.groq.com',
    serverPort: 443,
    responseModel: 'openai/gpt-oss-120b',
    // 1076 × 0.15 + 1024 × 0.075 + 300 × 0.60 = 161.4 + 76.8 + 180 = 418.2 µ$
    usage: { input: 2100, cacheRead: 1024, output: 300 },
    costUsd: 0.0004182,
    entry: 'groq/gpt-oss-120b',
  },
  {
    backend: 'xAI',
    baseURL: 'https://api.x.ai/v1',
    fixture: 'xai-chat',
    provider: 'x_ai',
    serverAddress: 'api.x.ai',
    serverPort: 443,
    responseModel: 'grok-4.3',
    // 27 × 1.25 + 98 × 0.20 + 48 × 2.50 = 33.75 + 19.6 + 120 = 173.35 µ$
    usage: { input: 125, cacheRead: 98, output: 48 },
    costUsd: 0.00017335,
    entry: 'grok-4.3',
  },
  {
    backend: 'Mistral',
    baseURL: 'https://api.mistral.ai/v1',
    fixture: 'mistral-chat',
    provider: 'mistral_ai',
    serverAddress: 'api.mistral.ai',
    serverPort: 443,
    responseModel: 'mistral-small-latest',
    // Mistral Small 4, which the alias names since 2026-03-16: 260 × 0.15 + 640 × 0.015 + 150 × 0.60 = 39 + 9.6 + 90 = 138.6 µ$
    usage: { input: 900, cacheRead: 640, output: 150 },
    costUsd: 0.0001386,
    entry: 'mistral-small-2603',
  },
  {
    backend: "Anthropic's OpenAI SDK compatibility layer",
    baseURL: 'https://api.anthropic.com/v1/',
    fixture: 'anthropic-chat',
    provider: 'anthropic',
    serverAddress: 'api.anthropic.com',
    serverPort: 443,
    responseModel: 'claude-haiku-4-5',
    // Claude Haiku 4.5's list price, no cache read (the layer has no prompt caching): 1200 × 1 + 100 × 5 = 1200 + 500 = 1700 µ$
    usage: { input: 1200, output: 100 },
    costUsd: 0.0017,
    entry: 'claude-haiku-4-5',
  },
  {
    backend: "Google's OpenAI-compatible Gemini endpoint",
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai/',
    fixture: 'gemini-chat',
    provider: 'gcp.gemini',
    serverAddress: 'generativelanguage.googleapis.com',
    serverPort: 443,
    responseModel: 'gemini-2.5-flash',
    // 952 × 0.30 + 2048 × 0.03 + 400 × 2.50 = 285.6 + 61.44 + 1000 = 1347.04 µ$
    usage: { input: 3000, cacheRead: 2048, output: 400 },
    costUsd: 0.00134704,
    entry: 'gemini-2.5-flash',
  },
  {
    backend: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    fixture: 'openrouter-chat',
    provider: 'openrouter',
    serverAddress: 'openrouter.ai',
    serverPort: 443,
    responseModel: 'openai/gpt-4o-mini',
    // OpenAI's gpt-4o-mini list price: 390 × 0.15 + 1920 × 0.075 + 7 × 0.60 = 58.5 + 144 + 4.2 = 206.7 µ$
    usage: { input: 2310, cacheRead: 1920, output: 7 },
    costUsd: 0.0002067,
    entry: 'gpt-4o-mini',
  },
  {
    backend: 'Together',
    baseURL: 'https://api.together.xyz/v1',
    fixture: 'together-chat',
    provider: 'together',
    serverAddress: 'api.together.xyz',
    serverPort: 443,
    responseModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    // Its 600 cached tokens, in Together's flat usage.cached_tokens, at the input price (no cached-input price): (1000 + 250) × 0.88 = 1100 µ$
    usage: { input: 1000, cacheRead: 600, output: 250 },
    costUsd: 0.0011,
    entry: 'together/llama-3.3-70b-instruct-turbo',
  },
  {
    backend: 'Amazon Bedrock (bedrock-runtime)',
    baseURL: 'https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1',
    fixture: 'bedrock-chat',
    provider: 'aws.bedrock',
    serverAddress: 'bedrock-runtime.us-west-2.amazonaws.com',
    serverPort: 443,
    responseModel: 'openai.gpt-oss-120b-1:0',
    // Bedrock's price of gpt-oss-120b, no prompt caching: 1500 × 0.15 + 200 × 0.60 = 225 + 120 = 345 µ$
    usage: { input: 1500, output: 200 },
    costUsd: 0.000345,
    entry: 'aws.bedrock/openai.gpt-oss-120b',
  },
  {
    backend: 'Fireworks',
    baseURL: 'https://api.fireworks.ai/inference/v1',
    fixture: 'fireworks-chat',
    provider: 'fireworks',
    serverAddress: 'api.fireworks.ai',
    serverPort: 443,
    responseModel: 'accounts/fireworks/models/gpt-oss-120b',
    // 464 × 0.15 + 1536 × 0.015 + 100 × 0.60 = 69.6 + 23.04 + 60 = 152.64 µ$
    usage: { input: 2000, cacheRead: 1536, output: 100 },
    costUsd: 0.00015264,
    entry: 'fireworks/gpt-oss-120b',
  },
  {
    backend: 'Cerebras',
    baseURL: 'https://api.cerebras.ai/v1',
    fixture: 'cerebras-chat',
    provider: 'cerebras',
    serverAddress: 'api.cerebras.ai',
    serverPort: 443,
    responseModel: 'gpt-oss-120b',
    // No cached-input price, so the 1024 cached tokens at the input price; its 150 reasoning tokens are among the 400 output:
    // 976 × 0.35 + 1024 × 0.35 + 400 × 0.75 = 341.6 + 358.4 + 300 = 1000 µ$
    usage: { input: 2000, cacheRead: 1024, output: 400 },
    costUsd: 0.001,
    entry: 'cerebras/gpt-oss-120b',
  },
  {
    backend: 'Moonshot AI',
    baseURL: 'https://api.moonshot.ai/v1',
    fixture: 'moonshot-chat',
    provider: 'moonshot',
    serverAddress: 'api.moonshot.ai',
    serverPort: 443,
    responseModel: 'kimi-k2.6',
    // Its flat usage.cached_tokens, 2048 of the 3000 prompt tokens, at the cache-hit price:
    // 952 × 0.95 + 2048 × 0.16 + 500 × 4 = 904.4 + 327.68 + 2000 = 3232.08 µ$
    usage: { input: 3000, cacheRead: 2048, output: 500 },
    costUsd: 0.00323208,
    entry: 'moonshot/kimi-k2.6',
  },
  {
    backend: 'Z.ai',
    baseURL: 'https://api.z.ai/api/paas/v4',
    fixture: 'zai-chat',
    provider: 'z_ai',
    serverAddress: 'api.z.ai',
    serverPort: 443,
    responseModel: 'glm-5.3',
    // 2000 of its 2500 prompt tokens cached: 500 × 1.40 + 2000 × 0.26 + 300 × 4.40 = 700 + 520 + 1320 = 2540 µ$
    usage: { input: 2500, cacheRead: 2000, output: 300 },
    costUsd: 0.00254,
    entry: 'z_ai/glm-5.3',
  },
];

/** The span attributes of `usage`: input (cache reads included), cache reads where the backend reports them, output. */
function usageAttributes(usage: BackendCase['usage']): Record<string, number> {
  const attributes: Record<string, number> = { 'gen_ai.usage.input_tokens': usage['input']!, 'gen_ai.usage.output_tokens': usage['output']! };
  if (usage['cacheRead'] !== undefined) attributes['gen_ai.usage.cache_read.input_tokens'] = usage['cacheRead'];
  return attributes;
}

const question = { messages: [{ role: 'user' as const, content: 'Capital of France?' }] };

describe('the openai SDK pointed at another backend', () => {
  for (const backend of CASES) {
    it(`reports a ${backend.backend} call as ${backend.provider}, with its usage read in its dialect and priced at its own price`, async () => {
      intendedHosts.length = 0;
      const completion = await clientOf(backend.baseURL).chat.completions.create({ model: backend.responseModel, ...question }, fixture(backend.fixture));
      expect(completion.choices[0]?.message.content).toBe('Paris.');
      expect(intendedHosts).toEqual([backend.serverAddress]);
      const span = onlyClientSpan(bed, `chat ${backend.responseModel}`);
      expect(span.attributes).toMatchObject({
        'gen_ai.provider.name': backend.provider,
        'server.address': backend.serverAddress,
        'server.port': backend.serverPort,
        'gen_ai.response.model': backend.responseModel,
        ...usageAttributes(backend.usage),
        'llm_observer.cost.total_usd': backend.costUsd,
        'llm_observer.pricing.entry': backend.entry,
      });
      if (backend.usage['cacheRead'] === undefined) expect(span.attributes).not.toHaveProperty('gen_ai.usage.cache_read.input_tokens');
    });

    it(`reads the usage of a streamed ${backend.backend} call from its last chunk, and prices it the same`, async () => {
      const stream = await clientOf(backend.baseURL).chat.completions.create(
        { model: backend.responseModel, ...question, stream: true, stream_options: { include_usage: true } },
        fixture(`${backend.fixture}-stream`),
      );
      const { events, failure } = await readStream(stream);
      expect(failure).toBeUndefined();
      expect(events.map((event) => event.choices[0]?.delta.content ?? '').join('')).toBe('Paris.');
      const span = onlyClientSpan(bed, `chat ${backend.responseModel}`);
      expect(span.attributes).toMatchObject({
        'gen_ai.provider.name': backend.provider,
        'server.address': backend.serverAddress,
        'gen_ai.response.model': backend.responseModel,
        ...usageAttributes(backend.usage),
        'llm_observer.cost.total_usd': backend.costUsd,
      });
    });
  }

  it('records the cost OpenRouter says it billed beside the cost worked out from the list price', async () => {
    await clientOf('https://openrouter.ai/api/v1').chat.completions.create({ model: 'openai/gpt-4o-mini', ...question }, fixture('openrouter-chat'));
    const span = onlyClientSpan(bed, 'chat openai/gpt-4o-mini');
    // usage.cost 0.000207 against 206.7 µ$ worked out above: OpenRouter billed 0.3 µ$ more.
    expect(span.attributes['llm_observer.provider.billed_cost_usd']).toBe(0.000207);
    expect(span.attributes['llm_observer.cost.total_usd']).toBe(0.0002067);
  });

  it("prices Together's call of an id Groq serves too at Together's price, and Groq's at Groq's", async () => {
    await clientOf('https://api.together.xyz/v1').chat.completions.create({ model: 'openai/gpt-oss-120b', ...question }, fixture('together-gpt-oss-chat'));
    await clientOf('https://api.groq.com/openai/v1').chat.completions.create({ model: 'openai/gpt-oss-120b', ...question }, fixture('groq-chat'));
    const [together, groq] = bed.tracing.spans();
    // Together: no cached-input price, 2100 × 0.15 + 300 × 0.60 = 315 + 180 = 495 µ$
    expect(together?.attributes).toMatchObject({
      'gen_ai.provider.name': 'together',
      'gen_ai.usage.cache_read.input_tokens': 1024,
      'gen_ai.usage.reasoning.output_tokens': 120,
      'llm_observer.cost.total_usd': 0.000495,
      'llm_observer.pricing.entry': 'together/gpt-oss-120b',
    });
    // Groq: its cached input at half price, 418.2 µ$ (above)
    expect(groq?.attributes).toMatchObject({ 'gen_ai.provider.name': 'groq', 'llm_observer.cost.total_usd': 0.0004182, 'llm_observer.pricing.entry': 'groq/gpt-oss-120b' });
  });

  it("reads Cerebras's reasoning tokens, among its output tokens, plain and streamed, and nothing of its time_info", async () => {
    await clientOf('https://api.cerebras.ai/v1').chat.completions.create({ model: 'gpt-oss-120b', ...question }, fixture('cerebras-chat'));
    const stream = await clientOf('https://api.cerebras.ai/v1').chat.completions.create(
      { model: 'gpt-oss-120b', ...question, stream: true, stream_options: { include_usage: true } },
      fixture('cerebras-chat-stream'),
    );
    await readStream(stream);
    const spans = bed.tracing.spans();
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      // 1000 µ$, as above: the reasoning tokens are billed as output, within completion_tokens
      expect(span.attributes).toMatchObject({
        'gen_ai.provider.name': 'cerebras',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.output_tokens': 400,
        'gen_ai.usage.reasoning.output_tokens': 150,
        'llm_observer.cost.total_usd': 0.001,
      });
      expect(Object.keys(span.attributes).filter((name) => /time_info|queue_time|prompt_time|completion_time|total_time/.test(name))).toEqual([]);
    }
  });

  it('reads the usage of a streamed Moonshot call from its finishing choice, unasked, and from both places once when asked', async () => {
    const unasked = await clientOf('https://api.moonshot.ai/v1').chat.completions.create({ model: 'kimi-k2.6', ...question, stream: true }, fixture('moonshot-chat-stream-unasked'));
    await readStream(unasked);
    const asked = await clientOf('https://api.moonshot.ai/v1').chat.completions.create(
      { model: 'kimi-k2.6', ...question, stream: true, stream_options: { include_usage: true } },
      fixture('moonshot-chat-stream'),
    );
    await readStream(asked);
    const spans = bed.tracing.spans();
    expect(spans.map((span) => span.attributes['server.address'])).toEqual(['api.moonshot.ai', 'api.moonshot.ai']);
    for (const span of spans) {
      // 3232.08 µ$, as above: the usage sent twice in the asked-for stream is counted once
      expect(span.attributes).toMatchObject({
        'gen_ai.provider.name': 'moonshot',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': 3000,
        'gen_ai.usage.cache_read.input_tokens': 2048,
        'gen_ai.usage.output_tokens': 500,
        'llm_observer.cost.total_usd': 0.00323208,
        'llm_observer.pricing.entry': 'moonshot/kimi-k2.6',
      });
    }
  });

  it("reads Moonshot's cached tokens where Kimi K2.5's responses put them, OpenAI's prompt_tokens_details", async () => {
    await clientOf('https://api.moonshot.ai/v1').chat.completions.create({ model: 'kimi-k2.5', ...question }, fixture('moonshot-k25-chat'));
    const span = onlyClientSpan(bed, 'chat kimi-k2.5');
    // 1024 of 1500 prompt tokens cached: 476 × 0.60 + 1024 × 0.10 + 200 × 3 = 285.6 + 102.4 + 600 = 988 µ$
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'moonshot',
      'gen_ai.usage.input_tokens': 1500,
      'gen_ai.usage.cache_read.input_tokens': 1024,
      'gen_ai.usage.output_tokens': 200,
      'llm_observer.cost.total_usd': 0.000988,
      'llm_observer.pricing.entry': 'moonshot/kimi-k2.5',
    });
  });

  it("reports a call of Z.ai's GLM Coding Plan endpoint, on the same host, as z_ai, and prices Z.ai's upper-case model id as its lower-case one", async () => {
    await clientOf('https://api.z.ai/api/coding/paas/v4').chat.completions.create({ model: 'GLM-5.3', ...question }, fixture('zai-chat'));
    const span = onlyClientSpan(bed, 'chat GLM-5.3');
    // 2540 µ$, as above: the plan's subscription is not known here, so the call is priced at the pay-per-use price
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'z_ai',
      'gen_ai.request.model': 'GLM-5.3',
      'llm_observer.cost.total_usd': 0.00254,
      'llm_observer.pricing.entry': 'z_ai/glm-5.3',
    });
  });

  it("reads the usage of a streamed Groq call that did not ask for it from the final chunk's x_groq, where Groq sends it, and prices it", async () => {
    const stream = await clientOf('https://api.groq.com/openai/v1').chat.completions.create(
      { model: 'openai/gpt-oss-120b', ...question, stream: true },
      fixture('groq-chat-stream-x-groq'),
    );
    const { events, failure } = await readStream(stream);
    expect([failure, events.map((event) => event.choices[0]?.delta.content ?? '').join('')]).toEqual([undefined, 'Paris.']);
    const span = onlyClientSpan(bed, 'chat openai/gpt-oss-120b');
    // 418.2 µ$, as the call above
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'groq',
      'gen_ai.response.finish_reasons': ['stop'],
      ...usageAttributes({ input: 2100, cacheRead: 1024, output: 300 }),
      'llm_observer.cost.total_usd': 0.0004182,
    });
  });

  it("reads no usage from an x_groq field of a backend other than Groq's", async () => {
    const stream = await clientOf('https://api.together.xyz/v1').chat.completions.create(
      { model: 'openai/gpt-oss-120b', ...question, stream: true },
      fixture('groq-chat-stream-x-groq'),
    );
    await readStream(stream);
    const span = onlyClientSpan(bed, 'chat openai/gpt-oss-120b');
    expect(span.attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
    expect(span.attributes['llm_observer.cost.unpriced_reason']).toBe('no_usage');
  });

  it("records the tier Groq names in its response, on_demand, as it is, and prices the call at Groq's list price", async () => {
    await clientOf('https://api.groq.com/openai/v1').chat.completions.create({ model: 'openai/gpt-oss-120b', ...question }, fixture('groq-chat'));
    const span = onlyClientSpan(bed, 'chat openai/gpt-oss-120b');
    expect(span.attributes).toMatchObject({ 'openai.response.service_tier': 'on_demand', 'llm_observer.cost.total_usd': 0.0004182 });
  });

  it('leaves an OpenRouter call of an open-weight model unpriced rather than at the price of one of its hosts', async () => {
    await clientOf('https://openrouter.ai/api/v1').chat.completions.create({ model: 'openai/gpt-oss-120b', ...question }, fixture('openrouter-gpt-oss-chat'));
    const span = onlyClientSpan(bed, 'chat openai/gpt-oss-120b');
    // The id is Groq's entry's, and OpenRouter routes it to a host of its choosing: no price is known.
    expect(span.attributes).toMatchObject({ 'gen_ai.provider.name': 'openrouter', 'gen_ai.usage.input_tokens': 2100, 'llm_observer.provider.billed_cost_usd': 0.0004 });
    expect(span.attributes['llm_observer.cost.unpriced_reason']).toBe('unknown_model');
  });

  it('reports a local Ollama server on its default port as ollama, unpriced', async () => {
    await clientOf('http://localhost:11434/v1').chat.completions.create({ model: 'llama3.2', ...question }, fixture('ollama-chat'));
    const span = onlyClientSpan(bed, 'chat llama3.2');
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'ollama',
      'server.address': 'localhost',
      'server.port': 11434,
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 12,
      'llm_observer.cost.unpriced_reason': 'unknown_model',
    });
  });

  it('reports a client of a host the table does not know as openai, priced by the model it names, as before', async () => {
    await clientOf('https://llm-gateway.internal.example/v1').chat.completions.create({ model: 'gpt-4o-mini', ...question }, fixture('vllm-chat'));
    const span = onlyClientSpan(bed, 'chat gpt-4o-mini');
    // gpt-4o-mini's list price: 40 × 0.15 + 10 × 0.60 = 6 + 6 = 12 µ$
    expect(span.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'server.address': 'llm-gateway.internal.example', 'llm_observer.cost.total_usd': 0.000012 });
  });

  it("prices another maker's model through a gateway the table does not know (a LiteLLM proxy) at that maker's list price", async () => {
    await clientOf('http://localhost:4000/v1').chat.completions.create({ model: 'claude-haiku-4-5', ...question }, fixture('anthropic-chat'));
    const span = onlyClientSpan(bed, 'chat claude-haiku-4-5');
    // Claude Haiku 4.5's list price, as through Anthropic's own compatibility layer above: 1200 × 1 + 100 × 5 = 1700 µ$
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'server.address': 'localhost',
      'server.port': 4000,
      'llm_observer.cost.total_usd': 0.0017,
      'llm_observer.pricing.entry': 'claude-haiku-4-5',
    });
  });

  it("leaves a self-hosted open-weight model at a host the table does not know unpriced, not at the price of a host that serves the same id", async () => {
    await clientOf('http://localhost:8000/v1').chat.completions.create({ model: 'Qwen/Qwen3.8-27B', ...question }, fixture('vllm-qwen-chat'));
    const span = onlyClientSpan(bed, 'chat Qwen/Qwen3.8-27B');
    // GroqCloud's entry groq/qwen3.8-27b lists qwen/qwen3.8-27b: its price is Groq's, for Groq's spans only.
    expect(span.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'gen_ai.usage.input_tokens': 40, 'llm_observer.cost.unpriced_reason': 'unknown_model' });
  });
});

describe('a BedrockOpenAI client (openai/bedrock)', () => {
  // Loaded once the instrumentation is registered (the testbed's), as the SDK's other entry points.
  const { BedrockOpenAI } = createRequire(import.meta.url)('openai/bedrock') as typeof import('openai/bedrock');

  // GPT-5.5 on Bedrock (5.50 / cached 0.55 / output 33): 976 × 5.50 + 1,024 × 0.55 + 300 × 33 = 5,368 + 563.2 + 9,900 = 15,831.2 µ$
  it.each([
    ['at the bedrock-mantle host it derives from its Region', { awsRegion: 'us-east-2' }, 'bedrock-mantle.us-east-2.api.aws'],
    ['at a host of its own (a VPC endpoint), by its class', { baseURL: 'https://vpce-0a1b2c3d4e.bedrock-mantle.us-east-2.vpce.amazonaws.com/openai/v1' }, 'vpce-0a1b2c3d4e.bedrock-mantle.us-east-2.vpce.amazonaws.com'],
  ])('is reported as aws.bedrock %s, its GPT-5.5 call priced at Bedrock price', async (_, options, host) => {
    intendedHosts.length = 0;
    const client = new BedrockOpenAI({ apiKey: API_KEY, maxRetries: 0, ...options, fetch: fetchToFixtures(bed.server.origin, (meant) => intendedHosts.push(meant.host)) });
    const response = await client.responses.create({ model: 'openai.gpt-5.5', input: 'Capital of France?' }, fixture('bedrock-responses'));
    expect([response.output_text, intendedHosts]).toEqual(['Paris.', [host]]);
    expect(onlyClientSpan(bed, 'chat openai.gpt-5.5').attributes).toMatchObject({
      'gen_ai.provider.name': 'aws.bedrock',
      'server.address': host,
      'gen_ai.usage.input_tokens': 2000,
      'gen_ai.usage.cache_read.input_tokens': 1024,
      'llm_observer.cost.total_usd': 0.0158312,
      'llm_observer.pricing.entry': 'aws.bedrock/openai.gpt-5.5',
    });
  });

  it("tells Bedrock's hosts by one label in the Region's place, and no other host", () => {
    expect(['bedrock-mantle.eu-west-1.api.aws', 'bedrock-runtime.ap-northeast-1.amazonaws.com'].map((host) => backendAt(host, 443)?.provider)).toEqual(['aws.bedrock', 'aws.bedrock']);
    const others = ['bedrock-mantle.api.aws', 'bedrock-mantle.a.b.api.aws', 'x.bedrock-mantle.us-east-2.api.aws', 'bedrock-runtime.us-west-2.amazonaws.com.example.com', 's3.us-east-1.amazonaws.com'];
    expect(others.map((host) => backendAt(host, 443))).toEqual(others.map(() => undefined));
  });
});

describe('the providerName option', () => {
  it('names the provider of a host the table does not know, from the base URL, and never prices its look-alike model ids at OpenAI prices', async () => {
    bed.instrumentation.setConfig({ providerName: (baseURL) => (baseURL.startsWith('http://gpu-box:8000') ? 'vllm' : undefined) });
    try {
      await clientOf('http://gpu-box:8000/v1').chat.completions.create({ model: 'gpt-4o-mini', ...question }, fixture('vllm-chat'));
      await clientOf('https://api.deepseek.com').chat.completions.create({ model: 'deepseek-chat', ...question }, fixture('deepseek-chat'));
    } finally {
      bed.instrumentation.setConfig({});
    }
    const [vllm, deepseek] = bed.tracing.spans();
    expect(vllm?.attributes).toMatchObject({ 'gen_ai.provider.name': 'vllm', 'server.address': 'gpu-box', 'server.port': 8000, 'gen_ai.usage.input_tokens': 40 });
    expect(vllm?.attributes['llm_observer.cost.unpriced_reason']).toBe('unknown_model');
    expect(deepseek?.attributes['gen_ai.provider.name']).toBe('deepseek');
  });

  it('ignores a name that is no string, with a diag warning, and reports the client as openai', async () => {
    bed.instrumentation.setConfig({ providerName: () => 42 as unknown as string });
    try {
      await clientOf('https://llm-gateway.internal.example/v1').chat.completions.create({ model: 'gpt-4o-mini', ...question }, fixture('vllm-chat'));
    } finally {
      bed.instrumentation.setConfig({});
    }
    expect(onlyClientSpan(bed, 'chat gpt-4o-mini').attributes['gen_ai.provider.name']).toBe('openai');
    expect(bed.diagnostics.fromThisPackage()).toEqual([expect.objectContaining({ level: 'warn', text: expect.stringContaining('providerName gave number') })]);
  });
});
