import type { Attributes } from '@opentelemetry/api';
import { guard, guardCall } from '../../guard.js';
import { ATTR_GEMINI_RESPONSE_SERVICE_TIER, ATTR_GEMINI_USAGE_PROMPT_IMAGE_TOKENS, ATTR_GEN_AI_USAGE_INPUT_TOKENS } from '../../semconv.js';
import type { ApiCall } from '../api-call.js';
import { fields, forEachOutput } from '../api-fields.js';
import { enumValue, oneOf, readAttributes, type AttributeTable } from '../attribute-table.js';
import type { ObservedCall, SessionTracer, SessionTracing, Surface } from '../provider-contract.js';
import { GEMINI_ERROR_CODES, isCount, readUsage, TRAFFIC_TYPE_TIERS } from './responses.js';
import { GENERATE_CONTENT_REQUEST } from './surfaces.js';

/**
 * The Live API (`ai.live.connect()`, Gemini Developer API and Vertex AI): a WebSocket session in
 * which each turn of the model is one API call, billed by the `usageMetadata` the server sends
 * with it, for the whole context the turn read (the session's earlier turns included). Its server
 * messages reach the app's `callbacks.onmessage` as the SDK parsed them (Vertex AI's usage names
 * made the Gemini API's); each is read here on its way, and never changed:
 * - the first message of the model's turn (its content, a transcription of its speech, a tool
 *   call, `generationComplete`, `interrupted`, a usage) starts the turn's span (`chat {model}`), in
 *   the context the app connected in; a transcription of the user's speech starts none;
 * - each `usageMetadata` of the turn adds to its usage (the server sends one, with
 *   `turnComplete`; several are summed, as each is billed);
 * - `turnComplete` ends it (an interrupted turn too: "interrupted > turn_complete"), its finish
 *   reason the `turnCompleteReason` when the server gives one;
 * - the turn still open when the session's socket closes ends `cancelled`, with the usage read so far.
 * A turn's request is the session's (`model`, `config`): its request attributes are
 * generateContent's. The session's content (audio, video, transcripts, text) is not recorded, in
 * any capture mode.
 * API reference: https://ai.google.dev/api/live (BidiGenerateContentServerMessage, UsageMetadata)
 */

/** `turnCompleteReason` (API reference, `TurnCompleteReason`). */
const TURN_COMPLETE_REASONS = oneOf(
  'TURN_COMPLETE_REASON_UNSPECIFIED',
  'MALFORMED_FUNCTION_CALL',
  'RESPONSE_REJECTED',
  'NEED_MORE_INPUT',
  'PROHIBITED_INPUT_CONTENT',
  'IMAGE_PROHIBITED_INPUT_CONTENT',
  'INPUT_TEXT_CONTAIN_PROMINENT_PERSON_PROHIBITED',
  'INPUT_IMAGE_CELEBRITY',
  'INPUT_IMAGE_PHOTO_REALISTIC_CHILD_PROHIBITED',
  'INPUT_TEXT_NCII_PROHIBITED',
  'INPUT_OTHER',
  'INPUT_IP_PROHIBITED',
  'BLOCKLIST',
  'UNSAFE_PROMPT_FOR_IMAGE_GENERATION',
  'GENERATED_IMAGE_SAFETY',
  'GENERATED_CONTENT_SAFETY',
  'GENERATED_AUDIO_SAFETY',
  'GENERATED_VIDEO_SAFETY',
  'GENERATED_CONTENT_PROHIBITED',
  'GENERATED_CONTENT_BLOCKLIST',
  'GENERATED_IMAGE_PROHIBITED',
  'GENERATED_IMAGE_CELEBRITY',
  'GENERATED_IMAGE_PROMINENT_PEOPLE_DETECTED_BY_REWRITER',
  'GENERATED_IMAGE_IDENTIFIABLE_PEOPLE',
  'GENERATED_IMAGE_MINORS',
  'OUTPUT_IMAGE_IP_PROHIBITED',
  'GENERATED_OTHER',
  'MAX_REGENERATION_REACHED',
);

/** The counts of a Live `usageMetadata`: the response's are `responseTokenCount`, where generateContent's are the candidates'. */
const COUNTS = [
  ['promptTokenCount', 'promptTokenCount'],
  ['responseTokenCount', 'candidatesTokenCount'],
  ['cachedContentTokenCount', 'cachedContentTokenCount'],
  ['thoughtsTokenCount', 'thoughtsTokenCount'],
  ['toolUsePromptTokenCount', 'toolUsePromptTokenCount'],
] as const;

/** Its counts by modality, likewise. */
const DETAILS = [
  ['promptTokensDetails', 'promptTokensDetails'],
  ['cacheTokensDetails', 'cacheTokensDetails'],
  ['responseTokensDetails', 'candidatesTokensDetails'],
] as const;

