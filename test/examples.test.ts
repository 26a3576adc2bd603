import { join } from 'node:path';
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
        // The receiver stands in for Jaeger or Honeycomb; the variable set here wins over --env-file.
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return { stdout: result.stdout, receiver };
  } finally {
    await receiver.close();
  }
}

const ANSWER = 'The capital of France is Paris.';

describe('examples', () => {
  it('zero-code: the app prints its answers and its two calls reach the collector', async () => {
    const { stdout, receiver } = await runExample(
      ['--import', 'otel-llm-observer/register', 'app.mjs'],
      join(EXAMPLES, 'zero-code'),
    );
    expect(stdout).toBe(`${ANSWER}\n${ANSWER}\n`);
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
});
