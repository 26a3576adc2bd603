import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { startOtlpGrpcReceiver, startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { startRealtimeServer } from '../support/realtime-server.js';
import { CHILD_EXIT_TIMEOUT_MS, installPinned, ROOT, runNode } from '../support/pinned-install.js';

/**
 * The zero-code path end to end: an app process started with the register flag calls the
 * fixture server, and its spans leave through the real OTLP/HTTP exporter to a receiver that
 * decodes them as a collector would.
 */

const APPS = join(ROOT, 'test', 'fixtures', 'apps', 'zero-code');

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

async function runApp(flag: '--import' | '--require', app: string, protocol: 'http/protobuf' | 'http/json') {
  const receiver = await startOtlpReceiver();
  try {
    const result = await runNode([flag, 'otel-llm-observer/register', join(APPS, app)], {
      cwd: ROOT,
      env: {
        FIXTURE_ORIGIN: server.origin,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_SERVICE_NAME: 'zero-code-e2e',
        OTEL_TRACES_EXPORTER: 'otlp',
      },
    });
    return { result, receiver };
  } finally {
    await receiver.close();
  }
}

/** `app` (app.mjs unless another is given) started with the ESM flag and `env`, its spans sent to a receiver started for it (OTLP/HTTP unless another is given). */
async function runAppWith(env: NodeJS.ProcessEnv, startReceiver: () => Promise<OtlpReceiver> = startOtlpReceiver, app = 'app.mjs') {
  const receiver = await startReceiver();
  try {
    const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, app)], {
      cwd: ROOT,
      env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, ...env },
    });
    return { result, receiver };
  } finally {
    await receiver.close();
  }
}

const ENCODINGS = [
  ['http/protobuf', 'application/x-protobuf'],
  ['http/json', 'application/json'],
] as const;

describe.each(ENCODINGS)('zero-code set-up exporting OTLP %s', (protocol, contentType) => {
  it.each([
    ['an ESM app started with --import', '--import', 'app.mjs'],
    ['a CommonJS app started with --require', '--require', 'app.cjs'],
  ] as const)('sends the spans of %s to the collector when the app exits', async (_, flag, app) => {
    const { result, receiver } = await runApp(flag, app, protocol);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(receiver.contentTypes.every((type) => type.startsWith(contentType))).toBe(true);
    const spans = receiver.calls();
    expect(spans.map((span) => span.name)).toEqual([
      'chat gpt-4o-mini',
      'chat gpt-4o-mini',
      'chat claude-sonnet-4-6',
      'chat claude-sonnet-4-6',
    ]);
    // @anthropic-ai/sdk 1.13 traces its calls itself: with this package registered, one span per
    // call; the only other span is the cost processor's summary, emitted at shutdown.
    expect(receiver.spans.map((span) => span.name).filter((name) => !name.startsWith('chat '))).toEqual(['llm_observer.report']);
    expect(receiver.otherSignals).toContain('/v1/metrics');
    expect(spans[0]?.resource['service.name']).toBe('zero-code-e2e');
    expect(spans[0]?.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 9,
      'gen_ai.usage.cache_read.input_tokens': 2048,
    });
    expect(spans[1]?.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 1920,
    });
    // gpt-4o-mini list prices, USD per 1M tokens: input 0.15, cached input 0.075, output 0.60.
    // Plain call: (2310 - 2048) × 0.15 + 2048 × 0.075 + 9 × 0.60 = 198.3 µUSD; caching saved 2048 × 0.075.
    expect(spans[0]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0001983, 12);
    expect(spans[0]?.attributes['llm_observer.cache.savings_usd']).toBeCloseTo(0.0001536, 12);
    // Streamed call: (2310 - 1920) × 0.15 + 1920 × 0.075 + 7 × 0.60 = 206.7 µUSD; caching saved 1920 × 0.075.
    expect(spans[1]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0002067, 12);
    expect(spans[1]?.attributes['llm_observer.cache.savings_usd']).toBeCloseTo(0.000144, 12);
    // claude-sonnet-4-6, USD per 1M: input 3, cache read 0.30, 5m write 3.75, 1h write 6, output 15.
    // Usage: 21 uncached, 1800 read, 600 + 1500 written (5m + 1h), 9 out. Inclusive input 3921.
    // Cost 21×3 + 1800×0.30 + 600×3.75 + 1500×6 + 9×15 = 11988 µUSD; uncached 3921×3 + 9×15 = 11898:
    // the writes cost 90 µUSD more than they saved on this call.
    for (const span of spans.slice(2)) {
      expect(span.attributes).toMatchObject({
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.usage.input_tokens': 3921,
        'gen_ai.usage.cache_read.input_tokens': 1800,
        'gen_ai.usage.cache_creation.input_tokens': 2100,
        'gen_ai.usage.output_tokens': 9,
      });
      expect(span.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.011988, 12);
      expect(span.attributes['llm_observer.cache.savings_usd']).toBeCloseTo(-0.00009, 12);
    }
  });
});

