// Content mode's cost on a large request, in a process of its own (started by bench/run.mjs): real
// OpenAI chat calls against the fixture server whose request holds `megabytes` of ordinary text
// (sprinkled with e-mail addresses and keys, one of each per kilobyte), in one message or in
// `messages` messages, traced by `setup`: nothing, this package in metadata mode (the default), or
// this package with content capture on the span (so every string is redacted and capped at 64 KiB).
// Measures per call the CPU time of the process (all its threads, the garbage collector's
// included), the wall time, and the longest the event loop was blocked. Prints one JSON line.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { median } from './stats.mjs';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));

const { setup, dist, origin, megabytes, messages, calls } = JSON.parse(process.argv[2]);

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

let provider;
if (setup !== 'none') {
  const api = require('@opentelemetry/api');
  const sdk = require('@opentelemetry/sdk-trace');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation');
  const observer = require(join(dist, 'cjs', 'index.js'));
  provider = new sdk.TracerProvider({ spanProcessors: [new sdk.BatchSpanProcessor({ exporter })] });
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.trace.setGlobalTracerProvider(provider);
  const config = setup === 'content' ? { captureMessageContent: 'SPAN_ONLY' } : {};
  registerInstrumentations({ instrumentations: [new observer.OpenAIInstrumentation(config)], tracerProvider: provider });
}

const OpenAI = require('openai').default;
const client = new OpenAI({ apiKey: 'bench-api-key', baseURL: `${origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-fixture': 'openai/chat' } });

// One kilobyte of a support conversation, with an e-mail address and an API key in it.
const KILOBYTE = (
  'Hello, I tried to export the March invoices from Ledger Pro and the file came out empty. ' +
  'My colleague (maria.lopez@example.com) says the same happened to her last week. ' +
  'Our integration uses the key sk-proj-Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0n and the sandbox. ' +
  'We are on version 4.12.2 and the report settings are the defaults: monthly, PDF, all customers. '
).repeat(4).slice(0, 1024);
const totalChars = megabytes * 1024 * 1024;
const perMessage = Math.ceil(totalChars / messages / 1024);
const text = KILOBYTE.repeat(perMessage);
const body = {
  model: 'gpt-4o-mini',
  messages: Array.from({ length: messages }, (_, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', content: text })),
};

/**
 * The longest the event loop was blocked: the longest gap between two ticks of a timer due every
 * {@link TICK_MS}, less that interval. (perf_hooks' monitorEventLoopDelay missed a 200 ms block
 * on Node 24 in a check made while writing this.)
 */
const TICK_MS = 5;
const loopWatch = { lastTickMs: performance.now(), longestGapMs: 0 };
const ticker = setInterval(() => {
  const now = performance.now();
  loopWatch.longestGapMs = Math.max(loopWatch.longestGapMs, now - loopWatch.lastTickMs);
  loopWatch.lastTickMs = now;
}, TICK_MS);
const measured = [];
for (let index = 0; index <= calls; index++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  loopWatch.longestGapMs = 0;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await client.chat.completions.create(body);
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  // The tick after the call, so that a block at its very end is measured too.
  await new Promise((resolve) => setTimeout(resolve, 20));
  // The first call warms up: compiled code, the connection.
  if (index > 0) measured.push({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, blockedMs: Math.max(0, loopWatch.longestGapMs - TICK_MS) });
}
clearInterval(ticker);
await provider?.forceFlush();

const result = {
  cpuMsPerCall: median(measured.map((entry) => entry.cpuMs)),
  wallMsPerCall: median(measured.map((entry) => entry.wallMs)),
  blockedMs: median(measured.map((entry) => entry.blockedMs)),
  spansPerCall: exporter.spans / (calls + 1),
  calls: measured,
};
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
