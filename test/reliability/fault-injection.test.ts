import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { ROOT } from '../support/pinned-install.js';
import { turnsOfTheEventLoop } from '../support/telemetry-checks.js';
import { reliabilityBed, reportedErrors, spansEndedTwice, withoutInstrumentation } from './bed.js';
import { APP_CALLS, type AppCall, type AppView } from './calls.js';
import { clearFaults, failNextRun, stepsOf } from './seam.js';

/**
 * A fault in each guarded step of each call, in turn: the step throws, through the guard's test
 * seam, the first time the call runs it. The steps of a call are those it was seen to run, so a
 * step added to the code is covered without a change here. Each fault must leave the app what it
 * gets with both instrumentations disabled and go to the diag logger once; the call's span must
 * still end, once (a fault in the step that ends it may lose it, never end it twice).
 */

const bed = await reliabilityBed();

/** The steps that end the span: a fault there may leave the span of the call unended. */
const ENDING_STEPS = new Set(['end call', 'end failed call', 'end unread call']);

const calls: (AppCall & { baseline: AppView; steps: string[] })[] = [];
for (const call of APP_CALLS) {
  const baseline = await withoutInstrumentation(bed, () => call.run(bed));
  calls.push({ ...call, baseline, steps: await stepsOf(() => call.run(bed)) });
}

/**
 * Shuts down a tracer provider whose cost processor priced one span and prints its report: the
 * report's steps. The table it prints to stderr is kept from the test output.
 */
async function shutDownWithReport(): Promise<void> {
  const processor = new CostSpanProcessor({ printReport: true });
  const provider = new TracerProvider({ spanProcessors: [processor] });
  const usage = { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 2310, 'gen_ai.usage.output_tokens': 9 };
  provider.getTracer('reliability').startSpan('chat gpt-4o-mini', { attributes: usage }).end();
  const write = process.stderr.write;
  process.stderr.write = () => true;
  try {
    await provider.shutdown();
  } finally {
    process.stderr.write = write;
  }
}
const shutdownSteps = await stepsOf(shutDownWithReport);

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Checks that the fault went to the diag logger once, under the name of its step. */
function expectReportedOnce(step: string): void {
  expect(reportedErrors(bed)).toEqual([expect.stringMatching(new RegExp(`^otel-llm-observer ${escaped(step)} failed.*InjectedFault`))]);
}

/**
 * Runs `call` with a fault in `step`, checks that the fault fired, that the app got `baseline`,
 * that it was reported once and that no span ended twice; returns how many spans it left open.
 */
async function runWithFault({ run, baseline }: (typeof calls)[number], step: string): Promise<number> {
  const mark = bed.openSpans.mark();
  const fault = failNextRun(step);
  const view = await run(bed);
  await turnsOfTheEventLoop(3);
  clearFaults();
  expect(fault.fired).toBe(true);
  expect(view).toEqual(baseline);
  expectReportedOnce(step);
  expect(spansEndedTwice(bed)).toEqual([]);
  return bed.openSpans.openSince(mark);
}

describe.each(calls)('$name', (call) => {
  it.each(call.steps.filter((step) => !ENDING_STEPS.has(step)))(
    'a fault in "%s" leaves the app what it gets without this package, goes to the diag logger once, and the span still ends once',
    async (step) => {
      expect(await runWithFault(call, step)).toBe(0);
    },
  );

  it.each(call.steps.filter((step) => ENDING_STEPS.has(step)))(
    'a fault in "%s" leaves the app what it gets without this package and goes to the diag logger once; the span it would end ends once at most',
    async (step) => {
      expect(await runWithFault(call, step)).toBeLessThanOrEqual(1);
    },
  );
});

describe('the shutdown of a cost processor that prints its report', () => {
  it.each(shutdownSteps)('a fault in "%s" leaves shutdown() resolving, and goes to the diag logger once', async (step) => {
    const fault = failNextRun(step);
    await expect(shutDownWithReport()).resolves.toBeUndefined();
    clearFaults();
    expect(fault.fired).toBe(true);
    expectReportedOnce(step);
  });
});

/** The steps docs/reliability.md lists, each with the names the guard knows its parts by. */
const LISTED_STEPS = {
  'request attribute extraction': ['read request'],
  'response and usage reading': ['read response', 'read stream event'],
  'stream observation': ['observe stream'],
  'span end': ['end call', 'end failed call'],
  'cost processor': ['count the call in flight', 'price span', 'account for the call'],
  'pricing lookup': ['look up the price'],
  'fingerprinting': ['fingerprint the cacheable prefix'],
  'insight engine': ['weigh the cache insights'],
  'report': ['close the report', 'emit the report span', 'print the report'],
};

it('injects a fault into every part of every step docs/reliability.md lists', () => {
  const injected = new Set([...calls.flatMap((call) => call.steps), ...shutdownSteps]);
  const missed = Object.entries(LISTED_STEPS).flatMap(([listed, parts]) => parts.filter((part) => !injected.has(part)).map((part) => `${listed}: ${part}`));
  expect(missed).toEqual([]);
});

it('injects at least as many faults as the README and docs/reliability.md say', () => {
  const injected = calls.reduce((faults, call) => faults + call.steps.length, shutdownSteps.length);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const docs = readFileSync(join(ROOT, 'docs', 'reliability.md'), 'utf8');
  const said = [/\*\*([\d,]+) faults injected\*\*/.exec(readme)?.[1], /\| faults injected \(`fault-injection\.test\.ts`\) \| ([\d,]+) \|/.exec(docs)?.[1]];
  // A figure that is not found reads as NaN, which is not at most anything.
  for (const count of said) expect(Number(count?.replaceAll(',', ''))).toBeLessThanOrEqual(injected);
});
