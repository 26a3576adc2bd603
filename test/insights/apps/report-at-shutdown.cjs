// An application whose CostSpanProcessor (the built package's) sees one call and then shuts down,
// run by test/insights/report-to-stderr.test.ts in a child process with OTEL_LLM_OBSERVER_REPORT
// set or not. Environment: PACKAGE_ENTRY, the built package's CommonJS entry point.
'use strict';
const { TracerProvider } = require('@opentelemetry/sdk-trace');
const { CostSpanProcessor } = require(process.env.PACKAGE_ENTRY);

const provider = new TracerProvider({ spanProcessors: [new CostSpanProcessor()] });
// docs/savings-model.md, example A's first call: 6,020 input tokens, 50 output, no cache use.
provider
  .getTracer('report-app')
  .startSpan('chat claude-sonnet-4-6', {
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4-6',
      'gen_ai.usage.input_tokens': 6020,
      'gen_ai.usage.output_tokens': 50,
      'gen_ai.usage.cache_read.input_tokens': 0,
      'gen_ai.usage.cache_creation.input_tokens': 0,
    },
  })
  .end();
void provider.shutdown();
