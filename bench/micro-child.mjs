// Microbenchmarks of this package's per-call work, in one process: many operations per batch, the
// median time per operation over the batches (after warm-up batches). Spans are real spans of the
// OTel SDK (3.x), made as this package's OpenAI instrumentation makes them (bench/chat-spans.mjs).
// A part dist does not have is reported as not available, with the reason. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chatSpans, FIXTURES, requireFromRoot, ROOT } from './chat-spans.mjs';
import { median } from './stats.mjs';

const { dist, batches } = JSON.parse(process.argv[2]);
const WARM_UP_BATCHES = 3;

/**
 * Times `run(prepare())` over `batches` batches of `operations` operations; returns the median
 * nanoseconds per operation. Neither `prepare` nor the collection of its garbage is timed: the
 * child runs with --expose-gc, and collects before each timed batch.
 */
function measure(operations, prepare, run) {
  const perOperationNs = [];
  for (let index = 0; index < WARM_UP_BATCHES + batches; index++) {
    const prepared = prepare();
    globalThis.gc();
    const startedAt = process.hrtime.bigint();
    run(prepared);
    const elapsedNs = Number(process.hrtime.bigint() - startedAt);
    if (index >= WARM_UP_BATCHES) perOperationNs.push(elapsedNs / operations);
  }
  return median(perOperationNs);
}

/** The data events of an SSE fixture, parsed. */
function sseData(name) {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)));
}


const {
  observer,
  internals,
  semconv,
  chat,
  request,
  response,
  prefixHasher,
  tracerWith,
  startedCall,
  answeredSpan,
  startAttributes: startAttributesOf,
  requestWithSystemPrompt,
} = chatSpans(dist);
const { readAttributes } = internals;
const tracer = tracerWith();
const chatChunks = sseData('bench/openai-chat-stream-200.sse');
const startedCalls = (count) => Array.from({ length: count }, () => startedCall(tracer));

/** A measurement, or why there is none: a part of the package may have moved or changed. */
function ifAvailable(label, measurePart) {
  try {
    return { label, ...measurePart() };
  } catch (problem) {
    return { label, unavailable: `not available: ${problem.message.split('\n')[0]}` };
  }
}

const results = {};
const OPERATIONS = 1000;

results.requestAttributes = {
  label: 'request attributes, chat (readAttributes over the request table)',
  ns: measure(OPERATIONS, () => undefined, () => {
    for (let index = 0; index < OPERATIONS; index++) readAttributes(chat.request, request, {});
  }),
};

results.responseAttributes = {
  label: 'response attributes, chat (response and usage tables, onto a real span)',
  ns: measure(OPERATIONS, () => startedCalls(OPERATIONS), (calls) => {
    for (const call of calls) chat.readResponse(call, response);
  }),
};

const CALLS_PER_STREAM_BATCH = 20;
results.streamChunkAttributes = {
  label: 'stream chunk, chat (per chunk of the 200-chunk stream, its surface and content readers, onto a real span)',
  ns: measure(CALLS_PER_STREAM_BATCH * chatChunks.length, () => startedCalls(CALLS_PER_STREAM_BATCH), (calls) => {
    for (const call of calls) {
      for (const chunk of chatChunks) call.readStreamEvent(chunk);
    }
  }),
};

// CostSpanProcessor, per span of a whole chat call (the request's prefix fingerprint recurs from
// call to call), in two parts: its pricing alone, and everything it does as shipped.
const { CostSpanProcessor } = observer;
const pricingFile = JSON.parse(readFileSync(join(ROOT, 'data', 'pricing_v1.json'), 'utf8'));
const tableModelIds = pricingFile.entries.flatMap((entry) => entry.match);

/** `count` spans of whole chat calls; with `modelIds`, each answered by the next of them. */
function answeredSpans(count, modelIds) {
  return Array.from({ length: count }, (_, index) => {
    const span = answeredSpan(tracer);
    if (modelIds !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_RESPONSE_MODEL, modelIds[index % modelIds.length]);
    return span;
  });
}

/**
 * What the processor does to one span. `pricing`: its own pricer alone (the private `pricer`
 * field; the processor has no option that turns the report or the insights off), without the
 * guard around it. `shipped`: `onStart` and `onEnding`, as the SDK calls them: pricing, then the
 * report's ledger (the call's row, the cache insights, the metrics).
 */
