import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.js';
import { startOtlpReceiver } from './support/otlp-receiver.js';
import { ROOT, runNode } from './support/pinned-install.js';

/**
 * Every example runs as its README says, against the fixture server (through the SDK's own
 * OPENAI_BASE_URL) and a local OTLP receiver standing in for the backend.
 */

const EXAMPLES = join(ROOT, 'examples');

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

async function runExample(args: string[], cwd: string) {
  const receiver = await startOtlpReceiver();
  try {
    const result = await runNode(args, {
      cwd,
      env: {
        OPENAI_API_KEY: 'sk-example-not-a-real-key',
        OPENAI_BASE_URL: `${server.origin}/v1`,
        ANTHROPIC_API_KEY: 'sk-ant-example-not-a-real-key',
        ANTHROPIC_BASE_URL: server.origin,
        OTEL_LLM_OBSERVER_REPORT: 'stderr',
        // The receiver stands in for Jaeger or Honeycomb; the variable set here wins over --env-file.
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      },
    });
    expect(result.code).toBe(0);
    return { stdout: result.stdout, stderr: result.stderr, receiver };
  } finally {
    await receiver.close();
  }
}

const ANSWER = 'The capital of France is Paris.';

describe('examples', () => {
  it('zero-code: the app prints its answers and its two calls reach the collector', async () => {
    const { stdout, stderr, receiver } = await runExample(
      ['--import', 'otel-llm-observer/register', 'app.mjs'],
      join(EXAMPLES, 'zero-code'),
    );
    expect(stdout).toBe(`${ANSWER}\n${ANSWER}\n`);
    expect(stderr).toContain('otel-llm-observer: LLM calls by provider and model (at shutdown)');
    expect(receiver.calls().map((span) => span.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
  });

  it('nodesdk: an app-built NodeSDK with llmObserver() exports the spans under its service name', async () => {
    const { receiver } = await runExample(
      ['--import', './instrumentation.mjs', '../zero-code/app.mjs'],
      join(EXAMPLES, 'nodesdk'),
    );
    expect(receiver.calls()).toHaveLength(2);
    expect(receiver.calls()[0]?.resource['service.name']).toBe('nodesdk-example');
    expect(receiver.calls()[0]?.attributes['gen_ai.usage.input_tokens']).toBe(2310);
  });

  it('jaeger: the env file names the service and the protocol Jaeger receives', async () => {
    const { receiver } = await runExample(
      ['--env-file=jaeger.env', '--import', 'otel-llm-observer/register', '../zero-code/app.mjs'],
      join(EXAMPLES, 'jaeger'),
    );
    expect(receiver.contentTypes[0]).toBe('application/x-protobuf');
    expect(receiver.calls()[0]?.resource['service.name']).toBe('llm-app');
  });

  it('honeycomb: the env file sends the x-honeycomb-team header with every export', async () => {
    const { receiver } = await runExample(
      ['--env-file=honeycomb.env', '--import', 'otel-llm-observer/register', '../zero-code/app.mjs'],
      join(EXAMPLES, 'honeycomb'),
    );
    expect(receiver.headers.length).toBeGreaterThan(0);
    expect(receiver.headers.every((headers) => headers['x-honeycomb-team'] === 'your-honeycomb-ingest-key')).toBe(true);
    expect(receiver.calls()).toHaveLength(2);
  });

  it('anthropic-caching: the spans show the missed caching, the write and the reads, priced by hand', async () => {
    const { stdout, stderr, receiver } = await runExample(
      ['--import', 'otel-llm-observer/register', 'app.mjs'],
      join(EXAMPLES, 'anthropic-caching'),
    );
    expect(stdout).toBe('5 calls made\n');
    const calls = receiver.calls().map((span) => span.attributes);
    expect(calls).toHaveLength(5);
    // claude-sonnet-4-6, USD per 1M: input 3, 1h write 6, read 0.30, output 15; the policy is
    // 24,360 characters, an estimated 6,090 tokens.
    expect(calls[0]?.['llm_observer.cost.total_usd']).toBeCloseTo(0.018795, 12); // 6180 × 3 + 17 × 15
    expect(calls[0]?.['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    // 6090 × (3 - 0.30) - 6090 × (3.75 - 3): the first repeat pays the write premium.
    expect(calls[1]?.['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0118755, 12);
    expect(calls[1]?.['llm_observer.cache.recommendation']).toBe('anthropic.add_cache_control');
    expect(calls[2]?.['llm_observer.cost.total_usd']).toBeCloseTo(0.037065, 12); // 90 × 3 + 6090 × 6 + 17 × 15
    expect(calls[2]?.['llm_observer.cache.savings_usd']).toBeCloseTo(-0.01827, 12); // 18795 - 37065 µUSD
    for (const read of calls.slice(3)) {
      expect(read['llm_observer.cost.total_usd']).toBeCloseTo(0.002352, 12); // 90 × 3 + 6090 × 0.30 + 17 × 15
      expect(read['llm_observer.cache.savings_usd']).toBeCloseTo(0.016443, 12); // 6090 × (3 - 0.30)
    }
    expect(stderr).toMatch(/anthropic\.add_cache_control\s+anthropic\s+claude-sonnet-4-6/);
  });
});

describe('npm run fixture-server', () => {
  it('serves the fixtures on 127.0.0.1 until stopped, and says where: the SDK gets its answer there', async () => {
    // Port 0: any free port, which the script prints, so that the test never meets a port in use.
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'fixture-server.mjs'), '0'], { cwd: ROOT });
    try {
      let stdout = '';
      const origin = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (listening?.[1] !== undefined) resolve(listening[1]);
        });
        child.once('exit', (code) => reject(new Error(`the fixture server exited (${code}) before listening: ${stdout}`)));
      });
      expect(stdout).toContain(`export OPENAI_BASE_URL=${origin}/v1`);
      expect(stdout).toContain(`export ANTHROPIC_BASE_URL=${origin}`);
      expect(stdout).toContain('x-fixture: <folder>/<name>');

      const client = new OpenAI({ apiKey: 'sk-example-not-a-real-key', baseURL: `${origin}/v1` });
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
      expect(completion.choices[0]?.message.content).toBe(ANSWER);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = await exited;
      expect(code).toBe(0);
    }
  });
});
