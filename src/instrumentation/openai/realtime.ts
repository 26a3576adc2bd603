import type { Attributes } from '@opentelemetry/api';
import { guard, guardCall, logger } from '../../guard.js';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_OPENAI_USAGE_CACHED_AUDIO_TOKENS,
  ATTR_OPENAI_USAGE_CACHED_IMAGE_TOKENS,
  ATTR_OPENAI_USAGE_COMPLETION_TOKENS_DETAILS_AUDIO_TOKENS,
  ATTR_OPENAI_USAGE_INPUT_TOKENS_DETAILS_IMAGE_TOKENS,
  ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  type CallOutcome,
} from '../../semconv.js';
import { ApiCall } from '../api-call.js';
import { fields, type Fields } from '../api-fields.js';
import { enumValue, MAX_IDENTIFIER_CHARS, oneOf, readAllOrNone, type AttributeTable } from '../attribute-table.js';
import type { ClientDescription, ObservedCall, SessionTracer, Surface } from '../provider-contract.js';
import { openaiApiFormat } from '../formats/openai/lazy-openai-api.js';

const { OPENAI_ERROR_CODES, readTranscription } = openaiApiFormat();

/**
 * OpenAI's Realtime API, as its server events read: a WebSocket session in which each response the
 * server makes is one API call, billed by its usage. The session classes that receive the events
 * (the `openai` SDK's, the OpenAI Agents SDK's: ./realtime-sessions.ts) hand each one here, and
 * this reads it and never changes it:
 * - `session.created` / `session.updated` name the session's model (`session.model`), which no
 *   response names;
 * - `response.created` starts the response's span (`chat {model}`), in the context the session's
 *   socket was opened in;
 * - `response.done` writes its usage (text, audio and image tokens, and what the cache served of
 *   each) and its status, and ends the span: `failed` and `cancelled` as such, else completed.
 * A response whose `response.created` was not seen (the session opened before the instrumentation
 * was enabled) has its span started and ended at its `response.done`, so its usage is not lost.
 * A transcription of the session's input audio (a model of its own, billed at that model's rate,
 * configured as the session's `audio.input.transcription`, the beta's `input_audio_transcription`)
 * is a call too, a `generate_content` span of that model: from its first
 * `conversation.item.input_audio_transcription.delta` (or its `completed`, for a model that sends
 * no deltas) to its `completed` event, whose usage is the Audio API's (tokens, or seconds of
 * audio), or its `failed` event.
 * The spans of calls still open when the session's socket closes end `cancelled`.
 * The session's content (audio, transcripts, text) is not recorded, in any capture mode.
 * API reference: https://platform.openai.com/docs/api-reference/realtime-server-events
 */

