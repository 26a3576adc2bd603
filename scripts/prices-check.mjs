// node scripts/prices-check.mjs [table] [disagreements]: compares every price of the pricing table
// (default data/pricing_v1.json) with the maintained dataset @pydantic/genai-prices, as installed,
// at today's date, and exits 1 when they disagree anywhere the disagreements file (default
// data/price-disagreements.json) does not list with its reason, or when the file lists a
// disagreement that no longer exists. Terms:
// - "ours": the table's figure; "theirs": the dataset's, for the same model id, as its own model
//   matching finds it, with the provider's id (an entry's provider; for an id the table leaves
//   unpriced, openai, anthropic or google by the id's prefix: the dataset finds Gemma only under
//   google).
// - a "disagreement": { id, field, ours, theirs }: a table entry's id and one price field (input,
//   output, cache_read, cache_write, cache_write_1h, audio_input, audio_cache_read, audio_output, image_input, image_cache_read, image_output; "<field> long context" for the tiers above an
//   input size, [{ above, price }], where both count "above" as more than that many tokens), or the
//   entry's usd_per_audio_second, against the dataset's price of an hour of input audio / 3600;
//   `field: "model"` when the dataset knows none of the entry's ids; and, with the model id as `id`,
//   `field: "priced"` when the table knowingly leaves unpriced an id that the dataset prices.
// Where a model has no cached-input price, the table gives cache_read its input price and the
// dataset gives none: the two agree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calcPrice } from '@pydantic/genai-prices';
import { datasetProvider } from './dataset-providers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tablePath = resolve(process.argv[2] ?? join(root, 'data', 'pricing_v1.json'));
const listPath = resolve(process.argv[3] ?? join(root, 'data', 'price-disagreements.json'));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// The dataset's package.json is not among its exports; it sits above its main module.
const datasetVersion = readJson(join(dirname(createRequire(import.meta.url).resolve('@pydantic/genai-prices')), '..', 'package.json')).version;

const key = ({ id, field, ours, theirs }) => JSON.stringify([id, field, ours, theirs]);

/** The table's price fields, with the dataset's name for each. */
const FIELDS = [
  ['input', 'input_mtok'],
  ['output', 'output_mtok'],
  ['cache_read', 'cache_read_mtok'],
  ['cache_write', 'cache_write_mtok'],
  ['cache_write_1h', 'cache_write_1h_mtok'],
  ['audio_input', 'input_audio_mtok'],
  ['audio_cache_read', 'cache_audio_read_mtok'],
  ['audio_output', 'output_audio_mtok'],
  ['image_input', 'input_image_mtok'],
  ['image_cache_read', 'cache_image_read_mtok'],
  ['image_output', 'output_image_mtok'],
];

