import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';

/**
 * The report groups the calls of producers that name the provider and the model their own way
 * (OpenInference's `llm.provider` and `llm.model_name`, the AI SDK 6's `gen_ai.system`) under the
 * conventions' provider name and the model, as it groups this package's calls: not as "unknown".
 */

function reportOf(spans: readonly { scope: string; attributes: Attributes }[]) {
  const processor = new CostSpanProcessor();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter: new InMemorySpanExporter() })] });
  for (const { scope, attributes } of spans) provider.getTracer(scope).startSpan('call', { attributes }).end();
  return processor.getReport().models.map(({ provider: name, model, calls, unpricedCalls }) => ({ provider: name, model, calls, unpricedCalls }));
}

describe('the report of other producers’ calls', () => {
  it('names the provider and the model OpenInference’s spans name, priced or not', () => {
    const openInference = (model: string, provider: string) => ({
      scope: '@arizeai/openinference-instrumentation-openai',
      attributes: { 'llm.provider': provider, 'llm.model_name': model, 'llm.token_count.prompt': 100, 'llm.token_count.completion': 10 },
    });
    expect(reportOf([openInference('gpt-4o-mini-2024-07-18', 'openai'), openInference('house-model-7', 'anthropic')])).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini', calls: 1, unpricedCalls: 0 },
      { provider: 'anthropic', model: 'house-model-7', calls: 1, unpricedCalls: 1 },
    ]);
  });

  it('names the provider the AI SDK 6’s spans name in gen_ai.system, in the conventions’ words', () => {
    const attributes = {
      'ai.operationId': 'ai.generateText.doGenerate',
      'gen_ai.system': 'anthropic.messages',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 10,
    };
    expect(reportOf([{ scope: 'ai', attributes }])).toEqual([{ provider: 'anthropic', model: 'claude-haiku-4-5', calls: 1, unpricedCalls: 0 }]);
  });
});
