import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTarball } from '../../scripts/package/pack.mjs';
import { readMatrix } from '../../compat/matrix.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * The packed package installed as the README tells each kind of user, into clean apps on both
 * OpenTelemetry JS lines: the install line is read from the README's table, run as written with
 * the tarball in place of the registry's copy (and the 3.x line's pinned NodeSDK release, so that a
 * new upstream release cannot change this test's outcome unnoticed: the scheduled compat job
 * resolves fresh). Each app must install without --legacy-peer-deps and without an ERESOLVE
 * warning, end up with one copy of @opentelemetry/api and of @opentelemetry/instrumentation, and
 * trace and price a call.
 */

const run = promisify(execFile);
const APPS = join(ROOT, 'test', 'fixtures', 'apps');
/**
 * A folder of this run's own (another copy of the suite may run beside it), outside the repository
 * so that nothing in the apps can resolve from the repository's own node_modules.
 */
const WORK = mkdtempSync(join(tmpdir(), 'otel-llm-observer-install-lines-'));
const matrix = readMatrix();
const openaiPin = matrix.rows.find((row) => row.expect === 'traced' && row.otel === '3.x')?.openai ?? '';

/** The install line the README's Install table gives the kind of app whose row mentions `kind`. */
function readmeInstallLine(kind: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(kind));
  const command = row && /`(npm install [^`]+)`/.exec(row)?.[1];
  if (command === undefined || command === null) throw new Error(`the README's Install table has no install line for "${kind}"`);
  return command.split(' ');
}

interface InstalledApp {
  readonly folder: string;
  /** What the README's install line printed. */
  readonly installOutput: string;
}

