import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageReport } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { CLAUDE_CACHE_READ_STREAM_COST, CLAUDE_CACHE_WRITE_COST, CLAUDE_CACHE_WRITE_LIFETIME_NOT_TOLD_COST } from './claude-cached-calls.js';
import { expectCost, noCache, type ExpectedCost } from './expect-cost.js';
import { GPT_4O_CACHED_CHAT_COST } from './gpt-4o-cached-chat.js';
import { GROQ_GPT_OSS_CACHED_COST } from './groq-cached-chat.js';
import { installedVersion, LINE_2_NAME, LINE_3_NAME, lineInChild } from './otel-line.js';
import { OTEL_2_PINS, OTEL_3_PINS, runTracedApp, type ExportedSpan } from './traced-app.js';

/**
 * The Vercel AI SDK's spans, priced by the built package (run `npm run build` first) in child
 * processes over a pinned install of `ai` 7 with its providers and @ai-sdk/otel, which makes its
 * spans (`ai` 7 makes none itself): the OpenTelemetry integration (scope `gen_ai`: a `chat` span
 * per provider call, under an `invoke_agent` span that repeats their totals and a `step` span) and
 * the legacy one (scope `ai`: `ai.generateText.doGenerate` under `ai.generateText`), whose spans
 * are those AI SDK 6 made itself with `experimental_telemetry` (tested with ai 6 too). The AI SDK
 * calls the providers with its own fetch, pointed at the fixture server. @ai-sdk/otel depends on
 * @opentelemetry/api 1.9.1 exactly: on the 3.x line npm nests that copy, which reads the global
 * tracer provider of API 1.10.
 */

const AI_SDK_PINS = {
  ai: '7.0.185',
  '@ai-sdk/otel': '1.0.185',
  '@ai-sdk/openai': '4.0.126',
  '@ai-sdk/anthropic': '4.0.112',
  '@ai-sdk/google': '4.0.129',
  '@ai-sdk/groq': '4.0.89',
  '@ai-sdk/azure': '4.0.134',
  '@ai-sdk/amazon-bedrock': '5.0.151',
  // The AI SDK's peer dependency, which the pinned install does not add by itself.
  zod: '4.6.7',
  '@anthropic-ai/sdk': installedVersion('@anthropic-ai/sdk'),
};

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const LINES = [
  { line: 3, name: LINE_3_NAME },
  { line: 2, name: LINE_2_NAME },
] as const;

const COST_TOTAL = 'llm_observer.cost.total_usd';

/** The spans that carry a cost or a reason for none. */
const pricedOrUnpriced = (spans: readonly ExportedSpan[]) =>
  spans.filter((span) => span.attributes[COST_TOTAL] !== undefined || span.attributes['llm_observer.cost.unpriced_reason'] !== undefined);

/**
 * openai/chat-stream through the AI SDK's OpenAI chat model: gpt-4o-mini-2024-07-18 at 0.15 input /
 * 0.075 cached / 0.60 output per 1M; 2310 input of which 1920 cached, 7 output. 390 × 0.15 = 58.5;
 * 1920 × 0.075 = 144; 7 × 0.60 = 4.2; uncached 2310 × 0.15 + 4.2 = 350.7.
 */
const GPT_4O_MINI_CACHED_STREAM_COST: ExpectedCost = {
  entry: 'gpt-4o-mini',
  total: 0.0002067,
  input: 0.0000585,
  output: 0.0000042,
  cacheRead: 0.000144,
  cacheWrite: 0,
  uncached: 0.0003507,
  savings: 0.000144,
};

/**
 * bedrock/converse-cache-read through @ai-sdk/amazon-bedrock: Claude Sonnet 4.5 through the `us.`
 * cross-region profile, at the Claude API's 3 input / 0.30 cache read / 15 output per 1M × 1.1
 * (the profile's premium); 24 uncached, 3000 read, 27 output. 24 × 3.3 = 79.2; 3000 × 0.33 = 990;
 * 27 × 16.5 = 445.5; uncached 3024 × 3.3 + 445.5 = 10424.7.
 */
const BEDROCK_US_SONNET_CACHE_READ_COST: ExpectedCost = {
  entry: 'claude-sonnet-4-5',
  total: 0.0015147,
  input: 0.0000792,
  output: 0.0004455,
  cacheRead: 0.00099,
  cacheWrite: 0,
  uncached: 0.0104247,
  savings: 0.00891,
};

