import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPricingTable } from '../../src/pricing/pricing-table.js';
import type { PricingFile } from '../../src/index.js';

/**
 * Every model id the installed SDKs name in their types is priced by the shipped table or listed in
 * it as knowingly unpriced, with the reason: a new SDK that names a new model fails this test
 * until the table says what it does with the model.
 */

const require = createRequire(import.meta.url);
const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'pricing_v1.json'), 'utf8')) as PricingFile;
const knowinglyUnpriced = new Set(shipped.unpriced?.flatMap((group) => group.models));
const table = loadPricingTable(undefined);

/** The string literals of the union type `typeName`, declared in the .d.ts file `file` of package `packageName`. */
function modelIdsOf(packageName: string, file: string, typeName: string): string[] {
  // The main module of both SDKs sits at the package's root.
  const source = readFileSync(join(dirname(require.resolve(packageName)), file), 'utf8');
  const declaration = new RegExp(`export type ${typeName} = ([^;]*);`).exec(source);
  if (declaration === null) throw new Error(`no type ${typeName} in ${packageName}/${file}`);
  return [...(declaration[1] ?? '').matchAll(/'([^']+)'/g)].map((match) => match[1] as string);
}

const SDK_MODEL_TYPES = [
  { sdk: 'openai', type: 'ChatModel', ids: modelIdsOf('openai', 'resources/shared.d.ts', 'ChatModel') },
  { sdk: '@anthropic-ai/sdk', type: 'Model', ids: modelIdsOf('@anthropic-ai/sdk', 'resources/messages/messages.d.ts', 'Model') },
];

describe('the model ids of the installed SDKs', () => {
  it.each(SDK_MODEL_TYPES)("of $sdk's $type are each priced, or listed as knowingly unpriced", ({ ids }) => {
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => table.resolve(id) === undefined && !knowinglyUnpriced.has(id))).toEqual([]);
  });

  it.each(SDK_MODEL_TYPES)("of $sdk's $type that are listed as unpriced are indeed not priced", ({ ids }) => {
    expect(ids.filter((id) => knowinglyUnpriced.has(id) && table.resolve(id) !== undefined)).toEqual([]);
  });
});
