/**
 * `npm run compat [-- [--fresh | --refresh-locks] <row name>...]`: runs the rows of
 * compat/matrix.json (all of them, or the ones named), two at a time, and exits non-zero when any
 * row fails. `npm run compat -- --list` prints the row names as a JSON array (the workflow's job
 * matrix).
 *
 * The package is built and packed once, from a copy of this working tree. Each row then gets a
 * fresh folder outside the repository (so that nothing in it can resolve from the repository's own
 * node_modules) holding the packed tarball and the row's pins, installed by npm as an app would,
 * with the row's Node.js on PATH; then compat/suite/run-suite.ts runs the compat suite there, on
 * that Node.js. The Node.js binaries come from the npm registry's `node` package, once per version.
 *
 * How a row's tree is resolved:
 * - by default, from the row's committed lockfile, compat/locks/<row>.json (`npm ci`): the gate
 *   that decides whether main lands, which a new upstream release cannot change;
 * - `--fresh`: as a new user's `npm install` resolves it today, then the versions that differ
 *   from the lockfile are listed as drift (the scheduled job in compat.yml);
 * - `--refresh-locks`: fresh, and the lockfile rewritten: a deliberate change, committed with the
 *   result of the run.
 * Each row's totals are written to .tmp/compat-results.json, which the totals line of .ci/run adds
 * to the suite's.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { readMatrix, rowName, rowPins, type Matrix, type MatrixRow } from './matrix.ts';

const ROOT = join(import.meta.dirname, '..');
const LOCKS = join(import.meta.dirname, 'locks');
const RESULTS = join(ROOT, '.tmp', 'compat-results.json');
/** The packed package's name in a row's folder: a fixed name, so that the lockfiles can name it. */
const TARBALL = 'otel-llm-observer.tgz';
/** What runs share: the Node.js binaries and the npm cache, apart from the user's (a cold run is `rm -rf` of it). */
const WORK = join(tmpdir(), 'otel-llm-observer-compat');
const NPM_CACHE = join(WORK, 'npm-cache');
/** Two cores: one row installs while the other runs its suite. */
const ROWS_AT_A_TIME = 2;
/** The files of the package tree that building and packing it read, besides package.json `files`. */
const BUILD_INPUTS = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src', 'bench/internals.ts'];

interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  /** Standard output and error, interleaved. */
  readonly output: string;
}

function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, npm_config_cache: NPM_CACHE, ...env } });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, output }));
  });
}

async function mustRun(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await runCommand(command, args, cwd, env);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.output}`);
  return result.stdout;
}

/** Packs the working tree's package into `run`, built by its `prepack` script from a copy; returns the tarball's path. */
async function packPackage(run: string): Promise<string> {
  const folder = join(run, 'package');
  const { files } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  // `files` also names what npm leaves out (`!dist/bench`): nothing to copy.
  for (const entry of [...BUILD_INPUTS, ...files.filter((file) => file !== 'dist' && !file.startsWith('!'))]) {
    cpSync(join(ROOT, entry), join(folder, entry), { recursive: true });
  }
  // The build's TypeScript compiler and the type packages it reads.
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'));
  const packed = JSON.parse(await mustRun('npm', ['pack', '--json', '--pack-destination', run], folder)) as { filename: string }[];
  return join(run, packed[0]?.filename ?? '');
}

interface NodeBinary {
  readonly path: string;
  /** Node options the suite needs on this binary: type stripping, where it is not on by default. */
  readonly nodeOptions: string;
}

const nodeBinaries = new Map<string, Promise<NodeBinary>>();

/** The Node.js binary of `version`, installed from the npm registry the first time it is asked for. */
function nodeBinary(version: string): Promise<NodeBinary> {
  let binary = nodeBinaries.get(version);
  if (binary === undefined) {
    binary = installNode(version);
    nodeBinaries.set(version, binary);
  }
  return binary;
}

async function installNode(version: string): Promise<NodeBinary> {
  const folder = join(WORK, 'node', version);
  const path = join(folder, 'node_modules', '.bin', 'node');
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
    await mustRun('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `node@${version}`], folder);
  }
  const typescript = (await mustRun(path, ['-p', 'process.features.typescript'], folder)).trim();
  return { path, nodeOptions: typescript === 'strip' || typescript === 'transform' ? '' : '--experimental-strip-types' };
}

type Resolution = 'locked' | 'fresh' | 'refresh-locks';

interface RowResult {
  readonly name: string;
  readonly passed: boolean;
  /** The row's tests, from the totals line of its suite (none when it did not get that far). */
  readonly tests: { readonly passed: number; readonly failed: number };
  readonly installMs: number;
  readonly testMs: number;
  readonly output: string;
}

const lockPath = (name: string) => join(LOCKS, `${name}.json`);

interface Lockfile {
  packages: Record<string, { version?: string; integrity?: string; dependencies?: object; peerDependencies?: object }>;
}

/**
 * Why the row's committed lockfile no longer fits this package, if it does not: the package's
 * own dependencies changed since it was written. (npm ci checks the row's package.json itself.)
 */
function staleLockReason(lock: Lockfile): string | undefined {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; peerDependencies?: object };
  const locked = lock.packages['node_modules/otel-llm-observer'] ?? {};
  for (const field of ['dependencies', 'peerDependencies'] as const) {
    if (JSON.stringify(locked[field] ?? {}) !== JSON.stringify(manifest[field] ?? {})) {
      return `the package's ${field} changed since the lockfile was written`;
    }
  }
  return undefined;
}

