import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { ROOT, runNode } from '../support/pinned-install.js';

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
    const spans = receiver.spans.filter((span) => span.scope.startsWith('otel-llm-observer'));
    expect(spans.map((span) => span.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
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
  });
});

describe('zero-code set-up', () => {
  it('flushes the spans of a long-running app when SIGTERM ends it, which then ends as SIGTERM would', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const child = spawn(process.execPath, ['--import', 'otel-llm-observer/register', join(APPS, 'long-running.mjs')], {
        cwd: ROOT,
        env: { ...process.env, FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint },
      });
      const [ready] = (await once(child.stdout, 'data')) as [Buffer];
      expect(ready.toString()).toBe('ready\n');
      expect(receiver.spans).toHaveLength(0);
      child.kill('SIGTERM');
      const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
      expect(receiver.spans.map((span) => span.name)).toEqual(['chat gpt-4o-mini']);
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
      expect(result.stdout).toBe(
        'own-provider otel-llm-observer/openai chat gpt-4o-mini\nown-provider otel-llm-observer/openai chat gpt-4o-mini\n',
      );
      expect(receiver.spans).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('refuses to start with an OTEL_LLM_OBSERVER_PROVIDERS value it does not understand, naming the variable', async () => {
    const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'app.mjs')], {
      cwd: ROOT,
      env: { FIXTURE_ORIGIN: server.origin, OTEL_LLM_OBSERVER_PROVIDERS: 'openai,gemini', OTEL_TRACES_EXPORTER: 'none' },
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('OTEL_LLM_OBSERVER_PROVIDERS="openai,gemini": unknown value "gemini"');
  });

  it('traces no openai call when OTEL_LLM_OBSERVER_PROVIDERS leaves openai out', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', 'otel-llm-observer/register', join(APPS, 'app.mjs')], {
        cwd: ROOT,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_LLM_OBSERVER_PROVIDERS: 'anthropic' },
      });
      expect(result.code).toBe(0);
      expect(receiver.spans).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});
