import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_TIERS } from '../../src/instrumentation/formats/openai/response-fields.js';

/**
 * Every service tier the installed `openai` SDK's types name, in a request or a response, is a
 * value the spans record as it is: a tier a new SDK release adds fails this test until the table
 * knows it, instead of reaching the spans as `_OTHER` (and the cost as unpriced).
 */

const sdkRoot = dirname(createRequire(import.meta.url).resolve('openai'));

/** The string literals of every `service_tier` field's type and of the `ServiceTier` alias in the SDK's `file`. */
function serviceTiersIn(file: string): string[] {
  const source = readFileSync(join(sdkRoot, file), 'utf8');
  const unions = [...source.matchAll(/(?:service_tier\??:|type ServiceTier =) ([^;\n]+)/g)].map((match) => match[1] ?? '');
  return [...new Set(unions.flatMap((union) => [...union.matchAll(/'([^']+)'/g)].map((literal) => literal[1] as string)))];
}

describe('the service tiers of the installed openai SDK', () => {
  it.each(['resources/chat/completions/completions.d.ts', 'resources/responses/responses.d.ts'])('named in %s are all known', (file) => {
    const tiers = serviceTiersIn(file);
    expect(tiers.length).toBeGreaterThan(0);
    expect(tiers.filter((tier) => !SERVICE_TIERS.has(tier))).toEqual([]);
  });
});