describe('zero-code set-up in an ESM app on a WebSocket session', () => {
  it.each([
    // As test/openai/realtime.test.ts works it out: 31,561.6 µ$, of which caching saved 26,982.4 µ$.
    ['the ESM build of openai/realtime/ws', 'realtime.mjs', 'openai-realtime', ['chat gpt-realtime', 0.0315616, 0.0269824]],
    // The same response, through the OpenAI Agents SDK's voice transport.
    ['the ESM build of @openai/agents-realtime (a voice agent)', 'agents-realtime.mjs', 'openai-realtime', ['chat gpt-realtime', 0.0315616, 0.0269824]],
    // As test/openai/responses-websocket.test.ts works it out: 1,488.6 µ$, of which caching saved 1,382.4 µ$.
    ['the ESM build of openai/resources/responses/ws', 'responses-websocket.mjs', 'openai-responses-websocket', ['chat gpt-5.4-mini', 0.0014886, 0.0013824]],
  ])('gives each response its span, priced, from %s', async (_, app, fixtures, expected) => {
    const sockets = await startRealtimeServer(fixtures);
    try {
      const { result, receiver } = await runAppWith({ REALTIME_ORIGIN: sockets.origin, OTEL_SERVICE_NAME: 'websocket-e2e' }, startOtlpReceiver, app);
      expect([result.stdout, result.stderr, result.code]).toEqual(['completed\n', '', 0]);
      const [span, ...others] = receiver.calls();
      expect(others).toEqual([]);
      expect([span?.name, span?.attributes['llm_observer.cost.total_usd'], span?.attributes['llm_observer.cache.savings_usd']]).toEqual(expected);
    } finally {
      await sockets.close();
    }
  });
});

describe('zero-code set-up in an ESM app that imports only the entry point of its client class', () => {
  it.each([
    // As test/openai/backends.test.ts works it out: 976 × 5.50 + 1,024 × 0.55 + 300 × 33 = 15,831.2 µ$.
    ['openai/bedrock', 'bedrock-openai.mjs', 'Paris.', ['chat openai.gpt-5.5', 'aws.bedrock', 0.0158312]],
    // gpt-4o-mini's list price: 14 × 0.15 + 8 × 0.60 = 2.1 + 4.8 = 6.9 µ$.
    ['openai/azure', 'azure-openai.mjs', 'The capital of Sweden is Stockholm.', ['chat gpt-4o-mini', 'azure.ai.openai', 0.0000069]],
    // Google's earlier Gemini SDK, a package of its own: as test/gemini/generative-ai.test.ts works it out, 667.04 µ$.
    ['@google/generative-ai', 'generative-ai.mjs', 'The capital of France is Paris.', ['generate_content gemini-2.5-flash', 'gcp.gemini', 0.00066704]],
    // ollama-js's browser build: a self-hosted model, unpriced.
    ['ollama/browser', 'ollama-browser.mjs', 'The capital of France is Paris.', ['chat llama3.2', 'ollama', undefined]],
  ])('traces the calls of an app that imports %s alone, as its backend, priced where a price is known', async (_, app, answer, expected) => {
    const { result, receiver } = await runAppWith({ OTEL_SERVICE_NAME: 'client-entry-e2e' }, startOtlpReceiver, app);
    expect([result.stdout, result.stderr, result.code]).toEqual([`${answer}\n`, '', 0]);
    const [span, ...others] = receiver.calls();
    expect(others).toEqual([]);
    expect([span?.name, span?.attributes['gen_ai.provider.name'], span?.attributes['llm_observer.cost.total_usd']]).toEqual(expected);
  });
});