/** The modalities a count by modality may name (`MediaModality`); a count of another adds to the totals only. */
const MODALITIES = ['TEXT', 'IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT'] as const;

/**
 * The usage of one turn: the sum of its `usageMetadata`, kept as sums (a turn sent usages without
 * end holds no more). One count that is not a count spoils it whole, as a malformed usage of
 * generateContent is not read.
 */
class TurnUsage {
  private readonly sums = new Map<string, number>();
  private malformed = false;
  /** Vertex AI's `trafficType` of the turn's last usage: how it served the session (pay-as-you-go, Provisioned Throughput). */
  trafficType: unknown;

  add(usage: unknown): void {
    const given = fields(usage);
    if (given.trafficType !== undefined) this.trafficType = given.trafficType;
    for (const [name] of COUNTS) this.addCount(name, given[name]);
    for (const [list] of DETAILS) {
      forEachOutput(given[list], (item) => {
        if ((MODALITIES as readonly unknown[]).includes(item.modality)) this.addCount(`${list} ${String(item.modality)}`, item.tokenCount);
      });
    }
  }

  private addCount(key: string, value: unknown): void {
    if (value === undefined || value === null) return;
    if (!isCount(value)) this.malformed = true;
    else this.sums.set(key, (this.sums.get(key) ?? 0) + value);
  }

  /** The sums as generateContent's `usageMetadata` gives them (./responses.ts reads it); `undefined` when none was sent, or one was malformed. */
  asUsageMetadata(): Record<string, unknown> | undefined {
    if (this.malformed || this.sums.size === 0) return undefined;
    const usage: Record<string, unknown> = {};
    for (const [name, as] of COUNTS) usage[as] = this.sums.get(name);
    for (const [list, as] of DETAILS) {
      usage[as] = MODALITIES.flatMap((modality) => {
        const tokenCount = this.sums.get(`${list} ${modality}`);
        return tokenCount === undefined ? [] : [{ modality, tokenCount }];
      });
    }
    return usage;
  }

  /** The image and video tokens of the prompt: the Live models bill them at a rate of their own. */
  promptImageTokens(): number | undefined {
    const image = this.sums.get('promptTokensDetails IMAGE');
    const video = this.sums.get('promptTokensDetails VIDEO');
    return image === undefined && video === undefined ? undefined : (image ?? 0) + (video ?? 0);
  }
}

/** What a turn's span is given when it ends: its usage, and the reason the server gave for its end. */
interface TurnEnd {
  readonly usage: TurnUsage;
  readonly reason: unknown;
}

/** The tier Vertex AI served the session at, as generateContent's responses report it (./responses.ts). */
const SERVED_TIER: AttributeTable = [[ATTR_GEMINI_RESPONSE_SERVICE_TIER, ['trafficType'], TRAFFIC_TYPE_TIERS]];

/** Writes a turn's usage, whole or not at all, the tier that served it, and its finish reason. */
function readTurn(call: ObservedCall, body: unknown): void {
  const { usage, reason } = body as TurnEnd;
  const attributes = readUsage(usage.asUsageMetadata(), readAttributes(SERVED_TIER, usage, {}));
  const imageTokens = usage.promptImageTokens();
  if (imageTokens !== undefined && attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] !== undefined) attributes[ATTR_GEMINI_USAGE_PROMPT_IMAGE_TOKENS] = imageTokens;
  call.setAttributes(attributes as Attributes);
  const finishReason = enumValue(TURN_COMPLETE_REASONS, reason);
  if (finishReason !== undefined) call.setFinishReason(0, finishReason);
}

/** A turn of a Live session, as the core's calls take a surface: its request is the session's, and it is never streamed to a reader here. */
const LIVE_TURN: Surface = {
  operation: 'chat',
  request: GENERATE_CONTENT_REQUEST,
  readResponse: readTurn,
  readStreamEvent: () => undefined,
  errorCodes: GEMINI_ERROR_CODES,
};

/** The fields of `serverContent` that say nothing of the model's turn: the user's speech, transcribed. */
const USER_INPUT = new Set(['inputTranscription', 'interimInputTranscription']);

/** Whether `serverContent` holds something of the model's turn. */
function hasModelContent(serverContent: unknown): boolean {
  if (typeof serverContent !== 'object' || serverContent === null) return false;
  for (const key in serverContent) if (!USER_INPUT.has(key)) return true;
  return false;
}

/** One session: where its turns start, and its turn open now. */
class LiveSession {
  private turn: ApiCall | undefined;
  private usage = new TurnUsage();
  private reason: unknown;

