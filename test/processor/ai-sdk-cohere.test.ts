import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { setupTracing } from '../support/tracing.js';
import { expectCost, noCache } from './expect-cost.js';

/**
 * The cost of a Cohere call as the Vercel AI SDK counts it. `@ai-sdk/cohere` (4.0.89, its
 * `convertCohereUsage`) reports Cohere's `usage.tokens`, which count the tokens Cohere adds to a
 * prompt and does not bill, where Cohere bills `usage.billed_units` (test/fixtures/cohere/v2-chat.json:
 * 1,466 / 252 tokens, 1,200 / 250 billed); its embeddings report `meta.billed_units`. So its chat
 * spans are priced as they count, marked as an estimate whose bill is at most the cost; its
 * embeddings spans and CohereInstrumentation's (the billed units) are exact. Spans made with the
 * real OTel SDK under each producer's scope, with the attributes each writes.
 */
const tracing = setupTracing([], [new CostSpanProcessor()]);

/** The attributes of one span of `scope` with `attributes`, as exported. */
function priced(scope: string, attributes: Attributes): Attributes {
  tracing.reset();
  tracing.provider.getTracer(scope).startSpan('a call', { attributes }).end();
  return tracing.spans()[0]?.attributes ?? {};
}

/** command-a-03-2025 at 2.50 in / 10 out per 1M: 1,466 × 2.50 = 3,665; 252 × 10 = 2,520; 6,185 µ$. */
const COUNTED_COST = noCache('cohere/command-a-03-2025', 0.003665, 0.00252, 0.006185);
/** The same call's billed units: 1,200 × 2.50 = 3,000; 250 × 10 = 2,500; 5,500 µ$. */
const BILLED_COST = noCache('cohere/command-a-03-2025', 0.003, 0.0025, 0.0055);
/** embed-v4.0 at 0.12 per 1M: 2,500 × 0.12 = 300 µ$. */
const EMBED_COST = noCache('cohere/embed-v4.0', 0.0003, 0, 0.0003);

const COUNTED_CHAT: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'cohere',
  'gen_ai.request.model': 'command-a-03-2025',
  'gen_ai.usage.input_tokens': 1466,
  'gen_ai.usage.output_tokens': 252,
};

describe('a Cohere chat priced from the tokens the Vercel AI SDK counts', () => {
  it('is an estimate, unbilled_tokens, on a span of @ai-sdk/otel (OpenTelemetry)', () => {
    const attributes = priced('gen_ai', COUNTED_CHAT);
    expectCost(attributes, COUNTED_COST);
    expect(attributes['llm_observer.cost.estimate']).toBe('unbilled_tokens');
  });

  it('is an estimate, unbilled_tokens, on a provider call span of @ai-sdk/otel LegacyOpenTelemetry (cohere.chat)', () => {
    const attributes = priced('ai', {
      'ai.operationId': 'ai.generateText.doGenerate',
      'gen_ai.system': 'cohere.chat',
      'gen_ai.request.model': 'command-a-03-2025',
      'gen_ai.usage.input_tokens': 1466,
      'gen_ai.usage.output_tokens': 252,
    });
    expectCost(attributes, COUNTED_COST);
    expect(attributes['llm_observer.cost.estimate']).toBe('unbilled_tokens');
  });

  it('is exact on an embeddings span of @ai-sdk/otel, which carries the billed units', () => {
    const attributes = priced('gen_ai', {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': 'cohere',
      'gen_ai.request.model': 'embed-v4.0',
      'gen_ai.usage.input_tokens': 2500,
    });
    expectCost(attributes, EMBED_COST);
    expect(attributes['llm_observer.cost.estimate']).toBeUndefined();
  });

  it("is exact on CohereInstrumentation's span, which carries the billed units", () => {
    const attributes = priced('otel-llm-observer/cohere', { ...COUNTED_CHAT, 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 250 });
    expectCost(attributes, BILLED_COST);
    expect(attributes['llm_observer.cost.estimate']).toBeUndefined();
  });

  it("is exact on the AI SDK's spans of other providers", () => {
    const attributes = priced('gen_ai', { ...COUNTED_CHAT, 'gen_ai.provider.name': 'mistral_ai', 'gen_ai.request.model': 'mistral-small-latest' });
    expect(attributes['llm_observer.pricing.entry']).toBe('mistral-small-2603');
    expect(attributes['llm_observer.cost.estimate']).toBeUndefined();
  });
});