describe('zero-code set-up in an app on the AWS SDK’s Bedrock Runtime client (@aws-sdk/client-bedrock-runtime)', () => {
  const GLOBAL_SONNET = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const US_SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const INVOKE_ANSWER = "The capital of France is Paris. It is also the country's largest city and its political, economic and cultural center.";

  it.each([
    ['an ESM app started with --import', '--import', 'bedrock.mjs'],
    ['a CommonJS app started with --require', '--require', 'bedrock.cjs'],
  ] as const)(
    'gives its ConverseCommand, ConverseStreamCommand, InvokeModelCommand and InvokeModelWithResponseStreamCommand one span each, priced, in %s',
    async (_, flag, app) => {
      const { result, receiver } = await runApp(flag, app, 'http/protobuf');
      expect([result.stdout, result.stderr, result.code]).toEqual([
        `The capital of France is Paris. It is also the largest city in the country, with about 2.1 million people in the city proper.\nThe capital of France is Paris.\n${INVOKE_ANSWER}\n${INVOKE_ANSWER}\n`,
        '',
        0,
      ]);
      const spans = receiver.calls();
      expect(spans.map((span) => [span.name, span.scope, span.attributes['gen_ai.provider.name'], span.attributes['gen_ai.request.stream']])).toEqual([
        [`chat ${GLOBAL_SONNET}`, 'otel-llm-observer/bedrock', 'aws.bedrock', undefined],
        [`chat ${GLOBAL_SONNET}`, 'otel-llm-observer/bedrock', 'aws.bedrock', true],
        [`chat ${US_SONNET}`, 'otel-llm-observer/bedrock', 'aws.bedrock', undefined],
        [`chat ${US_SONNET}`, 'otel-llm-observer/bedrock', 'aws.bedrock', true],
      ]);
      expect(spans[0]?.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 14, 'gen_ai.usage.output_tokens': 32 });
      expect(spans[1]?.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 3024, 'gen_ai.usage.cache_read.input_tokens': 3000, 'gen_ai.usage.output_tokens': 9 });
      // InvokeModel, plain and streamed (test/fixtures/bedrock/invoke-claude.json and invoke-claude-stream.json):
      // the same answer, 24 in beside 3,000 read from the cache, 27 out; the input counts the cache read.
      for (const span of spans.slice(2)) {
        expect(span.attributes).toMatchObject({
          'gen_ai.request.model': US_SONNET,
          'gen_ai.request.max_tokens': 512,
          'gen_ai.response.finish_reasons': ['end_turn'],
          'gen_ai.usage.input_tokens': 3024,
          'gen_ai.usage.cache_read.input_tokens': 3000,
          'gen_ai.usage.output_tokens': 27,
        });
      }
      // Claude Sonnet 4.5, USD per 1M: input 3, cache read 0.30, output 15 (as test/bedrock/converse.test.ts
      // and test/bedrock/invoke-model.test.ts work it out).
      // Through a global inference profile, at the list price:
      // Converse: 14 × 3 + 32 × 15 = 522 µUSD. ConverseStream: 24 × 3 + 3000 × 0.30 + 9 × 15 = 1,107 µUSD,
      // of which caching saved 3000 × (3 − 0.30) = 8,100 µUSD.
      // Through a geographic (us.) inference profile, 10 % above the list price:
      // InvokeModel and InvokeModelWithResponseStream, each: 24 × 3 × 1.1 = 79.2, 3000 × 0.30 × 1.1 = 990,
      // 27 × 15 × 1.1 = 445.5: 1,514.7 µUSD, of which caching saved 3000 × (3 − 0.30) × 1.1 = 8,910 µUSD.
      expect(spans[0]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.000522, 12);
      expect(spans[1]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.001107, 12);
      expect(spans[1]?.attributes['llm_observer.cache.savings_usd']).toBeCloseTo(0.0081, 12);
      for (const span of spans.slice(2)) {
        expect(span.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0015147, 12);
        expect(span.attributes['llm_observer.cache.savings_usd']).toBeCloseTo(0.00891, 12);
      }
      expect(receiver.spans.map((span) => span.name).filter((name) => !name.startsWith('chat '))).toEqual(['llm_observer.report']);
      // The report at exit: the four calls under the one model, 522 + 1,107 + 2 × 1,514.7 = 4,658.4 µUSD,
      // caching saving 8,100 + 2 × 8,910 = 25,920 µUSD.
      const totals = receiver.spans.at(-1)?.events.filter((event) => event.name === 'llm_observer.report.model_totals') ?? [];
      expect(totals.map((event) => [event.attributes['llm_observer.report.model'], event.attributes['llm_observer.report.calls']])).toEqual([['claude-sonnet-4-5', 4]]);
      expect(totals[0]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0046584, 12);
      expect(totals[0]?.attributes['llm_observer.cache.savings_usd']).toBeCloseTo(0.02592, 12);
    },
  );
});

