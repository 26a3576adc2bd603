// The README's first command: a small support app's LLM calls — OpenAI, Anthropic and Gemini, plain
// and streamed — against the local fixture server (no API key, no network). It says what it will do,
// makes the calls, prints each request's calls with their tokens and cost, then the report of
// totals and recommendations, whose columns add up those lines.
//
//   npm run demo                 the calls printed here, with the report
//   npm run demo -- --otlp       the same spans exported through OTLP as the zero-code entry
//                                (otel-llm-observer/register) exports them: as the OTEL_* variables
//                                say (default http://localhost:4318), e.g. to a local Jaeger
//
// The prompts are documents of a real app's size (examples/demo/documents.mjs), and the fixtures
// (test/fixtures/demo/) report the tokens that those sizes make, at about 4 characters a token.
import { FAQ, FAQ_QUESTIONS, SUPPORT_POLICY, TICKET, TRIAGE_GUIDE } from './demo/documents.mjs';
import { startFixtureServer } from '../test/support/fixture-server.ts';

const toOtlp = process.argv.includes('--otlp');
const characters = (text) => text.length.toLocaleString('en-US');

console.log(
  [
    'otel-llm-observer demo: a support app\'s LLM calls against a local fixture server (no API key, no network).',
    `1. "triage ticket #1042": two OpenAI calls (one streamed) whose ${characters(TRIAGE_GUIDE)}-character triage guide earlier tickets left in OpenAI's cache.`,
    `2. "draft reply #1042": three Anthropic calls with the ${characters(SUPPORT_POLICY)}-character policy behind a 1-hour cache breakpoint: the first writes it, the next two read it.`,
    `3. "answer FAQ #1" to "#5": five Anthropic calls that resend a ${characters(FAQ)}-character FAQ without cache_control, a saving the report prices.`,
    `4. "translate reply #1042": one Gemini call whose ${characters(SUPPORT_POLICY)}-character policy earlier replies left in Gemini's implicit cache.`,
    toOtlp
      ? 'The spans go out through OTLP as the OTEL_* variables say; the report of totals and recommendations follows on stderr at exit.'
      : 'Then each request\'s calls with their tokens and cost, and the report (stderr), whose columns add up those lines.',
  ].join('\n'),
);

const telemetry = toOtlp ? await startZeroCodeSdk() : await startPrintingSdk();
const { trace } = await import('@opentelemetry/api');
const { default: OpenAI } = await import('openai');
const { default: Anthropic } = await import('@anthropic-ai/sdk');
const { GoogleGenAI } = await import('@google/genai');
const server = await startFixtureServer();
const openai = new OpenAI({ apiKey: 'sk-demo-not-a-real-key', baseURL: `${server.origin}/v1` });
const anthropic = new Anthropic({ apiKey: 'sk-ant-demo-not-a-real-key', baseURL: server.origin });
const gemini = new GoogleGenAI({ apiKey: 'gemini-demo-not-a-real-key', httpOptions: { baseUrl: server.origin } });
const fixture = (name) => ({ headers: { 'x-fixture': name } });
const app = trace.getTracer('support-app');
const inSpan = (name, work) => app.startActiveSpan(name, (span) => work().finally(() => span.end()));
const drain = async (stream) => {
  for await (const part of stream) void part;
};

await inSpan('triage ticket #1042', async () => {
  const guide = { role: 'system', content: TRIAGE_GUIDE };
  await openai.chat.completions.create(
    { model: 'gpt-4o-mini', messages: [guide, { role: 'user', content: TICKET }] },
    fixture('demo/openai-triage'),
  );
  const ask = `${TICKET}\n\nSummarize this ticket in one sentence for its queue.`;
  await drain(
    await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [guide, { role: 'user', content: ask }], stream: true, stream_options: { include_usage: true } },
      fixture('demo/openai-summary-stream'),
    ),
  );
});

// One breakpoint after the policy, with a 1-hour lifetime: the fixture server answers the three
// requests that carry this fixture list in turn, a cache write, then two reads.
const cachedPolicy = [{ type: 'text', text: SUPPORT_POLICY, cache_control: { type: 'ephemeral', ttl: '1h' } }];
const draftFixtures = fixture('demo/anthropic-draft-cache-write,demo/anthropic-note-stream,demo/anthropic-draft-cache-read');
const draft = (ask, stream = false) =>
  anthropic.messages.create(
    { model: 'claude-sonnet-4-6', max_tokens: 512, system: cachedPolicy, messages: [{ role: 'user', content: `${TICKET}\n\n${ask}` }], stream },
    draftFixtures,
  );
await inSpan('draft reply #1042', async () => {
  await draft('Draft a reply to this ticket.');
  await drain(await draft('Write the note to the warehouse that ships the replacements.', true));
  await draft('Draft a shorter reply: three sentences at most.');
});

// The FAQ bot resends its FAQ as the system prompt with every question, without cache_control:
// from the second question on, the processor prices what a cache read would have saved.
for (const [index, question] of FAQ_QUESTIONS.entries()) {
  await inSpan(`answer FAQ #${index + 1}`, () =>
    anthropic.messages.create(
      { model: 'claude-sonnet-4-6', max_tokens: 256, system: FAQ, messages: [{ role: 'user', content: question }] },
      fixture('demo/anthropic-faq-answer'),
    ),
  );
}

