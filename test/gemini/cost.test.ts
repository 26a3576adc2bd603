import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectCost, expectUnpriced, noCache } from '../processor/expect-cost.js';
import { endedSpans, fixture, geminiTestbed, onlySpan, OUR_SCOPE } from './testbed.js';

const costs = new CostSpanProcessor();
const bed = geminiTestbed({ processors: [costs] });

/** The attributes of a span of `gcp.gemini` with `attributes`, made as the Gemini instrumentation makes its spans (its scope) without the SDK, and priced by the processor. */
function pricedSpan(attributes: Attributes): Attributes {
  bed.tracing.reset();
  bed.tracing.provider.getTracer(OUR_SCOPE).startSpan('generate_content', { attributes: { 'gen_ai.provider.name': 'gcp.gemini', ...attributes } }).end();
  return bed.tracing.spans()[0]?.attributes ?? {};
}

/**
 * The Gemini calls priced from the shipped table (Google's prices, USD per million tokens):
 * gemini-2.5-flash 0.30 in / 2.50 out / 0.03 cached; gemini-2.5-pro 1.25 / 10 / 0.125 up to 200k
 * prompt tokens and 2.50 / 15 / 0.25 above, storage 4.50 per hour; gemini-2.0-flash 0.10 / 0.40.
 */

/** The fixtures `generate-content` and `generate-content-stream`: 2400 prompt tokens of which 2048 cached, 120 candidates + 80 thoughts. */
const IMPLICIT_HIT_COST = {
  entry: 'gemini-2.5-flash',
  // 352 uncached × 0.30 / 1M
  input: 0.0001056,
  // (120 + 80 thinking) × 2.50 / 1M: thoughts at the output price
  output: 0.0005,
  // 2048 × 0.03 / 1M
  cacheRead: 0.00006144,
  cacheWrite: 0,
  // 0.0001056 + 0.0005 + 0.00006144
  total: 0.00066704,
  // 2400 × 0.30 / 1M + 0.0005 = 0.00072 + 0.0005
  uncached: 0.00122,
  // 0.00122 − 0.00066704
  savings: 0.00055296,
};

