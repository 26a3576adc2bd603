import { guard } from '../../guard.js';
import { readResponseBody, type ApiCall } from '../api-call.js';
import { fields, type Fields } from '../api-fields.js';
import { makeTracedCall } from '../genai-instrumentation.js';
import { followPromise } from '../promises/async-result.js';
import type { SessionTracer, SessionTracing, Surface } from '../provider-contract.js';
import { COUNT_TOKENS, EMBED_CONTENT, GENERATE_CONTENT, GENERATE_CONTENT_STREAM } from './surfaces.js';

/**
 * Google's earlier SDK of the Gemini API, `@google/generative-ai` (0.x; LangChain.js's
 * `@langchain/google-genai` calls Gemini through it). Each of its methods that makes an API call
 * is one span, read as `@google/genai`'s method of the same endpoint is (./surfaces.ts): its
 * request is put in that SDK's form (`{model, contents, config}`), and its response is the same
 * REST body. The methods, on the module's `GenerativeModel` and `ChatSession` classes, each make
 * one API call through the module's own functions, never through one another:
 * - `generateContent(request)` and `ChatSession.sendMessage(request)`: a promise of `{response}`;
 * - `generateContentStream(request)` and `ChatSession.sendMessageStream(request)`: a promise of
 *   `{stream, response}`, whose `response` is a promise of the chunks the SDK aggregated, read
 *   whole (its `usageMetadata` the last chunk's) whether or not the app reads `stream`, which the
 *   SDK tees; the aggregate keeps no `responseId` nor `modelVersion`;
 * - `countTokens`, `embedContent` (a promise of `{embedding}`) and `batchEmbedContents`.
 * The app gets each promise as one that settles as the SDK's does (and a stream's `response` so),
 * once the call has read what it settled with, as `@google/genai`'s are.
 * The request a method sends is the SDK's own merge: the request's `generationConfig`,
 * `systemInstruction`, `tools` and `toolConfig` when it has them, else the model's (a chat's:
 * the session's `params`); a chat's contents are its history, as it stands when the message is
 * sent, and the new message. The client is the Gemini Developer API at the model's `baseUrl`.
 * API reference: https://ai.google.dev/api/generate-content (the SDK's README names its methods)
 */

/** One method of the SDK: where it is, how its call reads, its request in `@google/genai`'s form, and the body its result gives. */
interface LegacyMethod {
  readonly className: 'GenerativeModel' | 'ChatSession';
  readonly method: string;
  readonly surface: Surface;
  readonly body: (self: Fields, request: unknown) => unknown;
  /** The response body, or a promise of it, from what the method's promise resolved to. */
  readonly response: (result: Fields) => unknown;
}

