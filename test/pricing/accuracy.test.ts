import type { Attributes } from '@opentelemetry/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectCost, expectUnpriced, type ExpectedCost } from '../processor/expect-cost.js';
import { line3InProcess, lineInChild } from '../processor/otel-line.js';
import type { ExportedSpan } from '../processor/traced-app.js';
import { setupTracing } from '../support/tracing.js';

/**
 * Usage records priced through the processor on the real OTel SDK, against costs worked out by
 * hand from the list prices in data/pricing_v1.json (USD per million tokens, from the source each entry names).
 * Each row's comment is the arithmetic; `input` is the uncached input, and the usage names are
 * the conventions' (input inclusive of cache reads and writes) unless the row says otherwise.
 * The same rows are checked on both OTel JS lines: on 3.x in this process, on 2.x in one child
 * process with the built package (run `npm run build` first), one span per row.
 */

const tracing = setupTracing([], [new CostSpanProcessor()]);

interface UsageRecord {
  readonly record: string;
  readonly attributes: Attributes;
  /** The instrumentation scope of the span, when the row is about one producer. */
  readonly scope?: string;
  readonly expected: ExpectedCost | { unpriced: string };
}

const noCache = (entry: string, input: number, output: number): ExpectedCost => ({
  entry,
  total: input + output,
  input,
  output,
  cacheRead: 0,
  cacheWrite: 0,
  uncached: input + output,
  savings: 0,
});

const openai = (model: string, input: number, output: number, more: Attributes = {}): Attributes => ({
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': model,
  'gen_ai.response.model': model,
  'gen_ai.usage.input_tokens': input,
  'gen_ai.usage.output_tokens': output,
  ...more,
});

const anthropic = (model: string, input: number, output: number, more: Attributes = {}): Attributes => ({
  'gen_ai.provider.name': 'anthropic',
  'gen_ai.request.model': model,
  'gen_ai.response.model': model,
  'gen_ai.usage.input_tokens': input,
  'gen_ai.usage.output_tokens': output,
  ...more,
});

