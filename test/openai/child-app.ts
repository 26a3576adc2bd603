import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * Child apps under test/fixtures/apps/openai/, started with a preload that instruments `openai`
 * from the built package (dist/, `npm run build`) and prints the finished spans at exit.
 */

export const APPS = join(ROOT, 'test', 'fixtures', 'apps', 'openai');

export interface ChildSpan {
  readonly name: string;
  readonly kind: number;
  readonly scope: string;
  readonly attributes: Record<string, unknown>;
  readonly status: { code: number; message?: string };
}

export interface ChildTelemetry {
  readonly spans: ChildSpan[];
  readonly warnings: string[];
}

/**
 * Runs `node --expose-gc <flag> <preload> <app>` with the fixture server's origin and `env`, checks that the
 * app exited cleanly, and returns what its preload printed.
 */
export async function runChildApp(
  flag: '--require' | '--import',
  app: string,
  env: Record<string, string>,
): Promise<ChildTelemetry> {
  const preload = join(APPS, flag === '--require' ? 'preload.cjs' : 'preload.mjs');
  const result = await runNode(['--expose-gc', flag, preload, join(APPS, app)], { cwd: ROOT, env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '') as ChildTelemetry;
}

/** The spans of app.cjs / app.mjs: a plain chat call and a streamed one, read from the fixtures. */
export function expectPlainAndStreamedChatSpans(spans: ChildSpan[]): void {
  expect(spans.map((span) => span.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
  expect(spans.map((span) => span.scope)).toEqual(['otel-llm-observer/openai', 'otel-llm-observer/openai']);
  expect(spans[0]?.attributes).toMatchObject({
    'gen_ai.provider.name': 'openai',
    'gen_ai.response.id': 'chatcmpl-CfZ3xQ9a1b2c3d4e5f6g7h8i9j',
    'gen_ai.usage.input_tokens': 2310,
    'gen_ai.usage.output_tokens': 9,
    'gen_ai.usage.cache_read.input_tokens': 2048,
    'llm_observer.call.outcome': 'completed',
  });
  expect(spans[1]?.attributes).toMatchObject({
    'gen_ai.request.stream': true,
    'gen_ai.response.id': 'chatcmpl-CfZ4stream000000000000001',
    'gen_ai.usage.input_tokens': 2310,
    'gen_ai.usage.output_tokens': 7,
    'gen_ai.usage.cache_read.input_tokens': 1920,
    'llm_observer.call.outcome': 'completed',
  });
}
