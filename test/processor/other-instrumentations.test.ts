import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageReport } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { expectCost, expectExactCost, noCache } from './expect-cost.js';
import { GPT_4O_CACHED_CHAT_COST } from './gpt-4o-cached-chat.js';
import { OTEL_3_PINS, runTracedApp, type ExportedSpan } from './traced-app.js';

/**
 * An app that registers OpenTelemetry's own instrumentations of the same SDKs beside this
 * package's, as `getNodeAutoInstrumentations()` of `@opentelemetry/auto-instrumentations-node`
 * 0.82 does: `@opentelemetry/instrumentation-openai` 0.22 (which wraps the `openai` SDK's `create`
 * methods that this package wraps) and `@opentelemetry/instrumentation-aws-sdk` 0.79 (which wraps
 * the AWS SDK's base `Client.prototype.send`, which `BedrockRuntimeClient` inherits), registered
 * before this package's and after it, with the context manager NodeSDK registers. Run in a child
 * process (apps/traced-app.cjs, the built package: run `npm run build` first) over a pinned
 * install, since the project's own `openai` (7.x) is outside the OpenAI instrumentation's range.
 *
 * Before 2026-12-07 this package's wrapper was not made when another's was found at the method (an
 * inherited one too), and `InstrumentationBase._wrap`, which it used, took the other's off: with
 * both registered, one of the two traced nothing, and the other's spans were priced without the
 * cache's counts (`provider` `unknown`).
 */

let server: FixtureServer;
let folder: string;
beforeAll(async () => {
  server = await startFixtureServer();
  folder = mkdtempSync(join(tmpdir(), 'other-instrumentations-'));
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

const CONTEXT_MANAGER = { '@opentelemetry/context-async-hooks': '3.1.1' };
const OPENAI_PINS = { ...OTEL_3_PINS, ...CONTEXT_MANAGER, openai: '6.49.0', '@opentelemetry/instrumentation-openai': '0.22.0' };
const BEDROCK_PINS = {
  ...OTEL_3_PINS,
  ...CONTEXT_MANAGER,
  '@aws-sdk/client-bedrock-runtime': '3.1178.0',
  '@smithy/node-http-handler': '4.14.2',
  '@opentelemetry/instrumentation-aws-sdk': '0.79.0',
};

/** The spans and the cost processor's report of one call made with `instrumentations` registered in that order. */
async function traced(pins: Readonly<Record<string, string>>, instrumentations: string, call: string): Promise<{ spans: ExportedSpan[]; report: UsageReport }> {
  const reportFile = join(folder, `${instrumentations}-${call.replaceAll('/', '-')}.json`);
  const spans = await runTracedApp(pins, { line: 3, instrumentation: instrumentations, call, fixtureOrigin: server.origin, reportFile });
  return { spans, report: JSON.parse(readFileSync(reportFile, 'utf8')) as UsageReport };
}

const spanOf = (spans: readonly ExportedSpan[], scope: string) => spans.filter((span) => span.scope === scope);
const callsIn = (report: UsageReport) => report.models.map(({ provider, model, calls, costUsd }) => ({ provider, model, calls, costUsd }));

describe.each(['contrib-openai+llm-observer-openai', 'llm-observer-openai+contrib-openai'])('@opentelemetry/instrumentation-openai and this package, registered as %s', (instrumentations) => {
  it("both trace a chat completion, and it is priced and counted once, on this package's span, with its cache reads", async () => {
    const { spans, report } = await traced(OPENAI_PINS, instrumentations, 'openai-cost/chat-cached');
    const [ours] = spanOf(spans, 'otel-llm-observer/openai');
    const [theirs] = spanOf(spans, '@opentelemetry/instrumentation-openai');
    expectCost(ours?.attributes, GPT_4O_CACHED_CHAT_COST);
    expect(theirs?.attributes['gen_ai.usage.input_tokens']).toBe(ours?.attributes['gen_ai.usage.input_tokens']);
    expect(theirs?.attributes['llm_observer.cost.total_usd']).toBeUndefined();
    expect(callsIn(report)).toEqual([{ provider: 'openai', model: GPT_4O_CACHED_CHAT_COST.entry, calls: 1, costUsd: GPT_4O_CACHED_CHAT_COST.total }]);
  });
});

describe.each(['contrib-aws-sdk+llm-observer-bedrock', 'llm-observer-bedrock+contrib-aws-sdk'])('@opentelemetry/instrumentation-aws-sdk and this package, registered as %s', (instrumentations) => {
  it("both trace a Converse call, the other's span inside this package's, priced and counted once, on this package's", async () => {
    const { spans, report } = await traced(BEDROCK_PINS, instrumentations, 'bedrock/converse');
    const [ours] = spanOf(spans, 'otel-llm-observer/bedrock');
    const [theirs] = spanOf(spans, '@opentelemetry/instrumentation-aws-sdk');
    // 14 × 3 + 32 × 15 per million (Claude Sonnet 4.5 through the global profile: the list price).
    expectExactCost(ours?.attributes, noCache('claude-sonnet-4-5', 0.000042, 0.00048, 0.000522));
    expect(theirs?.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 14, 'gen_ai.usage.output_tokens': 32 });
    expect(theirs?.attributes['llm_observer.cost.total_usd']).toBeUndefined();
    expect(callsIn(report)).toEqual([{ provider: 'aws.bedrock', model: 'claude-sonnet-4-5', calls: 1, costUsd: 0.000522 }]);
  });

  it("prices an InvokeModel call of Claude on this package's span, with the cache reads the other's span leaves out", async () => {
    const { spans, report } = await traced(BEDROCK_PINS, instrumentations, 'bedrock/invoke-claude');
    const [ours] = spanOf(spans, 'otel-llm-observer/bedrock');
    const [theirs] = spanOf(spans, '@opentelemetry/instrumentation-aws-sdk');
    // (24 × 3 + 3,000 × 0.30 + 27 × 15) × 1.1 per million (the us. profile): $0.0015147.
    expect(ours?.attributes['llm_observer.cost.total_usd']).toBe(0.0015147);
    expect(theirs?.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 24, 'gen_ai.usage.output_tokens': 27 });
    expect(theirs?.attributes['llm_observer.cost.total_usd']).toBeUndefined();
    expect(callsIn(report)).toEqual([{ provider: 'aws.bedrock', model: 'claude-sonnet-4-5', calls: 1, costUsd: 0.0015147 }]);
  });
});
