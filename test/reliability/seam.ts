import type { Instrumentation } from '@opentelemetry/instrumentation';
import { expect } from 'vitest';
import { guardSeam } from '../../src/guard.js';
import { turnsOfTheEventLoop } from '../support/telemetry-checks.js';
import type { TestbedParts } from '../support/testbed-parts.js';

/**
 * The reliability tests' side of the guard's test seam (src/guard.ts, `guardSeam`): which guarded
 * steps a call runs, and a fault in one of them.
 */

/** What a fault injected into a step throws. */
export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

/**
 * Runs `run` and the telemetry it leaves running (a span ends after the app has its result), and
 * returns the names of the guarded steps they went through, each once, in the order they first ran.
 */
export async function stepsOf(run: () => Promise<unknown>): Promise<string[]> {
  const steps = new Set<string>();
  guardSeam.beforeStep = (name) => {
    steps.add(name);
  };
  try {
    await run();
    await turnsOfTheEventLoop(3);
  } finally {
    guardSeam.beforeStep = undefined;
  }
  return [...steps];
}

/** Makes the next run of the step named `step` throw an `InjectedFault`, once; `fired` says whether it has. */
export function failNextRun(step: string): { readonly fired: boolean } {
  const fault = { fired: false };
  guardSeam.beforeStep = (name) => {
    if (name !== step || fault.fired) return;
    fault.fired = true;
    throw new InjectedFault(`injected into "${step}"`);
  };
  return fault;
}

export function clearFaults(): void {
  guardSeam.beforeStep = undefined;
}

/**
 * Runs `run` once for each guarded step it goes through, a fault injected into that step each
 * time, and checks that the app's result is the same as without a fault, that the fault is
 * reported once to the diag logger, and that no span is ended twice. `steps` must be among the
 * steps seen.
 */
export async function expectEachFaultContained(bed: Pick<TestbedParts<Instrumentation | undefined>, 'tracing' | 'ends' | 'diagnostics'>, run: () => Promise<unknown>, steps: readonly string[]): Promise<void> {
  const baseline = await run();
  const seen = await stepsOf(run);
  expect(seen).toEqual(expect.arrayContaining([...steps]));
  for (const step of seen) {
    bed.tracing.reset();
    bed.ends.endsBySpanId.clear();
    bed.diagnostics.messages.length = 0;
    const fault = failNextRun(step);
    try {
      expect(await run(), step).toEqual(baseline);
    } finally {
      clearFaults();
    }
    expect(fault.fired, step).toBe(true);
    const errors = bed.diagnostics.fromThisPackage().filter((message) => message.level === 'error');
    expect(errors.map((message) => message.text), step).toEqual([expect.stringMatching(new RegExp(`^otel-llm-observer ${step} failed.*InjectedFault`))]);
    expect([...bed.ends.endsBySpanId.values()].filter((ends) => ends > 1), step).toEqual([]);
  }
}