/** openai-cost/embeddings-float-two through embedMany: text-embedding-3-small at 0.02 per 1M; 1,250 input tokens × 0.02 = 25 µ$. */
const EMBED_MANY_COST = noCache('text-embedding-3-small', 0.000025, 0, 0.000025);
/** openai/embeddings-float through embed: 4 input tokens × 0.02 = 0.08 µ$. */
const EMBED_COST = noCache('text-embedding-3-small', 0.00000008, 0, 0.00000008);

describe.each(LINES)("the cost of the Vercel AI SDK's spans (@ai-sdk/otel OpenTelemetry) on $name", ({ line }) => {
  it('prices the embeddings span of the provider call of an embedMany call, and leaves alone the embeddings span of the embedMany call around it', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk embedMany openai-cost/embeddings-float-two', server.origin);
    expect(spans.map((span) => span.name)).toEqual(['embeddings text-embedding-3-small', 'embeddings text-embedding-3-small']);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.attributes['gen_ai.usage.input_tokens'])).toEqual([1250]);
    expectCost(priced[0]?.attributes, EMBED_MANY_COST);
  });

  it('prices the provider call of an embed call', async () => {
    const priced = pricedOrUnpriced(await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk embed openai/embeddings-float', server.origin));
    expect(priced).toHaveLength(1);
    expectCost(priced[0]?.attributes, EMBED_COST);
  });

  it('prices the chat span of a generateText call through @ai-sdk/openai with its cache reads, and leaves the invoke_agent and step spans alone', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk generateText openai-cost/chat-cached', server.origin);
    expect(spans.map((span) => span.name).sort()).toEqual(['chat gpt-4o', 'invoke_agent gpt-4o', 'step 1']);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['chat gpt-4o']);
    expectCost(priced[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it('prices the one chat span of a streamText call through @ai-sdk/openai', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk streamText openai/chat-stream', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['chat gpt-4o-mini']);
    expectCost(priced[0]?.attributes, GPT_4O_MINI_CACHED_STREAM_COST);
  });

  it('prices the cache reads of a streamText call through @ai-sdk/anthropic', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk streamText anthropic-cost/messages-cache-read-stream', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['chat claude-haiku-4-5']);
    expectCost(priced[0]?.attributes, CLAUDE_CACHE_READ_STREAM_COST);
  });

  it('prices the cache writes through @ai-sdk/anthropic at the 5-minute price, as an estimate, when the spans do not tell their lifetime', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk generateText anthropic-cost/messages-cache-write', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['chat claude-sonnet-4-6']);
    expectCost(priced[0]?.attributes, CLAUDE_CACHE_WRITE_LIFETIME_NOT_TOLD_COST);
    expect(priced[0]?.attributes['llm_observer.cost.estimate']).toBe('cache_write_lifetime');
  });

  it('prices a call through @ai-sdk/azure, whose provider @ai-sdk/otel names azure.ai.inference, as an Azure OpenAI call', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk generateText azure openai-cost/chat-cached', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => [span.name, span.attributes['gen_ai.provider.name']])).toEqual([['chat gpt-4o', 'azure.ai.inference']]);
    expectCost(priced[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it("prices a call through @ai-sdk/groq at GroqCloud's price of a model other hosts also serve", async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel').call('ai-sdk generateText openai-backends/groq-chat', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['chat openai/gpt-oss-120b']);
    expectCost(priced[0]?.attributes, GROQ_GPT_OSS_CACHED_COST);
  });

  it("prices a call through @ai-sdk/anthropic whose provider metadata is recorded as this package's span of the same call through @anthropic-ai/sdk", async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-provider-metadata+llm-observer-anthropic').call(
      'ai-sdk and @anthropic-ai/sdk anthropic-cost/messages-cache-write',
      server.origin,
    );
    const aiSdkSpan = pricedOrUnpriced(spans.filter((span) => span.scope === 'gen_ai'));
    const anthropicSdkSpan = spans.filter((span) => span.scope === 'otel-llm-observer/anthropic');
    expect(aiSdkSpan.map((span) => span.name)).toEqual(['chat claude-sonnet-4-6']);
    expect(anthropicSdkSpan).toHaveLength(1);
    // Both: 24 uncached, 2000 written for 5 minutes, 4000 for 1 hour, 310 output (claude-cached-calls.ts).
    expectCost(aiSdkSpan[0]?.attributes, CLAUDE_CACHE_WRITE_COST);
    expectCost(anthropicSdkSpan[0]?.attributes, CLAUDE_CACHE_WRITE_COST);
    expect(aiSdkSpan[0]?.attributes[COST_TOTAL]).toBe(anthropicSdkSpan[0]?.attributes[COST_TOTAL]);
  });
});