const RECORDS: readonly UsageRecord[] = [
  // --- OpenAI ---
  {
    record: 'gpt-4o, plain, default tier', // 1000 × 2.50 = 2500; 500 × 10 = 5000
    attributes: openai('gpt-4o', 1000, 500, { 'openai.response.service_tier': 'default' }),
    expected: noCache('gpt-4o', 0.0025, 0.005),
  },
  {
    record: 'gpt-4o dated snapshot, cached read', // 262 × 2.50 = 655; 2048 × 1.25 = 2560; 9 × 10 = 90; uncached 2310 × 2.50 + 90 = 5865
    attributes: openai('gpt-4o-2024-08-06', 2310, 9, { 'gen_ai.usage.cache_read.input_tokens': 2048 }),
    expected: { entry: 'gpt-4o', total: 0.003305, input: 0.000655, output: 0.00009, cacheRead: 0.00256, cacheWrite: 0, uncached: 0.005865, savings: 0.00256 },
  },
  {
    record: 'gpt-4o-mini dated snapshot, cached read', // 390 × 0.15 = 58.5; 1920 × 0.075 = 144; 7 × 0.60 = 4.2; uncached 2310 × 0.15 + 4.2 = 350.7
    attributes: openai('gpt-4o-mini-2024-07-18', 2310, 7, { 'gen_ai.usage.cache_read.input_tokens': 1920 }),
    expected: { entry: 'gpt-4o-mini', total: 0.0002067, input: 0.0000585, output: 0.0000042, cacheRead: 0.000144, cacheWrite: 0, uncached: 0.0003507, savings: 0.000144 },
  },
  {
    record: 'gpt-4.1, plain', // 10000 × 2 = 20000; 2000 × 8 = 16000
    attributes: openai('gpt-4.1', 10000, 2000),
    expected: noCache('gpt-4.1', 0.02, 0.016),
  },
  {
    record: 'gpt-4.1-mini dated snapshot, cached read', // 904 × 0.40 = 361.6; 4096 × 0.10 = 409.6; 300 × 1.60 = 480; uncached 5000 × 0.40 + 480 = 2480
    attributes: openai('gpt-4.1-mini-2025-04-14', 5000, 300, { 'gen_ai.usage.cache_read.input_tokens': 4096 }),
    expected: { entry: 'gpt-4.1-mini', total: 0.0012512, input: 0.0003616, output: 0.00048, cacheRead: 0.0004096, cacheWrite: 0, uncached: 0.00248, savings: 0.0012288 },
  },
  {
    record: 'gpt-4.1-nano dated snapshot, cached read', // 952 × 0.10 = 95.2; 2048 × 0.025 = 51.2; 500 × 0.40 = 200; uncached 3000 × 0.10 + 200 = 500
    attributes: openai('gpt-4.1-nano-2025-04-14', 3000, 500, { 'gen_ai.usage.cache_read.input_tokens': 2048 }),
    expected: { entry: 'gpt-4.1-nano', total: 0.0003464, input: 0.0000952, output: 0.0002, cacheRead: 0.0000512, cacheWrite: 0, uncached: 0.0005, savings: 0.0001536 },
  },
  {
    record: 'gpt-5, reasoning tokens priced as the output they are part of', // 1200 × 1.25 = 1500; 3000 × 10 = 30000
    attributes: openai('gpt-5', 1200, 3000, { 'gen_ai.usage.reasoning.output_tokens': 2500 }),
    expected: noCache('gpt-5', 0.0015, 0.03),
  },
  {
    record: 'gpt-5 dated snapshot, cached read', // 2000 × 1.25 = 2500; 18000 × 0.125 = 2250; 1000 × 10 = 10000; uncached 20000 × 1.25 + 10000 = 35000
    attributes: openai('gpt-5-2025-08-07', 20000, 1000, { 'gen_ai.usage.cache_read.input_tokens': 18000 }),
    expected: { entry: 'gpt-5', total: 0.01475, input: 0.0025, output: 0.01, cacheRead: 0.00225, cacheWrite: 0, uncached: 0.035, savings: 0.02025 },
  },
  {
    record: 'gpt-5-mini, batch tier at half price', // (4000 × 0.25 = 1000; 1000 × 2 = 2000) × 0.5
    attributes: openai('gpt-5-mini', 4000, 1000, { 'openai.response.service_tier': 'batch' }),
    expected: noCache('gpt-5-mini', 0.0005, 0.001),
  },
  {
    record: 'gpt-5-mini, flex tier at half price, cached read', // (1952 × 0.25 = 488; 2048 × 0.025 = 51.2; 1000 × 2 = 2000) × 0.5; uncached (4000 × 0.25 + 2000) × 0.5 = 1500
    attributes: openai('gpt-5-mini', 4000, 1000, { 'gen_ai.usage.cache_read.input_tokens': 2048, 'openai.response.service_tier': 'flex' }),
    expected: { entry: 'gpt-5-mini', total: 0.0012696, input: 0.000244, output: 0.001, cacheRead: 0.0000256, cacheWrite: 0, uncached: 0.0015, savings: 0.0002304 },
  },
  {
    record: 'gpt-5-nano dated snapshot, cached read', // 904 × 0.05 = 45.2; 4096 × 0.005 = 20.48; 1000 × 0.40 = 400; uncached 5000 × 0.05 + 400 = 650
    attributes: openai('gpt-5-nano-2025-08-07', 5000, 1000, { 'gen_ai.usage.cache_read.input_tokens': 4096 }),
    expected: { entry: 'gpt-5-nano', total: 0.00046568, input: 0.0000452, output: 0.0004, cacheRead: 0.00002048, cacheWrite: 0, uncached: 0.00065, savings: 0.00018432 },
  },
  {
    record: 'gpt-5.4 at exactly 272K input: still the base rate', // 272000 × 2.50 = 680000; 1000 × 15 = 15000
    attributes: openai('gpt-5.4', 272000, 1000),
    expected: noCache('gpt-5.4', 0.68, 0.015),
  },
  {
    record: 'gpt-5.4 above 272K input: the long-context rate on the whole request', // 200000 × 5 = 1e6; 100000 × 0.50 = 50000; 2000 × 22.50 = 45000; uncached 300000 × 5 + 45000
    attributes: openai('gpt-5.4', 300000, 2000, { 'gen_ai.usage.cache_read.input_tokens': 100000 }),
    expected: { entry: 'gpt-5.4', total: 1.095, input: 1, output: 0.045, cacheRead: 0.05, cacheWrite: 0, uncached: 1.545, savings: 0.45 },
  },
  {
    record: 'gpt-5.4-nano dated snapshot, plain', // 8000 × 0.20 = 1600; 1000 × 1.25 = 1250
    attributes: openai('gpt-5.4-nano-2026-03-17', 8000, 1000),
    expected: noCache('gpt-5.4-nano', 0.0016, 0.00125),
  },
  {
    record: 'gpt-5.5 dated snapshot above 272K input', // 400000 × 10 = 4e6; 10000 × 45 = 450000
    attributes: openai('gpt-5.5-2026-04-23', 400000, 10000),
    expected: noCache('gpt-5.5', 4, 0.45),
  },
  {
    record: 'gpt-5.5, plain', // 1000 × 5 = 5000; 100 × 30 = 3000
    attributes: openai('gpt-5.5', 1000, 100),
    expected: noCache('gpt-5.5', 0.005, 0.003),
  },
  {
    record: 'gpt-5.6-terra, cache reads and writes', // 2000 × 2 = 4000; 8000 × 0.20 = 1600; 10000 × 2.50 = 25000; 1000 × 12 = 12000; uncached 20000 × 2 + 12000 = 52000
    attributes: openai('gpt-5.6-terra', 20000, 1000, {
      'gen_ai.usage.cache_read.input_tokens': 8000,
      'gen_ai.usage.cache_write.input_tokens': 10000,
    }),
    expected: { entry: 'gpt-5.6-terra', total: 0.0426, input: 0.004, output: 0.012, cacheRead: 0.0016, cacheWrite: 0.025, uncached: 0.052, savings: 0.0094 },
  },
  {
    record: 'gpt-5.6-terra at exactly 272K input: still the base rate', // 272000 × 2 = 544000; 1000 × 12 = 12000
    attributes: openai('gpt-5.6-terra', 272000, 1000),
    expected: noCache('gpt-5.6-terra', 0.544, 0.012),
  },
  {
    record: 'gpt-5.6-terra above 272K input: the long-context rate on the whole request, cache reads and writes included', // 50000 × 4 = 200000; 300000 × 0.40 = 120000; 50000 × 5 = 250000; 10000 × 18 = 180000; uncached 400000 × 4 + 180000
    attributes: openai('gpt-5.6-terra', 400000, 10000, {
      'gen_ai.usage.cache_read.input_tokens': 300000,
      'gen_ai.usage.cache_write.input_tokens': 50000,
    }),
    expected: { entry: 'gpt-5.6-terra', total: 0.75, input: 0.2, output: 0.18, cacheRead: 0.12, cacheWrite: 0.25, uncached: 1.78, savings: 1.03 },
  },
  {
    record: 'gpt-6-astra, cache reads and a 30-minute write', // 4000 × 10 = 40000; 12000 × 1 = 12000; 4000 × 12.50 = 50000; 1000 × 50 = 50000; uncached 20000 × 10 + 50000 = 250000
    attributes: openai('gpt-6-astra', 20000, 1000, {
      'gen_ai.usage.cache_read.input_tokens': 12000,
      'gen_ai.usage.cache_write.input_tokens': 4000,
    }),
    expected: { entry: 'gpt-6-astra', total: 0.152, input: 0.04, output: 0.05, cacheRead: 0.012, cacheWrite: 0.05, uncached: 0.25, savings: 0.098 },
  },
  {
    record: 'gpt-6.1-terra in Fast mode (the priority tier), at twice the standard rate', // 10000 × 1 × 2 = 20000; 1000 × 5 × 2 = 10000
    attributes: openai('gpt-6.1-terra', 10000, 1000, { 'openai.response.service_tier': 'priority' }),
    expected: noCache('gpt-6.1-terra', 0.02, 0.01),
  },
  {
    record: 'gpt-6.1-sol in Fast mode above 272K input: twice the long-context rates', // 100000 × 4 × 2 = 800000; 200000 × 0.20 × 2 = 80000; 2000 × 15 × 2 = 60000; uncached 300000 × 8 + 60000 = 2460000
    attributes: openai('gpt-6.1-sol', 300000, 2000, {
      'gen_ai.usage.cache_read.input_tokens': 200000,
      'openai.response.service_tier': 'priority',
    }),
    expected: { entry: 'gpt-6.1-sol', total: 0.94, input: 0.8, output: 0.06, cacheRead: 0.08, cacheWrite: 0, uncached: 2.46, savings: 1.52 },
  },
  {
    record: 'gpt-6.2-astra, cache reads and a 30-minute write', // 4000 × 8 = 32000; 12000 × 0.40 = 4800; 4000 × 10 = 40000; 1000 × 40 = 40000; uncached 20000 × 8 + 40000 = 200000
    attributes: openai('gpt-6.2-astra', 20000, 1000, {
      'gen_ai.usage.cache_read.input_tokens': 12000,
      'gen_ai.usage.cache_write.input_tokens': 4000,
    }),
    expected: { entry: 'gpt-6.2-astra', total: 0.1168, input: 0.032, output: 0.04, cacheRead: 0.0048, cacheWrite: 0.04, uncached: 0.2, savings: 0.0832 },
  },
  {
    record: 'gpt-6.2-sol in the batch tier above 272K input: half the long-context rates', // 100000 × 4 × 0.5 = 200000; 200000 × 0.20 × 0.5 = 20000; 2000 × 15 × 0.5 = 15000; uncached 300000 × 2 + 15000 = 615000
    attributes: openai('gpt-6.2-sol', 300000, 2000, {
      'gen_ai.usage.cache_read.input_tokens': 200000,
      'openai.response.service_tier': 'batch',
    }),
    expected: { entry: 'gpt-6.2-sol', total: 0.235, input: 0.2, output: 0.015, cacheRead: 0.02, cacheWrite: 0, uncached: 0.615, savings: 0.38 },
  },
  {
    record: "gpt-6.1-terra, the Responses API's writes split by retention: 12-hour writes at their own rate", // 2000 × 1 = 2000; 3000 × 1.25 + 5000 × 2.50 = 16250; 100 × 5 = 500; uncached 10000 × 1 + 500 = 10500
    scope: 'otel-llm-observer/openai',
    attributes: openai('gpt-6.1-terra', 10000, 100, {
      'gen_ai.usage.cache_creation.input_tokens': 8000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens': 3000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens': 5000,
    }),
    expected: { entry: 'gpt-6.1-terra', total: 0.01875, input: 0.002, output: 0.0005, cacheRead: 0, cacheWrite: 0.01625, uncached: 0.0105, savings: -0.00825 },
  },
  {
    record: 'gpt-6.2-sol above 272K input with 12-hour writes, whose long-context rate OpenAI does not give',
    scope: 'otel-llm-observer/openai',
    attributes: openai('gpt-6.2-sol', 300000, 100, {
      'gen_ai.usage.cache_creation.input_tokens': 10000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens': 0,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens': 10000,
    }),
    expected: { unpriced: 'unpriced_cache_write' },
  },
  {
    record: 'gpt-6-astra with 12-hour writes, for which OpenAI gives it no price',
    scope: 'otel-llm-observer/openai',
    attributes: openai('gpt-6-astra', 20000, 100, {
      'gen_ai.usage.cache_creation.input_tokens': 4000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens': 1000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens': 3000,
    }),
    expected: { unpriced: 'unpriced_cache_write' },
  },
  {
    record: 'gpt-6-astra with 30-minute writes only, split by retention: priced as before', // 16000 × 10 = 160000; 4000 × 12.50 = 50000; 100 × 50 = 5000; uncached 20000 × 10 + 5000 = 205000
    scope: 'otel-llm-observer/openai',
    attributes: openai('gpt-6-astra', 20000, 100, {
      'gen_ai.usage.cache_creation.input_tokens': 4000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens': 4000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens': 0,
    }),
    expected: { entry: 'gpt-6-astra', total: 0.215, input: 0.16, output: 0.005, cacheRead: 0, cacheWrite: 0.05, uncached: 0.205, savings: -0.01 },
  },
  {
    record: 'retention parts that do not add up to the writes',
    scope: 'otel-llm-observer/openai',
    attributes: openai('gpt-6.2-sol', 20000, 100, {
      'gen_ai.usage.cache_creation.input_tokens': 4000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_30m_tokens': 1000,
      'openai.usage.input_tokens_details.cache_write_tokens_details.ttl_12h_tokens': 2000,
    }),
    expected: { unpriced: 'inconsistent_usage' },
  },
  {
    record: 'gpt-6.2-sol in the flex tier, for which OpenAI gives it no rate',
    attributes: openai('gpt-6.2-sol', 1000, 100, { 'openai.response.service_tier': 'flex' }),
    expected: { unpriced: 'unpriced_service_tier' },
  },
  {
    record: 'gpt-6.2-astra-law, which the table knowingly leaves unpriced',
    attributes: openai('gpt-6.2-astra-law', 1000, 100),
    expected: { unpriced: 'unknown_model' },
  },
  {
    record: 'o3 dated snapshot, cached read', // 1976 × 2 = 3952; 1024 × 0.50 = 512; 5000 × 8 = 40000; uncached 3000 × 2 + 40000
    attributes: openai('o3-2025-04-16', 3000, 5000, { 'gen_ai.usage.cache_read.input_tokens': 1024 }),
    expected: { entry: 'o3', total: 0.044464, input: 0.003952, output: 0.04, cacheRead: 0.000512, cacheWrite: 0, uncached: 0.046, savings: 0.001536 },
  },
  {
    record: 'o4-mini, plain', // 1500 × 1.10 = 1650; 800 × 4.40 = 3520
    attributes: openai('o4-mini', 1500, 800),
    expected: noCache('o4-mini', 0.00165, 0.00352),
  },
  {
    record: 'an Azure deployment name: the response model prices it', // 1000 × 2 = 2000
    attributes: { ...openai('gpt-4.1-2025-04-14', 1000, 0), 'gen_ai.request.model': 'prod-gpt41-eastus' },
    expected: noCache('gpt-4.1', 0.002, 0),
  },
  {
    record: 'no response model: the request model prices it', // 1000 × 0.15 = 150; 1000 × 0.60 = 600
    attributes: { 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 1000 },
    expected: noCache('gpt-4o-mini', 0.00015, 0.0006),
  },
  {
    record: 'embeddings-style usage, no output count', // 1000 × 2.50
    attributes: { 'gen_ai.response.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000 },
    expected: noCache('gpt-4o', 0.0025, 0),
  },
  {
    record: 'OpenAI priority tier, at the prices OpenAI publishes for it per model', // 1000 × 4.25 = 4250; 500 × 17 = 8500
    attributes: openai('gpt-4o', 1000, 500, { 'openai.response.service_tier': 'priority' }),
    expected: noCache('gpt-4o', 0.00425, 0.0085),
  },
  {
    record: 'OpenAI cache writes on a model that bills none apart',
    attributes: openai('gpt-5', 5000, 100, { 'gen_ai.usage.cache_creation.input_tokens': 4096 }),
    expected: { unpriced: 'unpriced_cache_write' },
  },
  {
    record: 'the gpt-4o launch snapshot, billed at a rate of its own', // 1000 × 5 = 5000; 500 × 15 = 7500
    attributes: openai('gpt-4o-2024-05-13', 1000, 500),
    expected: noCache('gpt-4o-2024-05-13', 0.005, 0.0075),
  },
  {
    record: 'gpt-5.5-pro above 272K input: the long-context rates', // 300000 × 60 = 18; 1000 × 270 = 0.27
    attributes: openai('gpt-5.5-pro', 300000, 1000),
    expected: noCache('gpt-5.5-pro', 18, 0.27),
  },
  {
    record: 'gpt-3.5-turbo dated snapshot, plain', // 1000 × 0.50 = 500; 500 × 1.50 = 750
    attributes: openai('gpt-3.5-turbo-0125', 1000, 500),
    expected: noCache('gpt-3.5-turbo', 0.0005, 0.00075),
  },
  {
    record: 'an embeddings call, text-embedding-3-small', // 1000 × 0.02 = 20
    attributes: { 'gen_ai.provider.name': 'openai', 'gen_ai.response.model': 'text-embedding-3-small', 'gen_ai.usage.input_tokens': 1000 },
    expected: noCache('text-embedding-3-small', 0.00002, 0),
  },
  // --- Anthropic ---
  {
    record: 'Claude Sonnet 4.5 dated snapshot, plain', // 1000 × 3 = 3000; 500 × 15 = 7500
    attributes: anthropic('claude-sonnet-4-5-20250929', 1000, 500),
    expected: noCache('claude-sonnet-4-5', 0.003, 0.0075),
  },
  {
    record: 'Claude Sonnet 4.5, cached read', // 15 × 3 = 45; 3000 × 0.30 = 900; 120 × 15 = 1800; uncached 3015 × 3 + 1800 = 10845
    attributes: anthropic('claude-sonnet-4-5', 3015, 120, { 'gen_ai.usage.cache_read.input_tokens': 3000 }),
    expected: { entry: 'claude-sonnet-4-5', total: 0.002745, input: 0.000045, output: 0.0018, cacheRead: 0.0009, cacheWrite: 0, uncached: 0.010845, savings: 0.0081 },
  },
  {
    record: 'Claude Sonnet 4.5, 5-minute write', // 12 × 3 = 36; 3000 × 3.75 = 11250; 80 × 15 = 1200; uncached 3012 × 3 + 1200 = 10236
    attributes: anthropic('claude-sonnet-4-5-20250929', 3012, 80, {
      'gen_ai.usage.cache_write.input_tokens': 3000,
      'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 3000,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 0,
    }),
    expected: { entry: 'claude-sonnet-4-5', total: 0.012486, input: 0.000036, output: 0.0012, cacheRead: 0, cacheWrite: 0.01125, uncached: 0.010236, savings: -0.00225 },
  },
  {
    record: 'Claude Sonnet 4.5, 1-hour write', // 12 × 3 = 36; 2000 × 6 = 12000; 50 × 15 = 750; uncached 2012 × 3 + 750 = 6786
    attributes: anthropic('claude-sonnet-4-5', 2012, 50, {
      'gen_ai.usage.cache_write.input_tokens': 2000,
      'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 0,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 2000,
    }),
    expected: { entry: 'claude-sonnet-4-5', total: 0.012786, input: 0.000036, output: 0.00075, cacheRead: 0, cacheWrite: 0.012, uncached: 0.006786, savings: -0.006 },
  },
  {
    record: 'Claude Opus 4.1 dated snapshot, reads and both kinds of write', // 3000 × 15 = 45000; 4000 × 1.50 = 6000; 1000 × 18.75 + 2000 × 30 = 78750; 1000 × 75 = 75000; uncached 10000 × 15 + 75000
    attributes: anthropic('claude-opus-4-1-20250805', 10000, 1000, {
      'gen_ai.usage.cache_read.input_tokens': 4000,
      'gen_ai.usage.cache_write.input_tokens': 3000,
      'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 1000,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 2000,
    }),
    expected: { entry: 'claude-opus-4-1', total: 0.20475, input: 0.045, output: 0.075, cacheRead: 0.006, cacheWrite: 0.07875, uncached: 0.225, savings: 0.02025 },
  },
  {
    record: 'Claude Haiku 4.5, writes of untold lifetime at the 5-minute price', // 904 × 1 = 904; 4096 × 1.25 = 5120; 200 × 5 = 1000; uncached 5000 × 1 + 1000
    attributes: anthropic('claude-haiku-4-5-20251001', 5000, 200, { 'gen_ai.usage.cache_creation.input_tokens': 4096 }),
    expected: { entry: 'claude-haiku-4-5', total: 0.007024, input: 0.000904, output: 0.001, cacheRead: 0, cacheWrite: 0.00512, uncached: 0.006, savings: -0.001024 },
  },
  {
    record: 'Claude Opus 4.8, 1-hour write', // 1000 × 5 = 5000; 5000 × 10 = 50000; 100 × 25 = 2500; uncached 6000 × 5 + 2500
    attributes: anthropic('claude-opus-4-8', 6000, 100, {
      'gen_ai.usage.cache_write.input_tokens': 5000,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 5000,
    }),
    expected: { entry: 'claude-opus-4-8', total: 0.0575, input: 0.005, output: 0.0025, cacheRead: 0, cacheWrite: 0.05, uncached: 0.0325, savings: -0.025 },
  },
  {
    record: 'Claude Sonnet 5, cached read', // 10000 × 2 = 20000; 90000 × 0.20 = 18000; 5000 × 10 = 50000; uncached 100000 × 2 + 50000
    attributes: anthropic('claude-sonnet-5', 100000, 5000, { 'gen_ai.usage.cache_read.input_tokens': 90000 }),
    expected: { entry: 'claude-sonnet-5', total: 0.088, input: 0.02, output: 0.05, cacheRead: 0.018, cacheWrite: 0, uncached: 0.25, savings: 0.162 },
  },
  {
    record: 'Claude Opus 5, cached read', // 2000 × 5 = 10000; 8000 × 0.50 = 4000; 500 × 25 = 12500; uncached 10000 × 5 + 12500
    attributes: anthropic('claude-opus-5', 10000, 500, { 'gen_ai.usage.cache_read.input_tokens': 8000 }),
    expected: { entry: 'claude-opus-5', total: 0.0265, input: 0.01, output: 0.0125, cacheRead: 0.004, cacheWrite: 0, uncached: 0.0625, savings: 0.036 },
  },
  {
    record: 'Claude Opus 5.5, reads and both kinds of write', // 5000 × 4 = 20000; 10000 × 0.20 = 2000; 2000 × 5 + 3000 × 8 = 34000; 2000 × 20 = 40000; uncached 20000 × 4 + 40000
    attributes: anthropic('claude-opus-5-5', 20000, 2000, {
      'gen_ai.usage.cache_read.input_tokens': 10000,
      'gen_ai.usage.cache_write.input_tokens': 5000,
      'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 2000,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 3000,
    }),
    expected: { entry: 'claude-opus-5-5', total: 0.096, input: 0.02, output: 0.04, cacheRead: 0.002, cacheWrite: 0.034, uncached: 0.12, savings: 0.024 },
  },
  {
    record: 'Claude Fable 5, 5-minute write', // 1000 × 10 = 10000; 4000 × 12.50 = 50000; 100 × 50 = 5000; uncached 5000 × 10 + 5000
    attributes: anthropic('claude-fable-5', 5000, 100, {
      'gen_ai.usage.cache_write.input_tokens': 4000,
      'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 4000,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 0,
    }),
    expected: { entry: 'claude-fable-5', total: 0.065, input: 0.01, output: 0.005, cacheRead: 0, cacheWrite: 0.05, uncached: 0.055, savings: -0.01 },
  },
  {
    record: 'Claude Fable 5.1, cached read at 0.025x input', // 10000 × 10 = 100000; 90000 × 0.25 = 22500; 2000 × 50 = 100000; uncached 100000 × 10 + 100000
    attributes: anthropic('claude-fable-5-1', 100000, 2000, { 'gen_ai.usage.cache_read.input_tokens': 90000 }),
    expected: { entry: 'claude-fable-5-1', total: 0.2225, input: 0.1, output: 0.1, cacheRead: 0.0225, cacheWrite: 0, uncached: 1.1, savings: 0.8775 },
  },
  {
    record: 'Claude Mythos 5, 1-hour write', // 1000 × 10 = 10000; 2000 × 20 = 40000; 200 × 50 = 10000; uncached 3000 × 10 + 10000
    attributes: anthropic('claude-mythos-5', 3000, 200, {
      'gen_ai.usage.cache_write.input_tokens': 2000,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 2000,
    }),
    expected: { entry: 'claude-mythos-5', total: 0.06, input: 0.01, output: 0.01, cacheRead: 0, cacheWrite: 0.04, uncached: 0.04, savings: -0.02 },
  },
  {
    record: 'Claude Mythos 5.1, batch tier at half price, cached read', // (4000 × 10 = 40000; 16000 × 0.25 = 4000; 1000 × 50 = 50000) × 0.5; uncached (20000 × 10 + 50000) × 0.5
    attributes: anthropic('claude-mythos-5-1', 20000, 1000, {
      'gen_ai.usage.cache_read.input_tokens': 16000,
      'anthropic.response.service_tier': 'batch',
    }),
    expected: { entry: 'claude-mythos-5-1', total: 0.047, input: 0.02, output: 0.025, cacheRead: 0.002, cacheWrite: 0, uncached: 0.125, savings: 0.078 },
  },
  {
    record: 'Claude Fable 5.2, cached read', // 2000 × 8 = 16000; 8000 × 0.20 = 1600; 500 × 40 = 20000; uncached 10000 × 8 + 20000 = 100000
    attributes: anthropic('claude-fable-5-2', 10000, 500, { 'gen_ai.usage.cache_read.input_tokens': 8000 }),
    expected: { entry: 'claude-fable-5-2', total: 0.0376, input: 0.016, output: 0.02, cacheRead: 0.0016, cacheWrite: 0, uncached: 0.1, savings: 0.0624 },
  },
  {
    record: 'Claude Haiku 5.5 at exactly 100,000 prompt tokens: still the lower band', // 100000 × 0.10 = 10000; 1000 × 0.50 = 500
    attributes: anthropic('claude-haiku-5-5', 100000, 1000),
    expected: noCache('claude-haiku-5-5', 0.01, 0.0005),
  },
  {
    record: 'Claude Haiku 5.5 above 100,000 prompt tokens, cache tokens counted: the whole request at the higher band', // 10000 × 0.50 = 5000; 100000 × 0.05 = 5000; 10000 × 0.625 = 6250; 2000 × 2.50 = 5000; uncached 120000 × 0.50 + 5000 = 65000
    attributes: anthropic('claude-haiku-5-5', 120000, 2000, {
      'gen_ai.usage.cache_read.input_tokens': 100000,
      'gen_ai.usage.cache_write.input_tokens': 10000,
      'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 10000,
    }),
    expected: { entry: 'claude-haiku-5-5', total: 0.02125, input: 0.005, output: 0.005, cacheRead: 0.005, cacheWrite: 0.00625, uncached: 0.065, savings: 0.04375 },
  },
  {
    record: 'Claude Sonnet 4.5, batch tier at half price, cached read', // (2000 × 3 = 6000; 8000 × 0.30 = 2400; 2000 × 15 = 30000) × 0.5; uncached (10000 × 3 + 30000) × 0.5
    attributes: anthropic('claude-sonnet-4-5', 10000, 2000, {
      'gen_ai.usage.cache_read.input_tokens': 8000,
      'anthropic.response.service_tier': 'batch',
    }),
    expected: { entry: 'claude-sonnet-4-5', total: 0.0192, input: 0.003, output: 0.015, cacheRead: 0.0012, cacheWrite: 0, uncached: 0.03, savings: 0.0108 },
  },
  {
    record: 'a Bedrock geographic cross-region id, 10% above the global price', // 2000 × 3 × 1.1 = 6600; 1000 × 15 × 1.1 = 16500
    attributes: anthropic('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 2000, 1000, { 'gen_ai.provider.name': 'aws.bedrock' }),
    expected: noCache('claude-sonnet-4-5', 0.0066, 0.0165),
  },
  {
    record: 'a Vertex AI id', // 1000 × 5 = 5000; 1000 × 25 = 25000
    attributes: anthropic('claude-opus-4-5@20251101', 1000, 1000, { 'gen_ai.provider.name': 'gcp.vertex_ai' }),
    expected: noCache('claude-opus-4-5', 0.005, 0.025),
  },
  {
    record: 'a router-prefixed Bedrock id', // 10000 × 0.80 = 8000; 1000 × 4 = 4000
    attributes: anthropic('bedrock/anthropic.claude-3-5-haiku-20241022-v1:0', 10000, 1000),
    expected: noCache('claude-3-5-haiku', 0.008, 0.004),
  },
  {
    record: 'OpenLLMetry legacy names', // 1000 × 0.80 = 800; 100 × 4 = 400
    attributes: {
      'gen_ai.request.model': 'claude-3-5-haiku-20241022',
      'gen_ai.response.model': 'claude-3-5-haiku-20241022',
      'gen_ai.usage.prompt_tokens': 1000,
      'gen_ai.usage.completion_tokens': 100,
    },
    expected: noCache('claude-3-5-haiku', 0.0008, 0.0004),
  },
  {
    record: "@traceloop/instrumentation-anthropic's input count, which leaves the cache out", // as "Claude Sonnet 4.5, cached read": 15 + 3000 input tokens in all
    scope: '@traceloop/instrumentation-anthropic',
    attributes: anthropic('claude-sonnet-4-5', 15, 120, { 'gen_ai.usage.cache_read.input_tokens': 3000 }),
    expected: { entry: 'claude-sonnet-4-5', total: 0.002745, input: 0.000045, output: 0.0018, cacheRead: 0.0009, cacheWrite: 0, uncached: 0.010845, savings: 0.0081 },
  },
  {
    record: 'Claude Sonnet 4.5 above 200K input: the whole request at the long-context rates', // 250000 × 6 = 1.5; 1000 × 22.50 = 0.0225
    attributes: anthropic('claude-sonnet-4-5', 250000, 1000),
    expected: noCache('claude-sonnet-4-5', 1.5, 0.0225),
  },
  {
    record: 'Claude 3 Haiku, a model earlier SDK releases named, plain', // 1000 × 0.25 = 250; 100 × 1.25 = 125
    attributes: anthropic('claude-3-haiku-20240307', 1000, 100),
    expected: noCache('claude-3-haiku', 0.00025, 0.000125),
  },
  {
    record: 'Anthropic priority tier, which the table does not price',
    attributes: anthropic('claude-sonnet-4-5', 1000, 100, { 'anthropic.response.service_tier': 'priority' }),
    expected: { unpriced: 'unpriced_service_tier' },
  },
  {
    record: 'a model the table knowingly leaves unpriced',
    attributes: anthropic('claude-mythos-5-2', 1000, 100),
    expected: { unpriced: 'unknown_model' },
  },
];

describe.each([line3InProcess(tracing), lineInChild(2, {}, 'none')])('the cost of a usage record on $name', (line) => {
  let spans: ExportedSpan[] = [];
  beforeAll(async () => {
    spans = await line.endSpans(RECORDS.map(({ scope, attributes }) => ({ scope: scope ?? 'accuracy-test', attributes })));
    expect(spans).toHaveLength(RECORDS.length);
  }, 20_000);

  it.each(RECORDS)('$record', (row) => {
    const { attributes, scope } = spans[RECORDS.indexOf(row)] ?? {};
    expect(scope).toBe(row.scope ?? 'accuracy-test');
    if ('unpriced' in row.expected) expectUnpriced(attributes, row.expected.unpriced);
    else expectCost(attributes, row.expected);
  });
});
