import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/pinned-install.js';

/**
 * The rules every GitHub workflow under .github/workflows keeps, so that a dependency's install
 * script or a compromised action tag cannot publish to npm or write to the repository. Terms:
 * - a privileged job holds a write permission (its own `permissions`, or the workflow's);
 * - the publish job is the job that runs `npm publish`.
 * Why each rule exists is in docs/release-checklist.md, "How the release workflow is locked down".
 */

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
type Permissions = string | Record<string, string>;
interface Job {
  permissions?: Permissions;
  environment?: string | { name: string };
  needs?: string | string[];
  if?: string;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Permissions;
  jobs: Record<string, Job>;
}

const FOLDER = join(ROOT, '.github', 'workflows');
const workflows = readdirSync(FOLDER)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => {
    const text = readFileSync(join(FOLDER, name), 'utf8');
    return { name, text, workflow: parse(text) as Workflow };
  });

/** Every job of every workflow, named `<workflow file>: <job id>`. */
const jobs = workflows.flatMap(({ name, workflow }) =>
  Object.entries(workflow.jobs).map(([id, job]) => ({ label: `${name}: ${id}`, id, job, workflow })),
);

/** The scopes a job may write: its own permissions, or the workflow's when it sets none. */
function writeScopes(job: Job, workflow: Workflow): string[] {
  const permissions = job.permissions ?? workflow.permissions;
  // No permissions anywhere leaves the repository's default, which may be write-all.
  if (permissions === undefined) return ['(repository default)'];
  if (typeof permissions === 'string') return permissions === 'read-all' ? [] : [permissions];
  return Object.entries(permissions)
    .filter(([, access]) => access === 'write')
    .map(([scope]) => scope);
}

const runs = (job: Job) => (job.steps ?? []).flatMap((step) => (step.run ? [step.run] : []));