  constructor(
    private readonly tracer: SessionTracer,
    private readonly client: unknown,
    private readonly parameters: unknown,
  ) {}

  /** Reads one server message. */
  read(message: unknown): void {
    const { serverContent, toolCall, usageMetadata } = fields(message);
    if (toolCall === undefined && usageMetadata === undefined && !hasModelContent(serverContent)) return;
    // In the active context, the one the socket's messages run in: that of the app's connect().
    this.turn ??= this.tracer.startCall(LIVE_TURN, this.client, this.parameters);
    if (usageMetadata !== undefined) this.usage.add(usageMetadata);
    const content = fields(serverContent);
    if (content.turnCompleteReason !== undefined) this.reason = content.turnCompleteReason;
    if (content.turnComplete === true) this.endTurn('completed');
  }

  /** Ends the open turn, if any: `completed` by the server, `cancelled` when the socket closed before. */
  endTurn(outcome: 'completed' | 'cancelled'): void {
    const turn = this.turn;
    if (turn === undefined) return;
    const end: TurnEnd = { usage: this.usage, reason: this.reason };
    this.turn = undefined;
    this.usage = new TurnUsage();
    this.reason = undefined;
    guard('read live turn', readTurn, turn, end);
    guardCall('end live turn', turn, turn.end, outcome);
  }
}

/**
 * `parameters`, those of the app's `connect()`, with callbacks that hand each message to a new
 * session's reader before the app's `onmessage`, and end its open turn before the app's `onclose`.
 * Every other read and write goes to the app's objects, and the app's handlers are called with
 * the `this` the SDK gives them (its callbacks object is the app's). `undefined` (the call made as
 * the app made it) when the callbacks have no `onmessage` to call, or when a proxy may not stand in
 * for the app's objects (a sealed or frozen property, whose value a proxy may have to give as it is).
 */
function tracedParameters(tracer: SessionTracer, live: object, parameters: unknown): unknown {
  const callbacks = fields(parameters)['callbacks'];
  if (typeof fields(callbacks)['onmessage'] !== 'function') return undefined;
  if (isFixed(parameters as object, 'callbacks') || isFixed(callbacks as object, 'onmessage') || isFixed(callbacks as object, 'onclose')) return undefined;
  const session = new LiveSession(tracer, fields(live)['apiClient'], parameters);
  const appCallbacks = callbacks as object;
  // The `this` the SDK calls a handler with: its callbacks object (these proxies stand for the app's), or another (1.x calls `onmessage` bare).
  const self = (given: unknown): unknown => (given === tracedCallbacks ? appCallbacks : given);
  function onmessage(this: unknown, message: unknown): unknown {
    guardCall('read live message', session, session.read, message);
    return Reflect.apply(Reflect.get(appCallbacks, 'onmessage') as (message: unknown) => unknown, self(this), [message]);
  }
  function onclose(this: unknown, event: unknown): unknown {
    guardCall('end live turn', session, session.endTurn, 'cancelled');
    const handler = Reflect.get(appCallbacks, 'onclose');
    return handler === undefined || handler === null ? undefined : Reflect.apply(handler as (event: unknown) => unknown, self(this), [event]);
  }
  const tracedCallbacks: object = new Proxy(appCallbacks, {
    get: (target, key) => (key === 'onmessage' ? onmessage : key === 'onclose' ? onclose : Reflect.get(target, key)),
  });
  return new Proxy(parameters as object, { get: (target, key) => (key === 'callbacks' ? tracedCallbacks : Reflect.get(target, key)) });
}

/** Whether `object`'s own property `key` is not configurable (a sealed or frozen object's): a proxy of `object` may then have to give its value as it is. */
function isFixed(object: object, key: string): boolean {
  return Reflect.getOwnPropertyDescriptor(object, key)?.configurable === false;
}

/**
 * `@google/genai`'s Live sessions: `Live.prototype.connect(params)` opens the socket and calls
 * `params.callbacks.onmessage` with each server message and `onclose` when the socket closes
 * (the SDK reads `params.callbacks` once, when it connects).
 */
export const GEMINI_LIVE_SESSIONS: SessionTracing = {
  method: 'connect',
  emitterOf(moduleExports) {
    const live = moduleExports['Live'];
    const prototype: unknown = typeof live === 'function' ? live.prototype : undefined;
    return typeof fields(prototype)['connect'] === 'function' ? (prototype as object) : undefined;
  },
  traced(tracer, original) {
    return function connect(this: object, ...args: unknown[]): unknown {
      const parameters = guard('read live session', tracedParameters, tracer, this, args[0]);
      if (parameters !== undefined) args[0] = parameters;
      return Reflect.apply(original, this, args);
    };
  },
};
