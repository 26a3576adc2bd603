import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { PricingFile } from '../../src/index.js';

const DATA = join(import.meta.dirname, '..', '..', 'data');
const table = JSON.parse(readFileSync(join(DATA, 'pricing_v1.json'), 'utf8')) as PricingFile;
const schema = JSON.parse(readFileSync(join(DATA, 'pricing_v1.schema.json'), 'utf8')) as object;

const PRICING_PAGES: Readonly<Record<string, string>> = {
  openai: 'https://openai.com/api/pricing/',
  anthropic: 'https://platform.claude.com/docs/en/about-claude/pricing',
};

describe('the shipped pricing table, data/pricing_v1.json', () => {
  it('passes its schema, data/pricing_v1.schema.json', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(table), JSON.stringify(validate.errors)).toBe(true);
  });

  it("cites for every price its provider's pricing page and REFERENCE.md §3, as of 2026-11", () => {
    const sources = table.entries.flatMap((entry) =>
      [entry.source, ...(entry.long_context ?? []).map((tier) => tier.source)].map((source) => ({ entry: entry.id, provider: entry.provider, ...source })),
    );
    const uncited = sources.filter(
      (source) => source.url !== PRICING_PAGES[source.provider] || !source.reference?.includes('REFERENCE.md §3') || source.as_of !== '2026-11',
    );
    expect(uncited).toEqual([]);
  });

  it('gives each entry an id of its own', () => {
    const ids = table.entries.map((entry) => entry.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('names each model id in one entry only', () => {
    const modelIds = table.entries.flatMap((entry) => entry.match);
    expect(modelIds.filter((id, index) => modelIds.indexOf(id) !== index)).toEqual([]);
  });
});
