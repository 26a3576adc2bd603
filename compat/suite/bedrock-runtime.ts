import assert from 'node:assert/strict';
import { attributesLike, onlySpan, type Recording } from './row.ts';

/**
 * What the CommonJS and ESM files of the AWS SDK's Bedrock Runtime client share
 * (bedrock-runtime.test.ts, bedrock-runtime-esm.test.ts): a client of the fixture server, and one
 * ConverseCommand, ConverseStreamCommand, InvokeModelCommand and InvokeModelWithResponseStreamCommand
 * sent with it, each checked for its one span.
 *
 * The client is built as test/bedrock/testbed.ts builds it: static keys in AWS's documented
 * example format (SigV4 signs locally), one attempt, the fixture picked by an `x-fixture` header
 * that a middleware of the client's own stack adds, and `NodeHttpHandler` of the row's pinned
 * `@smithy/node-http-handler` (HTTP/1.1): from 3.798.0 the client's own default is
 * `NodeHttp2Handler`, which the fixture server does not speak; before, it is `NodeHttpHandler`.
 *
 * The fixtures (test/fixtures/bedrock/), on Claude Sonnet 4.5 through the global inference profile
 * (the list price: 3 in, 0.30 cache read, 15 out per million), worked out by hand:
 * - converse.json: 14 in, 32 out: 14 × 3 = 42 µ$, 32 × 15 = 480 µ$, 522 µ$ = $0.000522;
 * - converse-stream.json: 24 in and 3000 read from the cache (3024 input tokens), 9 out:
 *   24 × 3 = 72 µ$, 3000 × 0.30 = 900 µ$, 9 × 15 = 135 µ$, 1,107 µ$ = $0.001107;
 * - invoke-claude.json and invoke-claude-stream.json (a Claude body, the Anthropic API's usage):
 *   24 in and 3000 read (3024 input tokens), 27 out: 72 + 900 + 27 × 15 = 405, 1,377 µ$ = $0.001377.
 */

export const BEDROCK_SCOPE = 'otel-llm-observer/bedrock';
const MODEL = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
const QUESTION = { modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'What is the capital of France?' }] }] };

interface Command {
  readonly input: object;
}

interface Client {
  send(command: Command): Promise<unknown>;
  middlewareStack: { add(middleware: (next: (args: { request: unknown }) => unknown) => (args: { request: unknown }) => unknown, options: object): void };
}

/** What the app loads of `@aws-sdk/client-bedrock-runtime`, by `require` or `import`. */
export interface BedrockRuntimeModule {
  BedrockRuntimeClient: new (config: object) => Client;
  ConverseCommand: new (input: object) => Command;
  ConverseStreamCommand: new (input: object) => Command;
  InvokeModelCommand: new (input: object) => Command;
  InvokeModelWithResponseStreamCommand: new (input: object) => Command;
}

/** What the app loads of `@smithy/node-http-handler`. */
export interface HttpHandlerModule {
  NodeHttpHandler: new () => object;
}

/** A client of the fixture server whose calls answer with `bedrock/<fixture>`, sent once. */
function fixtureClient(sdk: BedrockRuntimeModule, handlers: HttpHandlerModule, recording: Recording, fixture: string): Client {
  const client = new sdk.BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: recording.origin,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    requestHandler: new handlers.NodeHttpHandler(),
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-fixture'] = `bedrock/${fixture}`;
      return next(args);
    },
    { step: 'build', name: 'pickFixture' },
  );
  return client;
}

const CALL = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'aws.bedrock',
  'gen_ai.request.model': MODEL,
  'gen_ai.response.finish_reasons': ['end_turn'],
  'llm_observer.call.outcome': 'completed',
  'llm_observer.pricing.entry': 'claude-sonnet-4-5',
};

/** Sends a ConverseCommand (converse.json) and checks its one span: the usage and the cost. */
export async function assertConverseTraced(sdk: BedrockRuntimeModule, handlers: HttpHandlerModule, recording: Recording): Promise<void> {
  const output = (await fixtureClient(sdk, handlers, recording, 'converse').send(new sdk.ConverseCommand(QUESTION))) as {
    output?: { message?: { content?: { text?: string }[] } };
  };
  assert.match(output.output?.message?.content?.[0]?.text ?? '', /^The capital of France is Paris\./);
  const span = onlySpan(recording);
  assert.equal(span.instrumentationScope?.name, BEDROCK_SCOPE);
  assert.equal(span.name, `chat ${MODEL}`);
  // 14 × 3 + 32 × 15 = 522 µ$.
  const expected = { ...CALL, 'gen_ai.usage.input_tokens': 14, 'gen_ai.usage.output_tokens': 32, 'gen_ai.request.stream': undefined, 'llm_observer.cost.total_usd': 0.000522 };
  assert.deepEqual(attributesLike(span, expected), expected);
}

