import { guard, guardCall } from '../../guard.js';
import { endFailedCall, handOver, heldUnreadBy, readResponseBody, type ApiCall } from '../api-call.js';

/**
 * How a call's result is followed for an SDK whose methods return plain promises (`@google/genai`):
 * the promise resolves to the response body, or, for a streamed call, to an async generator of its
 * chunks. Both are observed in place: the application keeps the SDK's own promise and generator,
 * with their own errors, `return()` and `throw()`.
 *
 * The promise is observed on a side chain, which handles its rejection only for the span: a
 * rejection the application does not handle stays unhandled, as without this package. A body is
 * read when the promise resolves (the SDK parsed it already); a generator is followed as the
 * application reads it, and a generator dropped unread ends its span as `unread`.
 */

/** Follows `result`, a promise of a body or of an async generator, to the end of the call. */
export function observeAsyncResult(call: ApiCall, result: unknown): void {
  if (!(result instanceof Promise)) {
    call.end('completed');
    return;
  }
  result.then(
    (body: unknown) => {
      call.responseArrived();
      if (isAsyncGenerator(body)) handOver('observe stream', observeGenerator, call, body);
      else readResponseBody(call, body);
    },
    (error: unknown) => guard('end failed call', endFailedCall, call, error),
  );
}

type Generator = AsyncGenerator<unknown, unknown, unknown>;

function isAsyncGenerator(body: unknown): body is Generator {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Partial<Generator>).next === 'function' &&
    typeof (body as Partial<Generator>)[Symbol.asyncIterator] === 'function'
  );
}

/**
 * Replaces, on the generator instance, `next`, `return` and `throw` with functions that call the
 * generator's own and read what they settle with: the chunks onto the call, the end, an early
 * `return()` (a `break` out of `for await`) or a failure as the end of the span.
 */
function observeGenerator(call: ApiCall, generator: Generator): void {
  heldUnreadBy(call, generator);
  const { next, return: giveUp, throw: throwInto } = generator;
  const onResult = (result: IteratorResult<unknown>): IteratorResult<unknown> => {
    if (result.done === true) guardCall('end call', call, call.end, 'completed');
    else guardCall('read stream event', call, call.readStreamEvent, result.value);
    return result;
  };
  const onError = (error: unknown): never => {
    guard('end failed call', endFailedCall, call, error);
    throw error;
  };
  generator.next = function (this: Generator, ...args: [] | [unknown]) {
    return Reflect.apply(next, this, args).then(onResult, onError);
  };
  generator.return = function (this: Generator, value: unknown) {
    guardCall('end call', call, call.end, 'cancelled');
    return Reflect.apply(giveUp, this, [value]);
  };
  generator.throw = function (this: Generator, error: unknown) {
    guardCall('end call', call, call.end, 'cancelled');
    return Reflect.apply(throwInto, this, [error]);
  };
}
