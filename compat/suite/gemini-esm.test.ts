import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { installedVersion, onlySpan, requireFromApp, startRecording } from './row.ts';

/**
 * The ESM build of `@google/genai` (dist/node/index.mjs, which `import` loads) is traced as its
 * CommonJS build is, once the app registers the loader hook of @opentelemetry/instrumentation for
 * it before importing it. Usage and cost as in gemini.test.ts; embedContent, whose API call one
 * method makes before 1.42.0 and another from then on, as there.
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: ['@google/genai'] },
});
const recording = await startRecording();
const { GoogleGenAI } = (await import('@google/genai')) as {
  GoogleGenAI: new (options: object) => { models: { generateContent(params: object): Promise<unknown>; embedContent(params: object): Promise<unknown> } };
};

describe('the ESM build', () => {
  it(`traces a generateContent call of @google/genai ${installedVersion('@google/genai')} imported as ESM`, async () => {
    const client = new GoogleGenAI({ apiKey: 'gemini-compat-test', httpOptions: { baseUrl: recording.origin } });
    await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'What is the capital of France?',
      config: { httpOptions: { headers: { 'x-fixture': 'gemini/generate-content' } } },
    });
    const span = onlySpan(recording);
    assert.equal(span.instrumentationScope?.name, 'otel-llm-observer/gemini');
    assert.equal(span.attributes['gen_ai.usage.input_tokens'], 2400);
    assert.equal(span.attributes['llm_observer.cost.total_usd'], 0.00066704);
  });

  it(`traces an embedContent call of @google/genai ${installedVersion('@google/genai')} imported as ESM, whichever method makes its API call`, async () => {
    const client = new GoogleGenAI({ apiKey: 'gemini-compat-test', httpOptions: { baseUrl: recording.origin } });
    await client.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['one', 'two'],
      config: { httpOptions: { headers: { 'x-fixture': 'gemini/embed-content' } } },
    });
    const span = onlySpan(recording);
    assert.equal(span.attributes['gen_ai.operation.name'], 'embeddings');
    assert.equal(span.attributes['gen_ai.embeddings.dimension.count'], 4);
  });
});