describe.each(LINES)("the cost of the Vercel AI SDK's legacy spans (@ai-sdk/otel LegacyOpenTelemetry) on $name", ({ line }) => {
  it.each([
    ['embedMany', 'ai-sdk embedMany openai-cost/embeddings-float-two', 'ai.embedMany', EMBED_MANY_COST],
    ['embed', 'ai-sdk embed openai/embeddings-float', 'ai.embed', EMBED_COST],
  ])('prices the doEmbed span of an %s call, from its ai.usage.tokens and ai.model.id, not the span around it that repeats them', async (_, call, outer, cost) => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-legacy').call(call, server.origin);
    expect(spans.map((span) => span.name).sort()).toEqual([outer, `${outer}.doEmbed`]);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => [span.name, span.attributes['ai.model.provider']])).toEqual([[`${outer}.doEmbed`, 'openai.embedding']]);
    expectCost(priced[0]?.attributes, cost);
  });

  it('prices the doGenerate span of a generateText call through @ai-sdk/openai, not the generateText span that repeats its totals', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-legacy').call('ai-sdk generateText openai-cost/chat-cached', server.origin);
    expect(spans.map((span) => span.name).sort()).toEqual(['ai.generateText', 'ai.generateText.doGenerate']);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['ai.generateText.doGenerate']);
    expectCost(priced[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it('prices 5-minute and 1-hour cache writes through @ai-sdk/anthropic apart, from the provider metadata the legacy spans record', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-legacy').call('ai-sdk generateText anthropic-cost/messages-cache-write', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['ai.generateText.doGenerate']);
    expectCost(priced[0]?.attributes, CLAUDE_CACHE_WRITE_COST);
  });

  it('prices the doStream span of a streamText call through @ai-sdk/anthropic with its cache reads', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-legacy').call('ai-sdk streamText anthropic-cost/messages-cache-read-stream', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['ai.streamText.doStream']);
    expectCost(priced[0]?.attributes, CLAUDE_CACHE_READ_STREAM_COST);
  });

  it("prices a call through @ai-sdk/groq, whose spans name the provider groq.chat, at GroqCloud's price of a model other hosts also serve", async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-legacy').call('ai-sdk generateText openai-backends/groq-chat', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => [span.name, span.attributes['gen_ai.system']])).toEqual([['ai.generateText.doGenerate', 'groq.chat']]);
    expectCost(priced[0]?.attributes, GROQ_GPT_OSS_CACHED_COST);
  });

  it('prices a call through @ai-sdk/amazon-bedrock, whose spans name the provider amazon-bedrock, at its cross-region profile\'s price', async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-legacy').call('ai-sdk generateText bedrock/converse-cache-read', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => [span.name, span.attributes['gen_ai.system']])).toEqual([['ai.generateText.doGenerate', 'amazon-bedrock']]);
    expectCost(priced[0]?.attributes, BEDROCK_US_SONNET_CACHE_READ_COST);
  });

  it("prices a generateText call through @ai-sdk/google grounded with Google Search, its grounded prompt's fee from the provider metadata the legacy spans record", async () => {
    const spans = await lineInChild(line, AI_SDK_PINS, 'ai-sdk-otel-legacy').call('ai-sdk generateText gemini/generate-content-grounded-gemini-2-5', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['ai.generateText.doGenerate']);
    // gemini-2.5-flash, 1,000 prompt and 200 output tokens: 0.0003 + 0.0005; three queries, one grounded prompt at $0.035
    expectCost(priced[0]?.attributes, noCache('gemini-2.5-flash', 0.0003, 0.0005, 0.0358));
    expect([priced[0]?.attributes['llm_observer.cost.tool_usd'], priced[0]?.attributes['llm_observer.cost.estimate']]).toEqual([0.035, 'tool_free_allowance']);
  });
});

/** AI SDK 6, whose own spans (`experimental_telemetry`) are those of @ai-sdk/otel's LegacyOpenTelemetry. */
const AI_SDK_6_PINS = { ai: '6.0.333', '@ai-sdk/openai': '3.0.141', '@ai-sdk/anthropic': '3.0.140', zod: '4.6.7' };