/** Commands that install packages or run this repository's code (its npm scripts, its files). */
const RUNS_PROJECT_CODE: readonly [string, RegExp][] = [
  ['an npm install, ci, run, test, exec or pack', /\bnpm\s+(install|i|ci|add|run|run-script|test|t|start|exec|x|pack|rebuild)\b/],
  ['npx', /\bnpx\b/],
  ['node running a file', /\bnode\s+(?!-[pe]\b)\S/],
  ['a file of the repository', /(^|[\s;&|(])(\.\/|\.ci\/|scripts\/)/],
];

describe('every workflow', () => {
  it('pins every action to a full commit SHA, with the version it is in a comment', () => {
    const unpinned = workflows.flatMap(({ name, text }) =>
      text
        .split('\n')
        .filter((line) => /^\s*(-\s+)?uses:/.test(line))
        .filter((line) => !/^\s*(-\s+)?uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/.test(line))
        .map((line) => `${name}: ${line.trim()}`),
    );
    const uses = jobs.flatMap(({ job }) => (job.steps ?? []).filter((step) => step.uses));
    expect(uses.length).toBeGreaterThan(0);
    expect(unpinned).toEqual([]);
  });

  it('gives the GITHUB_TOKEN read-only permissions at the top level, and write scopes only to the job that needs them', () => {
    const writable = workflows
      .filter(({ workflow }) => writeScopes({}, workflow).length > 0)
      .map(({ name, workflow }) => `${name}: ${writeScopes({}, workflow).join(', ')}`);
    expect(writable).toEqual([]);
  });

  it('installs no package and runs none of the repository code in a job that holds a write permission', () => {
    const privileged = jobs.filter(({ job, workflow }) => writeScopes(job, workflow).length > 0);
    expect(privileged.length).toBeGreaterThan(0);
    const offences = privileged.flatMap(({ label, job }) => [
      ...runs(job).flatMap((script) =>
        script
          .split('\n')
          .flatMap((line) => RUNS_PROJECT_CODE.filter(([, pattern]) => pattern.test(line)).map(([what]) => `${label} runs ${what}: ${line.trim()}`)),
      ),
      ...(job.steps ?? []).filter((step) => step.uses?.startsWith('./')).map((step) => `${label} uses the local action ${step.uses}`),
    ]);
    expect(offences).toEqual([]);
  });
});

const release = workflows.find(({ name }) => name === 'release.yml')!.workflow;
const publishJobs = jobs.filter(({ job }) => runs(job).some((script) => /\bnpm\s+publish\b/.test(script)));

/** The ids of the jobs `id` waits for, directly or through others. */
function upstream(workflow: Workflow, id: string): Set<string> {
  const needs = workflow.jobs[id]?.needs ?? [];
  const direct = typeof needs === 'string' ? [needs] : needs;
  return new Set(direct.flatMap((need) => [need, ...upstream(workflow, need)]));
}

describe('the publish job', () => {
  it('is only in release.yml, the workflow npm trusts', () => {
    expect(publishJobs.map(({ label }) => label)).toEqual(['release.yml: publish']);
  });

  it('runs in the protected environment npm-publish', () => {
    const { environment } = release.jobs.publish!;
    expect(typeof environment === 'string' ? environment : environment?.name).toBe('npm-publish');
  });

  it('holds id-token: write and nothing else', () => {
    expect(release.jobs.publish!.permissions).toEqual({ 'id-token': 'write' });
  });

  it('publishes the tarball the build job made, with provenance and without running its scripts', () => {
    const publishes = runs(release.jobs.publish!).filter((script) => /\bnpm\s+publish\b/.test(script));
    expect(publishes).toEqual([expect.stringMatching(/^npm publish "\.\/otel-llm-observer-\$VERSION\.tgz" .*--provenance --ignore-scripts$/)]);
    expect(upstream(release, 'publish')).toContain('build');
  });
});

/**
 * The step of release.yml that refuses every ref but a version tag on main or a dispatch from
 * main, run as GitHub runs a `run:` step (bash -eo pipefail) in a clone of a throwaway repository
 * whose main holds one commit and whose branch `side` holds another.
 */
describe('release.yml', () => {
  const gateJob = Object.entries(release.jobs).find(([, job]) => job.steps?.some((step) => step.id === 'main-only'));
  const gate = gateJob?.[1].steps!.find((step) => step.id === 'main-only');

  const scratch = mkdtempSync(join(tmpdir(), 'release-gate-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const origin = mkdtempSync(join(scratch, 'origin-'));
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' },
    }).trim();
  git(origin, 'init', '--quiet', '--initial-branch', 'main');
  git(origin, 'commit', '--quiet', '--allow-empty', '-m', 'on main');
  const onMain = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '--quiet', '-b', 'side');
  git(origin, 'commit', '--quiet', '--allow-empty', '-m', 'on a side branch');
  const onSide = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '--quiet', 'main');

  /** Runs the gate in a fresh clone checked out at `sha`, as the event `event` on `ref`. */
  function runGate(event: string, ref: string, sha: string) {
    const clone = mkdtempSync(join(scratch, 'clone-'));
    git(clone, 'clone', '--quiet', '--no-checkout', origin, '.');
    git(clone, 'checkout', '--quiet', '--detach', sha);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', gate!.run!], {
      cwd: clone,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_EVENT_NAME: event, GITHUB_REF: ref, GITHUB_SHA: sha },
    });
    return { code: result.status, stdout: result.stdout };
  }

  it('checks the ref in a step that always runs, in a job every publishing job waits for', () => {
    expect(gate?.run).toBeDefined();
    expect(gate!.if).toBeUndefined();
    expect(upstream(release, 'publish')).toContain(gateJob![0]);
  });

  it('refuses a version tag on a commit that is not on main', () => {
    const { code, stdout } = runGate('push', 'refs/tags/v9.9.9', onSide);
    expect(code).toBe(1);
    expect(stdout).toContain('::error::');
  });

  it('refuses a dispatch from a branch other than main', () => {
    const { code, stdout } = runGate('workflow_dispatch', 'refs/heads/side', onSide);
    expect(code).toBe(1);
    expect(stdout).toContain('::error::');
  });

  it('accepts a version tag on a commit on main', () => {
    expect(runGate('push', 'refs/tags/v1.0.0', onMain).code).toBe(0);
  });

  it('accepts a dispatch from main', () => {
    expect(runGate('workflow_dispatch', 'refs/heads/main', onMain).code).toBe(0);
  });

  it('runs on version tags and dispatches only', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] }, workflow_dispatch: expect.anything() });
  });

  it('is dispatched from main only, by staging.yml', () => {
    const dispatches = jobs.flatMap(({ job }) => runs(job)).filter((script) => /gh workflow run release\.yml/.test(script));
    expect(dispatches).toEqual([expect.stringMatching(/gh workflow run release\.yml --ref main /)]);
  });
});
