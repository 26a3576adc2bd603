import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createRedactor } from '../../src/privacy/redaction.js';
import { ROOT } from '../support/pinned-install.js';

/**
 * What redaction finds in ordinary text and code: the README and the main JavaScript file of every
 * package installed in this repository's node_modules (about a thousand files, 12 million
 * characters). Each finding is counted by kind; most are not secrets, though some are personal
 * data (the e-mail addresses of authors) or example credentials (`redis://user:pass@...`).
 * docs/privacy.md reports the figures; this test prints them and holds them to a generous bound,
 * about five times what was measured, since the installed packages change.
 */

/** Findings per million characters, at most: 38 were measured (docs/privacy.md). */
const MAX_FINDINGS_PER_MILLION_CHARS = 200;
/** The share of files with a finding, at most: 7.9 % were measured. */
const MAX_SHARE_OF_FILES = 0.25;
/** Far beyond a README or a main file; the rest of a larger bundle adds nothing different. */
const MAX_CHARS_PER_FILE = 1 << 20;

/** The top-level packages of node_modules, scoped ones included, in name order. */
function installedPackages(): string[] {
  const modules = join(ROOT, 'node_modules');
  return readdirSync(modules)
    .sort()
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).sort().map((scoped) => join(modules, name, scoped)) : [join(modules, name)]));
}

/** A package's README and the JavaScript file its `main` names, those that exist. */
function ordinaryFilesOf(folder: string): string[] {
  const files: string[] = [];
  const readme = ['README.md', 'readme.md', 'Readme.md'].map((name) => join(folder, name)).find((file) => existsSync(file));
  if (readme !== undefined) files.push(readme);
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) return files;
  const main = (JSON.parse(readFileSync(manifest, 'utf8')) as { main?: unknown }).main;
  const entry = typeof main === 'string' ? main : 'index.js';
  const script = [join(folder, entry), join(folder, `${entry}.js`), join(folder, entry, 'index.js')].find(
    (file) => /\.c?js$/.test(file) && existsSync(file) && statSync(file).isFile(),
  );
  if (script !== undefined) files.push(script);
  return files;
}

it('finds few things to redact in the READMEs and sources of the installed packages', () => {
  // A cap above any file, so that each is read whole.
  const redactor = createRedactor({ maxAttributeBytes: 1 << 22 });
  const files = installedPackages().flatMap(ordinaryFilesOf);
  const findingsByKind: Record<string, number> = {};
  let chars = 0;
  let filesWithFindings = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8').slice(0, MAX_CHARS_PER_FILE);
    chars += text.length;
    const labels = redactor.redact(text, { attribute: 'gen_ai.input.messages', role: 'user' }).match(/\[REDACTED:\w+\]|\[base64 [^\]]{0,80} bytes\]/g) ?? [];
    if (labels.length > 0) filesWithFindings++;
    for (const label of labels) {
      const kind = label.startsWith('[base64') ? 'base64_data' : label.slice('[REDACTED:'.length, -1);
      findingsByKind[kind] = (findingsByKind[kind] ?? 0) + 1;
    }
  }
  const findings = Object.values(findingsByKind).reduce((sum, count) => sum + count, 0);
  const perMillionChars = (findings / chars) * 1e6;
  console.log(JSON.stringify({ files: files.length, chars, findings, perMillionChars, filesWithFindings, findingsByKind }));
  // The corpus is there: hundreds of files, millions of characters.
  expect(files.length).toBeGreaterThan(300);
  expect(chars).toBeGreaterThan(2_000_000);
  expect(perMillionChars).toBeLessThan(MAX_FINDINGS_PER_MILLION_CHARS);
  expect(filesWithFindings / files.length).toBeLessThan(MAX_SHARE_OF_FILES);
});
