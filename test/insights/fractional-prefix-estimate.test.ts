import type { Attributes } from '@opentelemetry/api';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CostSpanProcessor } from '../../src/index.js';
import { DiagRecorder } from '../support/telemetry-checks.js';
import { UNCACHED_CALL as UNCACHED_SONNET_CALL } from './insights-bed.js';

/**
 * A prefix estimate that is not a whole number of tokens, as another producer could write it:
 * this package's instrumentations write whole numbers. The calls are insights-bed.ts's
 * `UNCACHED_CALL` (6,020 input tokens to claude-sonnet-4-6), with an estimate
 * of 6,000.5 tokens: a first call writes the prefix to the cache, a second sends it uncached within
 * the hit window, so its missed saving is the read alone (the run has its write). Priced at the
 * sheet's units (input 300, cache read 30, in cents per million tokens), its 19.5 uncached and
 * 6,000.5 read tokens come to whole units (5,850 and 180,015): a float path that took fractions
 * would claim 6,000.5 × ($3 − $0.30) / 10^6 = $0.01620135 where the exact arithmetic refuses.
 */
// A provider of its own, without the suite's recorder of what this package emits (test/support/
// emitted-attributes.ts): the fractional estimate is another producer's value, which this package
// never writes, in an attribute of this package's namespace.
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new CostSpanProcessor(), new SimpleSpanProcessor({ exporter })] });
const diagnostics = new DiagRecorder();
diag.setLogger(diagnostics, DiagLogLevel.ALL);
afterAll(() => diag.disable());

const UNCACHED_CALL: Attributes = {
  ...UNCACHED_SONNET_CALL,
  'llm_observer.prefix.fingerprint': 'fractional-estimate',
  'llm_observer.prefix.estimated_tokens': 6000.5,
};

const WRITING_CALL: Attributes = {
  ...UNCACHED_CALL,
  'anthropic.request.cache_control.breakpoints': 1,
  'gen_ai.usage.cache_creation.input_tokens': 6000,
};

/** The attributes of one span of a call with `attributes`, as exported. */
function sent(attributes: Attributes): Attributes {
  exporter.reset();
  provider.getTracer('another-producer').startSpan('chat claude-sonnet-4-6', { attributes }).end();
  return exporter.getFinishedSpans()[0]?.attributes ?? {};
}

describe('a prefix estimate that is not a whole number of tokens', () => {
  it('is no missed saving on an uncached repeat: the insights refuse it, the diag logger says so, and the call is priced', () => {
    expect(sent(WRITING_CALL)['llm_observer.cost.total_usd']).toBeDefined();
    const repeat = sent(UNCACHED_CALL);
    expect(repeat['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    expect(diagnostics.fromThisPackage().map((message) => message.text)).toEqual([
      expect.stringContaining('weigh the cache insights failed; the LLM call is unaffected'),
    ]);
    // 6,020 × $3 + 50 × $15, per million tokens = $0.01806 + $0.00075.
    expect(repeat['llm_observer.cost.total_usd']).toBe(0.01881);
  });
});
