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

/** `Args` when a guard passes that many arguments on (`Most` at most: see {@link guard}), else `never`, which no call matches. */
type AtMost<Args extends unknown[], Most extends number> = Args['length'] extends Most ? Args : never;

/**
 * Runs `step(...args)` and returns its result, or `undefined` when it throws. `name` says which
 * step failed, in the diag message. The step and its arguments are passed apart, not as a closure:
 * a closure made per call costs an allocation on the hot path (about 20 ns a step, measured on
 * Node 24). The arguments are named parameters, not a rest parameter: until V8 inlines the guard
 * (and always at its baseline tier) a rest parameter is an array made per step, and its spread a
 * generic call. A step receives `undefined` for each argument it was not given, which reads as
 * one left out, as the steps here take no rest parameter.
 */
export function guard<Args extends unknown[], R>(name: string, step: (...args: Args) => R, ...args: AtMost<Args, 0 | 1 | 2 | 3 | 4 | 5>): R | undefined;
export function guard(name: string, step: (...args: unknown[]) => unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown): unknown {
  try {
    if (guardSeam.beforeStep !== undefined) guardSeam.beforeStep(name);
    return step(a, b, c, d, e);
  } catch (problem) {
    logger.error(`${name} failed; the LLM call is unaffected`, problem);
    return undefined;
  }
}

/** The names of the methods of `T`. */
type MethodOf<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];
type Step<T, K extends keyof T> = Extract<T[K], (...args: never[]) => unknown>;

/** {@link guard} for a method: runs `object[method](...args)`, with `object` as `this`; at most three arguments. */
export function guardCall<T, K extends MethodOf<T>>(
  name: string,
  object: T,
  method: K,
  ...args: AtMost<Parameters<Step<T, K>>, 0 | 1 | 2 | 3>
): ReturnType<Step<T, K>> | undefined;
export function guardCall(name: string, object: Record<PropertyKey, (...args: unknown[]) => unknown>, method: PropertyKey, a?: unknown, b?: unknown, c?: unknown): unknown {
  try {
    if (guardSeam.beforeStep !== undefined) guardSeam.beforeStep(name);
    return (object[method] as (...args: unknown[]) => unknown)(a, b, c);
  } catch (problem) {
    logger.error(`${name} failed; the LLM call is unaffected`, problem);
    return undefined;
  }
}
