// What the benchmark measures: the scenarios (one kind of API call each), the configurations (what
// traces the call), the pinned installs the peers need, and how long each run takes. Data only:
// bench/run.mjs orchestrates, bench/call-child.mjs makes the calls.

/** The OTel 2.x SDK a 2.x-line peer runs with, in its own install. */
const OTEL_2 = {
  '@opentelemetry/api': '1.9.1',
  '@opentelemetry/sdk-trace-base': '2.12.0',
  '@opentelemetry/context-async-hooks': '2.12.0',
};

/**
 * Where a configuration's packages come from: `root` is this repository's own install; the others
 * are pinned installs under .tmp/installs, made by test/support/pinned-install.ts. `versions` is
 * the key of the SDK versions the install holds in SDK_VERSIONS: a ratio is always taken against
 * the uninstrumented run on the same SDK versions.
 */
export const INSTALLS = {
  root: { versions: 'latest', pins: undefined },
  contrib: {
    versions: 'previous',
    pins: {
      openai: '6.49.0',
      '@opentelemetry/instrumentation-openai': '0.22.0',
      '@opentelemetry/api': '1.10.0',
      '@opentelemetry/sdk-trace': '3.1.1',
      '@opentelemetry/context-async-hooks': '3.1.1',
    },
  },
  traceloop: {
    versions: 'previous',
    pins: {
      openai: '6.49.0',
      '@anthropic-ai/sdk': '0.137.0',
      '@traceloop/instrumentation-openai': '0.27.0',
      '@traceloop/instrumentation-anthropic': '0.27.0',
      ...OTEL_2,
    },
  },
  arize: {
    versions: 'latest',
    pins: {
      openai: '7.60.0',
      '@anthropic-ai/sdk': '1.17.0',
      '@arizeai/openinference-instrumentation-openai': '4.2.7',
      '@arizeai/openinference-instrumentation-anthropic': '0.2.8',
      ...OTEL_2,
    },
  },
  openlit: {
    versions: 'latest',
    pins: { openai: '7.60.0', '@anthropic-ai/sdk': '1.17.0', openlit: '1.15.0', ...OTEL_2 },
  },
};

/** The SDK version sets: peers in the arize, openlit and contrib installs run the same SDK code as the root and traceloop ones. */
export const SDK_VERSIONS = {
  latest: 'openai 7.60 / @anthropic-ai/sdk 1.17',
  previous: 'openai 6.49 / @anthropic-ai/sdk 0.137',
};

/** How each provider's SDK is loaded and pointed at the fixture server. */
export const PROVIDERS = {
  openai: { package: 'openai', clientClass: 'OpenAI', basePath: '/v1' },
  anthropic: { package: '@anthropic-ai/sdk', clientClass: 'Anthropic', basePath: '' },
};

/**
 * The calls. `request` is a file of test/fixtures/bench/ holding the body the app sends, to which a
 * streamed call adds `streamOptions`; `fixture` is the fixture-server answer
 * (test/fixtures/<fixture>.json or .sse).
 */
export const SCENARIOS = [
  {
    id: 'openai-chat',
    label: 'OpenAI chat',
    provider: 'openai',
    method: ['chat', 'completions', 'create'],
    request: 'openai-chat-request.json',
    fixture: 'openai/chat',
  },
  {
    id: 'openai-chat-stream',
    label: 'OpenAI chat, streamed (200 chunks)',
    provider: 'openai',
    method: ['chat', 'completions', 'create'],
    request: 'openai-chat-request.json',
    streamOptions: { stream: true, stream_options: { include_usage: true } },
    fixture: 'bench/openai-chat-stream-200',
  },
  {
    id: 'openai-responses',
    label: 'OpenAI Responses',
    provider: 'openai',
    method: ['responses', 'create'],
    request: 'openai-responses-request.json',
    fixture: 'openai/responses',
  },
  {
    id: 'anthropic-messages',
    label: 'Anthropic messages',
    provider: 'anthropic',
    method: ['messages', 'create'],
    request: 'anthropic-messages-request.json',
    fixture: 'bench/anthropic-message',
  },
  {
    id: 'anthropic-messages-stream',
    label: 'Anthropic messages, streamed (200 events)',
    provider: 'anthropic',
    method: ['messages', 'create'],
    request: 'anthropic-messages-request.json',
    streamOptions: { stream: true },
    fixture: 'bench/anthropic-message-stream-200',
  },
];

