// One configuration making one scenario's calls, in a process of its own (started by
// bench/run.mjs): telemetry is set up first, the SDK is required from the configuration's install
// (so load-time hooks patch it), then warm-up calls, then timed batches. Prints one JSON line.
// With `profile` (a file path), the timed batches are profiled, and only they. With `marks`, a
// mark (bench/marks.mjs) ends the warm-up and each batch, for the instruction count. With
// `capture`, the result carries the shape of the last span (name, kind, attributes at its start
// and at its end), which the `floor` set-up then makes around each call.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mark, parts } from './marks.mjs';
import { OUR_PARTS, PROVIDERS } from './plan.mjs';
import { median } from './stats.mjs';

const ROOT = join(import.meta.dirname, '..');

const { setup, dist, folder, scenario, origin, plan, profile, marks, capture, floorSpan } = JSON.parse(process.argv[2]);
const requireFromInstall = createRequire(join(folder, 'package.json'));
const requireFromRoot = createRequire(join(ROOT, 'package.json'));

/** A span exporter that drops what it is given, after counting it. */
const exporter = {
  spans: 0,
  export(spans, resultCallback) {
    this.spans += spans.length;
    resultCallback({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
  forceFlush: () => Promise.resolve(),
};

/**
 * With `capture`, a span processor put first and last around the others: the attributes a span
 * started with (before any processor's `onStart`) and those it ended with (after every `onEnding`).
 */
const spanShape = {};
const captureProcessors = {
  first: {
    onStart: (span) => Object.assign(spanShape, { name: span.name, kind: span.kind, startAttributes: { ...span.attributes } }),
    onEnd: () => undefined,
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  },
  last: {
    onStart: () => undefined,
    onEnd: (span) => Object.assign(spanShape, { endAttributes: { ...span.attributes }, events: span.events.length }),
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  },
};
const withCapture = (spanProcessors) => (capture ? [captureProcessors.first, ...spanProcessors, captureProcessors.last] : spanProcessors);

/**
 * The OTel SDK of one line (3: `@opentelemetry/sdk-trace`, 2: `sdk-trace-base`) as `require`
 * resolves it: a BatchSpanProcessor to the exporter above, and `start`, which registers a tracer
 * provider with `spanProcessors` and an AsyncLocalStorage context manager globally, as NodeSDK does.
 */
function otelSdk(require, line) {
  const api = require('@opentelemetry/api');
  const sdk = require(line === 3 ? '@opentelemetry/sdk-trace' : '@opentelemetry/sdk-trace-base');
  const batchProcessor = line === 3 ? new sdk.BatchSpanProcessor({ exporter }) : new sdk.BatchSpanProcessor(exporter);
  return {
    batchProcessor,
    sdk,
    start(spanProcessors = [batchProcessor], sampler = undefined) {
      const Provider = line === 3 ? sdk.TracerProvider : sdk.BasicTracerProvider;
      const provider = new Provider({ spanProcessors: withCapture(spanProcessors), ...(sampler === undefined ? {} : { sampler }) });
      const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
      api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      api.trace.setGlobalTracerProvider(provider);
      return provider;
    },
  };
}

/** The peers' instrumentation classes (package, export), each set up at its defaults. */
const PEER_INSTRUMENTATIONS = {
  contrib: { line: 3, classes: [['@opentelemetry/instrumentation-openai', 'OpenAIInstrumentation']] },
  traceloop: {
    line: 2,
    classes: [
      ['@traceloop/instrumentation-openai', 'OpenAIInstrumentation'],
      ['@traceloop/instrumentation-anthropic', 'AnthropicInstrumentation'],
    ],
  },
  arize: {
    line: 2,
    classes: [
      ['@arizeai/openinference-instrumentation-openai', 'OpenAIInstrumentation'],
      ['@arizeai/openinference-instrumentation-anthropic', 'AnthropicInstrumentation'],
    ],
  },
};

/**
 * This package on the root install's OTel SDK (3.x), whichever install the SDK comes from: its
 * instrumentations, and with `withProcessors` its span processors before the exporting one. With
 * `unsampled`, the app samples no trace (`AlwaysOffSampler`): `given`, its sampler is handed to
 * `llmObserver({ sampler })` where dist has that option, so that the calls are recorded unsampled;
 * `dropped` (or a dist without the option), the calls' spans do not record.
 */
function setUpOurs(withProcessors, unsampled = undefined) {
  const observer = requireFromRoot(join(dist, 'cjs', 'index.js'));
  const otel = otelSdk(requireFromRoot, 3);
  const ownProcessors = withProcessors ? OUR_PARTS.spanProcessors.filter((name) => name in observer) : [];
  const appSampler = unsampled === undefined ? undefined : new otel.sdk.AlwaysOffSampler();
  const given = unsampled === 'given' && observer.llmObserver({ openai: false, anthropic: false, gemini: false, sampler: appSampler }).sampler;
  const sampler = given || appSampler;
  const provider = otel.start([...ownProcessors.map((name) => new observer[name]()), otel.batchProcessor], sampler);
  const instrumentations = Object.values(OUR_PARTS.instrumentations)
    .filter((name) => name in observer)
    .map((name) => new observer[name]());
  const { registerInstrumentations } = requireFromRoot('@opentelemetry/instrumentation');
  registerInstrumentations({ instrumentations, tracerProvider: provider });
  return provider;
}

function setUpPeer(name) {
  const { line, classes } = PEER_INSTRUMENTATIONS[name];
  const provider = otelSdk(requireFromInstall, line).start();
  const instrumentations = classes.map(([packageName, className]) => new (requireFromInstall(packageName)[className])());
  const { registerInstrumentations } = requireFromInstall('@opentelemetry/instrumentation');
  registerInstrumentations({ instrumentations, tracerProvider: provider });
  return provider;
}

/**
 * OpenLIT, traces only: its metrics and events have export pipelines of their own, and its price
 * table (USD per 1K tokens, by request model) is given inline so that it does not fetch one from
 * GitHub. It uses the application's tracer provider only when `trace.getTracerProvider()` has the
 * 1.x SDK's `addSpanProcessor`; that is always the API's proxy, which has not, so OpenLIT would
 * set up a provider of its own with a console exporter. The proxy gets a stub of the method, and
 * OpenLIT's spans go through the proxy to the provider here.
 */
function setUpOpenlit() {
  const provider = otelSdk(requireFromInstall, 2).start();
  requireFromInstall('@opentelemetry/api').trace.getTracerProvider().addSpanProcessor = () => undefined;
  const pricingJson = {
    chat: {
      'gpt-4o-mini': { promptPrice: 0.00015, completionPrice: 0.0006, cacheReadPrice: 0.000075 },
      'claude-sonnet-5-5': { promptPrice: 0.002, completionPrice: 0.01, cacheReadPrice: 0.0002, cacheCreationPrice: 0.0025 },
    },
  };
  requireFromInstall('openlit').default.init({ disableMetrics: true, disableEvents: true, pricingJson });
  return provider;
}

/**
 * The floor: no instrumentation of the SDK, one span per call with the attributes of this
 * package's span of the same call (`floorSpan`, captured beforehand), on the root install's OTel
 * SDK (3.x) and the same BatchSpanProcessor: what any instrumentation recording those attributes
 * pays to the OTel SDK, whatever it does to read them.
 */
function setUpFloor() {
  const provider = otelSdk(requireFromRoot, 3).start();
  const tracer = provider.getTracer('otel-llm-observer-bench/floor');
  const endAttributes = Object.fromEntries(
    Object.entries(floorSpan.endAttributes).filter(([name]) => !(name in floorSpan.startAttributes)),
  );
  aroundCall = async (makeCall) => {
    const span = tracer.startSpan(floorSpan.name, { kind: floorSpan.kind, attributes: floorSpan.startAttributes });
    const outcome = await makeCall();
    span.setAttributes(endAttributes);
    span.end();
    return outcome;
  };
  return provider;
}

/** What a call runs inside: the call alone, or (the floor) the call inside a span. */
let aroundCall = (makeCall) => makeCall();

const SETUPS = {
  none: () => undefined,
  floor: setUpFloor,
  ours: () => setUpOurs(false),
  'ours-processors': () => setUpOurs(true),
  'ours-processors-unsampled': () => setUpOurs(true, 'given'),
  'ours-processors-dropped': () => setUpOurs(true, 'dropped'),
  'anthropic-builtin': () => otelSdk(requireFromRoot, 3).start(),
  contrib: () => setUpPeer('contrib'),
  traceloop: () => setUpPeer('traceloop'),
  arize: () => setUpPeer('arize'),
  openlit: setUpOpenlit,
};

const provider = SETUPS[setup]();

const sdk = PROVIDERS[scenario.provider];
const sdkModule = requireFromInstall(sdk.package);
const Client = sdkModule[sdk.clientClass] ?? sdkModule.default;
const client = new Client({
  apiKey: 'bench-api-key',
  baseURL: `${origin}${sdk.basePath}`,
  // Under callgrind, a mark's dump can outlast the fixture server's keep-alive: the SDK's own retry
  // then takes a new connection (a failed attempt, a few hundred thousand instructions).
  maxRetries: marks ? 2 : 0,
  defaultHeaders: { 'x-fixture': scenario.fixture },
});
const body = {
  ...JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'bench', scenario.request), 'utf8')),
  ...scenario.streamOptions,
};
const resource = scenario.method.slice(0, -1).reduce((object, key) => object[key], client);
const method = scenario.method.at(-1);
const streamed = scenario.streamOptions !== undefined;

