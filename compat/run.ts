/**
 * `npm run compat [-- <row name>...]`: runs the rows of compat/matrix.json (all of them, or the
 * ones named), two at a time, and exits non-zero when any row fails. `npm run compat -- --list`
 * prints the row names as a JSON array (the workflow's job matrix).
 *
 * The package is built and packed once, from a copy of this working tree. Each row then gets a
 * fresh folder outside the repository (so that nothing in it can resolve from the repository's own
 * node_modules) holding the packed tarball and the row's pins, installed by npm as an app would,
 * with the row's Node.js on PATH; then compat/suite/run-suite.ts runs the compat suite there, on
 * that Node.js. The Node.js binaries come from the npm registry's `node` package, once per version.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { readMatrix, rowName, rowPins, type Matrix, type MatrixRow } from './matrix.ts';

const ROOT = join(import.meta.dirname, '..');
/** What runs share: the Node.js binaries and the npm cache, apart from the user's (a cold run is `rm -rf` of it). */
const WORK = join(tmpdir(), 'otel-llm-observer-compat');
const NPM_CACHE = join(WORK, 'npm-cache');
/** Two cores: one row installs while the other runs its suite. */
const ROWS_AT_A_TIME = 2;
/** The files of the package tree that building and packing it read, besides package.json `files`. */
const BUILD_INPUTS = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src'];

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
  for (const entry of [...BUILD_INPUTS, ...files.filter((file) => file !== 'dist')]) {
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

interface RowResult {
  readonly name: string;
  readonly passed: boolean;
  readonly installMs: number;
  readonly testMs: number;
  readonly output: string;
}

/** Installs `row` into a fresh folder of `run` and runs the compat suite there. */
async function runRow(run: string, matrix: Matrix, row: MatrixRow, tarball: string): Promise<RowResult> {
  const name = rowName(row);
  const folder = join(run, name);
  mkdirSync(folder);
  const pins = rowPins(matrix, row);
  const app = { name: 'compat-row', private: true, type: 'module', dependencies: { 'otel-llm-observer': `file:${tarball}`, ...pins } };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
  writeFileSync(
    join(folder, 'row.json'),
    `${JSON.stringify({ name, ...row, pins, fixtureServer: join(ROOT, 'test', 'support', 'fixture-server.ts') }, null, 2)}\n`,
  );
  cpSync(join(import.meta.dirname, 'suite'), join(folder, 'suite'), { recursive: true });

  const node = await nodeBinary(row.node);
  const onPath = { PATH: `${dirname(node.path)}${delimiter}${process.env['PATH'] ?? ''}` };
  const installStart = performance.now();
  const install = await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', ...matrix.otelLines[row.otel].npmInstallFlags],
    folder,
    onPath,
  );
  const installMs = performance.now() - installStart;
  if (install.code !== 0) return { name, passed: false, installMs, testMs: 0, output: `npm install failed:\n${install.output}` };

  const testStart = performance.now();
  const suite = await runCommand(node.path, [join('suite', 'run-suite.ts')], folder, {
    ...onPath,
    NODE_OPTIONS: node.nodeOptions,
    // The suite's NodeSDK exports to its in-memory exporter only.
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
  });
  return { name, passed: suite.code === 0, installMs, testMs: performance.now() - testStart, output: suite.output };
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

async function main(args: readonly string[]): Promise<number> {
  const matrix = readMatrix();
  if (args[0] === '--list') {
    console.log(JSON.stringify(matrix.rows.map(rowName)));
    return 0;
  }
  const rows = selectRows(matrix, args);
  const start = performance.now();
  mkdirSync(WORK, { recursive: true });
  // A folder of this run's own: another run of the matrix may be going on at the same time.
  const run = mkdtempSync(join(WORK, 'run-'));
  const tarball = await packPackage(run);
  console.log(`packed ${tarball} in ${seconds(performance.now() - start)}`);
  const results = await inPool(rows, ROWS_AT_A_TIME, async (row) => {
    const result = await runRow(run, matrix, row, tarball);
    console.log(`\n=== ${result.name}: ${result.passed ? 'passed' : 'FAILED'}\n${result.output}`);
    // A row's folder stays for a look at what failed, and goes when nothing did.
    if (result.passed) rmSync(join(run, result.name), { recursive: true, force: true });
    return result;
  });
  console.log('\nrow | result | install | suite');
  for (const result of results) {
    console.log(`${result.name} | ${result.passed ? 'passed' : 'FAILED'} | ${seconds(result.installMs)} | ${seconds(result.testMs)}`);
  }
  const failed = results.filter((result) => !result.passed).length;
  if (failed === 0) rmSync(run, { recursive: true, force: true });
  else console.log(`the failed rows' folders are in ${run}`);
  console.log(`compat: ${results.length - failed} rows passed, ${failed} failed, in ${seconds(performance.now() - start)}`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
