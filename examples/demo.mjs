// The README's first command: a small support app's LLM calls — OpenAI and Anthropic, plain and
// streamed, some served from the prompt cache, and one FAQ prompt sent again and again without
// cache_control — against the local fixture server (no API key, no network). It prints each
// request's span tree with the cost of every call, then the report of totals and recommendations.
//
//   npm run demo                 spans printed here
//   npm run demo -- --otlp       the same spans sent to OTEL_EXPORTER_OTLP_ENDPOINT (default
//                                http://localhost:4318), e.g. a local Jaeger
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { llmObserver, registerLoaderHook } from 'otel-llm-observer';
import { startFixtureServer } from '../test/support/fixture-server.ts';

// ESM apps are patched through import-in-the-middle's loader hook, registered before the SDKs load.
registerLoaderHook();

const toOtlp = process.argv.includes('--otlp');
const finished = [];
const collector = {
  export(spans, done) {
    finished.push(...spans);
    done({ code: 0 });
  },
  shutdown: async () => undefined,
};
const exportingProcessor = toOtlp
  ? new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })
  : new SimpleSpanProcessor({ exporter: collector });
const { instrumentations, spanProcessors } = llmObserver({
  cost: { printReport: true },
  exportingProcessors: [exportingProcessor],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const provider = new TracerProvider({ spanProcessors });
trace.setGlobalTracerProvider(provider);
registerInstrumentations({ instrumentations, tracerProvider: provider });

const { default: OpenAI } = await import('openai');
const { default: Anthropic } = await import('@anthropic-ai/sdk');
const server = await startFixtureServer();
const openai = new OpenAI({ apiKey: 'sk-demo-not-a-real-key', baseURL: `${server.origin}/v1` });
const anthropic = new Anthropic({ apiKey: 'sk-ant-demo-not-a-real-key', baseURL: server.origin });
const fixture = (name) => ({ headers: { 'x-fixture': name } });
const app = trace.getTracer('support-app');
const inSpan = (name, work) => app.startActiveSpan(name, (span) => work().finally(() => span.end()));

const question = [{ role: 'user', content: 'What is the capital of France?' }];
await inSpan('triage ticket #1042', async () => {
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: question }, fixture('openai/chat'));
  const stream = await openai.chat.completions.create(
    { model: 'gpt-4o-mini', messages: question, stream: true, stream_options: { include_usage: true } },
    fixture('openai/chat-stream'),
  );
  for await (const chunk of stream) void chunk;
});

const cachedSystem = [{ type: 'text', text: 'You are the ACME support agent. Policy follows.', cache_control: { type: 'ephemeral' } }];
await inSpan('draft reply #1042', async () => {
  await anthropic.messages.create(
    { model: 'claude-sonnet-4-6', max_tokens: 512, system: cachedSystem, messages: question },
    fixture('anthropic/message'),
  );
  const events = await anthropic.messages.create(
    { model: 'claude-sonnet-4-6', max_tokens: 512, system: cachedSystem, messages: question, stream: true },
    fixture('anthropic/message-stream'),
  );
  for await (const event of events) void event;
});

// The FAQ bot resends a long policy document as its system prompt with every question, without
// cache_control: the report prices what caching it would save.
const policy = 'Refunds: items may be returned within 30 days of delivery in their original condition. '.repeat(280);
for (const [index, faq] of ['refunds?', 'returns window?', 'damaged items?', 'gift cards?', 'exchanges?'].entries()) {
  await inSpan(`answer FAQ #${index + 1}`, () =>
    anthropic.messages.create(
      { model: 'claude-sonnet-4-6', max_tokens: 256, system: policy, messages: [{ role: 'user', content: faq }] },
      fixture('anthropic/message-long-prompt-uncached'),
    ),
  );
}

await server.close();
if (!toOtlp) printSpanTrees(finished);
await provider.shutdown(); // the cost processor prints its report here
if (toOtlp) console.log(`Sent the spans to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318'}.`);

/** Each request's spans as a tree: the app's span, then each LLM call with its usage and cost. */
function printSpanTrees(spans) {
  const usd = (value) => (typeof value === 'number' ? `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(6)}` : '—');
  const childrenOf = (id) => spans.filter((span) => span.parentSpanContext?.spanId === id);
  for (const root of spans.filter((span) => span.parentSpanContext === undefined && span.name !== 'llm_observer.report')) {
    console.log(`\n${root.name}`);
    for (const call of childrenOf(root.spanContext().spanId)) {
      const a = call.attributes;
      const ms = (call.duration[0] * 1e3 + call.duration[1] / 1e6).toFixed(1);
      const cache = [
        a['gen_ai.usage.cache_read.input_tokens'] ? `${a['gen_ai.usage.cache_read.input_tokens']} read from cache` : '',
        a['gen_ai.usage.cache_creation.input_tokens'] ? `${a['gen_ai.usage.cache_creation.input_tokens']} written` : '',
      ].filter(Boolean);
      console.log(`  └─ ${call.name}${a['gen_ai.request.stream'] ? ' (streamed)' : ''}  ${ms} ms`);
      console.log(
        `       tokens in ${a['gen_ai.usage.input_tokens']}${cache.length ? ` (${cache.join(', ')})` : ''}, out ${a['gen_ai.usage.output_tokens']}`,
      );
      console.log(
        `       cost ${usd(a['llm_observer.cost.total_usd'])}, saved by caching ${usd(a['llm_observer.cache.savings_usd'])}` +
          (a['llm_observer.cache.missed_savings_usd'] !== undefined
            ? `, caching would have saved ${usd(a['llm_observer.cache.missed_savings_usd'])} (${a['llm_observer.cache.recommendation']})`
            : ''),
      );
    }
  }
  console.log('');
}
