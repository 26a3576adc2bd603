import { guard, guardCall } from '../../guard.js';
import { endFailedCall, handOver, heldUnreadBy, readResponseBody, type ApiCall } from '../api-call.js';

/**
 * How a call's result is followed for an SDK whose methods return plain promises (`@google/genai`,
 * `@mistralai/mistralai`, `cohere-ai`): the promise resolves to the response body, or, for a
 * streamed call, to an async generator of its chunks (`generateContentStream`), to a web
 * `ReadableStream` of its events (the Interactions API's `Stream`, Mistral's `EventStream`) or to
 * an async iterable of them (`cohere-ai`'s `Stream`). The generator or stream is observed in place: the application keeps the SDK's
 * own, with their own errors, `return()`, `throw()` and `cancel()`.
 *
 * A plain promise is followed through one that settles as it does, which the application gets in
 * its place: the call reads what it settled with first, so the span has ended when the
 * application's own code runs, and a rejection the application leaves unhandled is unhandled, as
 * without this package (Node reports it: test/e2e/zero-code.test.ts, "leaves a failed call
 * unhandled"; a side chain on the SDK's promise would handle it). A promise of a subclass of
 * `Promise` (one with methods of its own) is kept, and observed on a side chain. A body is read when
 * the promise resolves (the SDK parsed it already); a generator is followed as the application
 * reads it, and a generator dropped unread ends its span as `unread`.
 */

/**
 * Follows `result`, a promise of a body or of an async generator, to the end of the call, and
 * returns what the application gets: for a plain promise, one that settles as `result` does.
 */
export function observeAsyncResult(call: ApiCall, result: unknown): unknown {
  if (!(result instanceof Promise) || Object.getPrototypeOf(result) === Promise.prototype) return followPromise(call, result, 'read the result', readBody);
  result.then(
    (body: unknown) => handOver('read the result', readBody, call, body),
    (error: unknown) => guard('end failed call', endFailedCall, call, error),
  );
  return result;
}

/**
 * Follows `result`, a plain promise, through one that settles as it does, which it returns: once
 * `read` (a step handed over as `name`) has read what it resolved with, or once the call has ended
 * failed with what it rejected with. Anything but a promise ends the call now and is returned as
 * it is. The observer of every SDK method that returns a plain promise (`@google/genai`'s,
 * `@google/generative-ai`'s, the AWS SDK's `send`).
 */
export function followPromise<T>(call: ApiCall, result: unknown, name: string, read: (call: ApiCall, value: T) => void): unknown {
  if (!(result instanceof Promise)) {
    call.end('completed');
    return result;
  }
  return result.then((value: T) => {
    handOver(name, read, call, value);
    return value;
  }, failedWith(call));
}

/**
 * Reads what the call's promise resolved to: a body whole, or a stream to follow as the application
 * reads it: an async generator, a web `ReadableStream`, or an object whose async iterator makes
 * one (`cohere-ai`'s `Stream`). A parsed body is never async iterable.
 */
function readBody(call: ApiCall, body: unknown): void {
  call.responseArrived();
  if (isAsyncGenerator(body)) handOver('observe stream', observeGenerator, call, body);
  else if (body instanceof ReadableStream) handOver('observe stream', observeReadableStream, call, body);
  else if (isAsyncIterable(body)) handOver('observe stream', observeAsyncIterable, call, body);
  else readResponseBody(call, body);
}

function isAsyncIterable(body: unknown): body is object {
  return typeof body === 'object' && body !== null && typeof (body as Partial<Generator>)[Symbol.asyncIterator] === 'function';
}

/** Ends `call` failed with what its promise rejected with, which goes on to the application. */
function failedWith(call: ApiCall): (error: unknown) => never {
  return (error: unknown): never => {
    guard('end failed call', endFailedCall, call, error);
    throw error;
  };
}

type Generator = AsyncGenerator<unknown, unknown, unknown>;

function isAsyncGenerator(body: unknown): body is Generator {
  return isAsyncIterable(body) && typeof (body as Partial<Generator>).next === 'function';
}

/**
 * Replaces, on the generator instance, `next`, `return` and `throw` with functions that call the
 * generator's own and read what they settle with: the chunks onto the call, the end, an early
 * `return()` (a `break` out of `for await`) or a failure as the end of the span.
 */
function observeGenerator(call: ApiCall, generator: Generator): void {
  heldUnreadBy(call, generator);
  observeIterator(call, generator);
}

/** A read of a stream, as an iterator's `next()` and a reader's `read()` settle. */
type Read = { done?: boolean; value?: unknown };

/**
 * The handlers of what a read of the call's stream settles with: an event read onto the call, the
 * end of the stream, or a failure, which ends the span and is thrown on to the application.
 */
