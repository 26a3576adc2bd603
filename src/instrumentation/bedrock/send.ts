import { guard } from '../../guard.js';
import { readResponseBody, type ApiCall } from '../api-call.js';
import { fields } from '../api-fields.js';
import { makeTracedCall } from '../genai-instrumentation.js';
import { followPromise, observeAsyncIterable } from '../promises/async-result.js';
import type { SessionTracer, SessionTracing, Surface } from '../provider-contract.js';
import { CONVERSE, CONVERSE_STREAM } from './surfaces.js';

/**
 * The AWS SDK sends every API call as a command object through one method, the client's
 * `send(command, options?)`, which `BedrockRuntimeClient` inherits from the Smithy client (the
 * `BedrockRuntime` aggregate's `converse()` and `converseStream()` call it). That method is
 * wrapped on `BedrockRuntimeClient.prototype`, and a command of a class this provider reads (by
 * the module's own command classes, CommonJS and ESM alike: no name is compared) is one call: its
 * `input` the request, what `send` resolves to the response. Any other command is sent as it is.
 * `send` with a callback (`send(command, callback)`, which returns nothing) is sent untraced.
 *
 * The app gets a promise that settles as the SDK's does, once the call has read what it settled
 * with (../promises/async-result.ts says why); a `ConverseStreamCommand`'s response is the SDK's
 * own object, its `stream` observed in place as the app reads it.
 */

/** The surface of each command class the module exports, by the class. */
const COMMANDS: readonly (readonly [exportName: string, surface: Surface])[] = [
  ['ConverseCommand', CONVERSE],
  ['ConverseStreamCommand', CONVERSE_STREAM],
];

/** The command classes of every copy of the module patched (its CommonJS and ESM builds), and their surfaces. */
const surfaces = new WeakMap<object, Surface>();

/** The surface of `command`, by its class or the class it extends; `undefined` for a command this provider does not read. */
function surfaceOf(command: unknown): Surface | undefined {
  let prototype: unknown = typeof command === 'object' && command !== null ? Object.getPrototypeOf(command) : undefined;
  for (let depth = 0; depth < 3 && typeof prototype === 'object' && prototype !== null; depth++) {
    const surface = surfaces.get(prototype);
    if (surface !== undefined) return surface;
    prototype = Object.getPrototypeOf(prototype);
  }
  return undefined;
}

/** Reads what `send` resolved to: the response, or the object whose `stream` the app reads. */
function readOutput(call: ApiCall, output: unknown): void {
  call.responseArrived();
  if (call.surface === CONVERSE_STREAM) observeAsyncIterable(call, fields(output).stream as object);
  else readResponseBody(call, output);
}

/** Follows `result`, the promise `send` returned, and returns the one the app gets. */
function observeSent(call: ApiCall, result: unknown): unknown {
  return followPromise(call, result, 'read the output', readOutput);
}

function startSentCall(tracer: SessionTracer, surface: Surface, client: object, command: unknown): ApiCall {
  return tracer.startCall(surface, client, fields(command).input);
}

export const BEDROCK_SEND: SessionTracing = {
  method: 'send',
  emitterOf(moduleExports) {
    const client = moduleExports.BedrockRuntimeClient;
    const prototype: unknown = typeof client === 'function' ? client.prototype : undefined;
    if (typeof fields(prototype).send !== 'function') return undefined;
    for (const [exportName, surface] of COMMANDS) {
      const command = moduleExports[exportName];
      if (typeof command === 'function') surfaces.set(command.prototype as object, surface);
    }
    return prototype as object;
  },
  traced(tracer, original) {
    return function send(this: object, ...args: unknown[]): unknown {
      const surface = guard('read the command', surfaceOf, args[0]);
      if (surface === undefined || typeof args[args.length - 1] === 'function') return Reflect.apply(original, this, args);
      const call = guard('start bedrock call', startSentCall, tracer, surface, this, args[0]);
      return makeTracedCall(call, original, this, args, observeSent);
    };
  },
};