// Today at 12:00 UTC: outside every time-of-day window the dataset has (DeepSeek's peak hours,
// 01:00-04:00 and 06:00-10:00 UTC), so that the check does not depend on the hour it runs. The
// table's peak hours are a factor on its prices: its prices are the off-peak ones.
const AT = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`);

/** The dataset's prices of `modelId` today, off-peak (USD per million tokens, some tiered), with the id of its model; null when it has none. */
function theirPrices(modelId, provider) {
  const found = calcPrice({ input_tokens: 1, output_tokens: 1 }, modelId, { providerId: datasetProvider(provider), timestamp: AT });
  return found === null ? null : { model: found.model.id, prices: found.model_price };
}

/** `{ base, tiers: [{ above, price }] }` of a dataset price, plain or tiered; undefined when absent. */
function tiered(price) {
  if (price === undefined) return undefined;
  if (typeof price === 'number') return { base: price, tiers: [] };
  return { base: price.base, tiers: price.tiers.map((tier) => ({ above: tier.start, price: tier.price })) };
}

/**
 * The prices of `entry` in force at AT: those of the earliest earlier period still running (a
 * change the provider announced for a later date), else the current ones. An earlier period has no
 * long-context tiers of its own (the schema's `earlier_prices`).
 */
function inForce(entry) {
  const periods = (entry.earlier_prices ?? []).filter((period) => Date.parse(period.until) > AT.getTime());
  periods.sort((a, b) => Date.parse(a.until) - Date.parse(b.until));
  return periods.length === 0 ? { prices: entry.usd_per_million_tokens, tiers: entry.long_context ?? [] } : { prices: periods[0].usd_per_million_tokens, tiers: [] };
}

/** The same shape for one field of a table entry, at the prices in force at AT. */
function oursTiered(entry, field) {
  const { prices, tiers: longContext } = inForce(entry);
  const base = prices[field];
  const tiers = longContext
    .filter((tier) => tier.usd_per_million_tokens?.[field] !== undefined)
    .map((tier) => ({ above: tier.above_input_tokens, price: tier.usd_per_million_tokens[field] }));
  return base === undefined ? undefined : { base, tiers };
}

/** The dataset's price of an hour of input audio as a price of a second, to 12 significant digits: 0.36 / 3600 is 0.0001 less a float's rounding. */
const perSecond = (hourPrice) => (hourPrice === undefined ? undefined : Number((hourPrice / 3600).toPrecision(12)));

/** The disagreements between the table entry `entry` and the dataset's prices of one of its model ids. */
function compare(entry, theirs) {
  const found = [];
  const add = (field, ours, their) => {
    if (JSON.stringify(ours) !== JSON.stringify(their)) found.push({ id: entry.id, field, ours: ours ?? null, theirs: their ?? null });
  };
  for (const [field, theirField] of FIELDS) {
    const ours = oursTiered(entry, field);
    // No cached-input price in the dataset: the input price, as the table writes it.
    const their = tiered(theirs.prices[theirField] ?? (field === 'cache_read' ? theirs.prices.input_mtok : undefined));
    add(field, ours?.base, their?.base);
    const tiers = (side) => (side === undefined || side.tiers.length === 0 ? undefined : side.tiers);
    add(`${field} long context`, tiers(ours), tiers(their));
  }
  // A price of the entry's own, outside its prices per million tokens and the same in every period.
  add('usd_per_audio_second', entry.usd_per_audio_second, perSecond(theirs.prices.input_audio_hours));
  return found;
}

/** Every disagreement between the table and the dataset, once per entry, field and pair of figures. */
function disagreements(table) {
  const found = new Map();
  const add = (item) => found.set(key(item), item);
  for (const entry of table.entries) {
    const known = entry.match.map((modelId) => theirPrices(modelId, entry.provider)).filter((theirs) => theirs !== null);
    if (known.length === 0) add({ id: entry.id, field: 'model', ours: entry.id, theirs: null });
    for (const theirs of known) compare(entry, theirs).forEach(add);
  }
  const providerOf = (modelId) => (modelId.startsWith('claude') ? 'anthropic' : /^(gemini|gemma|lyria|nano-banana)/.test(modelId) ? 'google' : 'openai');
  for (const modelId of (table.unpriced ?? []).flatMap((group) => group.models)) {
    const theirs = theirPrices(modelId, providerOf(modelId));
    if (theirs !== null) add({ id: modelId, field: 'priced', ours: null, theirs: theirs.model });
  }
  return [...found.values()];
}

const table = readJson(tablePath);
const listed = readJson(listPath).disagreements;
const found = disagreements(table);
const foundKeys = new Set(found.map(key));
const listedKeys = new Set(listed.filter((item) => typeof item.reason === 'string' && item.reason.trim() !== '').map(key));
const unlisted = found.filter((item) => !listedKeys.has(key(item)));
const stale = listed.filter((item) => !foundKeys.has(key(item)));

const shown = (item) => `${item.id} ${item.field}: ours ${JSON.stringify(item.ours)}, theirs ${JSON.stringify(item.theirs)}`;
for (const item of unlisted) console.log(`disagreement not listed with a reason: ${shown(item)}`);
for (const item of stale) console.log(`listed, but the prices now agree or differ otherwise: ${shown(item)}`);
console.log(
  `${table.entries.length} entries of ${tablePath} against @pydantic/genai-prices ${datasetVersion}: ` +
    `${found.length} disagreements, ${found.length - unlisted.length} listed in ${listPath}; ${unlisted.length} not listed, ${stale.length} stale`,
);
process.exitCode = unlisted.length === 0 && stale.length === 0 ? 0 : 1;