/**
 * What traces the calls. `setup` names the telemetry set-up in bench/call-child.mjs; `providers`
 * the SDKs the configuration instruments (its other scenarios show "not applicable"); `baseline`
 * marks the uninstrumented runs. The Anthropic SDK's own tracing (0.135 and later) is off
 * (ANTHROPIC_OPEN_TELEMETRY=false) in the baselines and for the peers, which would otherwise record
 * a second span per call; it is left on, as by default, where `anthropicTracing` says so: for the
 * built-in row, and for this package, whose span takes the place of the SDK's (the SDK's tracing
 * code still runs, on a span that does not record).
 */
export const CONFIGURATIONS = [
  { id: 'baseline', label: 'no instrumentation', setup: 'none', install: 'root', baseline: true, providers: ['openai', 'anthropic'] },
  { id: 'ours', label: 'otel-llm-observer', setup: 'ours', install: 'root', anthropicTracing: true, providers: ['openai', 'anthropic'] },
  { id: 'ours-processors', label: 'otel-llm-observer + CostSpanProcessor', setup: 'ours-processors', install: 'root', anthropicTracing: true, providers: ['openai', 'anthropic'] },
  { id: 'anthropic-builtin', label: '@anthropic-ai/sdk 1.17 built-in tracing', setup: 'anthropic-builtin', install: 'root', anthropicTracing: true, providers: ['anthropic'] },
  { id: 'arize', label: '@arizeai/openinference-instrumentation-* 4.2 / 0.2', setup: 'arize', install: 'arize', providers: ['openai', 'anthropic'] },
  { id: 'openlit', label: 'openlit 1.15', setup: 'openlit', install: 'openlit', providers: ['openai', 'anthropic'] },
  { id: 'baseline-previous', label: 'no instrumentation', setup: 'none', install: 'traceloop', baseline: true, providers: ['openai', 'anthropic'] },
  { id: 'ours-previous', label: 'otel-llm-observer', setup: 'ours', install: 'traceloop', anthropicTracing: true, providers: ['openai', 'anthropic'] },
  { id: 'ours-processors-previous', label: 'otel-llm-observer + CostSpanProcessor', setup: 'ours-processors', install: 'traceloop', anthropicTracing: true, providers: ['openai', 'anthropic'] },
  { id: 'contrib', label: '@opentelemetry/instrumentation-openai 0.22', setup: 'contrib', install: 'contrib', providers: ['openai'] },
  { id: 'traceloop', label: '@traceloop/instrumentation-* 0.27', setup: 'traceloop', install: 'traceloop', providers: ['openai', 'anthropic'] },
];

/**
 * This package's parts, by the name dist exports them under: the instrumentation of each provider,
 * and the span processors that the `ours-processors` set-up puts before the exporting
 * BatchSpanProcessor (CostSpanProcessor runs the cache insights and the report too). A part dist
 * does not export turns its rows into "not yet available".
 */
export const OUR_PARTS = {
  instrumentations: { openai: 'OpenAIInstrumentation', anthropic: 'AnthropicInstrumentation' },
  spanProcessors: ['CostSpanProcessor'],
};

/**
 * Content mode on large requests (bench/content-child.mjs): each shape of request (`megabytes` of
 * text in `messages` messages) traced each way, one process each. The target: content capture
 * adds less than 0.5 s of CPU to a 10 MB request, over the same call traced in metadata mode.
 */
export const CONTENT_MODE = {
  shapes: [
    { id: '1mb', label: '1 MB in one message', megabytes: 1, messages: 1 },
    { id: '10mb', label: '10 MB in one message', megabytes: 10, messages: 1 },
    { id: '10mb-1000', label: '10 MB in 1,000 messages', megabytes: 10, messages: 1000 },
  ],
  setups: [
    { id: 'none', label: 'no instrumentation' },
    { id: 'metadata', label: 'otel-llm-observer, metadata mode' },
    { id: 'content', label: 'otel-llm-observer, content mode' },
  ],
  targetAddedMs: 500,
};

/** Enough calls to show that a child works, not to measure anything. */
const A_FEW_CALLS = { warmUpCalls: 2, batches: 1, calls: 3 };