describe('zero-code set-up in an app that leaves a failed call unhandled', () => {
  it.each([
    'openai chat.completions.create',
    '@anthropic-ai/sdk messages.create',
    '@google/genai generateContent',
    '@google/genai caches.delete',
    '@google/genai interactions.create',
    '@google/generative-ai generateContent',
    '@google/generative-ai generateContentStream',
    '@aws-sdk/client-bedrock-runtime ConverseCommand',
  ])(
    'ends the process of %s as Node does without this package: the rejection reported, exit code 1',
    async (failingCall) => {
      const env = { FIXTURE_ORIGIN: server.origin, FAILING_CALL: failingCall, OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' };
      const app = join(APPS, 'unhandled-rejection.mjs');
      const [untraced, traced] = await Promise.all([runNode([app], { cwd: ROOT, env }), runNode(['--import', 'otel-llm-observer/register', app], { cwd: ROOT, env })]);
      // The error Node reports: its first line, as the SDK's error class prints it.
      const reported = (stderr: string) => stderr.split('\n').find((line) => /Error|error/.test(line) && !line.startsWith('otel-llm-observer'));
      expect(untraced.code).toBe(1);
      expect([traced.code, traced.stdout, reported(traced.stderr)]).toEqual([untraced.code, untraced.stdout, reported(untraced.stderr)]);
    },
  );
});

describe('zero-code sampling', () => {
  async function runSampled(env: NodeJS.ProcessEnv) {
    const { result, receiver } = await runAppWith({ OTEL_SERVICE_NAME: 'sampling-e2e', ...env });
    expect(result.code).toBe(0);
    return { result, receiver };
  }

  it.each([
    ['OTEL_TRACES_SAMPLER=always_off', { OTEL_TRACES_SAMPLER: 'always_off' }],
    ['a ratio of 0 (OTEL_TRACES_SAMPLER=parentbased_traceidratio, OTEL_TRACES_SAMPLER_ARG=0)', { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }],
  ])('with %s, exports no call and a report with every call priced in it', async (_, env) => {
    const { result, receiver } = await runSampled(env);
    expect(result.stderr).toBe('');
    expect(receiver.spans.map((span) => span.name)).toEqual(['llm_observer.report']);
    const totals = receiver.spans[0]!.events.filter((event) => event.name === 'llm_observer.report.model_totals');
    expect(totals.map((event) => [event.attributes['llm_observer.report.model'], event.attributes['llm_observer.report.calls']])).toEqual([
      ['gpt-4o-mini', 2],
      ['claude-sonnet-4-6', 2],
    ]);
    // The four calls' costs, as the first test of this file works them out: 198.3 + 206.7 µUSD, and 2 × 11,988 µUSD.
    expect(totals[0]!.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0001983 + 0.0002067, 12);
    expect(totals[1]!.attributes['llm_observer.cost.total_usd']).toBeCloseTo(2 * 0.011988, 12);
  });

  it('with a sampler it cannot build, says so once on stderr and samples every trace, as NodeSDK does', async () => {
    const { result, receiver } = await runSampled({ OTEL_TRACES_SAMPLER: 'jaeger_remote' });
    expect(result.stderr.trim().split('\n')).toEqual([
      'otel-llm-observer/register: OTEL_TRACES_SAMPLER names "jaeger_remote", which is none of parentbased_always_on, parentbased_always_off, parentbased_traceidratio, always_on, always_off, traceidratio: parentbased_always_on is used',
    ]);
    expect(receiver.calls()).toHaveLength(4);
  });
});

describe('zero-code set-up exporting OTLP over gRPC (OTEL_EXPORTER_OTLP_PROTOCOL=grpc)', () => {
  it('sends the spans and the metrics to the collector’s gRPC receiver, as NodeSDK would', async () => {
    const { result, receiver } = await runAppWith({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_SERVICE_NAME: 'grpc-e2e' }, startOtlpGrpcReceiver);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(receiver.spans.map((span) => span.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini', 'chat claude-sonnet-4-6', 'chat claude-sonnet-4-6', 'llm_observer.report']);
    expect(receiver.spans[0]?.resource['service.name']).toBe('grpc-e2e');
    // As the first test of this file works it out.
    expect(receiver.spans[0]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0001983, 12);
    expect(receiver.otherSignals).toContain('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export');
  });
});

describe('zero-code set-up in an app that ends with process.exit()', () => {
  // Nothing asynchronous runs after process.exit(): the export cannot happen. What is said instead.
  async function runExiting(env: NodeJS.ProcessEnv) {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'exit-at-once.mjs')], {
        cwd: ROOT,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, ...env },
      });
      expect(result).toMatchObject({ code: 0, stdout: 'done\n' });
      expect(receiver.spans).toEqual([]);
      return { stderr: result.stderr.trim().split('\n'), endpoint: receiver.endpoint };
    } finally {
      await receiver.close();
    }
  }

  it('prints the report it was asked for, and says which spans and metrics were not sent and why', async () => {
    const { stderr, endpoint } = await runExiting({ OTEL_LLM_OBSERVER_REPORT: 'stderr' });
    expect(stderr[0]).toBe('otel-llm-observer: LLM calls by provider and model (at shutdown)');
    expect(stderr.filter((line) => /^openai +gpt-4o-mini +1 /.test(line))).toHaveLength(1);
    // The call's span and the report's, which closing the report at exit made.
    expect(stderr.at(-1)).toBe(
      `otel-llm-observer/register: the process ended at once (process.exit() or an uncaught error) before its telemetry was sent: 2 spans to ${endpoint}/v1/traces and the metrics to ${endpoint}/v1/metrics not exported. Set process.exitCode instead of calling process.exit(), and the process ends once its work and the export are done`,
    );
  });

  it('names only the spans when no metrics are exported over OTLP', async () => {
    const { stderr, endpoint } = await runExiting({ OTEL_METRICS_EXPORTER: 'none' });
    expect(stderr).toEqual([
      `otel-llm-observer/register: the process ended at once (process.exit() or an uncaught error) before its telemetry was sent: 2 spans to ${endpoint}/v1/traces not exported. Set process.exitCode instead of calling process.exit(), and the process ends once its work and the export are done`,
    ]);
  });
});