/** Sends a ConverseStreamCommand (converse-stream.json), reads its stream to the end and checks its one span. */
export async function assertConverseStreamTraced(sdk: BedrockRuntimeModule, handlers: HttpHandlerModule, recording: Recording): Promise<void> {
  const output = (await fixtureClient(sdk, handlers, recording, 'converse-stream').send(new sdk.ConverseStreamCommand(QUESTION))) as {
    stream?: AsyncIterable<{ contentBlockDelta?: { delta?: { text?: string } } }>;
  };
  // The response has arrived; the span waits for the stream.
  assert.deepEqual(recording.spans(), []);
  let text = '';
  for await (const event of output.stream ?? []) text += event.contentBlockDelta?.delta?.text ?? '';
  assert.equal(text, 'The capital of France is Paris.');
  const span = onlySpan(recording);
  assert.equal(span.instrumentationScope?.name, BEDROCK_SCOPE);
  // The cache read counted in the input, as the other providers count it: 24 + 3000.
  // 24 × 3 + 3000 × 0.30 + 9 × 15 = 72 + 900 + 135 = 1,107 µ$.
  const expected = {
    ...CALL,
    'gen_ai.request.stream': true,
    'gen_ai.usage.input_tokens': 3024,
    'gen_ai.usage.cache_read.input_tokens': 3000,
    'gen_ai.usage.output_tokens': 9,
    'llm_observer.cost.total_usd': 0.001107,
  };
  assert.deepEqual(attributesLike(span, expected), expected);
}

/** A Claude body, in the Anthropic API's Messages format as Bedrock's InvokeModel takes it. */
const CLAUDE_BODY = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 512, messages: [{ role: 'user', content: 'What is the capital of France?' }] });

/** The span of an InvokeModel call of Claude: the usage of its Message, the cache read in the input, and the cost. */
const INVOKED = {
  ...CALL,
  'gen_ai.request.max_tokens': 512,
  'gen_ai.usage.input_tokens': 3024,
  'gen_ai.usage.cache_read.input_tokens': 3000,
  'gen_ai.usage.output_tokens': 27,
  'llm_observer.cost.total_usd': 0.001377,
};

/** Sends an InvokeModelCommand of Claude (invoke-claude.json) and checks its one span. */
export async function assertInvokeModelTraced(sdk: BedrockRuntimeModule, handlers: HttpHandlerModule, recording: Recording): Promise<void> {
  const output = (await fixtureClient(sdk, handlers, recording, 'invoke-claude').send(new sdk.InvokeModelCommand({ modelId: MODEL, body: CLAUDE_BODY }))) as { body: Uint8Array };
  assert.match(new TextDecoder().decode(output.body), /Paris/);
  const span = onlySpan(recording);
  assert.equal(span.name, `chat ${MODEL}`);
  const expected = { ...INVOKED, 'gen_ai.request.stream': undefined };
  assert.deepEqual(attributesLike(span, expected), expected);
}

/** Sends an InvokeModelWithResponseStreamCommand of Claude (invoke-claude-stream.json), reads its events and checks its one span. */
export async function assertInvokeModelStreamTraced(sdk: BedrockRuntimeModule, handlers: HttpHandlerModule, recording: Recording): Promise<void> {
  const output = (await fixtureClient(sdk, handlers, recording, 'invoke-claude-stream').send(new sdk.InvokeModelWithResponseStreamCommand({ modelId: MODEL, body: CLAUDE_BODY }))) as {
    body?: AsyncIterable<{ chunk?: { bytes?: Uint8Array } }>;
  };
  assert.deepEqual(recording.spans(), []);
  const types: unknown[] = [];
  for await (const event of output.body ?? []) types.push((JSON.parse(new TextDecoder().decode(event.chunk?.bytes)) as { type?: unknown }).type);
  assert.equal(types.at(-1), 'message_stop');
  const span = onlySpan(recording);
  const expected = { ...INVOKED, 'gen_ai.request.stream': true };
  assert.deepEqual(attributesLike(span, expected), expected);
}
