import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiPromiseSurfaces,
  attributesLike,
  callMethod,
  fixture,
  installedVersion,
  isAtLeast,
  onlySpan,
  readStream,
  requireFromApp,
  startRecording,
  testSurfaces,
  type ApiPromise,
  type Surface,
} from './row.ts';

/**
 * Every surface of the installed `@anthropic-ai/sdk` that this package traces, each called once
 * against its fixture: one span, with the usage that the fixture carries (the input tokens
 * including the cache reads and writes, which the API counts apart), and its cost. A surface the
 * version does not have is checked absent. From the version on where the SDK traces its calls
 * itself, each call must still have one span: this package's.
 */

const SDK = '@anthropic-ai/sdk';
const OUR_SCOPE = 'otel-llm-observer/anthropic';
const SDK_SCOPE = 'com.anthropic.sdk.typescript';
/** The first version that traces its calls itself, with the global tracer provider. */
const BUILT_IN_TRACING_SINCE = '0.134.0';

const recording = await startRecording();
const { Anthropic } = requireFromApp(SDK) as { Anthropic: new (options: object) => object };
const version = installedVersion(SDK);

const newClient = (options: object = {}) =>
  new Anthropic({ apiKey: 'sk-ant-compat-test', baseURL: recording.origin, maxRetries: 0, ...options });
const client = newClient();

const call = <Result = ApiPromise>(path: string, ...args: unknown[]) => callMethod<Result>(client, path, args);
const QUESTION = { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'Capital of France?' }] };
/** The usage of the `message` and `message-stream` fixtures: 21 uncached, 1800 read from and 2100 written to the cache. */
const CACHED_USAGE = {
  'gen_ai.usage.input_tokens': 3921,
  'gen_ai.usage.output_tokens': 9,
  'gen_ai.usage.cache_read.input_tokens': 1800,
  'gen_ai.usage.cache_creation.input_tokens': 2100,
};

/** Runs `action` with this package's Anthropic instrumentation disabled. */
async function withoutThisPackage(action: () => Promise<unknown>): Promise<void> {
  recording.anthropicInstrumentation.disable();
  try {
    await action();
  } finally {
    recording.anthropicInstrumentation.enable();
  }
}

interface MessageStream {
  finalMessage(): Promise<unknown>;
}

const SURFACES: readonly Surface[] = [
  {
    method: 'messages.create',
    since: '0.40.0',
    run: () => call('messages.create', QUESTION, fixture('anthropic', 'message')),
    records: 'its usage, the input tokens including cache reads and writes',
    span: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', ...CACHED_USAGE },
    pricedAs: 'claude-sonnet-4-6',
  },
  {
    method: 'messages.create',
    variant: 'streamed',
    since: '0.40.0',
    run: async () => readStream(await call('messages.create', { ...QUESTION, stream: true }, fixture('anthropic', 'message-stream'))),
    records: 'the usage of its events, the input tokens including cache reads and writes',
    span: { 'gen_ai.request.stream': true, ...CACHED_USAGE },
    pricedAs: 'claude-sonnet-4-6',
  },
  ...apiPromiseSurfaces('anthropic', (options) => call('messages.create', QUESTION, options), {
    method: 'messages.create',
    since: '0.40.0',
    fixtureName: 'message',
    responseId: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    usage: CACHED_USAGE,
  }),
  {
    method: 'messages.stream',
    since: '0.40.0',
    run: () => call<MessageStream>('messages.stream', QUESTION, fixture('anthropic', 'message-stream')).finalMessage(),
    records: 'the usage of its events, the input tokens including cache reads and writes',
    span: { 'gen_ai.request.stream': true, ...CACHED_USAGE },
    pricedAs: 'claude-sonnet-4-6',
  },
  {
    method: 'beta.messages.create',
    since: '0.40.0',
    run: () => call('beta.messages.create', QUESTION, fixture('anthropic', 'message')),
    records: 'its usage, the input tokens including cache reads and writes',
    span: { 'gen_ai.operation.name': 'chat', ...CACHED_USAGE },
    pricedAs: 'claude-sonnet-4-6',
  },
  {
    method: 'messages.parse',
    since: '0.72.0',
    run: () =>
      call(
        'messages.parse',
        {
          ...QUESTION,
          messages: [{ role: 'user', content: 'What is 2+2?' }],
          output_config: {
            format: {
              type: 'json_schema',
              schema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'], additionalProperties: false },
            },
          },
        },
        fixture('anthropic', 'message-json'),
      ),
    records: 'its usage',
    span: { 'gen_ai.usage.input_tokens': 187, 'gen_ai.usage.output_tokens': 8 },
    pricedAs: 'claude-sonnet-4-6',
  },
  {
    method: 'completions.create',
    since: '0.40.0',
    until: '1.0.0',
    run: () =>
      call('completions.create', { model: 'claude-2.1', max_tokens_to_sample: 256, prompt: '\n\nHuman: Capital of France?\n\nAssistant:' }, fixture('anthropic', 'completion')),
    records: 'the model that answered',
    span: { 'gen_ai.operation.name': 'text_completion', 'gen_ai.response.model': 'claude-2.1' },
  },
];

describe(`${SDK} ${version}`, () => {
  testSurfaces(recording, client, version, OUR_SCOPE, SURFACES);

  if (isAtLeast(version, BUILT_IN_TRACING_SINCE)) {
    it("traces its calls itself: without this package a call has the SDK's own span, with it this package's alone", async () => {
      await withoutThisPackage(() => call('messages.create', QUESTION, fixture('anthropic', 'message')));
      assert.equal(onlySpan(recording).instrumentationScope?.name, SDK_SCOPE);
      recording.reset();
      await call('messages.create', QUESTION, fixture('anthropic', 'message'));
      assert.equal(onlySpan(recording).instrumentationScope?.name, OUR_SCOPE);
    });

    it("gives a call one span when the client's own tracing is off", async () => {
      await callMethod(newClient({ openTelemetry: false }), 'messages.create', [QUESTION, fixture('anthropic', 'message')]);
      assert.deepEqual(attributesLike(onlySpan(recording), CACHED_USAGE), CACHED_USAGE);
    });
  } else {
    it('has no tracing of its own: without this package a call has no span', async () => {
      await withoutThisPackage(() => call('messages.create', QUESTION, fixture('anthropic', 'message')));
      assert.deepEqual(recording.spans(), []);
    });
  }
});
