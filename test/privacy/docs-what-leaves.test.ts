import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AI_SDK_OPERATION_ID,
  AI_SDK_RESPONSE_PROVIDER_METADATA,
  AI_SDK_USAGE_CACHE_READ_TOKENS,
  AI_SDK_USAGE_CACHE_WRITE_TOKENS,
} from '../../src/semconv.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import type { ReceivedSpan } from '../support/otlp-receiver.js';
import { ROOT } from '../support/pinned-install.js';
import { deltaPlaceholders, INSTALL_TIMEOUT_MS, KEYS, MEDIA_FIELDS, plainCanary, prepareLegacyFolder, runApps, TEXT_FIELDS, UNRECORDED_TEXT_FIELDS, URL_FIELDS } from './canary-apps.js';

/**
 * docs/privacy.md's table of what leaves, held to the registry and to the bytes that leave. The
 * table names, for each place an attribute can go (the span of an API call, its content event,
 * the report span and its events, the metrics, or nowhere), the attributes that go there and the
 * modes they go in. It must name exactly the attributes and events of semconv/registry_v1.json.
 * Then the canary apps (./canary-apps.ts: every surface of both SDKs, streamed and not, through
 * `--import otel-llm-observer/register` and the real OTLP exporter), and an app with the calls
 * they do not make (stop sequences; the Anthropic calls whose spans are the SDK's own), run in
 * each mode: every attribute exported must be one the table lists for that mode and place, and
 * every attribute the table gives to some modes only must be exported in those modes, at each
 * place the table says, and in no other.
 */

const MODES = [
  ['metadata (default)', ''],
  ['`SPAN_ONLY`', 'SPAN_ONLY'],
  ['`EVENT_ONLY`', 'EVENT_ONLY'],
  ['`SPAN_AND_EVENT`', 'SPAN_AND_EVENT'],
] as const;
type ModeColumn = (typeof MODES)[number][0];

const OUR_SCOPE_PREFIX = 'otel-llm-observer';
const REPORT_SPAN = 'llm_observer.report';
const ANTHROPIC_SDK_SCOPE = 'com.anthropic.sdk.typescript';

/** Where a row's attributes go: a span (`call`, `report`), an event by name, the metrics, or nowhere. */
type Place = { kind: 'span'; span: 'call' | 'report' } | { kind: 'event'; event: string } | { kind: 'metrics' } | { kind: 'nowhere'; removed: boolean };

interface Row {
  readonly place: Place;
  readonly attributes: readonly string[];
  readonly modes: ReadonlySet<ModeColumn>;
}

const privacyDoc = readFileSync(join(ROOT, 'docs', 'privacy.md'), 'utf8');
const registry = JSON.parse(readFileSync(join(ROOT, 'semconv', 'registry_v1.json'), 'utf8')) as {
  attributes: { name: string }[];
  events: { name: string }[];
};

const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
const cellsOf = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());

/** The lines of the first table under `heading` in docs/privacy.md. */
function tableUnder(heading: string): string[] {
  const start = privacyDoc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/privacy.md has no heading "${heading}"`);
  const lines = privacyDoc.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const length = lines.slice(first).findIndex((line) => !line.startsWith('|'));
  return lines.slice(first, first + length);
}

function placeOf(where: string): Place {
  const [event] = codeSpans(where);
  if (event !== undefined) return { kind: 'event', event };
  if (where.startsWith('call span')) return { kind: 'span', span: 'call' };
  if (where.startsWith('report span')) return { kind: 'span', span: 'report' };
  if (where === 'metrics') return { kind: 'metrics' };
  if (where.startsWith('never written')) return { kind: 'nowhere', removed: where.includes('removed') };
  throw new Error(`docs/privacy.md's table of what leaves has a row for "${where}", a place this test does not know`);
}

/** The table of what leaves, row by row. */
function leavesTable(): Row[] {
  const [header = '', , ...body] = tableUnder('## What leaves, attribute by attribute');
  const columns = cellsOf(header);
  expect(columns.slice(2)).toEqual(MODES.map(([column]) => column));
  return body.map((line) => {
    const [where = '', attributes = '', ...modes] = cellsOf(line);
    for (const cell of modes) expect(['yes', 'no']).toContain(cell);
    return {
      place: placeOf(where),
      attributes: codeSpans(attributes),
      modes: new Set(MODES.filter((_, index) => modes[index] === 'yes').map(([column]) => column)),
    };
  });
}

/** A place's key: `span call`, `span report` or `event <name>`. */
const keyOf = (place: Place) => (place.kind === 'span' ? `span ${place.span}` : place.kind === 'event' ? `event ${place.event}` : place.kind);

describe('docs/privacy.md’s table of what leaves', () => {
  it('lists every attribute and event of semconv/registry_v1.json, and nothing else', () => {
    const rows = leavesTable();
    const listed = new Set(rows.flatMap((row) => row.attributes));
    // The AI SDK's camelCase names do not fit the registry's snake_case; src/semconv.ts keeps them apart, read only.
    const readOutsideRegistry = [AI_SDK_OPERATION_ID, AI_SDK_USAGE_CACHE_READ_TOKENS, AI_SDK_USAGE_CACHE_WRITE_TOKENS, AI_SDK_RESPONSE_PROVIDER_METADATA];
    expect([...listed].sort()).toEqual([...registry.attributes.map((attribute) => attribute.name), ...readOutsideRegistry].sort());
    const events = new Set(rows.flatMap((row) => (row.place.kind === 'event' ? [row.place.event] : [])));
    expect([...events].sort()).toEqual(registry.events.map((event) => event.name).sort());
    // What is never written leaves in no mode.
    expect(rows.filter((row) => row.place.kind === 'nowhere' && row.modes.size > 0)).toEqual([]);
  });
});

