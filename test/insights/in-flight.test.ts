import { diag, DiagLogLevel, type Attributes } from '@opentelemetry/api';
import { TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { DiagRecorder } from '../support/telemetry-checks.js';
import { UNCACHED_CALL } from './insights-bed.js';

/**
 * The calls in flight: each processor counts a call from its span's start to its end, in the row
 * of the model its start names, and finds that row again at the end. Spans made with the
 * real SDK as another producer makes them, starting with all of insights-bed.ts's `UNCACHED_CALL`
 * (claude-sonnet-4-6, 6,020 input and 50 output tokens).
 */

const diagnostics = new DiagRecorder();
diag.setLogger(diagnostics, DiagLogLevel.ALL);
afterAll(() => diag.disable());

/** The report's rows of `processor`, reduced to what counts the calls. */
const counts = (processor: CostSpanProcessor) =>
  processor.getReport().models.map(({ provider, model, calls, incompleteCalls }) => ({ provider, model, calls, incompleteCalls }));

const IN_FLIGHT = [{ provider: 'anthropic', model: 'claude-sonnet-4-6', calls: 0, incompleteCalls: 1 }];
const ENDED = [{ provider: 'anthropic', model: 'claude-sonnet-4-6', calls: 1, incompleteCalls: 0 }];

/** A processor listed before the cost processor that makes each span non-extensible as it starts. */
const preventingExtensions: SpanProcessor = {
  onStart: (span) => void Object.preventExtensions(span),
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

describe('a call in flight', () => {
  it('is counted by each of two cost processors of one provider in its own report, until its span ends', () => {
    const first = new CostSpanProcessor();
    const second = new CostSpanProcessor();
    const provider = new TracerProvider({ spanProcessors: [first, second] });
    const span = provider.getTracer('another-producer').startSpan('chat claude-sonnet-4-6', { attributes: UNCACHED_CALL });
    expect([counts(first), counts(second)]).toEqual([IN_FLIGHT, IN_FLIGHT]);
    span.end();
    expect([counts(first), counts(second)]).toEqual([ENDED, ENDED]);
  });

  it('is counted on a span that another processor made non-extensible before the cost processor saw it', () => {
    const processor = new CostSpanProcessor();
    const provider = new TracerProvider({ spanProcessors: [preventingExtensions, processor] });
    const span = provider.getTracer('another-producer').startSpan('chat claude-sonnet-4-6', { attributes: UNCACHED_CALL });
    expect(Object.isExtensible(span)).toBe(false);
    expect(counts(processor)).toEqual(IN_FLIGHT);
    span.end();
    expect(counts(processor)).toEqual(ENDED);
    expect(diagnostics.fromThisPackage()).toEqual([]);
  });

  it("is counted in the row of the model that served it, and the row its request named is left out of the report when no call stayed in it (an Azure deployment's name)", () => {
    const processor = new CostSpanProcessor();
    const provider = new TracerProvider({ spanProcessors: [processor] });
    const atStart: Attributes = { ...UNCACHED_CALL, 'gen_ai.request.model': 'support-bot-prod' };
    delete atStart['gen_ai.response.model'];
    const span = provider.getTracer('another-producer').startSpan('chat support-bot-prod', { attributes: atStart });
    expect(counts(processor)).toEqual([{ provider: 'anthropic', model: 'support-bot-prod', calls: 0, incompleteCalls: 1 }]);
    span.setAttribute('gen_ai.response.model', 'claude-sonnet-4-6');
    span.end();
    expect(counts(processor)).toEqual(ENDED);
  });
});
