// Microbenchmarks of this package's per-call work, in one process: many operations per batch, the
// median time per operation over the batches (after warm-up batches). Spans are real spans of the
// OTel SDK (3.x), made by the tracer this package's OpenAI instrumentation uses, with the
// attributes its surfaces read from the wire fixtures. A part dist does not have yet is reported
// as not available, with the reason. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { median } from './stats.mjs';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const require = createRequire(join(ROOT, 'package.json'));
const { dist, batches } = JSON.parse(process.argv[2]);
const DIST = join(dist, 'cjs');
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

const fixtureJson = (name) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** The data events of an SSE fixture, parsed. */
function sseData(name) {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)));
}

const { TracerProvider } = require('@opentelemetry/sdk-trace');
const { SpanKind } = require('@opentelemetry/api');
const { PACKAGE_NAME, PACKAGE_VERSION } = require(join(DIST, 'version.js'));
const { ATTR_GEN_AI_RESPONSE_MODEL, ATTR_LLM_OBSERVER_COST_TOTAL_USD } = require(join(DIST, 'semconv.js'));
const { readAttributes } = require(join(DIST, 'instrumentation', 'attribute-table.js'));
const { ApiCall } = require(join(DIST, 'instrumentation', 'api-call.js'));
const { OPENAI_SURFACES } = require(join(DIST, 'instrumentation', 'openai', 'surfaces.js'));

const tracer = new TracerProvider().getTracer(`${PACKAGE_NAME}/openai`, PACKAGE_VERSION);
const chat = OPENAI_SURFACES.find((patch) => patch.resourcePath.join('.') === 'Chat.Completions').surface;
const chatRequest = fixtureJson('bench/openai-chat-request.json');
const chatResponse = fixtureJson('openai/chat.json').body;
const chatChunks = sseData('bench/openai-chat-stream-200.sse');

/** `count` API calls of the chat surface, each with a fresh span started with the request's attributes. */
function chatCalls(count) {
  return Array.from({ length: count }, () => {
    const attributes = readAttributes(chat.request, chatRequest, {});
    return new ApiCall(tracer.startSpan(`chat ${chatRequest.model}`, { kind: SpanKind.CLIENT, attributes }), chat);
  });
}

/** `count` spans of whole chat calls (request and response read), the last `modelIds` each answered by. */
function answeredChatSpans(count, modelIds) {
  return chatCalls(count).map((call, index) => {
    chat.readResponse(call, chatResponse);
    if (modelIds !== undefined) call.span.setAttribute(ATTR_GEN_AI_RESPONSE_MODEL, modelIds[index % modelIds.length]);
    return call.span;
  });
}

const results = {};
const OPERATIONS = 1000;

results.requestAttributes = {
  label: 'request attributes, chat (readAttributes over the request table)',
  ns: measure(OPERATIONS, () => undefined, () => {
    for (let index = 0; index < OPERATIONS; index++) readAttributes(chat.request, chatRequest, {});
  }),
};

results.responseAttributes = {
  label: 'response attributes, chat (response and usage tables, onto a real span)',
  ns: measure(OPERATIONS, () => chatCalls(OPERATIONS), (calls) => {
    for (const call of calls) chat.readResponse(call, chatResponse);
  }),
};

const CALLS_PER_STREAM_BATCH = 20;
results.streamChunkAttributes = {
  label: 'stream chunk, chat (per chunk of the 200-chunk stream, onto a real span)',
  ns: measure(CALLS_PER_STREAM_BATCH * chatChunks.length, () => chatCalls(CALLS_PER_STREAM_BATCH), (calls) => {
    for (const call of calls) {
      for (const chunk of chatChunks) {
        chat.readStreamEvent(call, chunk);
        call.streamEventRead();
      }
    }
  }),
};

/** A part of the package that dist may not have yet: its result, or why there is none. */
function ifAvailable(label, measurePart) {
  try {
    return { label, ...measurePart() };
  } catch (problem) {
    return { label, unavailable: `not yet available: ${problem.message.split('\n')[0]}` };
  }
}

results.costWarm = ifAvailable('CostSpanProcessor per span, warm (a model it has priced before)', () => {
  const { CostSpanProcessor } = require(join(DIST, 'index.js'));
  if (CostSpanProcessor === undefined) throw new Error('dist does not export CostSpanProcessor');
  const processor = new CostSpanProcessor();
  let sample;
  const ns = measure(OPERATIONS, () => answeredChatSpans(OPERATIONS), (spans) => {
    for (const span of spans) processor.onEnding(span);
    sample = spans[0];
  });
  return { ns, priced: sample.attributes[ATTR_LLM_OBSERVER_COST_TOTAL_USD] !== undefined };
});

results.costCold = ifAvailable('CostSpanProcessor per span, cold (a model id it has not resolved before)', () => {
  const { CostSpanProcessor } = require(join(DIST, 'index.js'));
  if (CostSpanProcessor === undefined) throw new Error('dist does not export CostSpanProcessor');
  const pricing = JSON.parse(readFileSync(join(ROOT, 'data', 'pricing_v1.json'), 'utf8'));
  const modelIds = pricing.entries.flatMap((entry) => entry.match);
  let sample;
  const ns = measure(
    modelIds.length,
    () => ({ processor: new CostSpanProcessor(), spans: answeredChatSpans(modelIds.length, modelIds) }),
    ({ processor, spans }) => {
      for (const span of spans) processor.onEnding(span);
      sample = spans[0];
    },
  );
  return { ns, priced: sample.attributes[ATTR_LLM_OBSERVER_COST_TOTAL_USD] !== undefined, modelIds: modelIds.length };
});

results.insightEngine = ifAvailable('insight engine per span', () => {
  throw new Error('no insight engine in src yet');
});

/** A chat request whose system prompt is `bytes` long: the prefix a provider's cache would match. */
function promptOfBytes(bytes) {
  const system = chatRequest.messages[0].content;
  const content = system.repeat(Math.ceil(bytes / system.length)).slice(0, bytes);
  return [{ role: 'system', content }, chatRequest.messages[1]];
}

for (const [key, bytes, label] of [
  ['fingerprint2KB', 2_000, '2 KB'],
  ['fingerprint200KB', 200_000, '200 KB'],
]) {
  results[key] = ifAvailable(`prefix fingerprint per request, ${label} prompt (PrefixHasher)`, () => {
    const { PrefixHasher } = require(join(DIST, 'insights', 'prefix-fingerprint.js'));
    const hasher = new PrefixHasher();
    const prefix = [promptOfBytes(bytes)];
    const operations = bytes > 10_000 ? 20 : OPERATIONS;
    return {
      ns: measure(operations, () => undefined, () => {
        for (let index = 0; index < operations; index++) hasher.fingerprint(prefix);
      }),
    };
  });
}

results.heapAfterMillionPrefixes = {
  label: 'heap after 1,000,000 spans with 1,000,000 distinct prefixes',
  unavailable: 'pending insights engine',
};

process.stdout.write(`${JSON.stringify(results)}\n`, () => process.exit(0));