/** The texts and keys of the apps: a plain canary in every field, and the streams' deltas as the fixtures want them. */
function appInputs() {
  const texts: Record<string, string> = {};
  const placeholders: Record<string, string> = {};
  for (const field of TEXT_FIELDS) {
    const canary = plainCanary();
    const pieces = [`note ${canary.slice(0, 9)}`, `${canary.slice(9)} r`, 'ef end'] as const;
    texts[field] = pieces.join('');
    Object.assign(placeholders, deltaPlaceholders(field, pieces));
  }
  for (const field of MEDIA_FIELDS) texts[field] = Buffer.from(plainCanary()).toString('base64');
  for (const field of [...UNRECORDED_TEXT_FIELDS, 'openai_stop', 'anthropic_stop']) texts[field] = `note ${plainCanary()} end`;
  for (const field of URL_FIELDS) texts[field] = `https://images.example.com/${plainCanary()}/photo.png?sig=${plainCanary()}`;
  const keys = Object.fromEntries(Object.entries(KEYS).map(([field, make]) => [field, make()]));
  Object.assign(placeholders, texts, keys, { organization_id: `org-${plainCanary()}`, request_id: `req_${plainCanary()}` });
  return { texts, keys, placeholders };
}

const inputs = appInputs();
let server: FixtureServer;
let legacyFolder = '';
beforeAll(async () => {
  server = await startFixtureServer();
  Object.assign(server.placeholders, inputs.placeholders);
  legacyFolder = prepareLegacyFolder('privacy-docs-anthropic-0.134.0');
}, INSTALL_TIMEOUT_MS);
afterAll(() => server.close());

/** One attribute as exported: its name and the place it was on. */
interface Exported {
  readonly name: string;
  readonly place: string;
}

/** The attributes of this package's spans and events (and the `llm_observer.*` ones the cost processor puts on any span), with their places. */
function exportedAttributes(spans: readonly ReceivedSpan[]): Exported[] {
  return spans.flatMap((span) => {
    const ours = span.scope.startsWith(OUR_SCOPE_PREFIX);
    const place = span.name === REPORT_SPAN ? 'span report' : 'span call';
    const onSpan = Object.keys(span.attributes)
      .filter((name) => ours || name.startsWith('llm_observer.'))
      .map((name) => ({ name, place }));
    const onEvents = ours ? span.events.flatMap((event) => Object.keys(event.attributes).map((name) => ({ name, place: `event ${event.name}` }))) : [];
    return [...onSpan, ...onEvents];
  });
}

describe.each(MODES)('the attributes the apps exported in %s', (column, capture) => {
  let spans: ReceivedSpan[] = [];
  beforeAll(async () => {
    ({ spans } = await runApps(server, legacyFolder, inputs, capture, 'http/protobuf', ['docs-extra-calls.mjs']));
  }, 120_000);

  it('are each listed for that mode, on the span or the event that carried them', () => {
    const rows = leavesTable();
    const listed = new Set(rows.filter((row) => row.modes.has(column)).flatMap((row) => row.attributes.map((name) => `${keyOf(row.place)} ${name}`)));
    const exported = exportedAttributes(spans);
    expect(exported.length).toBeGreaterThan(0);
    expect([...new Set(exported.map(({ name, place }) => `${place} ${name}`))].filter((entry) => !listed.has(entry))).toEqual([]);
  });

  it('include each attribute of that mode alone, where the table puts it, and none of another mode’s', () => {
    const rows = leavesTable().filter((row) => row.place.kind !== 'nowhere' && row.modes.size < MODES.length);
    const exported = new Set(exportedAttributes(spans).map(({ name, place }) => `${place} ${name}`));
    const expected = rows.filter((row) => row.modes.has(column)).flatMap((row) => row.attributes.map((name) => `${keyOf(row.place)} ${name}`));
    const elsewhere = rows.filter((row) => !row.modes.has(column)).flatMap((row) => row.attributes.map((name) => `${keyOf(row.place)} ${name}`));
    expect(expected.filter((entry) => !exported.has(entry))).toEqual([]);
    expect(elsewhere.filter((entry) => exported.has(entry) && !expected.includes(entry))).toEqual([]);
  });

  it('leave none of the attributes the table says are removed from the Anthropic SDK’s own spans on the spans it exported', () => {
    const removed = leavesTable().flatMap((row) => (row.place.kind === 'nowhere' && row.place.removed ? row.attributes : []));
    const sdkSpans = spans.filter((span) => span.scope === ANTHROPIC_SDK_SCOPE);
    expect(sdkSpans.map((span) => span.name).sort()).toEqual(['anthropic.messages.count_tokens', 'anthropic.models.list']);
    expect(spans.flatMap((span) => Object.keys(span.attributes).filter((name) => removed.includes(name)))).toEqual([]);
  });

  it('leave on the resource only what the table of register’s resource lists', () => {
    const listed = tableUnder('### What register puts on the resource').slice(2).flatMap((line) => codeSpans(cellsOf(line)[0] ?? ''));
    const names = new Set(spans.flatMap((span) => Object.keys(span.resource)));
    expect([...names].sort()).toEqual([...listed].sort());
  });
});
