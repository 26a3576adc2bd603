import { guardSeam } from '../../src/guard.js';
import { turnsOfTheEventLoop } from '../support/telemetry-checks.js';

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
