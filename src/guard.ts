import { diag } from '@opentelemetry/api';

/**
 * The one fail-open guard. Every step of telemetry that runs on the application's path (reading a
 * request, reading a response or a stream event, ending a span, pricing) runs through `guard`, so
 * that what telemetry throws never reaches the application: the step's failure goes to the OTel
 * diag logger, once, and the step's result is `undefined`, as if telemetry were off for it.
 */

export const logger = diag.createComponentLogger({ namespace: 'otel-llm-observer' });

/**
 * The test seam of the reliability tests (test/reliability/, docs/reliability.md), not part of the
 * package's API. When `beforeStep` is set, `guard` calls it with the step's name just before it
 * runs the step, inside the guard: a test sees which steps a call runs, and makes one of them fail
 * by throwing, as a fault in that step would. Unset, it costs `guard` one property check.
 * @internal
 */
export const guardSeam: { beforeStep: ((name: string) => void) | undefined } = { beforeStep: undefined };

/**
 * Runs `step(first, second, third)` and returns its result, or `undefined` when it throws. `name`
 * says which step failed, in the diag message. The step and its arguments are passed apart, not as
 * a closure, so that guarding a step on the hot path allocates nothing.
 */
export function guard<A, B, C, R>(
  name: string,
  step: (first: A, second: B, third: C) => R,
  first: A,
  second: B,
  third?: C,
): R | undefined {
  try {
    if (guardSeam.beforeStep !== undefined) guardSeam.beforeStep(name);
    return step(first, second, third as C);
  } catch (problem) {
    logger.error(`${name} failed; the LLM call is unaffected`, problem);
    return undefined;
  }
}
