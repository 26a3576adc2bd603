import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/pinned-install.js';

/**
 * Every sentence of the privacy and reliability docs names what holds it. The docs are the
 * README's Privacy, Fail-open and Reliability sections, docs/privacy.md and docs/reliability.md.
 *
 * A claim is a sentence of a paragraph or a list item, or a whole table. Each sentence is followed
 * by one or more markers: `<!-- test: <test file> › <title> -->` names a test that holds it (the
 * title as the file writes it, of an `it`, `test` or `describe`, placeholders such as `%s`
 * included; a describe's title before an it's, joined by ` › `, when the it's alone is ambiguous);
 * `<!-- measured: <file> -->` names the script or test that measured a dated figure;
 * `<!-- explanation -->` says the sentence explains and claims nothing. A table is followed by a
 * line of markers. Headings and code blocks are not claims.
 *
 * A sentence ends at `.`, `!` or `?` before a space or the end of its paragraph (code spans aside),
 * so a sentence without its own marker runs into the next one and is found.
 */

const DOCS: readonly { file: string; sections?: readonly string[] }[] = [
  { file: 'README.md', sections: ['## Privacy', '## Fail-open', '## Reliability'] },
  { file: 'docs/privacy.md' },
  { file: 'docs/reliability.md' },
];

const MARKER = /<!--\s*(test|measured|explanation)(?::\s*([\s\S]*?))?\s*-->/g;
const TITLE_SEPARATOR = ' › ';

/** A claim's text and the markers after it. */
interface Claim {
  readonly where: string;
  readonly text: string;
  readonly markers: readonly { kind: string; reference: string }[];
}