/**
 * The lockfile of a fresh install, as committed: without the packed package's integrity, which
 * changes with every build (npm would otherwise install a cached older build of the same version).
 */
function lockToCommit(folder: string): string {
  const lock = JSON.parse(readFileSync(join(folder, 'package-lock.json'), 'utf8')) as Lockfile;
  delete lock.packages['node_modules/otel-llm-observer']?.integrity;
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/** The packages whose version in the fresh lockfile of `folder` differs from the committed one's. */
function drift(name: string, folder: string): string[] {
  if (!existsSync(lockPath(name))) return ['no committed lockfile'];
  const committed = (JSON.parse(readFileSync(lockPath(name), 'utf8')) as Lockfile).packages;
  const fresh = (JSON.parse(readFileSync(join(folder, 'package-lock.json'), 'utf8')) as Lockfile).packages;
  const paths = new Set([...Object.keys(committed), ...Object.keys(fresh)].filter((path) => path !== ''));
  return [...paths]
    .filter((path) => committed[path]?.version !== fresh[path]?.version)
    .map((path) => `${path.replace(/^node_modules\//, '')}: ${committed[path]?.version ?? 'absent'} -> ${fresh[path]?.version ?? 'absent'}`);
}

/** Installs `row` into a fresh folder of `run` and runs the compat suite there. */
async function runRow(run: string, matrix: Matrix, row: MatrixRow, tarball: string, resolution: Resolution): Promise<RowResult> {
  const name = rowName(row);
  const folder = join(run, name);
  mkdirSync(folder);
  const pins = rowPins(matrix, row);
  const app = { name: 'compat-row', private: true, type: 'module', dependencies: { 'otel-llm-observer': `file:${TARBALL}`, ...pins } };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
  copyFileSync(tarball, join(folder, TARBALL));
  writeFileSync(
    join(folder, 'row.json'),
    `${JSON.stringify({ name, ...row, pins, fixtureServer: join(ROOT, 'test', 'support', 'fixture-server.ts') }, null, 2)}\n`,
  );
  cpSync(join(import.meta.dirname, 'suite'), join(folder, 'suite'), { recursive: true });
  const failed = (output: string, installMs = 0): RowResult => ({ name, passed: false, tests: { passed: 0, failed: 0 }, installMs, testMs: 0, output });

  if (resolution === 'locked') {
    if (!existsSync(lockPath(name))) return failed(`no lockfile ${lockPath(name)}: write it with npm run compat -- --refresh-locks ${name}`);
    const lock = readFileSync(lockPath(name), 'utf8');
    const stale = staleLockReason(JSON.parse(lock) as Lockfile);
    if (stale !== undefined) return failed(`${lockPath(name)} is stale (${stale}): refresh it with npm run compat -- --refresh-locks`);
    writeFileSync(join(folder, 'package-lock.json'), lock);
  }
  const node = await nodeBinary(row.node);
  const onPath = { PATH: `${dirname(node.path)}${delimiter}${process.env['PATH'] ?? ''}` };
  const installStart = performance.now();
  const install = await runCommand('npm', [resolution === 'locked' ? 'ci' : 'install', '--no-audit', '--no-fund'], folder, onPath);
  const installMs = performance.now() - installStart;
  if (install.code !== 0) return failed(`npm ${resolution === 'locked' ? 'ci' : 'install'} failed:\n${install.output}`, installMs);
  let notes = '';
  if (resolution === 'fresh') {
    const changed = drift(name, folder);
    notes = changed.length === 0 ? 'drift: none\n' : `drift from ${lockPath(name)}:\n  ${changed.join('\n  ')}\n`;
  }
  if (resolution === 'refresh-locks') {
    mkdirSync(LOCKS, { recursive: true });
    writeFileSync(lockPath(name), lockToCommit(folder));
    notes = `wrote ${lockPath(name)}\n`;
  }

  const testStart = performance.now();
  const suite = await runCommand(node.path, [join('suite', 'run-suite.ts')], folder, {
    ...onPath,
    NODE_OPTIONS: node.nodeOptions,
    // The suite's NodeSDK exports to its in-memory exporter only.
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
  });
  const totals = new RegExp(`^${name}: (\\d+) passed, (\\d+) failed`, 'm').exec(suite.stdout);
  return {
    name,
    passed: suite.code === 0,
    tests: { passed: Number(totals?.[1] ?? 0), failed: Number(totals?.[2] ?? 0) },
    installMs,
    testMs: performance.now() - testStart,
    output: notes + suite.output,
  };
}

/** Runs `task` on each of `items`, `limit` at a time, and returns the results in order. */
async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function selectRows(matrix: Matrix, names: readonly string[]): MatrixRow[] {
  if (names.length === 0) return [...matrix.rows];
  const known = new Map(matrix.rows.map((row) => [rowName(row), row]));
  return names.map((name) => {
    const row = known.get(name);
    if (row === undefined) throw new Error(`no row named ${name}; the rows are:\n${[...known.keys()].join('\n')}`);
    return row;
  });
}

const RESOLUTIONS: Record<string, Resolution> = { '--fresh': 'fresh', '--refresh-locks': 'refresh-locks' };

async function main(args: readonly string[]): Promise<number> {
  const matrix = readMatrix();
  if (args[0] === '--list') {
    console.log(JSON.stringify(matrix.rows.map(rowName)));
    return 0;
  }
  const resolution = RESOLUTIONS[args[0] ?? ''] ?? 'locked';
  const rows = selectRows(matrix, args.filter((arg) => !(arg in RESOLUTIONS)));
  const start = performance.now();
  mkdirSync(WORK, { recursive: true });
  // A folder of this run's own: another run of the matrix may be going on at the same time.
  const run = mkdtempSync(join(WORK, 'run-'));
  const tarball = await packPackage(run);
  console.log(`packed ${tarball} in ${seconds(performance.now() - start)}; rows resolved ${resolution === 'locked' ? 'from their lockfiles' : 'fresh'}`);
  const results = await inPool(rows, ROWS_AT_A_TIME, async (row) => {
    const result = await runRow(run, matrix, row, tarball, resolution);
    console.log(`\n=== ${result.name}: ${result.passed ? 'passed' : 'FAILED'}\n${result.output}`);
    // A row's folder stays for a look at what failed, and goes when nothing did.
    if (result.passed) rmSync(join(run, result.name), { recursive: true, force: true });
    return result;
  });
  console.log('\nrow | result | tests | install | suite');
  for (const result of results) {
    const tests = `${result.tests.passed} passed, ${result.tests.failed} failed`;
    console.log(`${result.name} | ${result.passed ? 'passed' : 'FAILED'} | ${tests} | ${seconds(result.installMs)} | ${seconds(result.testMs)}`);
  }
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ resolution, rows: results.map(({ name, passed, tests }) => ({ name, passed, tests })) }, null, 2)}\n`);
  const failed = results.filter((result) => !result.passed).length;
  if (failed === 0) rmSync(run, { recursive: true, force: true });
  else console.log(`the failed rows' folders are in ${run}`);
  console.log(`compat: ${results.length - failed} rows passed, ${failed} failed, in ${seconds(performance.now() - start)}`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
