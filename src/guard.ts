import { diag } from '@opentelemetry/api';

/**
 * The one fail-open guard. Every step of telemetry that runs on the application's path (reading a
 * request, reading a response or a stream event, ending a span, pricing) runs through `guard`, so
 * that what telemetry throws never reaches the application: the step's failure goes to the OTel
 * diag logger, once, and the step's result is `undefined`, as if telemetry were off for it.
 */

export const logger = diag.createComponentLogger({ namespace: 'otel-llm-observer' });

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
    return step(first, second, third as C);
  } catch (problem) {
    logger.error(`${name} failed; the LLM call is unaffected`, problem);
    return undefined;
  }
}
