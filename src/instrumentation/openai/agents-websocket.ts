import { guard } from '../../guard.js';
import { handOverResult } from '../api-call.js';
import { fields } from '../api-fields.js';
import type { SessionTracer, SessionTracing } from '../provider-contract.js';
import { observeAsyncResult } from '../promises/async-result.js';
import { RESPONSES } from './responses-api.js';

/**
 * The OpenAI Agents SDK's Responses API over a WebSocket (`@openai/agents-openai` from 0.5.0, which
 * `@openai/agents` re-exports: `setOpenAIResponsesTransport('websocket')`, or an
 * `OpenAIResponsesWSModel` the app makes): its model sends each turn's `response.create` on a
 * WebSocket of its own, not through the `openai` SDK, whose calls its HTTP transport makes (and
 * which are traced as the SDK's). Each turn is the model's `_fetchResponse(request, stream)`, which
 * builds the request first (`_buildResponsesCreateRequest`, before anything is awaited) and returns
 * a promise of the final response, or of an async generator of the response's events: one call, a
 * `chat` span, read as a Responses API call (./responses-api.ts) and followed as an SDK that returns
 * plain promises and async generators (../promises/async-result.ts), in place.
 */

/** The request the model is building for the turn being started, while its `_fetchResponse` runs its first, synchronous part. */
let turnBeingStarted: { request: unknown } | undefined;

/** The WebSocket model's prototype, from the exports of `@openai/agents-openai`; `undefined` for any other module and for releases without it. */
function webSocketModelOf(moduleExports: Record<string, unknown>): object | undefined {
  const model = moduleExports['OpenAIResponsesWSModel'];
  const prototype: unknown = typeof model === 'function' ? model.prototype : undefined;
  return Object.hasOwn(fields(prototype), '_fetchResponse') ? (prototype as object) : undefined;
}

/** The model's build of a turn's request, kept for the turn being started. */
export const AGENTS_WEBSOCKET_REQUESTS: SessionTracing = {
  method: '_buildResponsesCreateRequest',
  emitterOf: webSocketModelOf,
  traced(_tracer, original) {
    return function buildRequest(this: object, ...args: unknown[]): unknown {
      const built = Reflect.apply(original, this, args);
      if (turnBeingStarted !== undefined) turnBeingStarted.request = built;
      return built;
    };
  },
};

/** The model's turns: each one call, started once its request is built, followed to its end. */
export const AGENTS_WEBSOCKET_CALLS: SessionTracing = {
  method: '_fetchResponse',
  emitterOf: webSocketModelOf,
  traced(tracer, original) {
    return function fetchResponse(this: object, ...args: unknown[]): unknown {
      const turn: { request: unknown } = { request: undefined };
      turnBeingStarted = turn;
      let result: unknown;
      try {
        result = Reflect.apply(original, this, args);
      } finally {
        turnBeingStarted = undefined;
      }
      // What the app gets: the turn's promise, or one that settles as it does (../promises/async-result.ts).
      return guard('start agents websocket call', followTurn, tracer, this, turn.request, result) ?? result;
    };
  },
};

/**
 * Starts the call of a turn of `model` whose built request is `built` (its body is `requestData`),
 * and follows `result` to its end; returns what the app gets in its place.
 */
function followTurn(tracer: SessionTracer, model: object, built: unknown, result: unknown): unknown {
  const call = tracer.startCall(RESPONSES, fields(model)['_client'], fields(built)['requestData']);
  return handOverResult('observe call', observeAsyncResult, call, result);
}
