import { diag } from '@opentelemetry/api';

/**
 * The one fail-open guard. Every step of telemetry that runs on the application's path (reading a
 * request, reading a response or a stream event, ending a span, pricing) runs through `guard`, so
 * that what telemetry throws never reaches the application: the step's failure goes to the OTel
 * diag logger, once, and the step's result is `undefined`, as if telemetry were off for it.
 */

export const logger = diag.createComponentLogger({ namespace: 'otel-llm-observer' });

/**
 * Where a problem that the person starting the app has to act on (a setting not used, an SDK
 * version not traced) is said besides the diag logger: `otel-llm-observer/register` sets `say` to
 * write it on stderr, once; an app that builds its own SDK has the diag logger alone.
 * @internal
 */
export const startUpChannel: { say: ((message: string) => void) | undefined } = { say: undefined };

/** Warns of a problem the person starting the app has to act on: to the diag logger and, in the zero-code path, on stderr. */
export function warnPerson(message: string): void {
  logger.warn(message);
  startUpChannel.say?.(message);
}

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

/**
 * {@link guard} for a method: runs `method(...args)` with `object` as `this`, as in
 * `guardCall('end call', call, call.end, 'completed')`. The caller reads the method off its
 * object, where that read sees one class: the guard, which serves every step, reads no method by
 * name (such a read sees every class and name, and costs about 200 instructions even once V8 has
 * optimized it), and no step needs a one-line function to hand its method over.
 */
export function guardCall<T, Args extends unknown[], R>(
  name: string,
  object: T,
  method: (this: T, ...args: Args) => R,
  ...args: AtMost<Args, 0 | 1 | 2 | 3 | 4>
): R | undefined;
export function guardCall(name: string, object: unknown, method: (...args: unknown[]) => unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown): unknown {
  try {
    if (guardSeam.beforeStep !== undefined) guardSeam.beforeStep(name);
    return method.call(object, a, b, c, d);
  } catch (problem) {
    logger.error(`${name} failed; the LLM call is unaffected`, problem);
    return undefined;
  }
}
