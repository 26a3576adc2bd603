import { describe, expect, it } from 'vitest';
import { API_KEY, expectFailed, failureOf, fixture, onlySpan, openAITestbed } from './testbed.js';

const bed = openAITestbed();
const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of Sweden?' }] };

function azureClient() {
  return new bed.sdk.AzureOpenAI({
    apiKey: API_KEY,
    apiVersion: '2025-04-01-preview',
    baseURL: `${bed.server.origin}/openai`,
    deployment: 'gpt-4o-mini',
    maxRetries: 0,
  });
}

describe('an AzureOpenAI client', () => {
  it('reports its calls with the provider name azure.ai.openai and the server it calls', async () => {
    const completion = await azureClient().chat.completions.create(question, fixture('azure-chat'));
    expect(completion.choices[0]?.message.content).toBe('The capital of Sweden is Stockholm.');
    expect(bed.server.requests[0]?.path).toBe('/openai/deployments/gpt-4o-mini/chat/completions?api-version=2025-04-01-preview');
    const span = onlySpan(bed);
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'azure.ai.openai',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(bed.server.origin).port),
      'gen_ai.response.id': 'chatcmpl-CfZ7azure0000000000000001',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 14,
      'gen_ai.usage.output_tokens': 8,
      'gen_ai.response.finish_reasons': ['stop'],
    });
  });

  it('reports a failed Azure call as azure.ai.openai with the SDK error class', async () => {
    const failure = await failureOf(azureClient().chat.completions.create(question, fixture('error-429')));
    expect(failure).toBeInstanceOf(bed.sdk.RateLimitError);
    const span = onlySpan(bed);
    expect(span.attributes['gen_ai.provider.name']).toBe('azure.ai.openai');
    expectFailed(span, 'RateLimitError');
  });

  it('leaves an OpenAI client of the same process reported as openai', async () => {
    await azureClient().chat.completions.create(question, fixture('azure-chat'));
    await bed.client.chat.completions.create(question, fixture('chat'));
    expect(bed.tracing.spans().map((span) => span.attributes['gen_ai.provider.name'])).toEqual(['azure.ai.openai', 'openai']);
  });
});
