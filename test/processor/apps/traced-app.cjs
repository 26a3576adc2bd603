// An application traced with the built package's CostSpanProcessor, run by the tests in a child
// process whose working folder is a pinned install (test/support/pinned-install.ts): every
// package but ours comes from there. Arguments: the OTel JS line (1, 2 or 3), the instrumentations
// (keys of INSTRUMENTATIONS or AI_SDK_INTEGRATIONS joined by "+", or "none") and the call to make
// (a key of calls.cjs or ai-sdk-calls.cjs, or "usage-spans"). Environment: PACKAGE_ENTRY, the built package's CommonJS entry point;
// FIXTURE_ORIGIN, the fixture server; USAGE_SPANS, for "usage-spans", the spans to end as JSON
// (`[{ scope, attributes }]`); REPORT_FILE, if set, a file to write the cost processor's report
// to (`getReport()`, as JSON). Prints the finished spans' scopes, names and attributes, as a
// processor's onEnd saw them, as JSON.
'use strict';
const { existsSync, writeFileSync } = require('node:fs');
const { createRequire, registerHooks } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const API_CALLS = require('./calls.cjs');
const AI_SDK_CALLS = require('./ai-sdk-calls.cjs');

const appPackageJson = join(process.cwd(), 'package.json');
const requirePinned = createRequire(appPackageJson);

/**
 * The packages the built package shares with the application, as npm installs them beside it:
 * its peer @opentelemetry/api, and the @opentelemetry/instrumentation release of the application's
 * OTel line, which its dependency range admits on both lines (0.223 on 2.x, 0.301 on 3.x). The
 * built package lives in the project's folder: without this hook, Node would give it the project's
 * own copies (the 3.x line's) whatever the line under test.
 */
const SHARED_WITH_APP = ['@opentelemetry/api', '@opentelemetry/instrumentation'].filter((name) =>
  existsSync(join(process.cwd(), 'node_modules', name, 'package.json')),
);
const builtPackageUrl = pathToFileURL(dirname(dirname(process.env.PACKAGE_ENTRY))).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromPackage = context.parentURL?.startsWith(builtPackageUrl) === true;
    if (!fromPackage || !SHARED_WITH_APP.includes(specifier)) return nextResolve(specifier, context);
    return { url: pathToFileURL(requirePinned.resolve(specifier)).href, shortCircuit: true };
  },
});

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
    this.spans.push({ scope: scope.name, name: span.name, attributes: { ...span.attributes } });
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

/** The instrumentations, by package (ours: the built package) and class. */
const INSTRUMENTATIONS = {
  'llm-observer-openai': [process.env.PACKAGE_ENTRY, 'OpenAIInstrumentation'],
  'llm-observer-anthropic': [process.env.PACKAGE_ENTRY, 'AnthropicInstrumentation'],
  'llm-observer-bedrock': [process.env.PACKAGE_ENTRY, 'BedrockInstrumentation'],
  'contrib-openai': ['@opentelemetry/instrumentation-openai', 'OpenAIInstrumentation'],
  'contrib-aws-sdk': ['@opentelemetry/instrumentation-aws-sdk', 'AwsInstrumentation'],
  'traceloop-openai': ['@traceloop/instrumentation-openai', 'OpenAIInstrumentation'],
  'traceloop-anthropic': ['@traceloop/instrumentation-anthropic', 'AnthropicInstrumentation'],
  'openinference-openai': ['@arizeai/openinference-instrumentation-openai', 'OpenAIInstrumentation'],
  'openinference-anthropic': ['@arizeai/openinference-instrumentation-anthropic', 'AnthropicInstrumentation'],
};

/**
 * The Vercel AI SDK's telemetry integrations (@ai-sdk/otel), registered with the AI SDK's
 * `registerTelemetry`: the OpenTelemetry one as its docs set it up, the same recording the
 * provider metadata, and the legacy one (the spans of AI SDK 6).
 */
const AI_SDK_INTEGRATIONS = {
  'ai-sdk-otel': (otel) => new otel.OpenTelemetry(),
  'ai-sdk-otel-provider-metadata': (otel) => new otel.OpenTelemetry({ providerMetadata: true }),
  'ai-sdk-otel-legacy': (otel) => new otel.LegacyOpenTelemetry(),
};

function register(key, provider) {
  if (key in AI_SDK_INTEGRATIONS) {
    requirePinned('ai').registerTelemetry(AI_SDK_INTEGRATIONS[key](requirePinned('@ai-sdk/otel')));
    return;
  }
  const [packageName, className] = INSTRUMENTATIONS[key];
  const { registerInstrumentations } = requirePinned('@opentelemetry/instrumentation');
  registerInstrumentations({ instrumentations: [new (requirePinned(packageName)[className])()], tracerProvider: provider });
}

const CALLS = {
  ...API_CALLS,
  ...AI_SDK_CALLS,
  /** Spans made by hand, one per entry of USAGE_SPANS, each with the tracer named by its scope. */
  'usage-spans': async () => {
    const { trace } = requirePinned('@opentelemetry/api');
    for (const { scope, attributes } of JSON.parse(process.env.USAGE_SPANS)) {
      trace.getTracer(scope).startSpan('chat', { attributes }).end();
    }
  },
};

async function main() {
  const { trace } = requirePinned('@opentelemetry/api');
  const otel = LINES[line];
  const snapshots = new AttributeSnapshots();
  const costs = new CostSpanProcessor();
  const provider = otel.provider(requirePinned(otel.sdk), otel.processors(costs, snapshots));
  trace.setGlobalTracerProvider(provider);
  // The context manager an app's SDK registers (NodeSDK's), where the install has one: a span is
  // then current while an instrumentation makes its call, and another instrumentation's span of
  // the same call is its child.
  if (existsSync(join(process.cwd(), 'node_modules', '@opentelemetry', 'context-async-hooks', 'package.json'))) {
    const { context } = requirePinned('@opentelemetry/api');
    context.setGlobalContextManager(new (requirePinned('@opentelemetry/context-async-hooks').AsyncLocalStorageContextManager)().enable());
  }
  if (instrumentationKey !== 'none') {
    for (const key of instrumentationKey.split('+')) register(key, provider);
  }
  await CALLS[callKey](requirePinned, process.env.FIXTURE_ORIGIN);
  if (process.env.REPORT_FILE) writeFileSync(process.env.REPORT_FILE, JSON.stringify(costs.getReport()));
  process.stdout.write(JSON.stringify(snapshots.spans));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
