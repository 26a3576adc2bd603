import { guard } from '../../guard.js';
import { readResponseBody, type ApiCall } from '../api-call.js';
import { fields } from '../api-fields.js';
import { makeTracedCall } from '../genai-instrumentation.js';
import { followPromise, observeAsyncIterable } from '../promises/async-result.js';
import type { SessionTracer, SessionTracing, Surface } from '../provider-contract.js';
import { INVOKE_STREAM_SURFACES, invokeModelCall, readOutputTier } from './invoke-model.js';
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

/** A command's call: its surface, and the request the core reads, from the command's `input`. */
type CommandCall = (input: unknown) => readonly [Surface, unknown];

/** How each command class the module exports is read, by the class. */
const COMMANDS: readonly (readonly [exportName: string, call: CommandCall])[] = [
  ['ConverseCommand', (input) => [CONVERSE, input]],
  ['ConverseStreamCommand', (input) => [CONVERSE_STREAM, input]],
  ['InvokeModelCommand', (input) => invokeModelCall(input, false)],
  ['InvokeModelWithResponseStreamCommand', (input) => invokeModelCall(input, true)],
];

/** The command classes of every copy of the module patched (its CommonJS and ESM builds), and how each is read. */
const commandCalls = new WeakMap<object, CommandCall>();

/** How `command` is read, by its class or the class it extends; `undefined` for a command this provider does not read. */
function commandCallOf(command: unknown): CommandCall | undefined {
  let prototype: unknown = typeof command === 'object' && command !== null ? Object.getPrototypeOf(command) : undefined;
  for (let depth = 0; depth < 3 && typeof prototype === 'object' && prototype !== null; depth++) {
    const commandCall = commandCalls.get(prototype);
    if (commandCall !== undefined) return commandCall;
    prototype = Object.getPrototypeOf(prototype);
  }
  return undefined;
}

/** The field of a streamed call's output that holds its events: a ConverseStream's `stream`, an InvokeModelWithResponseStream's `body`. */
function streamField(surface: Surface): string | undefined {
  if (surface === CONVERSE_STREAM) return 'stream';
  return INVOKE_STREAM_SURFACES.has(surface) ? 'body' : undefined;
}

/** Reads what `send` resolved to: the response, or the object whose event stream the app reads. */
function readOutput(call: ApiCall, output: unknown): void {
  call.responseArrived();
  const field = streamField(call.surface);
  if (field === undefined) return readResponseBody(call, output);
  // An InvokeModelWithResponseStream's service tier is a header of its response, read before its events.
  readOutputTier(call, output);
  observeAsyncIterable(call, fields(output)[field] as object);
}

/** Follows `result`, the promise `send` returned, and returns the one the app gets. */
function observeSent(call: ApiCall, result: unknown): unknown {
  return followPromise(call, result, 'read the output', readOutput);
}

function startSentCall(tracer: SessionTracer, commandCall: CommandCall, client: object, command: unknown): ApiCall {
  const [surface, request] = commandCall(fields(command).input);
  return tracer.startCall(surface, client, request);
}

export const BEDROCK_SEND: SessionTracing = {
  method: 'send',
  emitterOf(moduleExports) {
    const client = moduleExports.BedrockRuntimeClient;
    const prototype: unknown = typeof client === 'function' ? client.prototype : undefined;
    if (typeof fields(prototype).send !== 'function') return undefined;
    for (const [exportName, commandCall] of COMMANDS) {
      const command = moduleExports[exportName];
      if (typeof command === 'function') commandCalls.set(command.prototype as object, commandCall);
    }
    return prototype as object;
  },
  traced(tracer, original) {
    return function send(this: object, ...args: unknown[]): unknown {
      const commandCall = guard('read the command', commandCallOf, args[0]);
      if (commandCall === undefined || typeof args[args.length - 1] === 'function') return Reflect.apply(original, this, args);
      const call = guard('start bedrock call', startSentCall, tracer, commandCall, this, args[0]);
      return makeTracedCall(call, original, this, args, observeSent);
    };
  },
};