describe('zero-code settings it cannot use, said once on stderr', () => {
  it.each([
    [
      'an OTLP protocol it does not know (thrift)',
      { OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift' },
      'OTLP protocol "thrift" is not supported here; using http/protobuf',
      4,
    ],
    [
      'a traces exporter it does not build (zipkin)',
      { OTEL_TRACES_EXPORTER: 'zipkin' },
      'OTEL_TRACES_EXPORTER names "zipkin", which otel-llm-observer/register does not support (otlp, console, none)',
      0,
    ],
    ['a report setting it does not know', { OTEL_LLM_OBSERVER_REPORT: 'yes' }, 'OTEL_LLM_OBSERVER_REPORT="yes" is neither stderr nor none; the report is not printed', 4],
    // Read by each of the four instrumentations: said once all the same.
    [
      'a fingerprint switch it does not know',
      { OTEL_LLM_OBSERVER_FINGERPRINTS: 'maybe' },
      'OTEL_LLM_OBSERVER_FINGERPRINTS="maybe" is neither true nor false; prefix fingerprints stay on',
      4,
    ],
  ])('with %s', async (_, env, line, calls) => {
    const { result, receiver } = await runAppWith({ OTEL_METRICS_EXPORTER: 'none', ...env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`otel-llm-observer/register: ${line}\n`);
    expect(receiver.calls()).toHaveLength(calls);
  });

  it('with an SDK version outside the supported range, whose calls are not traced', { timeout: 180_000 }, async () => {
    const folder = installPinned({ openai: '3.3.0' });
    writeFileSync(join(folder, 'app.cjs'), "require('openai');\n");
    const result = await runNode(['--require', join(ROOT, 'dist', 'cjs', 'register.js'), 'app.cjs'], {
      cwd: folder,
      env: { OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' },
    });
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: 'otel-llm-observer/register: openai 3.3.0 is outside the supported range >=4.0.0 <8; its calls are not traced\n',
    });
  });
});

describe('zero-code with OTEL_SDK_DISABLED', () => {
  it.each([
    ['true', false],
    [' TRUE ', false],
    ['false', true],
  ])('with OTEL_SDK_DISABLED=%j, patches the SDK: %s', async (disabled, patched) => {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'sdk-disabled.mjs')], {
        cwd: ROOT,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'disabled-e2e', OTEL_SDK_DISABLED: disabled },
      });
      expect(result).toEqual({ code: 0, stdout: `patched: ${patched}\n`, stderr: '' });
    } finally {
      await receiver.close();
    }
    // Disabled: nothing exported, no span and no metric; else the call and the report.
    expect(receiver.spans.map((span) => span.name)).toEqual(patched ? ['chat gpt-4o-mini', 'llm_observer.report'] : []);
    expect(receiver.otherSignals.length > 0).toBe(patched);
  });
});

