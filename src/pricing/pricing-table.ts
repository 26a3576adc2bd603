import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { guard } from '../guard.js';
import { ModelIds } from './model-ids.js';
import type { LongContextTier, PricingEntry, PricingFile, TokenPrices } from './pricing-file.js';

/**
 * The prices a processor works with: the table shipped in data/pricing_v1.json, and the user's
 * override of it, if any. An override entry with the id of a shipped entry replaces that entry,
 * and an id an override entry matches is that entry's, whatever the shipped table says.
 */

/** The environment variable naming a pricing override file, for a processor given none in code. */
export const PRICING_FILE_ENV = 'OTEL_LLM_OBSERVER_PRICING_FILE';

/** An entry of a loaded table, with what pricing a span looks up at hand. */
export interface PricedModel {
  readonly id: string;
  /** The version of the table the entry came from. */
  readonly tableVersion: string;
  readonly prices: TokenPrices;
  /** The entry's long-context tiers, highest threshold first. */
  readonly longContextTiers: readonly LongContextTier[];
  readonly serviceTierMultipliers: ReadonlyMap<string, number>;
  /** The shortest prefix the provider caches for this model; `undefined` when the table does not say. */
  readonly minCacheablePrefixTokens: number | undefined;
}

export class PricingTable {
  private readonly modelIds: ModelIds;

  constructor(shipped: PricingFile, override?: PricingFile) {
    const byId = new Map<string, PricedModel>();
    const replaced = new Set(override?.entries.map((entry) => entry.id));
    addEntries(byId, shipped, replaced);
    if (override !== undefined) addEntries(byId, override, new Set());
    this.modelIds = new ModelIds(byId);
  }

  /** The model `modelId` names, or `undefined` when the table does not price it. */
  resolve(modelId: string): PricedModel | undefined {
    return this.modelIds.resolve(modelId);
  }
}

/**
 * Adds to `byId` every id each entry of `table` matches, except the entries whose ids `skip` holds.
 * Throws when two entries of the table share an id, or both match one model id: which one
 * prices a span would then depend on their order.
 */
function addEntries(byId: Map<string, PricedModel>, table: PricingFile, skip: ReadonlySet<string>): void {
  const entryOf = new Map<string, string>();
  const entryIds = new Set<string>();
  for (const entry of table.entries) {
    if (skip.has(entry.id)) continue;
    if (entryIds.has(entry.id)) throw new Error(`two entries have the id "${entry.id}"`);
    entryIds.add(entry.id);
    const model = pricedModel(entry, table.version);
    for (const modelId of entry.match) {
      const other = entryOf.get(modelId);
      if (other !== undefined) throw new Error(`entries "${other}" and "${entry.id}" both match "${modelId}"`);
      entryOf.set(modelId, entry.id);
      byId.set(modelId, model);
    }
  }
}

function pricedModel(entry: PricingEntry, tableVersion: string): PricedModel {
  return {
    id: entry.id,
    tableVersion,
    prices: entry.usd_per_million_tokens,
    longContextTiers: [...(entry.long_context ?? [])].sort((a, b) => b.above_input_tokens - a.above_input_tokens),
    serviceTierMultipliers: new Map(Object.entries(entry.service_tier_multipliers)),
    minCacheablePrefixTokens: entry.min_cacheable_prefix_tokens,
  };
}

/**
 * The table a processor prices with: the shipped table, overridden by `override` (a table, or
 * the path of a file holding one) when it is given, else by the file OTEL_LLM_OBSERVER_PRICING_FILE
 * names. The override must pass the schema whole: an override given in code that does not throws,
 * an error met when the application starts; one the environment names is refused with a diag
 * error, as telemetry settings must not stop an application, and the shipped table stays in force.
 */
export function loadPricingTable(override: PricingFile | string | undefined): PricingTable {
  const shipped = shippedTable();
  if (override !== undefined) return tableWithOverride(shipped, override);
  const file = process.env[PRICING_FILE_ENV];
  if (file === undefined || file === '') return new PricingTable(shipped);
  return (
    guard(`${PRICING_FILE_ENV} (the shipped pricing table stays in force)`, tableWithOverride, shipped, file) ??
    new PricingTable(shipped)
  );
}

let shippedFile: PricingFile | undefined;

/** The shipped table, read once. The package's tests check it against the schema, so it is not checked here. */
function shippedTable(): PricingFile {
  shippedFile ??= JSON.parse(readFileSync(join(packageRoot(), 'data', 'pricing_v1.json'), 'utf8')) as PricingFile;
  return shippedFile;
}

/**
 * The folder of the installed package: the nearest folder up from this module that holds
 * data/pricing_v1.json. This module is src/pricing/ under the tests and dist/cjs/pricing/ once
 * built, so the depth differs. `__dirname` is there in both: the build is CommonJS (the ESM entry
 * point re-exports it), and the test runner provides it to the sources.
 */
function packageRoot(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'data', 'pricing_v1.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`data/pricing_v1.json not found above ${__dirname}`);
  }
}

/** The shipped table with `override` on it, or an error naming what is wrong with the override. */
function tableWithOverride(shipped: PricingFile, override: PricingFile | string): PricingTable {
  const origin = typeof override === 'string' ? `pricing override ${resolve(override)}` : 'pricing override';
  let candidate: unknown;
  try {
    // A copy: the application may change its object later, and the table keeps its entries.
    candidate = typeof override === 'string' ? JSON.parse(readFileSync(resolve(override), 'utf8')) : structuredClone(override);
  } catch (problem) {
    throw new Error(`${origin} cannot be read: ${(problem as Error).message}`, { cause: problem });
  }
  const validate = (overrideSchema ??= compileSchema());
  if (!validate(candidate)) throw new Error(`${origin} refused: ${describeProblem(validate.errors?.[0], candidate)}`);
  try {
    return new PricingTable(shipped, candidate);
  } catch (problem) {
    throw new Error(`${origin} refused: ${(problem as Error).message}`, { cause: problem });
  }
}

let overrideSchema: ValidateFunction<PricingFile> | undefined;

/**
 * The schema's validator. Ajv is loaded here, not with the package: it takes tens of milliseconds
 * to load, and only an override needs it.
 */
function compileSchema(): ValidateFunction<PricingFile> {
  const { Ajv2020 } = createRequire(__filename)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'data', 'pricing_v1.schema.json'), 'utf8')) as object;
  return new Ajv2020().compile<PricingFile>(schema);
}

/** The schema's complaint, naming the entry it is about: `entry "gpt-4o" (entries[2]): …`. */
function describeProblem(problem: ErrorObject | undefined, candidate: unknown): string {
  if (problem === undefined) return 'it does not match data/pricing_v1.schema.json';
  const extra = typeof problem.params['additionalProperty'] === 'string' ? ` ("${problem.params['additionalProperty']}")` : '';
  const inEntry = /^\/entries\/(\d+)(.*)$/.exec(problem.instancePath);
  if (inEntry === null) return `${problem.instancePath || 'the table'} ${problem.message ?? 'is not valid'}${extra}`;
  const index = Number(inEntry[1]);
  const id = (candidate as { entries: { id?: unknown }[] }).entries[index]?.id;
  const entry = typeof id === 'string' ? `entry "${id}" (entries[${index}])` : `entries[${index}]`;
  return `${entry}: ${inEntry[2] || 'the entry'} ${problem.message ?? 'is not valid'}${extra}`;
}
