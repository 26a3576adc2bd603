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
 * The secret corpus (./secret-corpus.ts) through every field of every surface of both SDKs, with
 * content capture on, to the bytes the real OTLP exporter sends (./canary-apps.ts). Every field's
 * text holds a fresh fake of every kind, `note <kind 1> ; <kind 2> ; ... end <canary>`: the canary
 * at the end, which is plain text and must arrive, proves that the field was exported whole, not
 * cut by the byte cap before its last secret. Streamed fields arrive in three deltas, which cut
 * some secrets in two.
 */

/** The share of kinds that must be redacted in every field: the bar. */
const REQUIRED_SHARE = 0.95;

interface Planted {
  readonly field: string;
  readonly needle: string;
}

function plantCorpus() {
  const texts: Record<string, string> = {};
  const placeholders: Record<string, string> = {};
  const plantedByKind = new Map<string, Planted[]>(Object.keys(SECRET_KINDS).map((kind) => [kind, []]));
  const closingCanaries: Planted[] = [];
  for (const field of TEXT_FIELDS) {
    const samples: string[] = [];
    for (const [kind, make] of Object.entries(SECRET_KINDS)) {
      const sample = make();
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

const corpus = plantCorpus();

let server: FixtureServer;
let bodies: readonly Buffer[] = [];
beforeAll(async () => {
  server = await startFixtureServer();
  Object.assign(server.placeholders, corpus.placeholders);
  const legacyFolder = prepareLegacyFolder('privacy-corpus-anthropic-0.134.0');
  const run = await runApps(server, legacyFolder, corpus.inputs, 'SPAN_AND_EVENT', 'http/protobuf');
  expect(run.calls).toHaveLength(CALLS);
  bodies = run.bodies;
}, INSTALL_TIMEOUT_MS);
afterAll(() => server.close());

/** The fields where a fake of `kind` was found in the exported bytes. */
const leaksOf = (kind: string) =>
  (corpus.plantedByKind.get(kind) ?? []).filter(({ needle }) => exported(bodies, needle)).map(({ field }) => field);

describe('the secret corpus exported as OTLP with content capture on', () => {
  it('arrives in every field whole: the canary after the last secret is exported', () => {
    expect(corpus.closingCanaries.filter(({ needle }) => !exported(bodies, needle)).map(({ field }) => field)).toEqual([]);
  });

  it.each(Object.keys(SECRET_KINDS))('leaves %s in no field of any surface', (kind) => {
    expect(leaksOf(kind)).toEqual([]);
  });

  it(`redacts at least ${REQUIRED_SHARE * 100} % of the kinds in every field`, () => {
    const kinds = Object.keys(SECRET_KINDS);
    const redactedEverywhere = kinds.filter((kind) => leaksOf(kind).length === 0);
    expect(redactedEverywhere.length / kinds.length).toBeGreaterThanOrEqual(REQUIRED_SHARE);
  });
});
