import { createRequire } from 'node:module';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAIInstrumentation } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing } from '../support/tracing.js';

const tracing = setupTracing([new OpenAIInstrumentation()]);
const { OpenAI } = createRequire(import.meta.url)('openai') as typeof import('openai');

let server: FixtureServer;
let client: InstanceType<typeof OpenAI>;
beforeAll(async () => {
  server = await startFixtureServer();
  client = new OpenAI({ apiKey: 'sk-test-key', baseURL: `${server.origin}/v1`, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => tracing.reset());

const fixture = (name: string) => ({ headers: { 'x-fixture': `openai/${name}` } });

describe('chat.completions.create', () => {
  it('gives a plain call one CLIENT span named after the operation and request model', async () => {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Capital of France?' }] }, fixture('chat'));
    const spans = tracing.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.name).toBe('chat gpt-4o-mini');
    expect(spans[0]?.kind).toBe(SpanKind.CLIENT);
    expect(spans[0]?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 9,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.response.finish_reasons': ['stop'],
      'server.address': '127.0.0.1',
    });
  });

  it('reads a streamed call usage from the final usage chunk', async () => {
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Capital of France?' }], stream: true, stream_options: { include_usage: true } },
      fixture('chat-stream'),
    );
    const text: string[] = [];
    for await (const chunk of stream) text.push(chunk.choices[0]?.delta.content ?? '');
    expect(text.join('')).toBe('The capital of France is Paris.');
    const spans = tracing.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 1920,
      'gen_ai.response.finish_reasons': ['stop'],
      'llm_observer.call.outcome': 'completed',
    });
    expect(spans[0]?.attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
  });
});
