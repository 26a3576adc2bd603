import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { startFixtureServer } from '../../test/support/fixture-server.ts';

/**
 * The package as a user gets it: `spec` (a tarball's path, or `otel-llm-observer@<version>` from
 * `registry`) installed into clean projects, one beside `openai` and `@anthropic-ai/sdk` and one
 * with neither, and used there the ways the README promises:
 * - `require` and `import` give the same exports, and the version expected;
 * - the `register` preload starts under `--require` and `--import` (beside the SDKs, with
 *   `@opentelemetry/sdk-node`, as the README's zero-code install line has it);
 * - TypeScript apps type-check against it (module Node16 from CommonJS and ESM, and Bundler),
 *   with `skipLibCheck: false`, so every declaration file it ships is checked too;
 * - the pricing table and the attribute registry it ships are valid against their schemas;
 * - beside the SDKs: one chat call instrumented through llmObserver() makes one span.
 * Returns the problems found, one line each.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CONSUMER = join(import.meta.dirname, 'consumer');
const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/bin/tsc');
const run = promisify(execFile);

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** `name@range` as this repository's package.json has the range, wherever it lists the package. */
const pinned = (name) =>
  `${name}@${manifest.dependencies?.[name] ?? manifest.peerDependencies?.[name] ?? manifest.devDependencies?.[name]}`;

const PROJECTS = [
  {
    name: 'with-sdks',
    dependencies: ['@opentelemetry/api', '@opentelemetry/instrumentation', '@opentelemetry/sdk-trace', '@opentelemetry/sdk-node', 'openai', '@anthropic-ai/sdk', '@types/node'],
    instrumentedCall: true,
  },
  { name: 'bare', dependencies: ['@opentelemetry/api', '@types/node'], instrumentedCall: false },
];

export async function consumerProblems({ spec, version, registry }) {
  const fixtureServer = await startFixtureServer();
  try {
    // Side by side: most of the time goes to npm install, waiting on the network.
    const found = await Promise.all(
      PROJECTS.map((project) => projectProblems(project, { spec, version, registry, fixtureOrigin: fixtureServer.origin })),
    );
    return PROJECTS.flatMap((project, index) => found[index].map((problem) => `${project.name}: ${problem}`));
  } finally {
    await fixtureServer.close();
  }
}

async function projectProblems(project, { spec, version, registry, fixtureOrigin }) {
  const folder = mkdtempSync(join(tmpdir(), `otel-llm-observer-consumer-${project.name}-`));
  cpSync(CONSUMER, folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: `consumer-${project.name}`, private: true, type: 'commonjs' }));
  const registryArgs = registry ? ['--registry', registry] : [];
  const problems = [];
  /** Runs `file args` in the project; a failure becomes a problem named `what`, with the output's end. */
  const step = async (what, file, args, env = {}) => {
    try {
      return (await run(file, args, { cwd: folder, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (failure) {
      const output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
      problems.push(`${what} failed:\n${output}`);
      return undefined;
    }
  };

  const installed = await step('npm install', 'npm', [
    'install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...registryArgs, spec, ...project.dependencies.map(pinned),
  ]);
  if (installed === undefined) return problems;

  const required = await step('require', process.execPath, ['require.cjs']);
  const imported = await step('import', process.execPath, ['import.mjs']);
  if (required !== undefined && imported !== undefined) {
    const [cjs, esm] = [JSON.parse(required), JSON.parse(imported)];
    if (cjs.exports.join() !== esm.exports.join()) problems.push(`require gives ${cjs.exports.join(', ')} but import gives ${esm.exports.join(', ')}`);
    if (!cjs.exports.includes('OpenAIInstrumentation')) problems.push(`require gives no OpenAIInstrumentation: ${cjs.exports.join(', ')}`);
    for (const found of new Set([cjs.version, esm.version])) if (found !== version) problems.push(`the installed version is ${found}, not ${version}`);
  }

  const preloadEnv = { OTEL_TRACES_EXPORTER: 'none' };
  await step('node --require otel-llm-observer/register', process.execPath, ['--require', 'otel-llm-observer/register', '-e', '0'], preloadEnv);
  await step('node --import otel-llm-observer/register', process.execPath, ['--import', 'otel-llm-observer/register', '-e', '0'], preloadEnv);

  await step('tsc (module Node16)', process.execPath, [TSC, '-p', 'tsconfig.node16.json']);
  await step('tsc (moduleResolution Bundler)', process.execPath, [TSC, '-p', 'tsconfig.bundler.json']);

  problems.push(...shippedDataProblems(join(folder, 'node_modules', 'otel-llm-observer')));

  if (project.instrumentedCall) {
    const output = await step('the instrumented call', process.execPath, ['instrumented-call.cjs'], { FIXTURE_ORIGIN: fixtureOrigin });
    if (output !== undefined) problems.push(...instrumentedCallProblems(JSON.parse(output)));
  }

  if (problems.length === 0) rmSync(folder, { recursive: true, force: true });
  else problems.push(`(the project is kept in ${folder})`);
  return problems;
}

/** The data files the installed copy ships, each against the JSON Schema it ships beside it. */
function shippedDataProblems(installed) {
  const readJson = (path) => JSON.parse(readFileSync(join(installed, path), 'utf8'));
  const problems = [];
  for (const [data, schema] of [
    ['data/pricing_v1.json', 'data/pricing_v1.schema.json'],
    ['semconv/registry_v1.json', 'semconv/registry_v1.schema.json'],
  ]) {
    const missing = [data, schema].filter((path) => !existsSync(join(installed, path)));
    if (missing.length > 0) {
      problems.push(`the installed copy lacks ${missing.join(' and ')}`);
      continue;
    }
    const validate = new Ajv2020({ allErrors: true }).compile(readJson(schema));
    if (!validate(readJson(data))) {
      problems.push(...validate.errors.map((error) => `the installed ${data}${error.instancePath} ${error.message}`));
    }
  }
  return problems;
}

function instrumentedCallProblems(spans) {
  const ours = spans.filter((span) => span.scope.startsWith('otel-llm-observer'));
  if (ours.length !== 1) return [`the instrumented call made ${ours.length} spans of this package, not 1`];
  const [span] = ours;
  const problems = [];
  if (span.name !== 'chat gpt-4o-mini') problems.push(`the instrumented call's span is named "${span.name}", not "chat gpt-4o-mini"`);
  if (typeof span.attributes['gen_ai.usage.input_tokens'] !== 'number') problems.push("the instrumented call's span has no input token count");
  return problems;
}
