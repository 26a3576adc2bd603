import { trace, type Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { callSpans, insightsBed, sonnetRecommendation } from './insights-bed.js';

/**
 * docs/savings-model.md, worked examples C and E: calls of one 6,000-token prefix to
 * claude-sonnet-4-6 ($3 input, $0.30 cache read, $3.75 5-minute write, $6 1-hour write per 1M
 * tokens) minutes or hours apart. A test cannot wait that long, so these calls are spans that a
 * real tracer starts at the times the examples give, with the attributes this package's Anthropic
 * instrumentation writes; the processor sees them as it sees any call.
 */

const bed = insightsBed();
const MINUTE_MS = 60_000;
/** Two hours ago, so that every write of the examples has expired by the time the test shuts the processor down. */
const START_MS = Date.now() - 120 * MINUTE_MS;

const CALL: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'anthropic',
  'gen_ai.request.model': 'claude-sonnet-4-6',
  'gen_ai.response.model': 'claude-sonnet-4-6',
  'anthropic.request.cache_control.breakpoints': 1,
  'llm_observer.prefix.fingerprint': '5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f',
  'llm_observer.prefix.estimated_tokens': 6000,
  'gen_ai.usage.output_tokens': 50,
};

/** 20 uncached input tokens, 6,000 written for 5 minutes. */
const WRITE_5M: Attributes = {
  'gen_ai.usage.input_tokens': 6020,
  'gen_ai.usage.cache_read.input_tokens': 0,
  'gen_ai.usage.cache_creation.input_tokens': 6000,
  'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 6000,
  'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 0,
};
/** 20 uncached input tokens, 6,000 written for 1 hour. */
const WRITE_1H: Attributes = { ...WRITE_5M, 'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 0, 'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 6000 };
/** 20 uncached input tokens, 6,000 read. */
const READ: Attributes = { ...WRITE_5M, 'gen_ai.usage.cache_read.input_tokens': 6000, 'gen_ai.usage.cache_creation.input_tokens': 0, 'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 0 };

/** A call that starts `minutes` after START_MS and takes a second. */
function call(minutes: number, usage: Attributes): void {
  const startMs = START_MS + minutes * MINUTE_MS;
  const span = trace.getTracer('insights-test').startSpan('chat claude-sonnet-4-6', { startTime: startMs, attributes: { ...CALL, ...usage } });
  span.end(startMs + 1000);
}

const thrashOf = () => callSpans(bed).map((span) => span.attributes['llm_observer.cache.thrash_usd']);

describe('5-minute cache writes 10 minutes apart (example C)', () => {
  const threeWrites = () => [0, 10, 20].forEach((minutes) => call(minutes, WRITE_5M));

  it("sets each write's premium, 6,000 × (3.75 − 3) / 1M = $0.0045, as thrash on the next call, which found it expired", () => {
    threeWrites();
    expect(thrashOf()).toEqual([undefined, expect.closeTo(0.0045, 9), expect.closeTo(0.0045, 9)]);
    expect(bed.processor.getReport().models[0]?.thrashUsd).toBeCloseTo(0.009, 9);
  });

  it('counts the last write, expired unread by shutdown, in the final report: $0.0135 of thrash', async () => {
    threeWrites();
    await bed.processor.shutdown();
    const report = bed.processor.getReport();
    expect(report.final).toBe(true);
    expect(report.models[0]?.thrashUsd).toBeCloseTo(0.0135, 9);
  });

  it('recommends 1-hour writes, $0.0279 cheaper: −0.0135 on the first write, +0.0207 on each rewrite', async () => {
    threeWrites();
    await bed.processor.shutdown();
    // 5-minute writes: 3 × 6,000 × 3.75 / 1M = $0.0675; one 1-hour write and two reads:
    // (6,000 × 6 + 2 × 6,000 × 0.30) / 1M = $0.0396. Removing cache_control: 3 × 6,000 × 3 / 1M =
    // $0.054, $0.0135 less than now.
    expect(bed.processor.getReport().recommendations).toEqual([
      sonnetRecommendation('anthropic.use_1h_cache_ttl', 3, 0.0279, 9.3),
      sonnetRecommendation('anthropic.remove_cache_control', 3, 0.0135, 4.5),
    ]);
  });
});

describe('a 1-hour cache write read back within 5 minutes (example E)', () => {
  it('recommends 5-minute writes, $0.0135 cheaper: 6,000 × (6 − 3.75) / 1M, and finds no thrash', async () => {
    call(0, WRITE_1H);
    call(2, READ);
    call(4, READ);
    await bed.processor.shutdown();
    const report = bed.processor.getReport();
    expect(report.models[0]?.thrashUsd).toBe(0);
    expect(report.recommendations).toEqual([sonnetRecommendation('anthropic.use_5m_cache_ttl', 1, 0.0135, 4.5)]);
  });
});

describe('5-minute cache writes two hours apart', () => {
  it('recommends no other lifetime, since a 1-hour write would have expired too, and finds the writes thrash', () => {
    [-240, -120, 0].forEach((minutes) => call(minutes, WRITE_5M));
    expect(thrashOf()).toEqual([undefined, expect.closeTo(0.0045, 9), expect.closeTo(0.0045, 9)]);
    expect(bed.processor.getReport().recommendations.map((recommendation) => recommendation.code)).toEqual(['anthropic.remove_cache_control']);
  });
});

describe('a cache write read back within its lifetime', () => {
  it('is no thrash', async () => {
    call(0, WRITE_5M);
    call(4, READ);
    call(30, WRITE_5M);
    call(34, READ);
    await bed.processor.shutdown();
    expect(thrashOf()).toEqual([undefined, undefined, undefined, undefined]);
    expect(bed.processor.getReport().models[0]?.thrashUsd).toBe(0);
  });
});
