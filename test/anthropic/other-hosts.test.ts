import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { anthropicTestbed, fixture, onlySpan } from './testbed.js';

/**
 * The Anthropic SDK pointed at a host that is not Anthropic's API, by its real base URL: the
 * client's `fetch` sends each request to the fixture server instead, keeping its path. A provider
 * known by its host (DeepSeek's Anthropic API) names its spans and prices them; any other host's
 * spans are `anthropic`, priced at the list price of the model's maker (docs/cost.md, "A
 * gateway's calls"). Prices from data/pricing_v1.json, in USD per million tokens.
 */
const bed = anthropicTestbed({ processors: [new CostSpanProcessor()] });
const question = { max_tokens: 256, messages: [{ role: 'user' as const, content: 'Capital of France?' }] };

describe('the Anthropic SDK at another host', () => {
  it("prices DeepSeek's model through DeepSeek's Anthropic API at DeepSeek's price", async () => {
    const client = bed.newClient({ baseURL: 'https://api.deepseek.com/anthropic', fetch: fetchToFixtures(bed.server.origin) });
    const message = await client.messages.create({ model: 'deepseek-chat', ...question }, fixture('deepseek-message'));
    expect(message.content[0]).toEqual({ type: 'text', text: 'The capital of France is Paris.' });
    // 220 uncached × 0.14 + 1280 read × 0.0028 + 200 × 0.28 = 30.8 + 3.584 + 56 = 90.384 µ$
    expect(onlySpan(bed).attributes).toMatchObject({
      'gen_ai.provider.name': 'deepseek',
      'server.address': 'api.deepseek.com',
      'gen_ai.usage.input_tokens': 1500,
      'gen_ai.usage.cache_read.input_tokens': 1280,
      'llm_observer.cost.total_usd': 0.000090384,
      'llm_observer.pricing.entry': 'deepseek-chat',
    });
  });

  it("leaves a Claude model name DeepSeek's Anthropic API maps to one of its own unpriced, not at Claude's price", async () => {
    const client = bed.newClient({ baseURL: 'https://api.deepseek.com/anthropic', fetch: fetchToFixtures(bed.server.origin) });
    await client.messages.create({ model: 'claude-sonnet-4-6', ...question }, fixture('message'));
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.provider.name': 'deepseek', 'gen_ai.response.model': 'claude-sonnet-4-6', 'llm_observer.cost.unpriced_reason': 'unknown_model' });
  });

  it("prices Claude through a gateway's Anthropic API at Claude's price, reported as anthropic", async () => {
    const client = bed.newClient({ baseURL: 'https://litellm.internal.example/anthropic', fetch: fetchToFixtures(bed.server.origin) });
    await client.messages.create({ model: 'claude-sonnet-4-6', ...question }, fixture('message'));
    expect(onlySpan(bed).attributes).toMatchObject({ 'gen_ai.provider.name': 'anthropic', 'server.address': 'litellm.internal.example', 'llm_observer.pricing.entry': 'claude-sonnet-4-6' });
  });
});
