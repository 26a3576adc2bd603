import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { assertLiveTurnTraced } from './gemini-live.ts';
import { installedVersion, isAtLeast, onlySpan, requireFromApp, startRecording } from './row.ts';

/**
 * The ESM build of `@google/genai` (dist/node/index.mjs, which `import` loads) is traced as its
 * CommonJS build is, once the app registers the loader hook of @opentelemetry/instrumentation for
 * it before importing it. Usage and cost as in gemini.test.ts; embedContent, whose API call one
 * method makes before 1.42.0 and another from then on, as there; the Interactions API's
 * `interactions.create` from 2.9.0, whose NextGen client it is, as there; a Live session's turn
 * (./gemini-live.ts).
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: ['@google/genai'] },
});
const recording = await startRecording();
const { GoogleGenAI } = (await import('@google/genai')) as {
  GoogleGenAI: new (options: object) => {
    models: { generateContent(params: object): Promise<unknown>; embedContent(params: object): Promise<unknown> };
    interactions?: { create(params: object, options: object): Promise<unknown> };
    live: { connect(params: object): Promise<{ sendClientContent(params: object): void; close(): void }> };
  };
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

  it(`traces the turn of a Live session of @google/genai ${installedVersion('@google/genai')} imported as ESM`, async () => {
    await assertLiveTurnTraced(GoogleGenAI, recording);
  });

  it(`traces an interactions.create call of @google/genai ${installedVersion('@google/genai')} imported as ESM, from 2.9.0 (its NextGen client)`, async () => {
    const client = new GoogleGenAI({ apiKey: 'gemini-compat-test', httpOptions: { baseUrl: recording.origin } });
    const nextGen = isAtLeast(installedVersion('@google/genai'), '2.9.0');
    if (nextGen) await client.interactions?.create({ model: 'gemini-3.6-flash', input: 'Capital of France?' }, { headers: { 'x-fixture': 'gemini/interaction' }, maxRetries: 0 });
    // test/fixtures/gemini/interaction.json, priced as in gemini.test.ts; before 2.9.0 there is no such client, and no call.
    assert.deepEqual(
      recording.spans().map((span) => [span.attributes['gen_ai.operation.name'], span.attributes['llm_observer.cost.total_usd']]),
      nextGen ? [['chat', 0.0103158]] : [],
    );
  });
});
