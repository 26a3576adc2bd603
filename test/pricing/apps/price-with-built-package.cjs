// Loads the built package by its name, with `require` or `import` (the first argument), from the
// project's root folder, and prices one span with the shipped table through the OTel SDK of the
// project's own install. Prints the span's attributes, as exported, as JSON.
'use strict';

async function main() {
  const { CostSpanProcessor } = process.argv[2] === 'import' ? await import('otel-llm-observer') : require('otel-llm-observer');
  const { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } = require('@opentelemetry/sdk-trace');
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new CostSpanProcessor(), new SimpleSpanProcessor({ exporter })] });
  const attributes = { 'gen_ai.response.model': 'claude-haiku-4-5', 'gen_ai.usage.input_tokens': 2000, 'gen_ai.usage.output_tokens': 400 };
  provider.getTracer('built-package').startSpan('chat claude-haiku-4-5', { attributes }).end();
  process.stdout.write(JSON.stringify(exporter.getFinishedSpans()[0].attributes));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
