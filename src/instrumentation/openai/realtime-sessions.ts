import { guard } from '../../guard.js';
import { fields } from '../api-fields.js';
import type { SessionTracing } from '../provider-contract.js';
import { endRealtimeCalls, readRealtimeEvent, watchRealtimeSocket, type RealtimeConnection } from './realtime.js';

/**
 * The session classes that receive the Realtime API's server events, each hooked at the one method
 * its events pass through, which hands them to ./realtime.ts and then on to the app unchanged.
 */

/** Where an `openai` SDK session is connected: its `url` and its `socket`, which it replaces when it reconnects. */
const sdkConnection = (emitter: object): RealtimeConnection => ({ url: fields(emitter)['url'], socket: fields(emitter)['socket'] });

/**
 * The `openai` SDK's sessions (`openai/realtime/ws` and `openai/realtime/websocket`, and the beta's
 * `openai/beta/realtime/*`): both transports extend the SDK's `OpenAIRealtimeEmitter`, whose
 * `_emit('event', event)` passes every server event. Its own `reconnected` event says a session
 * that reconnects (`reconnect: true`) has a new socket, watched too; its `close` event that the
 * last one has closed.
 */
export const OPENAI_SDK_SESSIONS: SessionTracing = {
  method: '_emit',
  emitterOf(moduleExports) {
    for (const name of ['OpenAIRealtimeWS', 'OpenAIRealtimeWebSocket']) {
      const sessionClass = moduleExports[name];
      if (typeof sessionClass !== 'function') continue;
      const emitter: unknown = Object.getPrototypeOf(sessionClass.prototype);
      if (typeof (emitter as { _emit?: unknown } | null)?._emit === 'function') return emitter as object;
    }
    return undefined;
  },
  traced(tracer, original) {
    return function emit(this: object, ...args: unknown[]): unknown {
      if (args[0] === 'event') guard('read realtime event', readRealtimeEvent, tracer, this, args[1], sdkConnection);
      else if (args[0] === 'reconnected') guard('watch realtime socket', watchRealtimeSocket, this, fields(this)['socket']);
      else if (args[0] === 'close') guard('end realtime calls', endRealtimeCalls, this);
      return Reflect.apply(original, this, args);
    };
  },
};

/**
 * Where an Agents SDK transport is connected: the URL of its WebSocket (its `connectionState`), as
 * it opened it. It says when that socket closes (`disconnected`), so the socket is not watched.
 */
function agentsConnection(emitter: object): RealtimeConnection {
  return { url: fields(fields(fields(emitter)['connectionState'])['websocket'])['url'] };
}

/**
 * The OpenAI Agents SDK's voice agents (`@openai/agents-realtime`, which `@openai/agents`
 * re-exports; no `openai` SDK under it): its transports over a WebSocket (`OpenAIRealtimeWebSocket`,
 * `OpenAIRealtimeSIP`, the Twilio transport of `@openai/agents-extensions`) extend
 * `OpenAIRealtimeBase`, which parses each server event and emits it whole as `*` (a copy of what
 * the server sent, from 0.14.2 on) before its own events; `disconnected` when its socket has
 * closed. Its WebRTC transport runs in browsers only.
 */
export const AGENTS_SDK_SESSIONS: SessionTracing = {
  method: 'emit',
  emitterOf(moduleExports) {
    const base = moduleExports['OpenAIRealtimeBase'];
    const emitter: unknown = typeof base === 'function' ? base.prototype : undefined;
    const { emit, _onMessage } = fields(emitter);
    return typeof emit === 'function' && typeof _onMessage === 'function' ? (emitter as object) : undefined;
  },
  traced(tracer, original) {
    return function emit(this: object, ...args: unknown[]): unknown {
      if (args[0] === '*') guard('read realtime event', readRealtimeEvent, tracer, this, args[1], agentsConnection);
      else if (args[0] === 'disconnected') guard('end realtime calls', endRealtimeCalls, this);
      return Reflect.apply(original, this, args);
    };
  },
};
