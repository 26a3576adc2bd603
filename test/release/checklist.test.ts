import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/pinned-install.js';

/** docs/release-checklist.md names only what exists, and says who does each step. */

const checklist = readFileSync(join(ROOT, 'docs', 'release-checklist.md'), 'utf8');
const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the release checklist', () => {
  it('names only npm scripts that package.json has', () => {
    // `npm test` is `npm run test`; a name ends before a space, a backtick or a `--`.
    const named = [...checklist.matchAll(/npm (?:run ([\w:-]+)|(test)\b)/g)].map((match) => match[1] ?? match[2]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !(name! in scripts))).toEqual([]);
  });

  it('names only workflows that .github/workflows has', () => {
    const workflows = new Set(readdirSync(join(ROOT, '.github', 'workflows')));
    const named = [...checklist.matchAll(/`([\w-]+\.yml)`/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !workflows.has(name!))).toEqual([]);
  });

  it('marks every step as automated or manual', () => {
    const steps = checklist.split('\n').filter((line) => line.startsWith('- '));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((step) => !/^- \*\*(Automated|Manual)\*\*/.test(step))).toEqual([]);
  });
});
