import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { PricingFile } from '../../src/index.js';

const DATA = join(import.meta.dirname, '..', '..', 'data');
const table = JSON.parse(readFileSync(join(DATA, 'pricing_v1.json'), 'utf8')) as PricingFile;
const schema = JSON.parse(readFileSync(join(DATA, 'pricing_v1.schema.json'), 'utf8')) as object;

/** The provider's pages a price may be read from, for the entry `entryId`: its pricing page, and the provider's page of the model. */
const PRICE_PAGES: Readonly<Record<string, (entryId: string) => readonly string[]>> = {
  openai: (entryId) => ['https://openai.com/api/pricing/', `https://developers.openai.com/api/docs/models/${entryId}`],
  anthropic: (entryId) => [
    'https://platform.claude.com/docs/en/about-claude/pricing',
    `https://platform.claude.com/docs/en/models/${entryId.replace(/^claude-/, '')}/overview`,
    // Claude Mythos Preview is priced in the announcement of the program it is served in, and nowhere else.
    ...(entryId === 'claude-mythos-preview' ? ['https://www.anthropic.com/glasswing'] : []),
  ],
  // The backends the openai SDK is pointed at (docs/cost.md, "The openai SDK against other backends").
  deepseek: () => ['https://api-docs.deepseek.com/quick_start/pricing'],
  groq: () => ['https://groq.com/pricing', 'https://console.groq.com/docs/models'],
  // xAI's models page, a model's page (under docs/ and developers/), and the page of the retirement that moved the old models' ids to grok-4.3.
  x_ai: (entryId) => [
    'https://docs.x.ai/docs/models',
    'https://docs.x.ai/developers/models',
    `https://docs.x.ai/docs/models/${entryId}`,
    `https://docs.x.ai/developers/models/${entryId}`,
    'https://docs.x.ai/developers/migration/may-15-retirement',
  ],
  mistral_ai: () => ['https://mistral.ai/pricing#api-pricing', 'https://docs.mistral.ai/inference/pricing'],
  // Google's pricing page, and its pages that launched a model at a price of its own.
  'gcp.gemini': () => [
    'https://ai.google.dev/gemini-api/docs/pricing',
    'https://ai.google.dev/gemini-api/docs/generate-content/latest-model',
    'https://ai.google.dev/gemini-api/docs/whats-new-gemini-3.6',
    'https://ai.google.dev/gemini-api/docs/whats-new-gemini-3.7',
  ],
  together: () => ['https://www.together.ai/pricing'],
  fireworks: () => ['https://fireworks.ai/pricing', 'https://docs.fireworks.ai/serverless/pricing'],
  // Cerebras's pricing page, and its public models API reference, which gives each model's price per token.
  cerebras: () => ['https://www.cerebras.ai/pricing', 'https://inference-docs.cerebras.ai/api-reference/models/public-models'],
  // Moonshot AI's pricing pages, one for each family of its Kimi API's models (platform.kimi.ai, formerly platform.moonshot.ai).
  moonshot: () => [
    'https://platform.kimi.ai/docs/pricing/chat-k3',
    'https://platform.kimi.ai/docs/pricing/chat-k27-code',
    'https://platform.kimi.ai/docs/pricing/chat-k26',
    'https://platform.kimi.ai/docs/pricing/chat-k25',
    'https://platform.kimi.ai/docs/pricing/chat-v1',
  ],
  // Z.ai's pricing page, of its pay-per-use API (api.z.ai).
  z_ai: () => ['https://docs.z.ai/guides/overview/pricing'],
  cohere: () => ['https://cohere.com/pricing'],
  // Amazon Bedrock's pricing page, for the OpenAI models it serves on its OpenAI-compatible endpoints.
  'aws.bedrock': () => ['https://aws.amazon.com/bedrock/pricing/'],
};

describe('the shipped pricing table, data/pricing_v1.json', () => {
  it('passes its schema, data/pricing_v1.schema.json', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(table), JSON.stringify(validate.errors)).toBe(true);
  });

  it('cites for every price a page of its provider, where the figures were checked, and the month they were read, 2026-11 or 2026-12', () => {
    const sources = table.entries.flatMap((entry) =>
      [entry.source, ...(entry.earlier_prices ?? []).map((period) => period.source), ...(entry.long_context ?? []).map((tier) => tier.source)].map((source) => ({
        entry: entry.id,
        provider: entry.provider,
        ...source,
      })),
    );
    const uncited = sources.filter(
      (source) => !(PRICE_PAGES[source.provider]?.(source.entry) ?? []).includes(source.url) || source.reference === undefined || !['2026-11', '2026-12'].includes(source.as_of),
    );
    expect(uncited).toEqual([]);
  });

  it('gives each entry an id of its own', () => {
    const ids = table.entries.map((entry) => entry.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('names each model id in one entry of each provider only', () => {
    const modelIds = table.entries.flatMap((entry) => entry.match.map((id) => `${entry.provider} ${id.toLowerCase()}`));
    expect(modelIds.filter((id, index) => modelIds.indexOf(id) !== index)).toEqual([]);
  });
});