const PROCESSOR_STEPS = {
  pricing: (processor) => {
    const pricer = processor.pricer;
    const call = processor.call;
    if (typeof pricer?.price !== 'function' || typeof call?.read !== 'function') throw new Error('CostSpanProcessor has no `pricer` with a `price` method and `call` record');
    return (span) => {
      call.read(span);
      pricer.price(call, span);
    };
  },
  shipped: (processor) => (span) => {
    processor.onStart(span);
    processor.onEnding(span);
  },
};

const unpricedProblem = (span) =>
  span.attributes[semconv.ATTR_LLM_OBSERVER_COST_TOTAL_USD] === undefined ? { problem: 'span left unpriced' } : {};

for (const [part, label] of [
  ['pricing', 'pricing alone'],
  ['shipped', 'as shipped (pricing, report, cache insights, metrics)'],
]) {
  const stepOf = PROCESSOR_STEPS[part];
  results[`${part}Warm`] = ifAvailable(`CostSpanProcessor per span, ${label}, warm (a model it has priced before)`, () => {
    const step = stepOf(new CostSpanProcessor());
    let sample;
    const ns = measure(OPERATIONS, () => answeredSpans(OPERATIONS), (spans) => {
      for (const span of spans) step(span);
      sample = spans[0];
    });
    return { ns, ...unpricedProblem(sample) };
  });
  results[`${part}Cold`] = ifAvailable(
    `CostSpanProcessor per span, ${label}, cold (a new processor; each span a model id of the table it has not resolved)`,
    () => {
      let sample;
      const ns = measure(
        tableModelIds.length,
        () => ({ step: stepOf(new CostSpanProcessor()), spans: answeredSpans(tableModelIds.length, tableModelIds) }),
        ({ step, spans }) => {
          for (const span of spans) step(span);
          sample = spans[0];
        },
      );
      return { ns, ...unpricedProblem(sample), modelIds: tableModelIds.length };
    },
  );
}

// CostSpanProcessor as the SDK runs it in an app: spans with a whole chat call's attributes (those
// its span starts with, then those its end writes) started and ended by the SDK on a provider with
// the processor and on one without, in alternating rounds of ROUND_SPANS spans; the figure is the
// median over the rounds of the difference per span. Each span is priced as it ends, its attributes
// just written, as in an app, where the microbenchmark above prices spans made a thousand spans
// earlier (out of the CPU's caches: the same processor took 1.4 to 1.5 µs a span in batches of 20
// spans, 2.6 to 2.9 µs in batches of 1,000, docs/benchmarks.md, fourth pass). Both rounds of a pair run within a millisecond or two, so a change
// of the machine's load weighs on both alike.
const ROUND_SPANS = 200;
results.shippedInPipeline = ifAvailable('CostSpanProcessor per span as the SDK runs it: a provider with it against one without, warm', () => {
  const { SpanKind } = requireFromRoot('@opentelemetry/api');
  const startAttributes = startAttributesOf(request).attributes;
  const answered = answeredSpan(tracer).attributes;
  const endAttributes = Object.fromEntries(Object.entries(answered).filter(([key]) => !(key in startAttributes)));
  const name = `chat ${request.model}`;
  const processor = new CostSpanProcessor();
  const priced = tracerWith([processor]);
  const unpriced = tracerWith([]);
  const round = (roundTracer) => {
    const startedAt = process.hrtime.bigint();
    for (let index = 0; index < ROUND_SPANS; index++) {
      const span = roundTracer.startSpan(name, { kind: SpanKind.CLIENT, attributes: startAttributes });
      span.setAttributes(endAttributes);
      span.end();
    }
    return Number(process.hrtime.bigint() - startedAt) / ROUND_SPANS;
  };
  const rounds = 100 * batches;
  const differences = [];
  for (let index = 0; index < rounds + rounds / 5; index++) {
    const difference = round(priced) - round(unpriced);
    if (index >= rounds / 5) differences.push(difference);
  }
  const calls = processor.getReport().models.reduce((sum, row) => sum + row.calls, 0);
  return { ns: median(differences), ...(calls === 0 ? { problem: 'the processor priced no span' } : {}) };
});

