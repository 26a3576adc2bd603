import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProvider } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { datasetProvider } from '../../scripts/dataset-providers.mjs';
import { BACKENDS } from '../../src/instrumentation/formats/openai/backends.js';
import { loadPricingTable } from '../../src/pricing/pricing-table.js';
import type { PricingFile } from '../../src/index.js';

/**
 * The model ids an application sends to the backends the `openai` SDK is pointed at (Groq, xAI,
 * Mistral, Fireworks, Cerebras, Moonshot AI, Z.ai, DeepSeek) are named by no SDK's types: the `openai` SDK's are OpenAI's. The
 * open list of them is the maintained price dataset's (@pydantic/genai-prices, as installed), which
 * names every model it prices for each of these providers. Each of its ids is priced by the shipped
 * table for the backend's spans, or listed as knowingly unpriced for a factual reason; whether the
 * two agree on the prices is `npm run prices:check`'s question (data/price-disagreements.json).
 *
 * Terms: a model's "ids" are the ids its `match` names with `equals`; a model matched otherwise
 * (by a prefix or a pattern) is named by its own id.
 */

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'pricing_v1.json'), 'utf8')) as PricingFile;
const table = loadPricingTable(undefined);

/**
 * The backends whose models the table prices itself. Not here: OpenAI, Azure, Anthropic's and
 * Gemini's OpenAI-compatible endpoints and OpenRouter, priced by the model makers' entries (their
 * ids are the SDKs' own, which test/pricing/model-coverage.test.ts reads); Ollama, self-hosted; and
 * Together, whose list in the dataset is its catalog of 2023 and 2024 (Llama 2, RedPajama, Vicuna
 * …) without the models it serves today, so it says nothing of what applications call; and Amazon
 * Bedrock, whose list there is its whole catalog of its own APIs (InvokeModel, Converse: Claude,
 * Llama, Nova …), most of it not served on the OpenAI-compatible endpoints the `openai` SDK calls;
 * the table prices the OpenAI models Bedrock serves there (test/openai/backends.test.ts).
 */
const NOT_LISTED_BY_THE_DATASET = new Set(['openai', 'azure.ai.openai', 'anthropic', 'gcp.gemini', 'openrouter', 'ollama', 'together', 'aws.bedrock']);
const providers = BACKENDS.map((backend) => backend.provider).filter((provider) => !NOT_LISTED_BY_THE_DATASET.has(provider));

type DatasetMatch = { equals?: string; or?: DatasetMatch[] };
const equalsIds = (match: DatasetMatch): string[] => (match.equals !== undefined ? [match.equals] : (match.or ?? []).flatMap(equalsIds));

/** The ids of every model the dataset lists for `provider`. */
function datasetIds(provider: string): string[] {
  const found = findProvider({ providerId: datasetProvider(provider) });
  if (found === undefined) throw new Error(`the dataset has no provider ${provider}`);
  return [
    ...new Set(
      found.models.flatMap((model) => {
        const ids = equalsIds(model.match as DatasetMatch);
        return ids.length > 0 ? ids : [model.id];
      }),
    ),
  ];
}

const reasonOf = new Map(shipped.unpriced?.flatMap((group) => group.models.map((model) => [model.toLowerCase(), group.reason] as const)));
const CASES = providers.map((provider) => ({ provider, ids: datasetIds(provider) }));
const pricedFor = (provider: string, ids: readonly string[]) => ids.filter((id) => table.match(id, undefined, provider) !== undefined);

describe('the model ids the maintained dataset lists for the backends the openai SDK is pointed at', () => {
  it('cover the eight backends with prices of their own', () => {
    expect(providers).toEqual(['deepseek', 'groq', 'x_ai', 'mistral_ai', 'fireworks', 'cerebras', 'moonshot', 'z_ai']);
  });

  it.each(CASES)('of $provider are each priced for its spans, or listed as knowingly unpriced', ({ provider, ids }) => {
    expect(ids.length).toBeGreaterThan(0);
    const priced = new Set(pricedFor(provider, ids));
    expect(ids.filter((id) => !priced.has(id) && !reasonOf.has(id.toLowerCase()))).toEqual([]);
  });

  it('number 228, of which 72 are priced (@pydantic/genai-prices 0.1.8, table 2026-12-08.3)', () => {
    // DeepSeek 8 (3 priced; 5 names of its releases that its API does not take), Groq 34 (3: the
    // gpt-oss models; 25 retired, 2 enterprise-only, 2 unlisted, 2 Whisper), xAI 50 (31: the current
    // models and the ids xAI serves with grok-4.3 since 2026-05-15; 19 retired, voice or moving),
    // Mistral 72 (13; the rest retired, other hosts' spellings, OCR and Voxtral, and
    // mistral-large-latest), Fireworks 34 (6; 24 off its serverless API, 4 of unknown status), Cerebras 7
    // (1: gpt-oss-120b; 5 no longer served, gemma-4-31b with its price from one source only), Moonshot AI 17
    // (11: Kimi K2.5, K2.6, K2.7 Code and its HighSpeed, K3, and the three Moonshot V1 models with their
    // vision previews; the six ids of the kimi-k2 series, discontinued on 2026-05-25), Z.ai 6 (4: GLM-5.2
    // and GLM-5.3, each spelled upper- and lower-case; GLM-5.3-Flash's two, whose price the sources disagree on).
    // 8 + 34 + 50 + 72 + 34 + 7 + 17 + 6 = 228; 3 + 3 + 31 + 13 + 6 + 1 + 11 + 4 = 72.
    expect(CASES.map(({ ids }) => ids.length)).toEqual([8, 34, 50, 72, 34, 7, 17, 6]);
    expect(CASES.map(({ provider, ids }) => pricedFor(provider, ids).length)).toEqual([3, 3, 31, 13, 6, 1, 11, 4]);
  });

  it('that are listed as unpriced are indeed not priced', () => {
    for (const { provider, ids } of CASES) expect(pricedFor(provider, ids.filter((id) => reasonOf.has(id.toLowerCase())))).toEqual([]);
  });
});

/**
 * Cohere's models, which `cohere-ai` calls (CohereInstrumentation) and the Vercel AI SDK's
 * `@ai-sdk/cohere` names: the SDK's types name no model id, so the open list is the dataset's too.
 */
describe("the model ids the maintained dataset lists for Cohere's own API", () => {
  const ids = datasetIds('cohere');

  it('are each priced for its spans, or listed as knowingly unpriced', () => {
    const priced = new Set(pricedFor('cohere', ids));
    expect(ids.filter((id) => !priced.has(id) && !reasonOf.has(id.toLowerCase()))).toEqual([]);
    expect(pricedFor('cohere', ids.filter((id) => reasonOf.has(id.toLowerCase())))).toEqual([]);
  });

  it('number 13, of which 6 are priced (@pydantic/genai-prices 0.1.8, table 2026-12-08.3)', () => {
    // Priced: the dated Command A, R, R+ and R7B, Aya Expanse 32B and Embed 4. Unpriced: the four
    // models and aliases deprecated on 2025-09-15, Aya Expanse 8B (retired) and two ids the API does not name.
    expect(ids.length).toBe(13);
    expect(pricedFor('cohere', ids).length).toBe(6);
  });
});
