import { createRequire } from 'node:module';
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostSpanProcessor, OpenAIInstrumentation } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing } from '../support/tracing.js';
import { expectUnpriced } from './expect-cost.js';

const tracing = setupTracing([new OpenAIInstrumentation()], [new CostSpanProcessor()]);
const { OpenAI } = createRequire(import.meta.url)('openai') as typeof import('openai');

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
beforeEach(() => tracing.reset());

/** The attributes of one span with `attributes`, as exported. */
function priced(attributes: Attributes): Attributes {
  tracing.reset();
  tracing.provider.getTracer('unpriced-test').startSpan('chat', { attributes }).end();
  return tracing.spans()[0]?.attributes ?? {};
}

const gpt4o = (usage: Attributes): Attributes => ({ 'gen_ai.request.model': 'gpt-4o', ...usage });

describe('a span the processor cannot price', () => {
  it('is left untouched when it names no model and carries no usage', () => {
    const attributes = { 'http.request.method': 'POST', 'url.full': 'https://example.com/upload' };
    expect(priced(attributes)).toEqual(attributes);
  });

  it('of a call that failed gets no_usage', async () => {
    const client = new OpenAI({ apiKey: 'sk-test-key', baseURL: `${server.origin}/v1`, maxRetries: 0 });
    await expect(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'x-fixture': 'openai/error-401' } }),
    ).rejects.toThrow();
    expectUnpriced(tracing.spans()[0]?.attributes, 'no_usage');
  });

  it('that carries usage but names no model gets no_model', () => {
    expectUnpriced(priced({ 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 10 }), 'no_model');
  });

  it.each<[string, Attributes]>([
    ['more cache reads than input tokens', gpt4o({ 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.cache_read.input_tokens': 200 })],
    [
      'cache reads and writes together above the input total',
      gpt4o({ 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.cache_read.input_tokens': 600, 'gen_ai.usage.cache_write.input_tokens': 600 }),
    ],
    [
      '5-minute and 1-hour writes that do not add up to its writes',
      gpt4o({
        'gen_ai.usage.input_tokens': 5000,
        'gen_ai.usage.cache_write.input_tokens': 3000,
        'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 1000,
        'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 1000,
      }),
    ],
  ])('with %s gets inconsistent_usage', (_, attributes) => {
    expectUnpriced(priced(attributes), 'inconsistent_usage');
  });

  it.each<[string, AttributeValue]>([
    ['negative', -5],
    ['fractional', 12.5],
    ['text', '120'],
    ['not a number', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('with a %s token count gets inconsistent_usage', (_, count) => {
    expectUnpriced(priced(gpt4o({ 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': count })), 'inconsistent_usage');
  });
});