// The insight engine alone (src/processor/insights/engine.ts), per ended call: `CacheInsights.observe` with
// the call read off its span beforehand (untimed), at the default history bound.
const { CacheInsights, DEFAULT_MAX_TRACKED_PREFIXES, CallRecord, loadPricingTable } = internals;
const pricingTable = loadPricingTable(undefined);
const { usage } = response;
const uncachedAnswer = { ...response, usage: { ...usage, prompt_tokens_details: { ...usage.prompt_tokens_details, cached_tokens: 0 } } };
/** An 8 KB system prompt: an estimated 2,000 tokens, above gpt-4o-mini's 1,024-token cacheable minimum and within the answer's 2,310 input tokens. */
const longRequest = requestWithSystemPrompt(8_000);

/** `count` ended calls of `body` (or of what `body()` returns for each) answered with `answer`, and their spans (where the engine writes). */
function endedCalls(count, body, answer) {
  return Array.from({ length: count }, () => {
    const span = answeredSpan(tracer, typeof body === 'function' ? body() : body, answer);
    const call = new CallRecord();
    call.read(span);
    call.model = pricingTable.resolve(request.model);
    return { call, span };
  });
}

/** Times `engine.observe` over batches of the calls `prepare()` returns; says so if no call had a prefix the engine weighed. */
function measureEngine(engine, prepare, expectedAttribute) {
  const owner = {};
  let sample;
  const ns = measure(OPERATIONS, prepare, (calls) => {
    for (const { call, span } of calls) engine.observe(call, owner, span);
    sample = calls.at(-1);
  });
  const weighed = sample.call.prefixFingerprint !== undefined && (expectedAttribute === undefined || sample.span.attributes[expectedAttribute] !== undefined);
  return { ns, ...(weighed ? {} : { problem: 'the engine found nothing to weigh' }), trackedPrefixes: engine.trackedPrefixes, evictedPrefixes: engine.evictedPrefixes };
}

const newEngine = () => new CacheInsights(pricingTable.caches, DEFAULT_MAX_TRACKED_PREFIXES, () => undefined);

results.insightsRecurringCached = ifAvailable('insight engine per span, a prefix that recurs, read from the cache (the fixture answer)', () =>
  measureEngine(newEngine(), () => endedCalls(OPERATIONS, request, response)),
);

results.insightsRecurringUncached = ifAvailable(
  'insight engine per span, a prefix that recurs uncached (8 KB prompt: a missed saving written on the span)',
  () => measureEngine(newEngine(), () => endedCalls(OPERATIONS, longRequest, uncachedAnswer), semconv.ATTR_LLM_OBSERVER_CACHE_MISSED_SAVINGS_USD),
);

results.insightsDistinctEvicting = ifAvailable(
  `insight engine per span, every prefix new, each evicting the least recent (history full at ${DEFAULT_MAX_TRACKED_PREFIXES.toLocaleString('en')})`,
  () => {
    const engine = newEngine();
    let prefixes = 0;
    /** Calls of a 1 KB system prompt led by a number no call had before: a new prefix each. */
    const distinctCalls = (count) => endedCalls(count, () => requestWithSystemPrompt(1_000, `${prefixes++} `), response);
    const owner = {};
    for (const { call, span } of distinctCalls(DEFAULT_MAX_TRACKED_PREFIXES)) engine.observe(call, owner, span);
    return measureEngine(engine, () => distinctCalls(OPERATIONS));
  },
);

// Prefix fingerprinting as the instrumentation runs it at the start of a call: the surface's
// cacheable prefix, its tagged encoding and one HMAC, written into the start attributes.
const { writePrefixFingerprint } = internals;
for (const [key, bytes, label] of [
  ['fingerprint2KB', 2_000, '2 KB'],
  ['fingerprint200KB', 200_000, '200 KB'],
]) {
  results[key] = ifAvailable(`prefix fingerprint per request, ${label} system prompt (writePrefixFingerprint, chat surface)`, () => {
    const body = requestWithSystemPrompt(bytes);
    const attributes = {};
    const operations = bytes > 10_000 ? 20 : OPERATIONS;
    const ns = measure(operations, () => undefined, () => {
      for (let index = 0; index < operations; index++) writePrefixFingerprint(prefixHasher, chat.cacheablePrefix, body, attributes);
    });
    return { ns, ...(attributes[semconv.ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT] === undefined ? { problem: 'no fingerprint written' } : {}) };
  });
}

process.stdout.write(`${JSON.stringify(results)}\n`, () => process.exit(0));
