// The heap a CostSpanProcessor holds after `spans` spans of chat calls, each with a prefix no
// earlier span had, through a real tracer provider whose only processor is that processor
// (`maxTrackedPrefixes: bound`). The spans are made as this package's OpenAI instrumentation makes
// them (bench/chat-spans.mjs), each with a 1 KB system prompt led by its own number, and ended.
// Runs with --expose-gc (started by bench/run.mjs). Prints one JSON line.
import { chatSpans } from './chat-spans.mjs';

const { dist, bound, spans } = JSON.parse(process.argv[2]);
const { observer, tracerWith, answeredSpan, requestWithSystemPrompt } = chatSpans(dist);
const { CostSpanProcessor } = observer;

/** The heap in use once garbage is collected. */
function liveHeapBytes() {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** Ends the spans of chat calls `from` to `to` (exclusive) on `tracer`, each a prefix of its own. */
function sendDistinct(tracer, from, to) {
  for (let index = from; index < to; index++) answeredSpan(tracer, requestWithSystemPrompt(1_000, `${index} `)).end();
}

// The code compiled and the fingerprint key made before the first measurement, by a processor
// thrown away: what the heap then holds more is the measured processor's.
sendDistinct(tracerWith([new CostSpanProcessor({ maxTrackedPrefixes: 1_000 })]), 0, 2_000);
const heapBeforeBytes = liveHeapBytes();

const processor = new CostSpanProcessor({ maxTrackedPrefixes: bound });
const tracer = tracerWith([processor]);
const firstIndex = 1_000_000_000;
sendDistinct(tracer, firstIndex, firstIndex + bound);
const heapAtBoundBytes = liveHeapBytes();
sendDistinct(tracer, firstIndex + bound, firstIndex + spans);
const heapAfterBytes = liveHeapBytes();

const result = {
  bound,
  spans,
  evictedPrefixes: processor.getReport().evictedPrefixes,
  heapBeforeBytes,
  heapAtBoundBytes,
  heapAfterBytes,
  growthAtBoundBytes: heapAtBoundBytes - heapBeforeBytes,
  growthBytes: heapAfterBytes - heapBeforeBytes,
};
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
