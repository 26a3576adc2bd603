// An application traced with the built package's CostSpanProcessor, run by the tests in a child
// process whose working folder is a pinned install (test/support/pinned-install.ts): every
// package but ours comes from there. Arguments: the OTel JS line (1, 2 or 3), the instrumentation
// (a key of INSTRUMENTATIONS, or "none") and the call to make (a key of CALLS). Environment:
// PACKAGE_ENTRY, the built package's CommonJS entry point; FIXTURE_ORIGIN, the fixture server.
// Prints the finished spans' attributes, as a processor's onEnd saw them, as JSON.
'use strict';
const { createRequire } = require('node:module');
const { join } = require('node:path');

const requirePinned = createRequire(join(process.cwd(), 'package.json'));
const { CostSpanProcessor } = require(process.env.PACKAGE_ENTRY);
const [line, instrumentationKey, callKey] = process.argv.slice(2);

/**
 * Keeps a copy of each span's attributes as they are when its onEnd runs: what an exporting
 * processor in its place would export.
 */
class AttributeSnapshots {
  constructor() {
    this.spans = [];
  }
  onStart() {}
  onEnd(span) {
    const scope = span.instrumentationScope ?? span.instrumentationLibrary;
    this.spans.push({ scope: scope.name, attributes: { ...span.attributes } });
  }
  forceFlush() {
    return Promise.resolve();
  }
  shutdown() {
    return Promise.resolve();
  }
}

/**
 * Per OTel JS line: its SDK package, and the tracer provider with `processors`. The snapshots are
 * taken before the cost processor's own onEnd where the SDK calls onEnding (2.x, 3.x), and after
 * it where it does not (1.x): there, only the processors after it see the cost.
 */
const LINES = {
  1: {
    sdk: '@opentelemetry/sdk-trace-base',
    processors: (cost, snapshots) => [cost, snapshots],
    provider: (sdk, processors) => {
      const provider = new sdk.BasicTracerProvider();
      for (const processor of processors) provider.addSpanProcessor(processor);
      return provider;
    },
  },
  2: {
    sdk: '@opentelemetry/sdk-trace-base',
    processors: (cost, snapshots) => [snapshots, cost],
    provider: (sdk, processors) => new sdk.BasicTracerProvider({ spanProcessors: processors }),
  },
  3: {
    sdk: '@opentelemetry/sdk-trace',
    processors: (cost, snapshots) => [snapshots, cost],
    provider: (sdk, processors) => new sdk.TracerProvider({ spanProcessors: processors }),
  },
};

/** The instrumentations, by package and class. */
const INSTRUMENTATIONS = {
  'contrib-openai': ['@opentelemetry/instrumentation-openai', 'OpenAIInstrumentation'],
  'traceloop-openai': ['@traceloop/instrumentation-openai', 'OpenAIInstrumentation'],
  'traceloop-anthropic': ['@traceloop/instrumentation-anthropic', 'AnthropicInstrumentation'],
};

const CALLS = {
  /** A chat completion answered by test/fixtures/openai-cost/chat-cached.json. */
  'openai-chat': async () => {
    const { OpenAI } = requirePinned('openai');
    const client = new OpenAI({ apiKey: 'sk-test-key', baseURL: `${process.env.FIXTURE_ORIGIN}/v1`, maxRetries: 0 });
    await client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'What does clause 14.2 say?' }] },
      { headers: { 'x-fixture': 'openai-cost/chat-cached' } },
    );
  },
  /** A Messages call answered by test/fixtures/anthropic-cost/messages-cache-read.json. */
  'anthropic-message': async () => {
    const { Anthropic } = requirePinned('@anthropic-ai/sdk');
    const client = new Anthropic({ apiKey: 'sk-ant-test-key', baseURL: process.env.FIXTURE_ORIGIN, maxRetries: 0 });
    await client.messages.create(
      { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'Who approves expenses above 500 EUR?' }] },
      { headers: { 'x-fixture': 'anthropic-cost/messages-cache-read' } },
    );
  },
  /** A span made by hand, with the conventions' usage of a gpt-4o call that read from the cache. */
  'usage-span': async () => {
    const { trace } = requirePinned('@opentelemetry/api');
    const span = trace.getTracer('traced-app').startSpan('chat gpt-4o', {
      attributes: {
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 5120,
        'gen_ai.usage.cache_read.input_tokens': 4096,
        'gen_ai.usage.output_tokens': 240,
      },
    });
    span.end();
  },
};

async function main() {
  const { trace } = requirePinned('@opentelemetry/api');
  const otel = LINES[line];
  const snapshots = new AttributeSnapshots();
  const provider = otel.provider(requirePinned(otel.sdk), otel.processors(new CostSpanProcessor(), snapshots));
  trace.setGlobalTracerProvider(provider);
  if (instrumentationKey !== 'none') {
    const [packageName, className] = INSTRUMENTATIONS[instrumentationKey];
    const { registerInstrumentations } = requirePinned('@opentelemetry/instrumentation');
    registerInstrumentations({ instrumentations: [new (requirePinned(packageName)[className])()], tracerProvider: provider });
  }
  await CALLS[callKey]();
  process.stdout.write(JSON.stringify(snapshots.spans));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
