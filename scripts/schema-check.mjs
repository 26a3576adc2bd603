// Checks the telemetry registry, semconv/registry_v1.json, before it can reach users:
// - it and the baseline are valid against semconv/registry_v1.schema.json, with no name twice;
// - its package_version is package.json's version;
// - against the baseline (semconv/baseline/registry_v1.json, the registry of the last release),
//   nothing was removed or renamed and no attribute changed its type or unit, unless
//   package.json's version is a breaking bump from the baseline's: another major, or, below 1.0.0,
//   another minor (what `^0.1.0` refuses).
// Usage: node scripts/schema-check.mjs [project folder, default this repository]
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const paths = {
  registry: join(root, 'semconv', 'registry_v1.json'),
  schema: join(root, 'semconv', 'registry_v1.schema.json'),
  baseline: join(root, 'semconv', 'baseline', 'registry_v1.json'),
  packageJson: join(root, 'package.json'),
};
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const shown = (path) => relative(root, path);

const validate = new Ajv2020({ allErrors: true }).compile(readJson(paths.schema));
const registry = readJson(paths.registry);
const baseline = readJson(paths.baseline);
const { version } = readJson(paths.packageJson);

const problems = [];
for (const [path, document] of [
  [paths.registry, registry],
  [paths.baseline, baseline],
]) {
  if (!validate(document)) {
    for (const error of validate.errors) problems.push(`${shown(path)}${error.instancePath}: ${error.message}`);
    continue;
  }
  for (const list of ['attributes', 'events', 'metrics']) {
    const names = document[list].map((entry) => entry.name);
    for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
      problems.push(`${shown(path)}: ${list} lists ${name} more than once`);
    }
  }
}
if (problems.length === 0 && registry.package_version !== version) {
  problems.push(`${shown(paths.registry)}: package_version is ${registry.package_version}, package.json's version is ${version}`);
}

/** The changes from `before` to `after` that break a reader of the telemetry, one sentence each. */
function breakingChanges(before, after) {
  const changes = [];
  for (const list of ['attributes', 'events', 'metrics']) {
    const now = new Map(after[list].map((entry) => [entry.name, entry]));
    for (const old of before[list]) {
      const current = now.get(old.name);
      if (current === undefined) {
        // A rename leaves the old name as missing as a removal does.
        changes.push(`${list}: ${old.name} was removed or renamed`);
        continue;
      }
      for (const field of ['type', 'unit', 'instrument']) {
        if (current[field] !== old[field]) {
          changes.push(`${list}: ${old.name} changed its ${field} from ${old[field] ?? 'none'} to ${current[field] ?? 'none'}`);
        }
      }
    }
  }
  return changes;
}

/** Whether `next` may break what `released` promised: the caret range of `released` excludes it. */
function isBreakingBump(released, next) {
  const [releasedMajor, releasedMinor] = released.split('.').map(Number);
  const [nextMajor, nextMinor] = next.split('.').map(Number);
  return nextMajor !== releasedMajor || (releasedMajor === 0 && nextMinor !== releasedMinor);
}

if (problems.length === 0) {
  const changes = breakingChanges(baseline, registry);
  if (changes.length > 0 && !isBreakingBump(baseline.package_version, version)) {
    problems.push(
      `${changes.length} breaking change(s) against ${shown(paths.baseline)} (released as ${baseline.package_version}), ` +
        `but package.json's version ${version} is not a breaking bump. Keep the entry (stability "deprecated") or bump the version:`,
      ...changes.map((change) => `  ${change}`),
    );
  } else if (changes.length > 0) {
    console.log(`schema:check: ${changes.length} breaking change(s), allowed by the bump ${baseline.package_version} -> ${version}`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`schema:check: ${problem}`);
  process.exit(1);
}
console.log(
  `schema:check: ${registry.attributes.length} attributes, ${registry.events.length} events, ${registry.metrics.length} metrics; ` +
    `compatible with the ${baseline.package_version} baseline`,
);