/**
 * How many calls a child makes: warm-up calls, then `batches` timed batches of `calls` calls.
 * Streams take about five times the CPU of a plain call, so they run fewer. `memory`: the spans,
 * each with a prefix of its own, sent through the cost processor at each history bound
 * (`maxTrackedPrefixes`), one process per bound.
 */
export const PLANS = {
  full: {
    repetitions: 10,
    importProcesses: 15,
    plain: { warmUpCalls: 300, batches: 5, calls: 200 },
    streamed: { warmUpCalls: 60, batches: 5, calls: 40 },
    microBatches: 25,
    memory: { spans: 1_000_000, bounds: [10_000, 100_000] },
    contentCalls: 5,
  },
  quick: {
    repetitions: 1,
    importProcesses: 2,
    plain: A_FEW_CALLS,
    streamed: A_FEW_CALLS,
    microBatches: 2,
    memory: { spans: 20_000, bounds: [10_000] },
    contentCalls: 1,
  },
};

/**
 * The instruction count (`npm run bench:instructions`, bench/instructions.mjs): the same calls
 * under `valgrind --tool=callgrind`, which counts the instructions a process runs whatever the
 * machine's load. `configurations` are ids of CONFIGURATIONS, plus `floor`: no instrumentation of
 * the SDK, one span per call with the attributes of this package's span of that call (captured
 * from `floorOf`), through the same BatchSpanProcessor. Each measure runs `repetitions` times,
 * each with its own V8 hash and random seed. Calls per child are few: a call runs about 50 times
 * slower under callgrind.
 */
export const INSTRUCTIONS = {
  configurations: ['baseline', 'floor', 'ours-processors', 'anthropic-builtin', 'baseline-previous', 'contrib'],
  floor: { id: 'floor', label: 'floor: one span, same attributes, no SDK instrumentation', setup: 'floor', install: 'root', providers: ['openai', 'anthropic'], floorOf: 'ours-processors' },
  /**
   * This package with the cost processor, in an app that samples no trace: its calls recorded but
   * not exported, with the app's sampler given to `llmObserver({ sampler })` (README, "Sampling"),
   * or, `dropped`, not given, so that the calls' spans do not record. Each runs only when named.
   */
  named: [
    {
      id: 'ours-processors-unsampled',
      label: 'otel-llm-observer + CostSpanProcessor, trace not sampled',
      setup: 'ours-processors-unsampled',
      install: 'root',
      anthropicTracing: true,
      providers: ['openai', 'anthropic'],
    },
    {
      id: 'ours-processors-dropped',
      label: 'otel-llm-observer + CostSpanProcessor, trace not sampled, sampler not given',
      setup: 'ours-processors-dropped',
      install: 'root',
      anthropicTracing: true,
      providers: ['openai', 'anthropic'],
    },
  ],
  repetitions: 3,
  plain: { warmUpCalls: 60, batches: 3, calls: 20 },
  streamed: { warmUpCalls: 12, batches: 3, calls: 4 },
  processor: { warmUpSpans: 1000, batches: 3, spans: 500 },
  /**
   * V8 in one thread (compilation and garbage collection on the main thread, in program order),
   * at the baseline tier only (every function compiled by Sparkplug at its first call; no Maglev
   * or TurboFan, whose compilations land at points that vary; no code flushed for age), with a
   * 64 MB young generation; `gc()` for the collection before each batch. WebAssembly (undici's
   * HTTP parser, llhttp) stays at its baseline tier too, Liftoff (`--liftoff-only`; with
   * `--no-wasm-tier-up` alone, TurboFan still compiled some of it): TurboFan compiles it on a
   * worker thread even with `--single-threaded`, in whichever batch that thread runs (30 to 54 M
   * instructions, counted in one batch).
   */
  nodeFlags: [
    '--single-threaded',
    '--no-opt',
    '--no-maglev',
    '--always-sparkplug',
    '--no-flush-bytecode',
    '--no-flush-baseline-code',
    '--liftoff-only',
    '--min-semi-space-size=64',
    '--max-semi-space-size=64',
    '--expose-gc',
  ],
  /** Loading runs once per process: the import cost is counted at V8's default tiers. */
  importNodeFlags: ['--single-threaded'],
  quick: { repetitions: 1, plain: { warmUpCalls: 2, batches: 1, calls: 2 }, streamed: { warmUpCalls: 1, batches: 1, calls: 1 }, processor: { warmUpSpans: 10, batches: 1, spans: 10 } },
};