// Gemini caches a repeated prefix by itself (implicit caching): the policy, sent first as the
// system instruction, is read from the cache at a tenth of the input price.
await inSpan('translate reply #1042', () =>
  gemini.models.generateContent({
    model: 'gemini-2.5-flash',
    contents: `${TICKET}\n\nTranslate the reply to this ticket into French, in three sentences at most.`,
    // @google/genai takes a request's headers in its config.
    config: { systemInstruction: SUPPORT_POLICY, httpOptions: fixture('demo/gemini-translate') },
  }),
);

await server.close();
await telemetry.finish();

/**
 * The zero-code entry's SDK (otel-llm-observer/register): service name, resource attributes and
 * the OTLP exporter's endpoint, headers and protocol all from the OTEL_* variables, and the spans
 * flushed when the process exits. Two defaults of the demo's own, where the variables say nothing:
 * a service name, and the report printed at exit.
 */
async function startZeroCodeSdk() {
  const namesService = process.env.OTEL_SERVICE_NAME || /(^|,)\s*service\.name\s*=/.test(process.env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  if (!namesService) process.env.OTEL_SERVICE_NAME = 'otel-llm-observer-demo';
  process.env.OTEL_LLM_OBSERVER_REPORT ??= 'stderr';
  await import('otel-llm-observer/register');
  return { finish: async () => undefined };
}

/** An SDK of the demo's own that keeps the ended spans to print them, with this package's parts from `llmObserver()`. */
async function startPrintingSdk() {
  const { context, trace } = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
  const { SimpleSpanProcessor, TracerProvider } = await import('@opentelemetry/sdk-trace');
  const { llmObserver, registerLoaderHook } = await import('otel-llm-observer');
  // ESM apps are patched through import-in-the-middle's loader hook, registered before the SDKs load.
  registerLoaderHook();
  const ended = [];
  const keeper = {
    export(spans, done) {
      ended.push(...spans);
      done({ code: 0 });
    },
    shutdown: async () => undefined,
  };
  const { instrumentations, spanProcessors } = llmObserver({
    cost: { printReport: true },
    exportingProcessors: [new SimpleSpanProcessor({ exporter: keeper })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new TracerProvider({ spanProcessors });
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({ instrumentations, tracerProvider: provider });
  return {
    finish: async () => {
      printCalls(ended);
      await provider.shutdown(); // the cost processor prints its report here
    },
  };
}

/**
 * Each request's LLM calls, in the report's terms: the input tokens as the report's columns split
 * them (uncached in + cache read + cache write = input), beside the characters sent and received.
 */
function printCalls(spans) {
  const tokens = (count) => (count ?? 0).toLocaleString('en-US');
  const usd = (amount) => (typeof amount === 'number' ? amount.toFixed(6) : '—');
  const sum = (values) => values.reduce((total, value) => total + (value ?? 0), 0);
  const childrenOf = (id) => spans.filter((span) => span.parentSpanContext?.spanId === id);
  for (const root of spans.filter((span) => span.parentSpanContext === undefined && span.name !== 'llm_observer.report')) {
    console.log(`\n${root.name}`);
    for (const call of childrenOf(root.spanContext().spanId)) {
      const a = call.attributes;
      const ms = (call.duration[0] * 1e3 + call.duration[1] / 1e6).toFixed(1);
      const input = a['gen_ai.usage.input_tokens'];
      const cacheRead = a['gen_ai.usage.cache_read.input_tokens'] ?? 0;
      const cacheWrite = a['gen_ai.usage.cache_creation.input_tokens'] ?? 0;
      const cacheWrite1h = a['anthropic.usage.cache_creation.ephemeral_1h_input_tokens'] ?? 0;
      const promptCharacters = sum(a['llm_observer.request.messages.chars'] ?? []) + (a['llm_observer.request.system.chars'] ?? 0);
      const replyCharacters = sum(a['llm_observer.response.output.chars'] ?? []);
      const money = [`cost $ ${usd(a['llm_observer.cost.total_usd'])}`, `savings $ ${usd(a['llm_observer.cache.savings_usd'])}`];
      if (a['llm_observer.cache.missed_savings_usd'] !== undefined) {
        money.push(`missed $ ${usd(a['llm_observer.cache.missed_savings_usd'])} (${a['llm_observer.cache.recommendation']})`);
      }
      if (a['llm_observer.cache.thrash_usd'] !== undefined) money.push(`thrash $ ${usd(a['llm_observer.cache.thrash_usd'])}`);
      console.log(`  └─ ${call.name}  [${a['gen_ai.provider.name']}${a['gen_ai.request.stream'] ? ', streamed' : ''}]  ${ms} ms`);
      console.log(
        `       input ${tokens(input)} tokens from ${tokens(promptCharacters)} characters: uncached in ${tokens(input - cacheRead - cacheWrite)}` +
          ` · cache read ${tokens(cacheRead)} · cache write ${tokens(cacheWrite)}${cacheWrite1h > 0 ? ` (of which 1h ${tokens(cacheWrite1h)})` : ''}`,
      );
      console.log(`       output ${tokens(a['gen_ai.usage.output_tokens'])} tokens from ${tokens(replyCharacters)} characters`);
      console.log(`       ${money.join(' · ')}`);
    }
  }
  console.log('');
}