/** One call, the stream read to its end; returns its chunks and time to first chunk (ms). */
const call = () => aroundCall(callAlone);

async function callAlone() {
  const startedAt = performance.now();
  const result = await resource[method](body);
  if (!streamed) return undefined;
  let chunks = 0;
  let firstChunkMs;
  for await (const chunk of result) {
    if (chunks++ === 0) firstChunkMs = performance.now() - startedAt;
    void chunk;
  }
  return { chunks, firstChunkMs };
}

/** `calls` calls in sequence: their CPU time (user + system, whole process) and wall time. */
async function batch(calls) {
  const firstChunkMs = [];
  let chunks = 0;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let index = 0; index < calls; index++) {
    const stream = await call();
    if (stream !== undefined) {
      chunks += stream.chunks;
      firstChunkMs.push(stream.firstChunkMs);
    }
  }
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    cpuUsPerCall: (cpu.user + cpu.system) / calls,
    wallUsPerCall: (wallMs * 1000) / calls,
    chunksPerCall: chunks / calls,
    firstChunkMs: median(firstChunkMs),
  };
}

/**
 * Starts V8's CPU profiler on this thread, sampling every 100 µs (a call takes about 1 ms);
 * returns the function that stops it and writes the profile to `file`.
 */
async function startProfiler(file) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile: written } = await session.post('Profiler.stop');
    session.disconnect();
    writeFileSync(file, JSON.stringify(written));
  };
}

