// The root package's prepare script: installs the development tree (the devDependencies) with npm
// running on a Node that those packages support.
//
// Why: npm checks every package's `engines` against the Node that runs npm itself. The README's
// `npm install` runs on the system Node, which may be 20, while the dev tools (vitest 5, the
// OpenTelemetry JS 3.x line, openai 7, verdaccio 6) need Node 22 or later, so a single pass would
// print a warning for each of them. The project's .npmrc therefore sets `omit=dev`: that first pass
// installs only the runtime dependency (ajv), and then this script runs the same npm
// ($npm_execpath) again with `--include=dev` on Node 24 — the system Node when it is recent
// enough, otherwise the `node` package at the version the lockfile pins, fetched by `npm exec`.
// The second pass reads the same package.json and package-lock.json, so both passes agree.
//
// A prepare script, not a postinstall: npm runs prepare for the project's own install (and before
// pack and publish, where this does nothing), never in an app that installs the package from the
// registry, where this file is not even shipped.
//
// It does nothing when the running npm already includes the dev tree (that is the second pass, or
// a person's explicit `--include=dev`) and for commands other than install and ci.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const readJson = (file) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));

/**
 * The lowest Node that every package of the dev tree supports: the package's own `engines.node`
 * (test/package/dev-install.test.ts holds every dev package's `engines` to it), as [major, minor].
 */
function devTreeNode() {
  const range = readJson('package.json').engines.node;
  const lowest = /^>=(\d+)\.(\d+)\.\d+$/.exec(range);
  if (!lowest) throw new Error(`install-dev-tree: engines.node is ${range}, not of the form >=X.Y.Z`);
  return [Number(lowest[1]), Number(lowest[2])];
}

const command = process.env.npm_command;
const npmCli = process.env.npm_execpath;
const includes = (process.env.npm_config_include ?? '').split(/\s+/);

function installCommand() {
  if (command === 'ci' || command === 'install-ci-test') return 'ci';
  if (command === 'install' || command === 'install-test') return 'install';
  return undefined;
}

function runsDevTree(version) {
  const [major, minor] = version.split('.').map(Number);
  const [lowestMajor, lowestMinor] = devTreeNode();
  return major > lowestMajor || (major === lowestMajor && minor >= lowestMinor);
}

/** The version of the `node` dev dependency that package-lock.json pins, or package.json's range without a lockfile. */
function lockedNodeVersion() {
  if (!existsSync(new URL('../package-lock.json', import.meta.url))) return readJson('package.json').devDependencies.node;
  return readJson('package-lock.json').packages['node_modules/node'].version;
}

function run(file, args) {
  const result = spawnSync(file, args, { stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const npmCommand = installCommand();
if (npmCommand && npmCli && !includes.includes('dev')) {
  const devTreeArgs = [npmCli, npmCommand, '--include=dev'];
  if (runsDevTree(process.versions.node)) {
    run(process.execPath, devTreeArgs);
  } else {
    const nodeVersion = lockedNodeVersion();
    console.log(`install-dev-tree: Node ${process.versions.node} runs npm; the dev tree is installed on Node ${nodeVersion}`);
    run(process.execPath, [
      npmCli, 'exec', '--yes', `--package=node@${nodeVersion}`, '--',
      'node', ...devTreeArgs,
    ]);
  }
}
