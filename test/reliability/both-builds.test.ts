import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * An ESM app, instrumented from the built package (`npm run build`) with the loader hook of
 * import-in-the-middle registered, that loads both the ESM and the CommonJS build of
 * `@anthropic-ai/sdk` (the SDK's own tracing on, as by default) and calls each: the two builds are
 * distinct classes, each wrapped once, and each call has one span, this package's. The same for
 * `openai` is in test/openai/load-time.test.ts.
 */

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const CALLS = ['create', 'create-stream', 'stream-helper'];

it('gives each call of an ESM app that loads both builds of @anthropic-ai/sdk one span, this package’s', async () => {
  const { code, stdout, stderr } = await runNode(['--import=./preload.mjs', join(ROOT, 'test', 'fixtures', 'reliability', 'anthropic-both-builds.mjs')], {
    cwd: join(ROOT, 'test', 'fixtures', 'apps', 'anthropic'),
    env: { FIXTURE_ORIGIN: server.origin, CALLS: CALLS.join(','), OBSERVER: 'on' },
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const spans = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { name: string; scope: string; attributes: Record<string, unknown> }[];
  expect(spans.map((span) => `${span.scope}: ${span.name}`)).toEqual(Array.from({ length: 2 * CALLS.length }, () => 'otel-llm-observer/anthropic: chat claude-sonnet-4-6'));
  expect(spans.map((span) => span.attributes['gen_ai.usage.input_tokens'])).toEqual(Array.from({ length: 2 * CALLS.length }, () => 21 + 1800 + 2100));
});
