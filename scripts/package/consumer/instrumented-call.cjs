// A CommonJS app that builds its own OTel SDK from llmObserver()'s parts and makes one chat call
// to the fixture server at FIXTURE_ORIGIN. Prints the finished spans, as JSON.
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } = require('@opentelemetry/sdk-trace');
const { llmObserver } = require('otel-llm-observer');

const exporter = new InMemorySpanExporter();
const { instrumentations, spanProcessors } = llmObserver({ exportingProcessors: [new SimpleSpanProcessor({ exporter })] });
const tracerProvider = new TracerProvider({ spanProcessors });
registerInstrumentations({ instrumentations, tracerProvider });

// Required after the instrumentations are registered, so that they patch it.
const { OpenAI } = require('openai');

async function main() {
  const client = new OpenAI({ apiKey: 'sk-consumer-check', baseURL: `${process.env.FIXTURE_ORIGIN}/v1`, maxRetries: 0 });
  await client.chat.completions.create(
    { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Capital of France?' }] },
    { headers: { 'x-fixture': 'openai/chat' } },
  );
  await tracerProvider.forceFlush();
  const spans = exporter.getFinishedSpans().map((span) => ({
    name: span.name,
    scope: span.instrumentationScope.name,
    attributes: span.attributes,
  }));
  console.log(JSON.stringify(spans));
}

main();
