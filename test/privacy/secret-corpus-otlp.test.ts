import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import {
  CALLS,
  deltaPlaceholders,
  exported,
  INSTALL_TIMEOUT_MS,
  KEYS,
  MEDIA_FIELDS,
  NESTED_JSON_FIELDS,
  plainCanary,
  prepareLegacyFolder,
  runApps,
  TEXT_FIELDS,
  UNRECORDED_TEXT_FIELDS,
  URL_FIELDS,
} from './canary-apps.js';
import { fitsInNestedJson, SECRET_KINDS } from './secret-corpus.js';

/**
 * The secret corpus (./secret-corpus.ts) through every field of every surface of every SDK, with
 * content capture on, to the bytes the real OTLP exporter sends (./canary-apps.ts). Every field's
 * text holds a fresh fake of every kind, `note <kind 1> ; <kind 2> ; ... end <canary>`: the canary
 * at the end, which is plain text and must arrive, proves that the field was exported whole, not
 * cut by the byte cap before its last secret. The kinds are split into {@link GROUPS} runs of the
 * apps, so that the fields of one request, each about 6 KB, fit one attribute's 64 KiB together.
 * Streamed fields arrive in three deltas, which cut some secrets in two.
 */

/** The share of kinds that must be redacted in every field: the bar. */
const REQUIRED_SHARE = 0.95;
const GROUPS = 2;

interface Planted {
  readonly field: string;
  readonly needle: string;
}

function plantCorpus(kinds: readonly string[]) {
  const texts: Record<string, string> = {};
  const placeholders: Record<string, string> = {};
  const plantedByKind = new Map<string, Planted[]>(kinds.map((kind) => [kind, []]));
  const closingCanaries: Planted[] = [];
  for (const field of TEXT_FIELDS) {
    const samples: string[] = [];
    for (const kind of kinds) {
      const sample = (SECRET_KINDS[kind] as (typeof SECRET_KINDS)[string])();
      if (NESTED_JSON_FIELDS.has(field) && !fitsInNestedJson(sample)) continue;
      samples.push(sample.text);
      plantedByKind.get(kind)?.push({ field, needle: sample.needle });
    }
    const canary = plainCanary();
    closingCanaries.push({ field, needle: canary });
    const text = `note ${samples.join(' ; ')} end ${canary}`;
    const third = Math.floor(text.length / 3);
    texts[field] = text;
    Object.assign(placeholders, deltaPlaceholders(field, [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)]));
  }
  for (const field of [...MEDIA_FIELDS, ...UNRECORDED_TEXT_FIELDS]) texts[field] = `note ${plainCanary()} end`;
  for (const field of URL_FIELDS) texts[field] = `https://images.example.com/${plainCanary()}/photo.png`;
  const keys = Object.fromEntries(Object.entries(KEYS).map(([field, make]) => [field, make()]));
  Object.assign(placeholders, texts, keys);
  return { inputs: { texts, keys }, placeholders, plantedByKind, closingCanaries };
}

const allKinds = Object.keys(SECRET_KINDS);
const groups = Array.from({ length: GROUPS }, (_, group) => plantCorpus(allKinds.filter((_kind, index) => index % GROUPS === group)));
/** What the receiver got in each group's run. */
const bodiesOfGroup: Buffer[][] = groups.map(() => []);

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
  const legacyFolder = prepareLegacyFolder('privacy-corpus-anthropic-0.134.0');
  for (const [index, group] of groups.entries()) {
    Object.assign(server.placeholders, group.placeholders);
    const run = await runApps(server, legacyFolder, group.inputs, 'SPAN_AND_EVENT', 'http/protobuf');
    expect(run.calls).toHaveLength(CALLS);
    bodiesOfGroup[index] = run.bodies;
  }
}, INSTALL_TIMEOUT_MS);
afterAll(() => server.close());

/** The fields where a fake of `kind` was found in the exported bytes. */
function leaksOf(kind: string): string[] {
  const index = groups.findIndex((group) => group.plantedByKind.has(kind));
  const planted = groups[index]?.plantedByKind.get(kind) ?? [];
  return planted.filter(({ needle }) => exported(bodiesOfGroup[index] ?? [], needle)).map(({ field }) => field);
}

describe('the secret corpus exported as OTLP with content capture on', () => {
  it.each(groups.map((group, index) => [index + 1, group] as const))(
    'arrives in every field whole in run %i: the canary after the last secret is exported',
    (index, group) => {
      const bodies = bodiesOfGroup[index - 1] ?? [];
      expect(group.closingCanaries.filter(({ needle }) => !exported(bodies, needle)).map(({ field }) => field)).toEqual([]);
    },
  );

  it.each(allKinds)('leaves %s in no field of any surface', (kind) => {
    expect(leaksOf(kind)).toEqual([]);
  });

  it(`redacts at least ${REQUIRED_SHARE * 100} % of the kinds in every field`, () => {
    const redactedEverywhere = allKinds.filter((kind) => leaksOf(kind).length === 0);
    expect(redactedEverywhere.length / allKinds.length).toBeGreaterThanOrEqual(REQUIRED_SHARE);
  });
});