describe('zero-code resources', () => {
  // A key passed on the command line, as CLI scripts often take one (a real-format fake).
  const KEY_ARGUMENT = '--api-key=sk-proj-Zk3vQ8rT2mWx9LbN4cYd7HsEf1GjUo6PaRiKtVzX';

  async function exportedResource(env: NodeJS.ProcessEnv) {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'app.mjs'), KEY_ARGUMENT], {
        cwd: ROOT,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'resources-e2e', ...env },
      });
      expect(result.code).toBe(0);
      return { resource: receiver.calls()[0]?.resource ?? {}, bytes: Buffer.concat(receiver.bodies).toString('latin1') };
    } finally {
      await receiver.close();
    }
  }

  it('exports no command line, user or host name by default, only the service name and instance id', async () => {
    const { resource, bytes } = await exportedResource({});
    expect(resource['service.name']).toBe('resources-e2e');
    expect(resource).not.toHaveProperty('process.command_args');
    expect(resource).not.toHaveProperty('process.command_line');
    expect(resource).not.toHaveProperty('process.owner');
    expect(resource).not.toHaveProperty('host.name');
    expect(bytes).not.toContain('sk-proj-Zk3vQ8rT2mWx9LbN4cYd7HsEf1GjUo6PaRiKtVzX');
    expect(bytes).not.toContain(hostname());
  });

  it('detects what OTEL_NODE_RESOURCE_DETECTORS names, the command line included, when the app asks for it', async () => {
    const { resource } = await exportedResource({ OTEL_NODE_RESOURCE_DETECTORS: 'all' });
    expect(resource['process.command_args']).toContain(KEY_ARGUMENT);
    expect(resource['host.name']).toBe(hostname());
  });
});

