import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor, MistralInstrumentation } from '../../src/index.js';
import { expectCost } from '../processor/expect-cost.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { testbedParts } from '../support/testbed-parts.js';

/**
 * `@mistralai/mistralai` 2.x traces its own calls once the application hands it a tracer provider
 * (`registerTracerProvider` of `@mistralai/mistralai/extra/observability`, or
 * `MISTRAL_SDK_TELEMETRY=global`): a span of scope `mistralai_sdk_tracer` per call, with the
 * conventions' model and token counts and no cached-token count. The cost processor prices it as
 * any producer's; with MistralInstrumentation too, the SDK's span is a child of this package's,
 * and the call is priced and counted once, on this package's span, which has the cache reads.
 */

type Sdk = typeof import('@mistralai/mistralai');
type Observability = typeof import('@mistralai/mistralai/extra/observability');
const costs = new CostSpanProcessor({ printReport: false });
const parts = testbedParts(() => new MistralInstrumentation(), [costs], () => undefined);
const load = createRequire(import.meta.url);
const sdk = load('@mistralai/mistralai') as Sdk;
const observability = load('@mistralai/mistralai/extra/observability') as Observability;
observability.registerTracerProvider(parts.tracing.provider);

const client = () =>
  new sdk.Mistral({
    apiKey: 'x7Kq2mN9pR4tY6uI8oP0aS3dF5gH7jK9',
    retryConfig: { strategy: 'none' },
    httpClient: new sdk.HTTPClient({ fetcher: fetchToFixtures(parts.server.origin) }),
  });
const question = { model: 'mistral-small-latest', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };
const answeredBy = (name: string) => ({ fetchOptions: { headers: { 'x-fixture': name } } });

const SDK_SCOPE = 'mistralai_sdk_tracer';

describe("the Mistral SDK's own spans", () => {
  it('without MistralInstrumentation, are priced from the tokens they carry: all input at the input price, as they carry no cache reads', async () => {
    parts.instrumentation.disable();
    try {
      await client().chat.complete(question, answeredBy('mistral/chat'));
    } finally {
      parts.instrumentation.enable();
    }
    const spans = parts.tracing.spans();
    expect(spans.map((span) => span.instrumentationScope.name)).toEqual([SDK_SCOPE]);
    // test/fixtures/mistral/chat.json: 2300 input (1984 of them cached, which the SDK's span does
    // not say), 120 output, at mistral-small-2603's 0.15 / 0.60: 2300 × 0.15 = 345; 120 × 0.60 = 72.
    expectCost(spans[0]?.attributes, { entry: 'mistral-small-2603', total: 0.000417, input: 0.000345, output: 0.000072, cacheRead: 0, cacheWrite: 0, uncached: 0.000417, savings: 0 });
  });

  it("with MistralInstrumentation, nest under this package's span, and the call is counted once, with its cache reads", async () => {
    const before = costs.getReport().models.find((row) => row.provider === 'mistral_ai')?.calls ?? 0;
    await client().chat.complete(question, answeredBy('mistral/chat'));
    const spans = parts.tracing.spans();
    const ours = spans.find((span) => span.instrumentationScope.name === 'otel-llm-observer/mistral');
    const theirs = spans.find((span) => span.instrumentationScope.name === SDK_SCOPE);
    expect(theirs?.parentSpanContext?.spanId).toBe(ours?.spanContext().spanId);
    expect(ours?.attributes['gen_ai.usage.cache_read.input_tokens']).toBe(1984);
    expect(ours?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.00014916, 12);
    expect(theirs?.attributes['llm_observer.cost.total_usd']).toBeUndefined();
    const after = costs.getReport().models.find((row) => row.provider === 'mistral_ai')?.calls ?? 0;
    expect(after - before).toBe(1);
    expect(parts.diagnostics.messages.map((message) => message.text).filter((text) => text.includes('two instrumentations trace the same LLM calls'))).toHaveLength(1);
  });
});
