import { createRequire } from 'node:module';
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import {
  AnthropicInstrumentation,
  CostSpanProcessor,
  OpenAIInstrumentation,
  type CostSpanProcessorConfig,
  type ModelUsage,
  type Recommendation,
} from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { setupTracing, type Tracing } from '../support/tracing.js';

/**
 * What the cache-insight test files share: the real OTel SDK with both instrumentations (one
 * fingerprint key, so runs are reproducible), a fresh `CostSpanProcessor` per test in the
 * provider's first processor slot, the installed SDKs pointed at the fixture server, and the
 * spans every processor saw end, the processor's own summary span included.
 */

type AnthropicSdk = typeof import('@anthropic-ai/sdk');
type OpenAISdk = typeof import('openai');

export interface InsightsBed {
  readonly tracing: Tracing;
  readonly anthropicInstrumentation: AnthropicInstrumentation;
  readonly openaiInstrumentation: OpenAIInstrumentation;
  /** The processor of the running test. */
  readonly processor: CostSpanProcessor;
  readonly anthropic: InstanceType<AnthropicSdk['Anthropic']>;
  readonly openai: InstanceType<OpenAISdk['OpenAI']>;
  readonly server: FixtureServer;
  /** Every span that ended in the running test, in the order they ended. */
  readonly ended: ReadableSpan[];
}

export const FINGERPRINT_KEY = 'insights-test-key';

/**
 * The attributes the Anthropic instrumentation writes for a call of 6,020 input tokens to
 * claude-sonnet-4-6 of which an estimated 6,000 are the prefix, with no cache reads or writes and
 * no breakpoint: the tests that make such spans themselves add the prefix's fingerprint.
 */
export const UNCACHED_CALL: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'anthropic',
  'gen_ai.request.model': 'claude-sonnet-4-6',
  'gen_ai.response.model': 'claude-sonnet-4-6',
  'anthropic.request.cache_control.breakpoints': 0,
  'llm_observer.prefix.estimated_tokens': 6000,
  'gen_ai.usage.input_tokens': 6020,
  'gen_ai.usage.output_tokens': 50,
  'gen_ai.usage.cache_read.input_tokens': 0,
  'gen_ai.usage.cache_creation.input_tokens': 0,
};

/** Hands each call to the processor of the running test: one tracer provider per file, one processor per test. */
class ProcessorSlot implements SpanProcessor {
  processor = new CostSpanProcessor();

  onStart(span: Span): void {
    this.processor.onStart(span);
  }

  onEnding(span: Span): void {
    this.processor.onEnding(span);
  }

  onEnd(span: ReadableSpan): void {
    this.processor.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.processor.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.processor.shutdown();
  }
}

/** Keeps every ended span, after the processors before it wrote their attributes. */
class EndedSpans implements SpanProcessor {
  readonly spans: ReadableSpan[] = [];

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    this.spans.push(span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Call once, at the top of a test file; `config` is each test's processor config. */
export function insightsBed(config: CostSpanProcessorConfig = {}): InsightsBed {
  const slot = new ProcessorSlot();
  const ended = new EndedSpans();
  const anthropicInstrumentation = new AnthropicInstrumentation({ prefixFingerprints: { key: FINGERPRINT_KEY } });
  const openaiInstrumentation = new OpenAIInstrumentation({ prefixFingerprints: { key: FINGERPRINT_KEY } });
  const tracing = setupTracing([anthropicInstrumentation, openaiInstrumentation], [slot, ended]);
  const require = createRequire(import.meta.url);
  const { Anthropic } = require('@anthropic-ai/sdk') as AnthropicSdk;
  const { OpenAI } = require('openai') as OpenAISdk;
  let server: FixtureServer | undefined;
  let anthropic: InstanceType<AnthropicSdk['Anthropic']> | undefined;
  let openai: InstanceType<OpenAISdk['OpenAI']> | undefined;

  beforeAll(async () => {
    server = await startFixtureServer();
    anthropic = new Anthropic({ apiKey: 'sk-ant-test-insights', baseURL: server.origin, maxRetries: 0 });
    openai = new OpenAI({ apiKey: 'sk-test-insights', baseURL: `${server.origin}/v1`, maxRetries: 0 });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    slot.processor = new CostSpanProcessor(config);
    ended.spans.length = 0;
    tracing.reset();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up in beforeAll`);
    return value;
  };
  return {
    tracing,
    anthropicInstrumentation,
    openaiInstrumentation,
    get processor() {
      return slot.processor;
    },
    get anthropic() {
      return started(anthropic, 'the Anthropic client');
    },
    get openai() {
      return started(openai, 'the OpenAI client');
    },
    get server() {
      return started(server, 'the fixture server');
    },
    ended: ended.spans,
  };
}

/** Request options that pick the fixture `insights/<name>`. */
export function fixture(name: string, headers: Record<string, string> = {}): { headers: Record<string, string> } {
  return { headers: { 'x-fixture': `insights/${name}`, ...headers } };
}

/** The spans of API calls that ended in the running test: the summary span left out. */
export function callSpans(bed: InsightsBed): ReadableSpan[] {
  return bed.ended.filter((span) => span.name !== 'llm_observer.report');
}

/** A system prompt of exactly `tokens` × 4 characters: `tokens` tokens by the fingerprints' estimate. */
export function systemPromptOf(tokens: number): string {
  const sentence = 'Answer questions about the ACME expense policy. ';
  return sentence.repeat(Math.ceil((tokens * 4) / sentence.length)).slice(0, tokens * 4);
}

/** The report row of claude-sonnet-4-6 calls with `totals`, every other total 0. */
export function sonnetRow(totals: Partial<ModelUsage>): ModelUsage {
  return {
    provider: 'anthropic',
    model: 'claude-sonnet-4-6',
    calls: 0,
    incompleteCalls: 0,
    unpricedCalls: 0,
    uncachedInputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    cacheStorageUsd: 0,
    cacheSavingsUsd: 0,
    missedSavingsUsd: 0,
    thrashUsd: 0,
    ...totals,
  };
}

/** A recommendation for claude-sonnet-4-6, its amounts checked to 1e-9 USD. */
export function sonnetRecommendation(code: string, calls: number, estimatedSavingsUsd: number, estimatedSavingsUsdPer1kCalls: number): Recommendation {
  return {
    provider: 'anthropic',
    model: 'claude-sonnet-4-6',
    code,
    calls,
    estimatedSavingsUsd: expect.closeTo(estimatedSavingsUsd, 9) as number,
    estimatedSavingsUsdPer1kCalls: expect.closeTo(estimatedSavingsUsdPer1kCalls, 9) as number,
  };
}