describe('zero-code set-up without a collector', () => {
  /** A port nothing listens on: taken, then let go. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  it('ends once the app is done without waiting on the exporters, and says on stderr where the spans and metrics could not go', async () => {
    const port = await closedPort();
    // The exporters alone would retry for ten minutes, far past this test's timeout: the process
    // ends because the exit waits no longer than OTEL_LLM_OBSERVER_EXIT_TIMEOUT (its default, 1 s,
    // named here as runNode sets a longer one), which its stderr names. Nothing here measures time.
    const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'no-calls.mjs')], {
      cwd: ROOT,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_TIMEOUT: '600000', OTEL_LLM_OBSERVER_EXIT_TIMEOUT: '1000' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('done\n');
    expect(result.stderr.trim().split('\n')).toEqual([
      `otel-llm-observer/register: 1 span was not exported to http://127.0.0.1:${port}/v1/traces: no answer within the 1000 ms the exit waits (OTEL_LLM_OBSERVER_EXIT_TIMEOUT)`,
      `otel-llm-observer/register: metrics were not exported to http://127.0.0.1:${port}/v1/metrics: no answer within the 1000 ms the exit waits (OTEL_LLM_OBSERVER_EXIT_TIMEOUT)`,
    ]);
  }, 120_000);

  it('over gRPC too, names the collector’s gRPC endpoint', async () => {
    const port = await closedPort();
    const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'no-calls.mjs')], {
      cwd: ROOT,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TIMEOUT: '600000', OTEL_LLM_OBSERVER_EXIT_TIMEOUT: '1000' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('done\n');
    // Why depends on how far the gRPC client got before the exit (no answer, or UNAVAILABLE): where is the point here.
    expect(result.stderr.split('\n')[0]).toMatch(new RegExp(`^otel-llm-observer/register: 1 span was not exported to http://127\\.0\\.0\\.1:${port}: \\S`));
  }, 120_000);

  it('says nothing, and waits on no collector, when the app exports no spans and no metrics', async () => {
    const port = await closedPort();
    const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'no-calls.mjs')], {
      cwd: ROOT,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' },
    });
    expect(result).toEqual({ code: 0, stdout: 'done\n', stderr: '' });
  });
});

describe('zero-code set-up with a pricing file it cannot use', () => {
  it.each([
    ['a file that does not exist', () => join(ROOT, 'test', 'fixtures', 'pricing-overrides', 'no-such-file.json'), 'cannot be read'],
    ['a file that is not JSON', () => join(APPS, 'no-calls.mjs'), 'cannot be read'],
  ])('with %s, prints the file and the reason on stderr and prices with the shipped table', async (_, file, reason) => {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'app.mjs')], {
        cwd: ROOT,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_LLM_OBSERVER_PRICING_FILE: file() },
      });
      expect(result.code).toBe(0);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('otel-llm-observer/register: OTEL_LLM_OBSERVER_PRICING_FILE refused, the shipped prices are used: ');
      expect(lines[0]).toContain(file());
      expect(lines[0]).toContain(reason);
      // gpt-4o-mini at the shipped prices: 198.3 µUSD, as in the OTLP test above.
      expect(receiver.calls()[0]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0001983, 12);
    } finally {
      await receiver.close();
    }
  });
});

describe('zero-code set-up', () => {
  it('flushes the spans of a long-running app when SIGTERM ends it, which then ends as SIGTERM would', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const child = spawn(process.execPath, ['--import', 'otel-llm-observer/register', join(APPS, 'long-running.mjs')], {
        cwd: ROOT,
        env: { ...process.env, FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_LLM_OBSERVER_EXIT_TIMEOUT: CHILD_EXIT_TIMEOUT_MS },
      });
      const [ready] = (await once(child.stdout, 'data')) as [Buffer];
      expect(ready.toString()).toBe('ready\n');
      expect(receiver.calls()).toHaveLength(0);
      child.kill('SIGTERM');
      const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
      expect(receiver.calls().map((span) => span.name)).toEqual(['chat gpt-4o-mini']);
    } finally {
      await receiver.close();
    }
  });

  it('leaves a tracer provider the app registered first in place and adds only the instrumentations', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(
        ['--import', join(APPS, 'own-provider.mjs'), '--import', 'otel-llm-observer/register', join(APPS, 'app.mjs')],
        { cwd: ROOT, env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } },
      );
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split('\n')).toEqual([
        'own-provider otel-llm-observer/openai chat gpt-4o-mini',
        'own-provider otel-llm-observer/openai chat gpt-4o-mini',
        'own-provider otel-llm-observer/anthropic chat claude-sonnet-4-6',
        'own-provider otel-llm-observer/anthropic chat claude-sonnet-4-6',
      ]);
      expect(receiver.spans).toHaveLength(0);
      // That provider has no cost processor of this package: said once, where the person starting the app sees it.
      expect(result.stderr.trim().split('\n')).toEqual([
        `otel-llm-observer/register: the app registered a tracer provider without this package's CostSpanProcessor, so its LLM calls are traced but not priced. Add llmObserver()'s span processors to the app's SDK (README, "Your own SDK"), or let otel-llm-observer/register start the SDK.`,
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('prices the calls in a tracer provider the app registered first with llmObserver()’s processors, and says nothing', async () => {
    const result = await runNode(['--import', join(APPS, 'own-provider-priced.mjs'), '--import', 'otel-llm-observer/register', join(APPS, 'app.mjs')], {
      cwd: ROOT,
      env: { FIXTURE_ORIGIN: server.origin },
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // The calls' costs, as the first test of this file works them out.
    expect(result.stdout.trim().split('\n')).toEqual([
      'own-provider chat gpt-4o-mini 0.0001983',
      'own-provider chat gpt-4o-mini 0.0002067',
      'own-provider chat claude-sonnet-4-6 0.011988',
      'own-provider chat claude-sonnet-4-6 0.011988',
    ]);
  });

  it("counts a call once when the app's own LLM span is around this package's, and says so once on stderr", async () => {
    const { result, receiver } = await runAppWith({ OTEL_SERVICE_NAME: 'zero-code-e2e' }, startOtlpReceiver, 'own-llm-span.mjs');
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      'otel-llm-observer/register: two instrumentations trace the same LLM calls, hand-made-llm-spans and otel-llm-observer/openai: each call is priced and counted once, on the otel-llm-observer/openai span; leave one of them out to export one span per call',
    ]);
    // In the order the spans were exported, which the batches decide: sorted.
    const calls = receiver.calls();
    const described = calls.map((span) => [
      span.scope,
      span.name,
      span.parentSpanId === '' ? 'root' : calls.find((parent) => parent.spanId === span.parentSpanId)?.scope,
      // gpt-4o-mini, USD per 1M: input 0.15, cached 0.075, output 0.60; each call 262 + 2,048 cached in, 9 out:
      // 39.3 + 153.6 + 5.4 = 198.3 µUSD, on this package's span; none on the app's.
      span.attributes['llm_observer.cost.total_usd'] ?? 'no cost',
    ]);
    expect(described.sort()).toEqual([
      ['hand-made-llm-spans', 'chat gpt-4o-mini', 'root', 'no cost'],
      ['hand-made-llm-spans', 'chat gpt-4o-mini', 'root', 'no cost'],
      ['otel-llm-observer/openai', 'chat gpt-4o-mini', 'hand-made-llm-spans', 0.0001983],
      ['otel-llm-observer/openai', 'chat gpt-4o-mini', 'hand-made-llm-spans', 0.0001983],
    ]);
    const totals = receiver.spans.at(-1)?.events.filter((event) => event.name === 'llm_observer.report.model_totals') ?? [];
    expect(totals.map((event) => [event.attributes['llm_observer.report.model'], event.attributes['llm_observer.report.calls'], event.attributes['llm_observer.cost.total_usd']])).toEqual([['gpt-4o-mini', 2, 0.0003966]]);
  });

  it('refuses to start with an OTEL_LLM_OBSERVER_PROVIDERS value it does not understand, naming the variable', async () => {
    const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'app.mjs')], {
      cwd: ROOT,
      env: { FIXTURE_ORIGIN: server.origin, OTEL_LLM_OBSERVER_PROVIDERS: 'openai,replicate', OTEL_TRACES_EXPORTER: 'none' },
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('OTEL_LLM_OBSERVER_PROVIDERS="openai,replicate": unknown value "replicate"');
  });

  it('traces only the providers OTEL_LLM_OBSERVER_PROVIDERS names', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'app.mjs')], {
        cwd: ROOT,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_LLM_OBSERVER_PROVIDERS: 'anthropic' },
      });
      expect(result.code).toBe(0);
      expect(receiver.calls().map((span) => span.attributes['gen_ai.provider.name'])).toEqual(['anthropic', 'anthropic']);
    } finally {
      await receiver.close();
    }
  });
});

describe('zero-code set-up on an older SDK', () => {
  it('traces an ESM app on openai 4.104.0, whose ESM build breaks when every module is hooked', { timeout: 180_000 }, async () => {
    const folder = installPinned({ openai: '4.104.0' });
    copyFileSync(join(APPS, 'openai-chat.mjs'), join(folder, 'app.mjs'));
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', join(ROOT, 'dist', 'esm', 'register.mjs'), 'app.mjs'], {
        cwd: folder,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint },
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('The capital of France is Paris.\n');
      expect(receiver.calls().map((span) => [span.name, span.attributes['gen_ai.usage.input_tokens']])).toEqual([
        ['chat gpt-4o-mini', 2310],
      ]);
    } finally {
      await receiver.close();
    }
  });
});