/** The lines of `file` that are checked: the sections named, or the whole file. */
function checkedLines(file: string, sections: readonly string[] | undefined): { line: string; number: number }[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n').map((line, index) => ({ line, number: index + 1 }));
  if (sections === undefined) return lines;
  return sections.flatMap((heading) => {
    const start = lines.findIndex(({ line }) => line === heading);
    if (start < 0) throw new Error(`${file} has no section "${heading}"`);
    const end = lines.findIndex(({ line }, index) => index > start && /^#{1,2} /.test(line));
    return lines.slice(start, end < 0 ? undefined : end);
  });
}

/** The blocks of the checked lines: paragraphs, list items and tables, each with the line it starts on. */
function blocksOf(file: string, sections: readonly string[] | undefined): { where: string; kind: 'text' | 'table'; text: string }[] {
  const blocks: { where: string; kind: 'text' | 'table'; text: string }[] = [];
  let current: { where: string; kind: 'text' | 'table'; text: string } | undefined;
  let inCode = false;
  const close = () => {
    if (current !== undefined) blocks.push(current);
    current = undefined;
  };
  for (const { line, number } of checkedLines(file, sections)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('```')) {
      close();
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    const where = `${file}:${number}`;
    if (trimmed === '' || trimmed.startsWith('#')) {
      close();
    } else if (trimmed.startsWith('|')) {
      if (current?.kind !== 'table') {
        close();
        current = { where, kind: 'table', text: '' };
      }
    } else if (current?.kind === 'table') {
      // The line after a table holds its markers; a table followed by anything else has none.
      const onlyMarkers = trimmed.replace(MARKER, '').trim() === '';
      current.text = onlyMarkers ? trimmed : '';
      close();
      if (!onlyMarkers) current = { where, kind: 'text', text: trimmed };
    } else if (/^([-*]|\d+\.)\s/.test(trimmed)) {
      close();
      current = { where, kind: 'text', text: trimmed.replace(/^([-*]|\d+\.)\s+/, '') };
    } else if (current === undefined) {
      current = { where, kind: 'text', text: trimmed };
    } else {
      current.text += ` ${trimmed}`;
    }
  }
  close();
  return blocks;
}

/** The claims of a block: its sentences, or the table, each with its markers; unmarked text as a claim without markers. */
function claimsOf(block: { where: string; kind: 'text' | 'table'; text: string }): Claim[] {
  if (block.kind === 'table') return [{ where: `${block.where} (table)`, text: 'the table', markers: markersIn(block.text) }];
  const claims: Claim[] = [];
  // Code spans can hold anything, full stops included: they are blanked out to find sentence ends.
  const prose = block.text.replace(/`[^`]*`/g, (code) => `\`${'x'.repeat(code.length - 2)}\``);
  const pieces = prose.split(/(<!--[\s\S]*?-->)/);
  let text = '';
  let markers: { kind: string; reference: string }[] = [];
  const flush = () => {
    if (text.trim() !== '' || markers.length > 0) claims.push({ where: block.where, text: text.trim(), markers });
    text = '';
    markers = [];
  };
  for (const piece of pieces) {
    if (piece.startsWith('<!--')) {
      markers.push(...markersIn(piece));
      continue;
    }
    if (piece.trim() === '') continue;
    if (markers.length > 0) flush();
    // A sentence end inside the text before a marker: the sentence before it has no marker.
    const sentences = piece.split(/(?<=[.!?][*_)"'’]*)\s+(?=\S)/);
    for (const [index, sentence] of sentences.entries()) {
      text += `${index === 0 ? '' : ' '}${sentence}`;
      if (index < sentences.length - 1) flush();
    }
  }
  flush();
  return claims;
}

function markersIn(text: string): { kind: string; reference: string }[] {
  return [...text.matchAll(MARKER)].map((match) => ({ kind: match[1] ?? '', reference: (match[2] ?? '').trim() }));
}

const DIRECT_TITLE = /\b(?:it|test|describe)(?:\.(?:concurrent|sequential))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
const EACH_CALL = /\b(?:it|test|describe)\.(?:each|for)\b/g;
const TITLE_AFTER_TABLE = /\)\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

/** The titles of the tests and describes of a test file, as its source writes them. */
function titlesOf(source: string): Set<string> {
  const titles = new Set<string>();
  for (const match of source.matchAll(DIRECT_TITLE)) titles.add(match[2] ?? '');
  for (const match of source.matchAll(EACH_CALL)) {
    TITLE_AFTER_TABLE.lastIndex = match.index;
    const title = TITLE_AFTER_TABLE.exec(source);
    if (title !== null) titles.add(title[2] ?? '');
  }
  return titles;
}

const titleCache = new Map<string, Set<string>>();

/** What is wrong with a marker: nothing (`undefined`), or a sentence saying what. */
function markerProblem({ kind, reference }: { kind: string; reference: string }): string | undefined {
  if (kind === 'explanation') return reference === '' ? undefined : 'an explanation marker takes no reference';
  if (kind === 'measured') return existsSync(join(ROOT, reference)) ? undefined : `measured by ${reference}, which does not exist`;
  const [file = '', ...titles] = reference.split(TITLE_SEPARATOR);
  if (titles.length === 0) return `test ${reference} names no title`;
  if (!file.endsWith('.test.ts') || !existsSync(join(ROOT, file))) return `test file ${file} does not exist`;
  if (!titleCache.has(file)) titleCache.set(file, titlesOf(readFileSync(join(ROOT, file), 'utf8')));
  const missing = titles.filter((title) => !titleCache.get(file)?.has(title));
  return missing.length === 0 ? undefined : `${file} has no test titled ${missing.map((title) => `"${title}"`).join(', ')}`;
}

const claims = DOCS.flatMap(({ file, sections }) => blocksOf(file, sections).flatMap(claimsOf));

describe('the claims of the privacy and reliability docs', () => {
  it('are found: the docs have claims, each with a marker', () => {
    expect(claims.length).toBeGreaterThan(100);
  });

  it('each name a test, a measurement or an explanation', () => {
    const unheld = claims.filter((claim) => claim.markers.length === 0).map((claim) => `${claim.where}: ${claim.text}`);
    expect(unheld).toEqual([]);
  });

  it('name only test files that exist and titles they hold', () => {
    const problems = claims.flatMap((claim) => claim.markers.flatMap((marker) => markerProblem(marker) ?? []).map((problem) => `${claim.where}: ${problem}`));
    expect([...new Set(problems)]).toEqual([]);
  });

  it('find a sentence without a marker, one that names a missing test, and a table without markers', () => {
    const file = 'docs/privacy.md';
    const block = (text: string) => claimsOf({ where: file, kind: 'text', text });
    expect(block('One. <!-- explanation --> Two, unheld. Three. <!-- explanation -->').map((claim) => claim.markers.length)).toEqual([1, 0, 1]);
    expect(block('Version 1.5 of `a.b` holds, as `x. Y` does. <!-- explanation -->')).toHaveLength(1);
    expect(markerProblem({ kind: 'test', reference: 'test/privacy/docs-claims.test.ts › no such title' })).toContain('no test titled');
    expect(markerProblem({ kind: 'test', reference: 'test/privacy/docs-claims.test.ts › are found: the docs have claims, each with a marker' })).toBeUndefined();
    expect(claimsOf({ where: file, kind: 'table', text: '' })[0]?.markers).toEqual([]);
  });
});