describe('the cost of Gemini calls', () => {
  it('prices an implicit cache hit at the cached-read price, and thinking tokens at the output price', async () => {
    await bed.client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'What is the capital of France?', config: fixture('generate-content') });
    expectCost(onlySpan(bed).attributes, IMPLICIT_HIT_COST);
  });

  it('prices a call of a Gemini 4 model at the prices after its introductory period, and a call naming an alias by the model its response names', async () => {
    await bed.client.models.generateContent({ model: 'gemini-pro-latest', contents: 'What is the capital of France?', config: fixture('generate-content-gemini-4-argon') });
    expectCost(onlySpan(bed).attributes, {
      // gemini-4-argon since 2026-12-01: 4.00 in / 20.00 out / 0.20 cached (2.00 / 10.00 / 0.10 before)
      entry: 'gemini-4-argon',
      // 352 uncached × 4.00 / 1M
      input: 0.001408,
      // (120 + 80 thinking) × 20.00 / 1M
      output: 0.004,
      // 2048 × 0.20 / 1M
      cacheRead: 0.0004096,
      cacheWrite: 0,
      // 0.001408 + 0.004 + 0.0004096
      total: 0.0058176,
      // 2400 × 4.00 / 1M + 0.004 = 0.0096 + 0.004
      uncached: 0.0136,
      // 0.0136 − 0.0058176
      savings: 0.0077824,
    });
  });

  it('prices a streamed call from the usage of its last chunk', async () => {
    const stream = await bed.client.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'What is the capital of France?', config: fixture('generate-content-stream') });
    for await (const chunk of stream) void chunk;
    expectCost(onlySpan(bed).attributes, IMPLICIT_HIT_COST);
  });

  it('prices a read of an explicit cache in a prompt over 200k tokens at the long-context prices, the whole request', async () => {
    await bed.client.models.generateContent({
      model: 'gemini-2.5-pro',
      contents: 'How long is the contract?',
      config: { ...fixture('generate-content-cached-content'), cachedContent: 'cachedContents/4d2yqz8v1k3m' },
    });
    expectCost(onlySpan(bed).attributes, {
      entry: 'gemini-2.5-pro',
      // 250000 prompt tokens > 200000: 2.50 / 15 / 0.25. (250000 − 240000) × 2.50 / 1M
      input: 0.025,
      // (300 + 200) × 15 / 1M
      output: 0.0075,
      // 240000 × 0.25 / 1M
      cacheRead: 0.06,
      cacheWrite: 0,
      // 0.025 + 0.0075 + 0.06
      total: 0.0925,
      // 250000 × 2.50 / 1M + 0.0075 = 0.625 + 0.0075
      uncached: 0.6325,
      // 0.6325 − 0.0925
      savings: 0.54,
    });
  });

  it('leaves a call of several requests unpriced above a long-context threshold, which is each request\'s, and prices it below', () => {
    // gemini-3.1-pro-preview: 2 / 12 per million up to 200K prompt tokens, 4 / 18 above. Two hops of
    // a continued decode with 250,000 input tokens between them: each may be under 200K or not.
    const hops = { 'gen_ai.request.model': 'gemini-3.1-pro-preview', 'gen_ai.usage.output_tokens': 1000, 'llm_observer.call.requests': 2 };
    expectUnpriced(pricedSpan({ ...hops, 'gen_ai.usage.input_tokens': 250000 }), 'unpriced_long_context');
    // 150,000 × 2 / 1M + 1,000 × 12 / 1M: under the threshold, every request was too
    expectCost(pricedSpan({ ...hops, 'gen_ai.usage.input_tokens': 150000 }), noCache('gemini-3.1-pro-preview', 0.3, 0.012, 0.312));
    // One request of 250,000: the long-context prices, 250,000 × 4 / 1M + 1,000 × 18 / 1M
    expectCost(pricedSpan({ 'gen_ai.request.model': 'gemini-3.1-pro-preview', 'gen_ai.usage.output_tokens': 1000, 'gen_ai.usage.input_tokens': 250000 }), noCache('gemini-3.1-pro-preview', 1, 0.018, 1.018));
  });

  it('prices a Vertex AI call of a Gemini model at the Gemini API list price', async () => {
    await bed.vertexClient.models.generateContent({ model: 'gemini-2.0-flash', contents: 'Capital of France?', config: fixture('vertex-generate-content') });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.pricing.entry']).toBe('gemini-2.0-flash');
    // 14 × 0.10 / 1M + 2 × 0.40 / 1M = 0.0000014 + 0.0000008
    expect(attributes['llm_observer.cost.total_usd']).toBeCloseTo(0.0000022, 12);
  });

  it("prices a Vertex AI call by how it was served, as usageMetadata.trafficType says: Priority and Flex PayGo at their factors, Provisioned Throughput (paid by subscription) and off-peak not at all", async () => {
    const served = async (trafficType: string) => {
      bed.tracing.reset();
      bed.server.placeholders.trafficType = trafficType;
      await bed.vertexClient.models.generateContent({ model: 'gemini-3.6-flash', contents: 'Capital of France?', config: fixture('vertex-generate-content-traffic') });
      return onlySpan(bed).attributes;
    };
    // 2,000 × 1.50 / 1M and 500 × 7.50 / 1M, at 1, 1.8 and 0.5
    expectCost(await served('ON_DEMAND'), noCache('gemini-3.6-flash', 0.003, 0.00375, 0.00675));
    expectCost(await served('ON_DEMAND_PRIORITY'), noCache('gemini-3.6-flash', 0.0054, 0.00675, 0.01215));
    expectCost(await served('ON_DEMAND_FLEX'), noCache('gemini-3.6-flash', 0.0015, 0.001875, 0.003375));
    const provisioned = await served('PROVISIONED_THROUGHPUT');
    expect(provisioned['gemini.response.service_tier']).toBe('provisioned_throughput');
    expectUnpriced(provisioned, 'unpriced_service_tier');
    expectUnpriced(await served('ON_DEMAND_OFFPEAK'), 'unpriced_service_tier');
    // A traffic type the SDK does not name sets no tier: the call is priced at the list price.
    expectCost(await served('TRAFFIC_TYPE_UNSPECIFIED'), noCache('gemini-3.6-flash', 0.003, 0.00375, 0.00675));
  });

  it('prices the storage of an explicit cache on the calls that create and extend it, each hour once, against the cache savings', async () => {
    await bed.client.caches.create({ model: 'gemini-2.5-pro', config: { ...fixture('cache-create'), contents: 'The contract…', ttl: '3600s' } });
    await bed.client.caches.update({ name: 'cachedContents/4d2yqz8v1k3m', config: { ...fixture('cache-update'), ttl: '7200s' } });
    const [create, update] = endedSpans(bed);
    // 240000 tokens × 1 hour × 4.50 / 1M
    expect(create?.attributes).toMatchObject({ 'llm_observer.pricing.entry': 'gemini-2.5-pro', 'llm_observer.cost.cache_storage_usd': 1.08, 'llm_observer.cost.total_usd': 1.08, 'llm_observer.cache.savings_usd': -1.08 });
    // The update at 09:30 keeps it to 11:30; the create counted it to 10:00: 1.5 hours more.
    // 240000 tokens × 1.5 hours × 4.50 / 1M
    expect(update?.attributes).toMatchObject({ 'llm_observer.cache_storage.seconds': 5400, 'llm_observer.cost.cache_storage_usd': 1.62, 'llm_observer.cost.total_usd': 1.62 });
  });

  it('counts the storage in the report as the cost of keeping the cache, beside the reads it saved', async () => {
    const before = costs.getReport().models.find((row) => row.model === 'gemini-2.5-pro');
    await bed.client.caches.create({ model: 'gemini-2.5-pro', config: { ...fixture('cache-create'), contents: 'The contract…', ttl: '3600s' } });
    await bed.client.models.generateContent({
      model: 'gemini-2.5-pro',
      contents: 'How long is the contract?',
      config: { ...fixture('generate-content-cached-content'), cachedContent: 'cachedContents/4d2yqz8v1k3m' },
    });
    const after = costs.getReport().models.find((row) => row.model === 'gemini-2.5-pro');
    // storage 1.08; the read call 0.0925; its savings 0.54 less the storage 1.08
    expect((after?.cacheStorageUsd ?? 0) - (before?.cacheStorageUsd ?? 0)).toBeCloseTo(1.08, 9);
    expect((after?.costUsd ?? 0) - (before?.costUsd ?? 0)).toBeCloseTo(1.1725, 9);
    expect((after?.cacheSavingsUsd ?? 0) - (before?.cacheSavingsUsd ?? 0)).toBeCloseTo(-0.54, 9);
  });

  it('leaves the storage of a cache unpriced, with its size and TTL, for a model whose storage price the table does not have', async () => {
    await bed.client.caches.create({ model: 'gemini-3.8-flash', config: { ...fixture('cache-create-flash'), contents: 'The contract…', ttl: '3600s' } });
    const { attributes } = onlySpan(bed);
    expect(attributes).toMatchObject({ 'llm_observer.cache_storage.tokens': 8000, 'llm_observer.cache_storage.seconds': 3600, 'llm_observer.cost.unpriced_reason': 'unpriced_cache_storage' });
    expect(attributes['llm_observer.cost.total_usd']).toBeUndefined();
  });

  it("prices a prompt's audio tokens at the model's audio rate, its text at the text rate", async () => {
    await bed.client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Summarise the call.', config: fixture('generate-content-audio') });
    const { attributes } = onlySpan(bed);
    expect([attributes['gemini.usage.prompt_audio_tokens'], attributes['gemini.usage.cached_audio_tokens']]).toEqual([4800, 0]);
    // gemini-2.5-flash: text 0.30, audio 1.00 in, 2.50 out. input: 200 × 0.30 + 4800 × 1.00 = 60 + 4800 = 4860 µ$; output: 100 × 2.50 = 250 µ$
    expectCost(attributes, { entry: 'gemini-2.5-flash', input: 0.00486, output: 0.00025, cacheRead: 0, cacheWrite: 0, total: 0.00511, uncached: 0.00511, savings: 0 });
  });

  it("prices an image model's image output at its image rate, its text at the text rate", async () => {
    await bed.client.models.generateContent({ model: 'gemini-2.5-flash-image', contents: 'A logo for a bakery.', config: fixture('generate-content-image') });
    const { attributes } = onlySpan(bed);
    expect(attributes['gemini.usage.candidates_image_tokens']).toBe(1290);
    // gemini-2.5-flash-image: input 0.30, text output 2.50, image output 30.00.
    // input: 20 × 0.30 = 6 µ$; output: 10 × 2.50 + 1290 × 30.00 = 25 + 38700 = 38725 µ$
    expectCost(attributes, { entry: 'gemini-2.5-flash-image', input: 0.000006, output: 0.038725, cacheRead: 0, cacheWrite: 0, total: 0.038731, uncached: 0.038731, savings: 0 });
  });

  it('leaves a call with image output unpriced on a model whose image rate the table does not have', () => {
    const attributes = pricedSpan({ 'gen_ai.response.model': 'gemini-3.8-flash', 'gen_ai.usage.input_tokens': 20, 'gen_ai.usage.output_tokens': 1300, 'gemini.usage.candidates_image_tokens': 1290 });
    expect([attributes['llm_observer.cost.unpriced_reason'], attributes['llm_observer.cost.total_usd']]).toEqual(['unpriced_image', undefined]);
  });

  it('leaves a call with audio unpriced on a model whose audio rate the table does not have', () => {
    const attributes = pricedSpan({ 'gen_ai.response.model': 'gemini-4-argon', 'gen_ai.usage.input_tokens': 5000, 'gen_ai.usage.output_tokens': 100, 'gen_ai.usage.cache_read.input_tokens': 0, 'gemini.usage.prompt_audio_tokens': 4800, 'gemini.usage.cached_audio_tokens': 0 });
    expect([attributes['llm_observer.cost.unpriced_reason'], attributes['llm_observer.cost.total_usd']]).toEqual(['unpriced_audio', undefined]);
  });

  it('prices the audio read from the cache at the cached-audio rate, the audio not read from it at the audio rate', () => {
    // A prompt of 400 text and 4800 audio tokens, of which 200 text and 4096 audio read from the cache.
    const attributes = pricedSpan({
      'gen_ai.response.model': 'gemini-2.5-flash',
      'gen_ai.usage.input_tokens': 5200,
      'gen_ai.usage.output_tokens': 100,
      'gen_ai.usage.cache_read.input_tokens': 4296,
      'gemini.usage.prompt_audio_tokens': 4800,
      'gemini.usage.cached_audio_tokens': 4096,
    });
    // gemini-2.5-flash: text 0.30 / cached 0.03, audio 1.00 / cached 0.10, output 2.50.
    // input: 200 × 0.30 + 704 × 1.00 = 60 + 704 = 764 µ$; cache read: 200 × 0.03 + 4096 × 0.10 = 6 + 409.6 = 415.6 µ$; output: 250 µ$
    // total: 764 + 415.6 + 250 = 1429.6 µ$; uncached: 400 × 0.30 + 4800 × 1.00 + 250 = 120 + 4800 + 250 = 5170 µ$
    expectCost(attributes, { entry: 'gemini-2.5-flash', input: 0.000764, output: 0.00025, cacheRead: 0.0004156, cacheWrite: 0, total: 0.0014296, uncached: 0.00517, savings: 0.0037404 });
  });

  it('reads the counts as contradicting each other, and prices nothing, when more audio is cached than the prompt has or than the cache read, or the output has more image and audio tokens than tokens', () => {
    const base = { 'gen_ai.response.model': 'gemini-2.5-flash', 'gen_ai.usage.input_tokens': 5000, 'gen_ai.usage.output_tokens': 100, 'gen_ai.usage.cache_read.input_tokens': 1000 };
    for (const audio of [
      { 'gemini.usage.prompt_audio_tokens': 500, 'gemini.usage.cached_audio_tokens': 600 },
      { 'gemini.usage.prompt_audio_tokens': 4800, 'gemini.usage.cached_audio_tokens': 2000 },
      { 'gemini.usage.candidates_image_tokens': 90, 'gemini.usage.candidates_audio_tokens': 20 },
    ]) {
      expect(pricedSpan({ ...base, ...audio })['llm_observer.cost.unpriced_reason']).toBe('inconsistent_usage');
    }
  });

  it('prices a call by the service tier that served it, as usageMetadata.serviceTier reports it: Flex at half of each price, Priority at 1.8×', async () => {
    const call = (tier: 'flex' | 'priority', model: string) =>
      bed.client.models.generateContent({ model, contents: 'Capital of France?', config: { ...fixture(`generate-content-${tier}`), serviceTier: bed.sdk.ServiceTier[tier === 'flex' ? 'FLEX' : 'PRIORITY'] } });
    bed.server.placeholders.model = 'gemini-3.6-flash';
    await call('flex', 'gemini-3.6-flash');
    // 2,000 × 1.50 / 1M and 500 × 7.50 / 1M, each at 0.5
    expectCost(onlySpan(bed).attributes, noCache('gemini-3.6-flash', 0.0015, 0.001875, 0.003375));
    expect(onlySpan(bed).attributes).toMatchObject({ 'gemini.request.service_tier': 'flex', 'gemini.response.service_tier': 'flex' });
    bed.tracing.reset();
    await call('priority', 'gemini-3.6-flash');
    // 0.003 and 0.00375, each at 1.8
    expectCost(onlySpan(bed).attributes, noCache('gemini-3.6-flash', 0.0054, 0.00675, 0.01215));
  });

  it('leaves a call the Priority tier served unpriced on a model whose Priority price no source gives', async () => {
    bed.server.placeholders.model = 'gemini-3.8-flash';
    await bed.client.models.generateContent({ model: 'gemini-3.8-flash', contents: 'Capital of France?', config: { ...fixture('generate-content-priority'), serviceTier: bed.sdk.ServiceTier.PRIORITY } });
    expectUnpriced(onlySpan(bed).attributes, 'unpriced_service_tier');
  });

  it('leaves countTokens unpriced for want of usage, as it is not billed', async () => {
    await bed.client.models.countTokens({ model: 'gemini-2.5-flash', contents: 'How many tokens?', config: fixture('count-tokens') });
    const { attributes } = onlySpan(bed);
    expect(attributes['llm_observer.cost.total_usd']).toBeUndefined();
    expect(attributes['llm_observer.cost.unpriced_reason']).toBe('no_usage');
  });
});
