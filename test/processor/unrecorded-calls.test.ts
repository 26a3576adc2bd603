import { createRequire } from 'node:module';
import { context, diag, DiagLogLevel, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AlwaysOffSampler, InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor, llmObserver } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { DiagRecorder } from '../support/telemetry-checks.js';

/**
 * An app whose own SDK samples no trace and was not given to `llmObserver({ sampler })`: the
 * calls' spans do not record. The call is made and its result left to the app as it is, nothing
 * is priced or exported, and the diag logger is told once why and what to do.
 */

const diagnostics = new DiagRecorder();
diag.setLogger(diagnostics, DiagLogLevel.ALL);
const exporter = new InMemorySpanExporter();
const parts = llmObserver({ exportingProcessors: [new SimpleSpanProcessor({ exporter })] });
const costProcessor = parts.spanProcessors[0] as unknown as CostSpanProcessor;
const provider = new TracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: parts.spanProcessors as never[] });
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(provider);
registerInstrumentations({ instrumentations: parts.instrumentations, tracerProvider: provider });

const { OpenAI } = createRequire(import.meta.url)('openai') as typeof import('openai');

let server: FixtureServer;
let openai: InstanceType<typeof OpenAI>;
beforeAll(async () => {
  server = await startFixtureServer();
  openai = new OpenAI({ apiKey: 'sk-proj-unrecorded-not-a-real-key', baseURL: `${server.origin}/v1`, maxRetries: 0 });
});
afterAll(() => server.close());

const QUESTION = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };
const NOTE = "give the app's sampler to llmObserver({ sampler })";

describe('calls whose spans do not record', () => {
  it('give the app the SDK’s result, whole and streamed, price nothing and export nothing', async () => {
    const { data, response } = await openai.chat.completions.create(QUESTION, { headers: { 'x-fixture': 'openai/chat' } }).withResponse();
    expect(response.status).toBe(200);
    // test/fixtures/openai/chat.json
    expect(data.usage).toMatchObject({ prompt_tokens: 2310, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 2048 } });
    const stream = await openai.chat.completions.create({ ...QUESTION, stream: true, stream_options: { include_usage: true } }, { headers: { 'x-fixture': 'openai/chat-stream' } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 2310, completion_tokens: 7 });
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(costProcessor.getReport().models).toEqual([]);
  });

  it('say once to the diag logger that they are not priced, and what counts them', async () => {
    await openai.chat.completions.create(QUESTION, { headers: { 'x-fixture': 'openai/chat' } });
    const notes = diagnostics.fromThisPackage().filter(({ text }) => text.includes(NOTE));
    expect(notes.map(({ level }) => level)).toEqual(['info']);
    expect(notes[0]?.text).toContain('otel-llm-observer/openai: a call');
    expect(notes[0]?.text).toContain('not priced');
  });
});