/** A response's `usage` (the SDK's `RealtimeResponseUsage`): every count includes what the cache served. */
const REALTIME_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['input_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['output_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, ['input_token_details', 'cached_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS, ['input_token_details', 'audio_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_CACHED_AUDIO_TOKENS, ['input_token_details', 'cached_tokens_details', 'audio_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_INPUT_TOKENS_DETAILS_IMAGE_TOKENS, ['input_token_details', 'image_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_CACHED_IMAGE_TOKENS, ['input_token_details', 'cached_tokens_details', 'image_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_COMPLETION_TOKENS_DETAILS_AUDIO_TOKENS, ['output_token_details', 'audio_tokens'], 'count'],
];

/**
 * A response's `status`, and `status_details.reason`, which stands in for it when given: a
 * cancelled response's `turn_detected` / `client_cancelled`, an incomplete one's
 * `max_output_tokens` / `content_filter`.
 */
const FINISH_REASONS = oneOf(
  'completed',
  'cancelled',
  'failed',
  'incomplete',
  'turn_detected',
  'client_cancelled',
  'max_output_tokens',
  'content_filter',
);

/** Writes what a `response.done` event's response says: its usage, whole or not at all, and its finish reason. */
function readResponse(call: ObservedCall, body: unknown): void {
  const response = fields(body);
  const attributes: Attributes = {};
  if (readAllOrNone(REALTIME_USAGE, response['usage'], attributes)) call.setAttributes(attributes);
  const reason = enumValue(FINISH_REASONS, fields(response['status_details'])['reason'] ?? response['status']);
  if (reason !== undefined) call.setFinishReason(0, reason);
}

/** A response of a Realtime session, as the core's calls take a surface: its request is the session's, and it is never streamed to a reader here. */
const REALTIME_RESPONSE: Surface = {
  operation: 'chat',
  request: [],
  readResponse,
  readStreamEvent: () => undefined,
  errorCodes: OPENAI_ERROR_CODES,
};

/** A transcription of the session's input audio: its `completed` event carries the usage as the Audio API's transcriptions do (../formats/openai/audio.ts). */
const REALTIME_TRANSCRIPTION: Surface = {
  operation: 'generate_content',
  request: [],
  readResponse: readTranscription,
  readStreamEvent: () => undefined,
  errorCodes: OPENAI_ERROR_CODES,
};

/**
 * The calls a session may have open at once: the response of its conversation, the out-of-band
 * ones (`conversation: "none"`) an app runs beside it, the transcriptions of its input. Beyond it,
 * a call is not traced, so that a session whose last events never come holds no more.
 */
const MAX_OPEN_CALLS = 32;

/** What this reads of one session: where it connects, its models, its open calls (responses and transcriptions). */
class RealtimeSession {
  readonly client: ClientDescription;
  readonly requestModel: string | undefined;
  /** The model the server names in `session.created` / `session.updated`. */
  responseModel: string | undefined;
  /** The model that transcribes the session's input audio, as the session's events configure it; `undefined` when none does. */
  transcriptionModel: string | undefined;
  readonly calls = new Map<string, ApiCall>();
  tooManyNoted = false;

  constructor(client: ClientDescription, requestModel: string | undefined) {
    this.client = client;
    this.requestModel = requestModel;
  }

  /** Ends the spans of the calls still open: the socket closed before their last event. */
  endOpenCalls(): void {
    for (const call of this.calls.values()) guardCall('end realtime call', call, call.end, 'cancelled');
    this.calls.clear();
  }
}

/** Where a session class's object is connected: its URL (`wss://…/realtime?model=…`), and its socket when the class gives no event of its closing. */
export interface RealtimeConnection {
  readonly url: unknown;
  readonly socket?: unknown;
}

/** The session of each session object (the emitter its events pass through), from its first event. */
const sessions = new WeakMap<object, RealtimeSession>();

/**
 * The session of `emitter`, read on its first event from its `connection`: its URL gives the
 * backend and the model asked for, read as a client's base URL is (the `providerName` option is
 * given this URL), and its socket is watched.
 */
function sessionOf(tracer: SessionTracer, emitter: object, connection: (emitter: object) => RealtimeConnection): RealtimeSession {
  let session = sessions.get(emitter);
  if (session !== undefined) return session;
  const { url, socket } = connection(emitter);
  const parsed = url instanceof URL ? url : typeof url === 'string' && URL.canParse(url) ? new URL(url) : undefined;
  session = new RealtimeSession(tracer.describe({ baseURL: parsed?.href }), modelId(parsed?.searchParams.get('model')));
  sessions.set(emitter, session);
  watchRealtimeSocket(emitter, socket);
  return session;
}

/**
 * Ends the open calls of `emitter`'s session when `socket` closes (a `ws` socket or a WHATWG one):
 * a socket the session class opens again (`reconnect: true`) is watched too.
 */
export function watchRealtimeSocket(emitter: object, socket: unknown): void {
  const session = sessions.get(emitter);
  if (session === undefined) return;
  const { once, addEventListener } = fields(socket);
  const onClose = () => session.endOpenCalls();
  if (typeof once === 'function') Reflect.apply(once, socket, ['close', onClose]);
  else if (typeof addEventListener === 'function') Reflect.apply(addEventListener, socket, ['close', onClose, { once: true }]);
}

/** Ends the calls open in `emitter`'s session: its last socket has closed (the session class says so). */
export function endRealtimeCalls(emitter: object): void {
  sessions.get(emitter)?.endOpenCalls();
}

/**
 * Starts the span of the session's call `key`, of `surface`, by `requestModel` (answered by
 * `responseModel`), unless it is open already (it is returned) or the session has too many open.
 */
function startCall(
  tracer: SessionTracer,
  session: RealtimeSession,
  key: string,
  surface: Surface,
  requestModel: string | undefined,
  responseModel: string | undefined,
): ApiCall | undefined {
  const open = session.calls.get(key);
  if (open !== undefined) return open;
  if (session.calls.size >= MAX_OPEN_CALLS) {
    if (!session.tooManyNoted) logger.warn(`a Realtime session has ${MAX_OPEN_CALLS} calls open; its further calls are not traced until they end`);
    session.tooManyNoted = true;
    return undefined;
  }
  const client = session.client;
  const attributes: Attributes = {};
  attributes[ATTR_GEN_AI_OPERATION_NAME] = surface.operation;
  attributes[ATTR_GEN_AI_PROVIDER_NAME] = client.provider;
  if (client.serverAddress !== undefined) attributes[ATTR_SERVER_ADDRESS] = client.serverAddress;
  if (client.serverPort !== undefined) attributes[ATTR_SERVER_PORT] = client.serverPort;
  if (requestModel !== undefined) attributes[ATTR_GEN_AI_REQUEST_MODEL] = requestModel;
  if (responseModel !== undefined) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = responseModel;
  const model = requestModel ?? responseModel;
  const name = model === undefined ? surface.operation : `${surface.operation} ${model}`;
  const call = new ApiCall(tracer.startSpan(name, attributes), surface, undefined, client.dialect);
  session.calls.set(key, call);
  return call;
}

/**
 * Ends `call`, the session's call `key` (`undefined` when it is not traced), after reading `body`,
 * its last event's, onto it: with `outcome`, and `error` for a failed one.
 */
function endCall(call: ApiCall | undefined, session: RealtimeSession, key: string, body: Fields, outcome: CallOutcome, error?: unknown): void {
  if (call === undefined) return;
  session.calls.delete(key);
  guard('read realtime call', call.surface.readResponse, call, body);
  call.end(outcome, error);
}

/** A response's key: its id. */
const responseKey = (response: Fields): string => (typeof response['id'] === 'string' ? response['id'] : '');

/** A transcription's key: the id of the item whose audio it transcribes, apart from the responses' ids. */
const transcriptionKey = (event: Fields): string => `transcription of ${typeof event['item_id'] === 'string' ? event['item_id'] : ''}`;

function startResponse(tracer: SessionTracer, session: RealtimeSession, response: Fields): ApiCall | undefined {
  return startCall(tracer, session, responseKey(response), REALTIME_RESPONSE, session.requestModel, session.responseModel);
}

function startTranscription(tracer: SessionTracer, session: RealtimeSession, event: Fields): ApiCall | undefined {
  return startCall(tracer, session, transcriptionKey(event), REALTIME_TRANSCRIPTION, session.transcriptionModel, undefined);
}

/** Reads `response`, that of a `response.done` event, and ends its span: `failed` and `cancelled` as such, any other status completed. */
function endResponse(tracer: SessionTracer, session: RealtimeSession, response: Fields): void {
  const status = response['status'];
  const outcome = status === 'failed' ? 'failed' : status === 'cancelled' ? 'cancelled' : 'completed';
  // A response whose response.created was not seen starts here.
  endCall(startResponse(tracer, session, response), session, responseKey(response), response, outcome, fields(response['status_details'])['error']);
}

/** The session's models, from the session object of a `session.created` / `session.updated` event (or the beta's `transcription_session.*`). */
function readSession(session: RealtimeSession, object: Fields): void {
  const model = modelId(object['model']);
  if (model !== undefined) session.responseModel = model;
  // The GA session's audio.input.transcription, the beta's input_audio_transcription; null or absent turns it off.
  const transcription = fields(fields(fields(object['audio'])['input'])['transcription'])['model'] ?? fields(object['input_audio_transcription'])['model'];
  session.transcriptionModel = modelId(transcription);
}

/** `value` as a model id: a string of 1 to {@link MAX_IDENTIFIER_CHARS} characters; anything else is no model. */
function modelId(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= MAX_IDENTIFIER_CHARS ? value : undefined;
}

/** Reads `event`, one server event of the session object `emitter`, connected where `connection` says. */
export function readRealtimeEvent(tracer: SessionTracer, emitter: object, event: unknown, connection: (emitter: object) => RealtimeConnection): void {
  const read = fields(event);
  const type = read['type'];
  switch (type) {
    case 'session.created':
    case 'session.updated':
    case 'transcription_session.created':
    case 'transcription_session.updated':
      readSession(sessionOf(tracer, emitter, connection), fields(read['session']));
      return;
    case 'conversation.item.input_audio_transcription.delta':
      startTranscription(tracer, sessionOf(tracer, emitter, connection), read);
      return;
    case 'conversation.item.input_audio_transcription.completed':
    case 'conversation.item.input_audio_transcription.failed': {
      const session = sessionOf(tracer, emitter, connection);
      const failed = type === 'conversation.item.input_audio_transcription.failed';
      endCall(startTranscription(tracer, session, read), session, transcriptionKey(read), read, failed ? 'failed' : 'completed', read['error']);
      return;
    }
  }
  // An event of a response that holds none is no response's.
  const response = read['response'];
  if (typeof response !== 'object' || response === null) return;
  if (type === 'response.created') startResponse(tracer, sessionOf(tracer, emitter, connection), response as Fields);
  else if (type === 'response.done') endResponse(tracer, sessionOf(tracer, emitter, connection), response as Fields);
}