/**
 * Under callgrind a collection takes seconds, long enough for the fixture server to close the
 * idle keep-alive connection (after 5 s) while the SDK's fetch still holds it: the next call would
 * fail with "other side closed". One uncounted call (again if it fails that way) leaves a
 * connection that was just used for the batch's first call.
 */
async function primeConnection() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callAlone();
    } catch (problem) {
      if (attempt === 3) throw problem;
    }
  }
}

const { warmUpCalls, batches, calls } = plan;
await batch(warmUpCalls);
if (marks) mark('warm-up');
const stopProfiler = profile === undefined ? undefined : await startProfiler(profile);
const measured = [];
for (let index = 0; index < batches; index++) {
  // Under callgrind, each batch starts after a full garbage collection (and the child runs with a
  // young generation larger than a batch allocates), so no batch counts a collection.
  if (marks) {
    globalThis.gc();
    await primeConnection();
    mark('garbage collection');
  }
  measured.push(await batch(calls));
  if (marks) mark('batch');
}
await stopProfiler?.();
await provider?.forceFlush();

const result = {
  cpuUsPerCall: median(measured.map((entry) => entry.cpuUsPerCall)),
  wallUsPerCall: median(measured.map((entry) => entry.wallUsPerCall)),
  chunksPerCall: median(measured.map((entry) => entry.chunksPerCall)),
  firstChunkMs: median(measured.map((entry) => entry.firstChunkMs).filter((value) => value !== undefined)),
  spansPerCall: exporter.spans / (warmUpCalls + batches * calls),
  profiledCalls: profile === undefined ? undefined : batches * calls,
  batches: measured,
  parts: marks ? parts : undefined,
  span: capture ? spanShape : undefined,
};
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
