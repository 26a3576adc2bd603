import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * scripts/prices-check.mjs (npm run prices:check): the shipped table against the installed
 * @pydantic/genai-prices, every disagreement listed with its reason in data/price-disagreements.json.
 */

const TABLE = join(ROOT, 'data', 'pricing_v1.json');
const DISAGREEMENTS = join(ROOT, 'data', 'price-disagreements.json');

interface Disagreement {
  readonly id: string;
  readonly field: string;
  readonly ours: unknown;
  readonly theirs: unknown;
  readonly reason: string;
}

/** The shipped table, as far as these tests change it. */
const shippedTable = (): { entries: { id: string; usd_per_million_tokens: { input: number }; earlier_prices?: unknown[] }[] } => JSON.parse(readFileSync(TABLE, 'utf8'));
const shippedDisagreements = (): { disagreements: Disagreement[] } => JSON.parse(readFileSync(DISAGREEMENTS, 'utf8'));

/** The tests' files, removed once they have run. */
const scratch = mkdtempSync(join(tmpdir(), 'prices-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `document` to a file of its own and returns the file's path. */
function written(name: string, document: unknown): string {
  const path = join(mkdtempSync(join(scratch, 'case-')), name);
  writeFileSync(path, JSON.stringify(document));
  return path;
}

const pricesCheck = (table = TABLE, disagreements = DISAGREEMENTS) =>
  runNode([join(ROOT, 'scripts', 'prices-check.mjs'), table, disagreements], { cwd: ROOT });

describe('npm run prices:check', () => {
  it('passes on the shipped table: the dataset agrees with it everywhere the disagreements file does not say why not', async () => {
    const result = await pricesCheck();
    expect(result.stdout).toContain('0 not listed, 0 stale');
    expect(result.code).toBe(0);
  });

  it('lists each disagreement once, with a reason', () => {
    const { disagreements } = shippedDisagreements();
    const keys = disagreements.map(({ id, field, ours, theirs }) => JSON.stringify([id, field, ours, theirs]));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(disagreements.filter(({ reason }) => typeof reason !== 'string' || reason.trim() === '')).toEqual([]);
  });

  it('compares the prices in force today: those of an earlier period not yet ended, else the current ones', async () => {
    // gpt-4o's current input price changed to 2, its 2.50 kept as the prices of a period that ends in 2999 or ended in 2000.
    const withPeriodUntil = (until: string) => {
      const table = shippedTable();
      const gpt4o = table.entries.find((entry) => entry.id === 'gpt-4o');
      if (gpt4o === undefined) throw new Error('no gpt-4o entry in the shipped table');
      gpt4o.earlier_prices = [{ until, usd_per_million_tokens: { ...gpt4o.usd_per_million_tokens }, source: { url: 'https://openai.com/api/pricing/', as_of: '2026-12' } }];
      gpt4o.usd_per_million_tokens.input = 2;
      return written('pricing.json', table);
    };
    const running = await pricesCheck(withPeriodUntil('2999-01-01T00:00:00Z'));
    expect(running.stdout).toContain('0 not listed, 0 stale');
    expect(running.code).toBe(0);
    const ended = await pricesCheck(withPeriodUntil('2000-01-01T00:00:00Z'));
    expect(ended.stdout).toContain('disagreement not listed with a reason: gpt-4o input: ours 2, theirs 2.5');
    expect(ended.code).toBe(1);
  });

  it('fails on a price that the dataset does not share and the file does not list, naming it', async () => {
    const table = shippedTable();
    const gpt4o = table.entries.find((entry) => entry.id === 'gpt-4o');
    if (gpt4o === undefined) throw new Error('no gpt-4o entry in the shipped table');
    gpt4o.usd_per_million_tokens.input = 2;
    const result = await pricesCheck(written('pricing.json', table));
    expect(result.stdout).toContain('disagreement not listed with a reason: gpt-4o input: ours 2, theirs 2.5');
    expect(result.code).toBe(1);
  });

  it('fails on a listed disagreement that no longer exists', async () => {
    const listed = shippedDisagreements();
    const stale = { id: 'gpt-4o', field: 'output', ours: 9, theirs: 10, reason: 'a reason for a price the table no longer has' };
    const result = await pricesCheck(TABLE, written('disagreements.json', { ...listed, disagreements: [...listed.disagreements, stale] }));
    expect(result.stdout).toContain('listed, but the prices now agree or differ otherwise: gpt-4o output: ours 9, theirs 10');
    expect(result.code).toBe(1);
  });

  it('fails on a disagreement listed without a reason', async () => {
    const listed = shippedDisagreements();
    const [first, ...rest] = listed.disagreements;
    if (first === undefined) throw new Error('the shipped disagreements file lists none');
    const result = await pricesCheck(TABLE, written('disagreements.json', { ...listed, disagreements: [{ ...first, reason: '' }, ...rest] }));
    expect(result.stdout).toContain(`disagreement not listed with a reason: ${first.id} ${first.field}:`);
    expect(result.code).toBe(1);
  });
});