function readsOf(call: ApiCall): [onResult: <R extends Read>(result: R) => R, onError: (error: unknown) => never] {
  const onResult = <R extends Read>(result: R): R => {
    if (result.done === true) guardCall('end call', call, call.end, 'completed');
    else guardCall('read stream event', call, call.readStreamEvent, result.value);
    return result;
  };
  return [onResult, failedWith(call)];
}

/** Observes `iterator`, a generator or a stream's iterator, in place: its `next`, `return` and `throw` (where it has one). */
function observeIterator(call: ApiCall, generator: Generator): void {
  const { next, return: giveUp, throw: throwInto } = generator;
  const [onResult, onError] = readsOf(call);
  generator.next = function (this: Generator, ...args: [] | [unknown]) {
    return Reflect.apply(next, this, args).then(onResult, onError);
  };
  generator.return = function (this: Generator, value: unknown) {
    guardCall('end call', call, call.end, 'cancelled');
    return Reflect.apply(giveUp, this, [value]);
  };
  // A stream's iterator has no `throw`: none is added.
  if (typeof throwInto !== 'function') return;
  generator.throw = function (this: Generator, error: unknown) {
    guardCall('end call', call, call.end, 'cancelled');
    return Reflect.apply(throwInto, this, [error]);
  };
}

/**
 * Observes `iterable`, an object whose `[Symbol.asyncIterator]()` makes an async generator of the
 * call's events (the AWS SDK's event streams, a field of the response), in place: each iterator it
 * makes, as a generator's are. Left unread and collected, it ends the span as `unread`.
 */
export function observeAsyncIterable(call: ApiCall, iterable: object): void {
  const observed = iterable as Methods;
  const iterate = observed[Symbol.asyncIterator];
  if (typeof iterate !== 'function') throw new TypeError('the stream is not async iterable');
  heldUnreadBy(call, iterable);
  observed[Symbol.asyncIterator] = function (this: unknown, ...args: unknown[]) {
    const iterator = Reflect.apply(iterate, this, args) as Generator;
    handOver('observe stream iterator', observeIterator, call, iterator);
    return iterator;
  };
}

/** A reader of a stream, as far as it is observed. */
interface Reader {
  read(...args: unknown[]): Promise<Read>;
  cancel(reason?: unknown): Promise<void>;
}
type Methods = Record<PropertyKey, unknown>;

/**
 * The iterators of streams already observed. A stream may make its iterator through another of its
 * methods (the SDK's `Stream.values()` calls its `[Symbol.asyncIterator]()`, both observed): an
 * iterator is observed once, or each event would be read twice.
 */
const observedIterators = new WeakSet<object>();

/**
 * Observes a `ReadableStream` of events in place, as the application may read it: its iterator
 * (`for await`, `values()`), each read of a reader it takes (`getReader()`), and its and the
 * reader's `cancel()`. A stream piped or teed is read inside the web streams implementation, where
 * nothing is seen: its span ends when the stream is collected, as one dropped unread.
 */
function observeReadableStream(call: ApiCall, stream: ReadableStream<unknown>): void {
  heldUnreadBy(call, stream);
  const observed = stream as unknown as Methods;
  for (const method of [Symbol.asyncIterator, 'values'] as const) {
    const iterate = observed[method];
    if (typeof iterate !== 'function') continue;
    observed[method] = function (this: unknown, ...args: unknown[]) {
      const iterator = Reflect.apply(iterate, this, args) as Generator;
      if (!observedIterators.has(iterator)) {
        observedIterators.add(iterator);
        handOver('observe stream iterator', observeIterator, call, iterator);
      }
      return iterator;
    };
  }
  const { getReader, cancel } = stream;
  observed.getReader = function (this: unknown, ...args: unknown[]) {
    const reader = Reflect.apply(getReader, this, args) as Reader;
    handOver('observe stream reader', observeReader, call, reader);
    return reader;
  };
  observed.cancel = function (this: unknown, reason?: unknown) {
    guardCall('end call', call, call.end, 'cancelled');
    return Reflect.apply(cancel, this, [reason]);
  };
}

/** Observes a reader of a stream in place: what each `read()` settles with, and its `cancel()`. */
function observeReader(call: ApiCall, reader: Reader): void {
  const { read, cancel } = reader;
  const [onResult, onError] = readsOf(call);
  reader.read = function (this: Reader, ...args: unknown[]) {
    return Reflect.apply(read, this, args).then(onResult, onError);
  };
  reader.cancel = function (this: Reader, reason?: unknown) {
    guardCall('end call', call, call.end, 'cancelled');
    return Reflect.apply(cancel, this, [reason]);
  };
}
