import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { expectExactCost, noCache, type ExpectedCost } from '../processor/expect-cost.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { API_KEY, onlySpan, openAITestbed } from './testbed.js';

/**
 * OpenAI's data residency endpoints (`eu.api.openai.com`, `jp.api.openai.com`, …) bill the models
 * released from March 5, 2026 on 10 % over the list price (the data residency guide,
 * developers.openai.com/api/docs/guides/data-residency). The regions are read off the installed
 * SDK's `DataResidency` type, so a region a later release adds is tested too; each client is made
 * with the SDK's `dataResidency` option, and its `fetch` sends the request to the fixture server,
 * noting the host it was meant for. Prices are data/pricing_v1.json's, USD per million tokens.
 */
const bed = openAITestbed([new CostSpanProcessor()]);

/** The regions of the installed SDK's `dataResidency` option, `global` included. */
function dataResidencyRegions(): string[] {
  const packageDirectory = dirname(createRequire(import.meta.url).resolve('openai'));
  const types = readFileSync(join(packageDirectory, 'internal', 'data-residency.d.ts'), 'utf8');
  const union = /export type DataResidency = ([^;]+);/.exec(types)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/g)].map((match) => match[1] as string);
}

const REGIONS = dataResidencyRegions();
const intendedHosts: string[] = [];

/** A client of the SDK's endpoint for `region`, whose requests reach the fixture server. */
function clientIn(region: string) {
  const options = { apiKey: API_KEY, maxRetries: 0, fetch: fetchToFixtures(bed.server.origin, (meant) => intendedHosts.push(meant.host)) };
  return new bed.sdk.OpenAI({ ...options, dataResidency: region as 'global' });
}

const request = { model: 'gpt-5.5', input: 'When is the invoice due?' };
const RESPONSE = { headers: { 'x-fixture': 'openai-cost/responses-data-residency' } };

// gpt-5.5 at 5 / cache read 0.5 / 30, the fixture's usage: 12,000 input tokens of which 8,192
// cached, 900 output. Uncached input 3,808 × 5 = 19,040 µ$; cache reads 8,192 × 0.5 = 4,096 µ$;
// output 900 × 30 = 27,000 µ$; total 50,136 µ$. With caching off: 12,000 × 5 + 27,000 = 87,000 µ$.
const GLOBAL_COST: ExpectedCost = { entry: 'gpt-5.5', input: 0.01904, cacheRead: 0.004096, output: 0.027, cacheWrite: 0, total: 0.050136, uncached: 0.087, savings: 0.036864 };
// The same × 1.1: 20,944 + 4,505.6 + 29,700 = 55,149.6 µ$; with caching off 95,700 µ$.
const REGIONAL_COST: ExpectedCost = { entry: 'gpt-5.5', input: 0.020944, cacheRead: 0.0045056, output: 0.0297, cacheWrite: 0, total: 0.0551496, uncached: 0.0957, savings: 0.0405504 };

describe("the openai SDK's dataResidency regions", () => {
  it('are read off the installed SDK: global and at least the EU and US', () => {
    expect(REGIONS).toEqual(expect.arrayContaining(['global', 'eu', 'us']));
  });

  it.each(REGIONS.filter((region) => region !== 'global'))('%s: a gpt-5.5 call is priced 10 %% over the list price', async (region) => {
    intendedHosts.length = 0;
    await clientIn(region).responses.create(request, RESPONSE);
    expect(intendedHosts).toEqual([`${region}.api.openai.com`]);
    const { attributes } = onlySpan(bed);
    expect([attributes['gen_ai.provider.name'], attributes['server.address']]).toEqual(['openai', `${region}.api.openai.com`]);
    expectExactCost(attributes, REGIONAL_COST);
  });

  it('global: the same call is priced at the list price', async () => {
    intendedHosts.length = 0;
    await clientIn('global').responses.create(request, RESPONSE);
    expect(intendedHosts).toEqual(['api.openai.com']);
    expectExactCost(onlySpan(bed).attributes, GLOBAL_COST);
  });
});

/** The attributes of one span with `attributes`, priced by the processor, as any producer's (contrib's, the AI SDK's) would be. */
function priced(attributes: Attributes): Attributes {
  bed.tracing.reset();
  bed.tracing.provider.getTracer('data-residency-test').startSpan('chat', { attributes }).end();
  return bed.tracing.spans()[0]?.attributes ?? {};
}

const call = (model: string, serverAddress: string, provider = 'openai'): Attributes => ({
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': provider,
  'server.address': serverAddress,
  'gen_ai.response.model': model,
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 100,
});

describe('a span at a data residency endpoint', () => {
  it("of a model released before March 5, 2026 is priced at its list price: OpenAI's uplift is for later models", () => {
    // gpt-5.2 at 1.75 / 14: 1,000 × 1.75 = 1,750 µ$; 100 × 14 = 1,400 µ$.
    expectExactCost(priced(call('gpt-5.2', 'eu.api.openai.com')), noCache('gpt-5.2', 0.00175, 0.0014, 0.00315));
  });

  it.each([
    // gpt-5.4 at 2.5 / 15: 1,000 × 2.5 × 1.1 = 2,750 µ$; 100 × 15 × 1.1 = 1,650 µ$.
    ['gpt-5.4', noCache('gpt-5.4', 0.00275, 0.00165, 0.0044)],
    // gpt-5.6-luna at 0.2 / 1.2: 1,000 × 0.2 × 1.1 = 220 µ$; 100 × 1.2 × 1.1 = 132 µ$.
    ['gpt-5.6-luna', noCache('gpt-5.6-luna', 0.00022, 0.000132, 0.000352)],
  ])('of %s, from any producer, is priced 10 %% over its list price', (model, expected) => {
    expectExactCost(priced(call(model, 'jp.api.openai.com')), expected);
  });

  it.each([
    ['api.openai.com', 'openai'],
    ['api.eu.openai.com', 'openai'],
    ['eu.api.openai.com.gateway.example', 'openai'],
    ['eu.api.openai.com', 'azure.ai.openai'],
  ])('of gpt-5.5 at %s, provider %s, carries no uplift', (serverAddress, provider) => {
    // 1,000 × 5 = 5,000 µ$; 100 × 30 = 3,000 µ$.
    expectExactCost(priced(call('gpt-5.5', serverAddress, provider)), noCache('gpt-5.5', 0.005, 0.003, 0.008));
  });
});
