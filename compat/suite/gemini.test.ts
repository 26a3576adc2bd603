import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installedVersion, onlySpan, requireFromApp, startRecording } from './row.ts';

/**
 * `@google/genai`, in a row that installs it, loaded with `require` (its CommonJS build): a
 * generateContent call, plain and streamed, has one span, this package's, with the usage and the
 * cost of the fixtures (test/fixtures/gemini/): 2400 prompt tokens of which 2048 read from the
 * implicit cache, 120 candidates and 80 thoughts tokens, on gemini-2.5-flash (0.30 in, 0.03 cached,
 * 2.50 out per million): 352 × 0.30 + 2048 × 0.03 + 200 × 2.50 = 667.04 µUSD.
 */

const SDK = '@google/genai';
const recording = await startRecording();
const { GoogleGenAI } = requireFromApp(SDK) as { GoogleGenAI: new (options: object) => GeminiClient };

interface GeminiClient {
  models: {
    generateContent(params: object): Promise<{ text?: string }>;
    generateContentStream(params: object): Promise<AsyncIterable<unknown>>;
  };
}

const client = new GoogleGenAI({ apiKey: 'gemini-compat-test', httpOptions: { baseUrl: recording.origin } });
const request = (fixture: string) => ({
  model: 'gemini-2.5-flash',
  contents: 'What is the capital of France?',
  config: { httpOptions: { headers: { 'x-fixture': `gemini/${fixture}` } } },
});
const SPAN = {
  'gen_ai.provider.name': 'gcp.gemini',
  'gen_ai.usage.input_tokens': 2400,
  'gen_ai.usage.cache_read.input_tokens': 2048,
  'gen_ai.usage.output_tokens': 200,
  'llm_observer.pricing.entry': 'gemini-2.5-flash',
  'llm_observer.cost.total_usd': 0.00066704,
};
const like = (attributes: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.keys(SPAN).map((name) => [name, attributes[name]]));

describe(`${SDK} ${installedVersion(SDK)} (CommonJS)`, () => {
  it('models.generateContent: one span, with its usage and cost', async () => {
    await client.models.generateContent(request('generate-content'));
    const span = onlySpan(recording);
    assert.equal(span.instrumentationScope?.name, 'otel-llm-observer/gemini');
    assert.deepEqual(like(span.attributes), SPAN);
  });

  it('models.generateContentStream: one span, with the usage of the last chunk and its cost', async () => {
    for await (const chunk of await client.models.generateContentStream(request('generate-content-stream'))) void chunk;
    assert.deepEqual(like(onlySpan(recording).attributes), SPAN);
  });

  it('draws no diag warning', () => {
    assert.deepEqual(recording.warnings, []);
  });
});