describe.each(LINES)("the cost of AI SDK 6's own spans (experimental_telemetry) on $name", ({ line }) => {
  it('prices the doGenerate span of a generateText call through @ai-sdk/openai 3, not the generateText span', async () => {
    const spans = await lineInChild(line, AI_SDK_6_PINS, 'none').call('ai-sdk generateText openai-cost/chat-cached', server.origin);
    expect(spans.map((span) => span.name).sort()).toEqual(['ai.generateText', 'ai.generateText.doGenerate']);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['ai.generateText.doGenerate']);
    expectCost(priced[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it('prices 5-minute and 1-hour cache writes through @ai-sdk/anthropic 3 apart', async () => {
    const spans = await lineInChild(line, AI_SDK_6_PINS, 'none').call('ai-sdk generateText anthropic-cost/messages-cache-write', server.origin);
    const priced = pricedOrUnpriced(spans);
    expect(priced.map((span) => span.name)).toEqual(['ai.generateText.doGenerate']);
    expectCost(priced[0]?.attributes, CLAUDE_CACHE_WRITE_COST);
  });
});

/** The usage report of an app on `line` (its `pins`) that made the AI SDK call `call` with `instrumentation` registered. */
async function reportOf(line: 2 | 3, pins: Readonly<Record<string, string>>, instrumentation: string, call: string): Promise<UsageReport> {
  const folder = mkdtempSync(join(tmpdir(), 'ai-sdk-report-'));
  const reportFile = join(folder, 'report.json');
  try {
    await runTracedApp({ ...pins, ...AI_SDK_PINS }, { line, instrumentation, call, fixtureOrigin: server.origin, reportFile });
    return JSON.parse(readFileSync(reportFile, 'utf8')) as UsageReport;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe.each([
  { line: 3, name: LINE_3_NAME, pins: OTEL_3_PINS },
  { line: 2, name: LINE_2_NAME, pins: OTEL_2_PINS },
] as const)("the report of the Vercel AI SDK's calls on $name", ({ line, pins }) => {
  it('counts a generateText call through @ai-sdk/anthropic once, with its tokens and cost, not again for its invoke_agent and step spans', async () => {
    const report = await reportOf(line, pins, 'ai-sdk-otel-provider-metadata', 'ai-sdk generateText anthropic-cost/messages-cache-write');
    // One call: 24 uncached, 2000 written for 5 minutes, 4000 for 1 hour, 310 output (claude-cached-calls.ts).
    expect(report.models).toEqual([
      expect.objectContaining({
        provider: 'anthropic',
        model: 'claude-sonnet-4-6',
        calls: 1,
        incompleteCalls: 0,
        unpricedCalls: 0,
        uncachedInputTokens: 24,
        cacheWriteTokens: 2000,
        cacheWrite1hTokens: 4000,
        outputTokens: 310,
      }),
    ]);
    expect(report.models[0]?.costUsd).toBeCloseTo(CLAUDE_CACHE_WRITE_COST.total, 9);
  });

  it.each(['ai-sdk-otel', 'ai-sdk-otel-legacy'])('counts an embedMany call once, with its tokens and cost, through %s', async (instrumentation) => {
    const report = await reportOf(line, pins, instrumentation, 'ai-sdk embedMany openai-cost/embeddings-float-two');
    expect(report.models).toEqual([
      expect.objectContaining({ provider: 'openai', model: 'text-embedding-3-small', calls: 1, unpricedCalls: 0, uncachedInputTokens: 1250, outputTokens: 0 }),
    ]);
    expect(report.models[0]?.costUsd).toBeCloseTo(EMBED_MANY_COST.total, 12);
  });

  it('counts a generateText call through @ai-sdk/amazon-bedrock under the provider aws.bedrock, whose legacy spans name it amazon-bedrock', async () => {
    const report = await reportOf(line, pins, 'ai-sdk-otel-legacy', 'ai-sdk generateText bedrock/converse-cache-read');
    expect(report.models).toEqual([
      expect.objectContaining({
        provider: 'aws.bedrock',
        model: 'claude-sonnet-4-5',
        calls: 1,
        unpricedCalls: 0,
        uncachedInputTokens: 24,
        cacheReadTokens: 3000,
        outputTokens: 27,
      }),
    ]);
    expect(report.models[0]?.costUsd).toBeCloseTo(BEDROCK_US_SONNET_CACHE_READ_COST.total, 9);
  });
});
