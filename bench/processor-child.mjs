// CostSpanProcessor per span, warm, for the instruction count (bench/instructions.mjs): spans of
// whole OpenAI chat calls made as this package's instrumentation makes them (bench/chat-spans.mjs),
// then `onStart` and `onEnding` of one processor over each, as the SDK calls them (pricing, the
// report's ledger, the cache insights, the metrics). The spans of a batch are made before its mark;
// a mark (bench/marks.mjs) ends each batch. Prints one JSON line.
import { chatSpans } from './chat-spans.mjs';
import { mark, parts } from './marks.mjs';

const { dist, warmUpSpans, batches, spans } = JSON.parse(process.argv[2]);
const { observer, tracerWith, answeredSpan } = chatSpans(dist);
const { CostSpanProcessor } = observer;
const tracer = tracerWith();
const processor = new CostSpanProcessor();
const answeredSpans = (count) => Array.from({ length: count }, () => answeredSpan(tracer));

function runProcessor(batch) {
  for (const span of batch) {
    processor.onStart(span);
    processor.onEnding(span);
  }
}

runProcessor(answeredSpans(warmUpSpans));
for (let index = 0; index < batches; index++) {
  const batch = answeredSpans(spans);
  globalThis.gc();
  mark('spans made');
  runProcessor(batch);
  mark('batch');
}
process.stdout.write(`${JSON.stringify({ parts })}\n`, () => process.exit(0));