/** A clean app with `pins` installed, then the README's `line` run in it. */
async function installApp(name: string, pins: Record<string, string>, line: string[], tarball: string): Promise<InstalledApp> {
  const folder = join(WORK, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ name, private: true, dependencies: pins }, null, 2)}\n`);
  const npm = (args: string[]) => run('npm', args, { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
  if (Object.keys(pins).length > 0) await npm(['install', '--no-audit', '--no-fund']);
  const [, , ...packages] = line;
  const args = packages.map((spec) => {
    if (spec === 'otel-llm-observer') return tarball;
    const pinned = matrix.otelLines['3.x'].pins[spec];
    return pinned === undefined ? spec : `${spec}@${pinned}`;
  });
  const { stdout, stderr } = await npm(['install', '--no-audit', '--no-fund', ...args]);
  return { folder, installOutput: stdout + stderr };
}

/** The folders where `name` is installed in the app, from `npm ls --all --json --long`. */
async function copiesOf(folder: string, name: string): Promise<string[]> {
  const { stdout } = await run('npm', ['ls', '--all', '--json', '--long'], { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
  interface Node {
    readonly path?: string;
    readonly dependencies?: Record<string, Node>;
  }
  const paths = new Set<string>();
  const visit = (node: Node) => {
    for (const [dependency, child] of Object.entries(node.dependencies ?? {})) {
      if (dependency === name && child.path !== undefined) paths.add(child.path);
      visit(child);
    }
  };
  visit(JSON.parse(stdout) as Node);
  return [...paths];
}

let server: FixtureServer;
let tarball: string;
let ownSdk2x: InstalledApp;
let zeroCode3x: InstalledApp;

beforeAll(async () => {
  // The suite's own build (npm test builds first): rebuilding here would pull dist/ from under other tests.
  ({ tarball } = packTarball(ROOT, mkdtempSync(join(WORK, 'pack-')), { build: false }));
  server = await startFixtureServer();
  [ownSdk2x, zeroCode3x] = await Promise.all([
    installApp('own-sdk-otel2x', { ...matrix.otelLines['2.x'].pins, openai: openaiPin }, readmeInstallLine('builds its own OTel SDK'), tarball),
    installApp('zero-code-otel3x', { openai: openaiPin }, readmeInstallLine('zero-code'), tarball),
  ]);
  copyFileSync(join(APPS, 'install-lines', 'own-sdk.cjs'), join(ownSdk2x.folder, 'app.cjs'));
  copyFileSync(join(APPS, 'zero-code', 'openai-chat.mjs'), join(zeroCode3x.folder, 'app.mjs'));
}, 900_000);
afterAll(async () => {
  await server?.close();
  rmSync(WORK, { recursive: true, force: true });
});

describe.each([
  ['an app on the OTel JS 2.x line that builds its own SDK', () => ownSdk2x],
  ['an app on the OTel JS 3.x line started zero-code', () => zeroCode3x],
])('%s, installed with the README line', (_, app) => {
  it('installs without --legacy-peer-deps and without a peer dependency conflict', () => {
    expect(app().installOutput).not.toMatch(/ERESOLVE|legacy-peer-deps|conflicting peer/i);
  });

  it.each(['@opentelemetry/api', '@opentelemetry/instrumentation'])('has one copy of %s, the app’s', async (name) => {
    expect(await copiesOf(app().folder, name)).toEqual([join(app().folder, 'node_modules', name)]);
  });
});

// gpt-4o-mini, USD per 1M tokens: input 0.15, cached input 0.075, output 0.60. The fixture's usage:
// 2310 input of which 2048 cached, 9 output: (2310 - 2048) × 0.15 + 2048 × 0.075 + 9 × 0.60 = 198.3 µUSD.
const EXPECTED_COST_USD = 0.0001983;

describe('the traced, priced call', () => {
  it('of the 2.x app with its own SDK', async () => {
    const result = await runNode(['app.cjs'], {
      cwd: ownSdk2x.folder,
      env: { FIXTURE_ORIGIN: server.origin, OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' },
    });
    expect(result.stderr).toBe('');
    const calls = JSON.parse(result.stdout) as { name: string; attributes: Record<string, unknown> }[];
    expect(calls.map((call) => call.name)).toEqual(['chat gpt-4o-mini']);
    expect(calls[0]?.attributes['gen_ai.usage.input_tokens']).toBe(2310);
    expect(calls[0]?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(EXPECTED_COST_USD, 12);
  });

  it('of the 3.x app started with --import otel-llm-observer/register, through the OTLP exporter', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const result = await runNode(['--import', 'otel-llm-observer/register', 'app.mjs'], {
        cwd: zeroCode3x.folder,
        env: { FIXTURE_ORIGIN: server.origin, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_METRICS_EXPORTER: 'none' },
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('The capital of France is Paris.\n');
      const [call] = receiver.calls();
      expect(call?.attributes['gen_ai.usage.input_tokens']).toBe(2310);
      expect(call?.attributes['llm_observer.cost.total_usd']).toBeCloseTo(EXPECTED_COST_USD, 12);
    } finally {
      await receiver.close();
    }
  });

});

describe('an app started zero-code without @opentelemetry/sdk-node', () => {
  it('runs on untraced, and register says why once on stderr', async () => {
    const folder = join(WORK, 'zero-code-without-sdk-node');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ name: 'without-sdk-node', private: true })}\n`);
    const { stdout, stderr } = await run('npm', ['install', '--no-audit', '--no-fund', tarball, `openai@${openaiPin}`], { cwd: folder });
    expect(stdout + stderr).not.toMatch(/ERESOLVE/);
    copyFileSync(join(APPS, 'zero-code', 'openai-chat.mjs'), join(folder, 'app.mjs'));
    const result = await runNode(['--import', 'otel-llm-observer/register', 'app.mjs'], { cwd: folder, env: { FIXTURE_ORIGIN: server.origin } });
    expect(result.stdout).toBe('The capital of France is Paris.\n');
    expect(result.stderr.trim().split('\n')).toEqual([
      'otel-llm-observer/register: @opentelemetry/sdk-node is not installed; install it beside this package: npm install otel-llm-observer @opentelemetry/sdk-node. The app runs untraced.',
    ]);
  });
});
