// Spans of OpenAI chat calls as this package's instrumentation makes them, without the SDK or the
// network, for the in-process benchmarks (bench/micro-child.mjs, bench/memory-child.mjs): the
// start attributes (operation, provider, server, the request table, the request's shape in metadata
// mode, the prefix fingerprint written by the instrumentation's own step), then the response of
// test/fixtures/openai/chat.json read onto the span by the chat surface, and what the call's end
// writes before the span ends (finish reasons, the output's shape, the outcome): the attributes a
// real call's span has when the cost processor sees it. Spans are real spans of the OTel SDK (3.x).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const requireFromRoot = createRequire(join(ROOT, 'package.json'));

export const fixtureJson = (name) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** The chat surface of the built package in `dist` (the root of a dist/ copy), and its spans. */
export function chatSpans(dist) {
  // The package as an app loads it, and the inner parts the benchmarks drive (bench/internals.ts,
  // bundled by the build beside the package, from the same sources).
  const observer = requireFromRoot(join(dist, 'cjs', 'index.js'));
  const internals = requireFromRoot(join(dist, 'bench', 'internals.cjs'));
  const { SpanKind } = requireFromRoot('@opentelemetry/api');
  const { TracerProvider } = requireFromRoot('@opentelemetry/sdk-trace');
  const { PACKAGE_NAME, PACKAGE_VERSION, semconv, readAttributes, ApiCall, OPENAI_SURFACES, prefixHasherOf, writePrefixFingerprint, startCallContent, readResponseContent, contentCaptureOf } =
    internals;

  const chat = OPENAI_SURFACES.find((patch) => patch.resourcePath.join('.') === 'Chat.Completions').surface;
  const request = fixtureJson('bench/openai-chat-request.json');
  const response = fixtureJson('openai/chat.json').body;
  /** The fingerprints' hasher of the default instrumentation config (on, a random key made once). */
  const prefixHasher = prefixHasherOf({});

  /** A tracer of the OpenAI instrumentation's name, on a provider with `spanProcessors`. */
  const tracerWith = (spanProcessors = []) =>
    new TracerProvider({ spanProcessors }).getTracer(`${PACKAGE_NAME}/openai`, PACKAGE_VERSION);

  /** Content capture at the default: metadata (the shapes of the request and the response, no text). */
  const contentCapture = contentCaptureOf({});

  /** The attributes the instrumentation starts the span of a chat call with `body` with, and the call's content state. */
  function startAttributes(body) {
    const attributes = {
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: chat.operation,
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
      [semconv.ATTR_SERVER_ADDRESS]: 'api.openai.com',
      [semconv.ATTR_SERVER_PORT]: 443,
    };
    readAttributes(chat.request, body, attributes);
    const content = startCallContent(contentCapture, chat.content, body, attributes, false);
    writePrefixFingerprint(prefixHasher, chat.cacheablePrefix, body, attributes);
    return { attributes, content };
  }

  /** The API call of a chat request `body`, its span started on `tracer`. */
  function startedCall(tracer, body = request) {
    const { attributes, content } = startAttributes(body);
    return new ApiCall(tracer.startSpan(`chat ${body.model}`, { kind: SpanKind.CLIENT, attributes }), chat, content);
  }

  /**
   * The span of a chat call with `body`, started on `tracer`, answered with `answer`, with what the
   * call's end writes before the span ends (`ApiCall.recordEnd`), not ended.
   */
  function answeredSpan(tracer, body = request, answer = response) {
    const call = startedCall(tracer, body);
    chat.readResponse(call, answer);
    readResponseContent(call.content, answer);
    call.recordEnd('completed');
    return call.span;
  }

  /** The bench request with a system prompt of `bytes` characters, led by `lead` (which makes the prefix distinct). */
  function requestWithSystemPrompt(bytes, lead = '') {
    const system = request.messages[0].content;
    const content = `${lead}${system.repeat(Math.ceil(bytes / system.length))}`.slice(0, bytes);
    return { ...request, messages: [{ role: 'system', content }, ...request.messages.slice(1)] };
  }

  return { observer, internals, semconv, chat, request, response, prefixHasher, tracerWith, startAttributes, startedCall, answeredSpan, requestWithSystemPrompt };
}
