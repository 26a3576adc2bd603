import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runNode } from '../support/pinned-install.js';

/** scripts/release-notes.mjs in a throwaway repository whose history each test writes. */

const AUTHOR = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

/** The tests' repositories, removed once they have run. */
const scratch = mkdtempSync(join(tmpdir(), 'release-notes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function repository(history: readonly (string | { tag: string } | { changelog: string })[]): string {
  const folder = mkdtempSync(join(scratch, 'repository-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, env: { ...process.env, ...AUTHOR }, stdio: 'ignore' });
  git('init', '--quiet');
  for (const step of history) {
    if (typeof step === 'string') git('commit', '--quiet', '--allow-empty', '-m', step);
    else if ('tag' in step) git('tag', step.tag);
    else writeFileSync(join(folder, 'CHANGELOG.md'), step.changelog);
  }
  return folder;
}

async function releaseNotes(folder: string, version: string) {
  const result = await runNode([join(ROOT, 'scripts', 'release-notes.mjs'), version, 'notes.md'], { cwd: folder });
  const notes = result.code === 0 ? readFileSync(join(folder, 'notes.md'), 'utf8') : '';
  return { ...result, notes };
}

describe('release notes', () => {
  it('come from the conventional commits since the previous version tag, by kind', async () => {
    const folder = repository([
      'feat: before the last release',
      { tag: 'v0.1.0' },
      'feat(anthropic): trace messages.stream()',
      'fix: end the span of a stream left unread',
      'chore: tidy the build',
      { tag: 'v0.2.0' },
    ]);
    const { stdout, notes } = await releaseNotes(folder, '0.2.0');
    expect(stdout.trim()).toBe('source=git');
    expect(notes).toBe('### Features\n\n- **anthropic:** trace messages.stream()\n\n### Fixes\n\n- end the span of a stream left unread\n');
  });

  it('put a commit marked breaking, by ! or by its footer, under breaking changes', async () => {
    const folder = repository(['chore: start', { tag: 'v0.1.0' }, 'feat!: rename the cost attributes', 'fix: drop a field\n\nBREAKING CHANGE: gone']);
    const { notes } = await releaseNotes(folder, '0.2.0');
    expect(notes).toBe('### Breaking changes\n\n- drop a field\n- rename the cost attributes\n');
  });

  it('come from the version’s CHANGELOG.md section when the history has no conventional commits', async () => {
    const folder = repository([
      { changelog: '# Changelog\n\n## [0.1.0](https://example.com/compare) (2026-11-24)\n\nFirst release.\n\n## 0.0.9\n\nOlder.\n' },
      'Package skeleton',
    ]);
    const { stdout, notes } = await releaseNotes(folder, '0.1.0');
    expect(stdout.trim()).toBe('source=changelog');
    expect(notes).toBe('First release.\n');
  });

  it('fail when neither the history nor CHANGELOG.md gives any', async () => {
    const folder = repository(['feat: before the last release', { tag: 'v0.1.0' }, 'chore: only chores', { changelog: '# Changelog\n\n## 0.1.0\n\nOlder.\n' }]);
    const { code, stderr } = await releaseNotes(folder, '0.2.0');
    expect(code).toBe(1);
    expect(stderr).toContain('no release notes for 0.2.0: no feat, fix, perf or breaking commit since v0.1.0');
  });
});