/** A model's id as the app names it: the SDK adds `models/` to an id without a slash. */
function modelId(model: unknown): unknown {
  return typeof model === 'string' && model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/** A new message, as the SDK makes one of a string or a list of strings and parts: a `function` turn when it answers function calls. */
function newContent(message: unknown): Fields {
  const items: unknown[] = Array.isArray(message) ? message : [message];
  const parts = items.map((item) => (typeof item === 'string' ? { text: item } : item));
  return { role: parts.some((part) => fields(part).functionResponse !== undefined) ? 'function' : 'user', parts };
}

/** The settings a request sends, each the request's when it has one, else `defaults`' (the model's, a chat's params). */
function configOf(request: Fields, defaults: Fields): Fields {
  const cachedContent = request.cachedContent ?? defaults.cachedContent;
  return {
    ...fields(request.generationConfig ?? defaults.generationConfig),
    systemInstruction: request.systemInstruction ?? defaults.systemInstruction,
    tools: request.tools ?? defaults.tools,
    toolConfig: request.toolConfig ?? defaults.toolConfig,
    // The model's cache is a CachedContent; a request names one by its name.
    cachedContent: typeof cachedContent === 'string' ? cachedContent : fields(cachedContent).name,
  };
}

/** A `GenerativeModel` request (a string, a list of strings and parts, or a `GenerateContentRequest`) in `@google/genai`'s form. */
function modelRequest(model: Fields, request: unknown): unknown {
  const given = typeof request === 'string' || Array.isArray(request) ? { contents: [newContent(request)] } : fields(request);
  return { model: modelId(model.model), contents: given.contents, config: configOf(given, model) };
}

/** A `ChatSession` message, sent with the session's history. */
function chatRequest(chat: Fields, message: unknown): unknown {
  const history = Array.isArray(chat._history) ? chat._history : [];
  return { model: modelId(chat.model), contents: [...history, newContent(message)], config: configOf({}, fields(chat.params)) };
}

/** An `embedContent` request (a string, a list of strings and parts, or `{content}`): its one content. */
function embedRequest(model: Fields, request: unknown): unknown {
  const content = typeof request === 'string' || Array.isArray(request) ? newContent(request) : fields(request).content;
  return { model: modelId(model.model), contents: [content] };
}

/** A `batchEmbedContents` request: each of its requests' content. */
function batchEmbedRequest(model: Fields, request: unknown): unknown {
  const requests = fields(request).requests;
  return { model: modelId(model.model), contents: Array.isArray(requests) ? requests.map((each) => fields(each).content) : [] };
}

const theResponse = (result: Fields): unknown => result.response;

const METHODS: readonly LegacyMethod[] = [
  { className: 'GenerativeModel', method: 'generateContent', surface: GENERATE_CONTENT, body: modelRequest, response: theResponse },
  { className: 'GenerativeModel', method: 'generateContentStream', surface: GENERATE_CONTENT_STREAM, body: modelRequest, response: theResponse },
  { className: 'GenerativeModel', method: 'countTokens', surface: COUNT_TOKENS, body: modelRequest, response: (result) => result },
  // One embedding, as `@google/genai`'s embeddings are read: a list.
  { className: 'GenerativeModel', method: 'embedContent', surface: EMBED_CONTENT, body: embedRequest, response: (result) => ({ embeddings: [result.embedding] }) },
  { className: 'GenerativeModel', method: 'batchEmbedContents', surface: EMBED_CONTENT, body: batchEmbedRequest, response: (result) => result },
  { className: 'ChatSession', method: 'sendMessage', surface: GENERATE_CONTENT, body: chatRequest, response: theResponse },
  { className: 'ChatSession', method: 'sendMessageStream', surface: GENERATE_CONTENT_STREAM, body: chatRequest, response: theResponse },
];

/** The client a model or chat sends to, as `@google/genai`'s are read (./provider-sdk.ts): the Gemini Developer API at its `baseUrl`, one per model or chat. */
const clients = new WeakMap<object, object>();
function clientOf(self: object): object {
  let client = clients.get(self);
  if (client === undefined) {
    const baseUrl: unknown = fields(fields(self)._requestOptions).baseUrl;
    client = { isVertexAI: () => false, getBaseUrl: () => (typeof baseUrl === 'string' ? baseUrl : 'https://generativelanguage.googleapis.com') };
    clients.set(self, client);
  }
  return client;
}

/** Starts the call of `method` made on `self` with `request`. */
function startLegacyCall(tracer: SessionTracer, method: LegacyMethod, self: object, request: unknown): ApiCall {
  return tracer.startCall(method.surface, clientOf(self), method.body(fields(self), request));
}

/**
 * Reads what the method's promise resolved to (followed as every plain promise is:
 * ../promises/async-result.ts): its response body, or a promise of the stream's aggregated
 * response, read when it settles, the app's `response` then one that settles as it does.
 */
function readLegacyResult(call: ApiCall, method: LegacyMethod, resolved: unknown): void {
  call.responseArrived();
  const body = method.response(fields(resolved));
  if (body instanceof Promise) (resolved as { response: unknown }).response = followPromise(call, body, 'read the aggregated response', readResponseBody);
  else readResponseBody(call, body);
}

function tracedMethod(method: LegacyMethod): SessionTracing {
  return {
    method: method.method,
    emitterOf(moduleExports) {
      const sdkClass = moduleExports[method.className];
      const prototype: unknown = typeof sdkClass === 'function' ? sdkClass.prototype : undefined;
      return typeof fields(prototype)[method.method] === 'function' ? (prototype as object) : undefined;
    },
    traced(tracer, original) {
      const read = (call: ApiCall, resolved: unknown): void => readLegacyResult(call, method, resolved);
      const observe = (call: ApiCall, result: unknown): unknown => followPromise(call, result, 'read the SDK result', read);
      return function call(this: object, ...args: unknown[]): unknown {
        const started = guard('start generative-ai call', startLegacyCall, tracer, method, this, args[0]);
        return makeTracedCall(started, original, this, args, observe);
      };
    },
  };
}

/** The methods of `@google/genai`'s predecessor, each wrapped on its class's prototype. */
export const GENERATIVE_AI_CALLS: readonly SessionTracing[] = METHODS.map(tracedMethod);
