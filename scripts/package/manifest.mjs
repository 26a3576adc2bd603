import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the npm page, `npm install` and a provenance check read from package.json, one line per
 * problem: the fields users see, the entry points the README promises, public access with
 * provenance (npm rejects provenance whose repository differs from the one the package names),
 * and a LICENSE file that is the licence `license` names.
 */

const REPOSITORY = 'github.com/otel-llm-observer/otel-llm-observer';
const LICENCE_TITLES = { MIT: 'MIT License' };

export function manifestProblems(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const problems = [];
  const check = (holds, problem) => holds || problems.push(problem);

  for (const field of ['description', 'homepage', 'author', 'types', 'main']) {
    check(typeof manifest[field] === 'string' && manifest[field] !== '', `package.json has no ${field}`);
  }
  check(manifest.keywords?.length > 0, 'package.json has no keywords');
  check(typeof manifest.engines?.node === 'string', 'package.json has no engines.node');
  check(manifest.sideEffects !== undefined, 'package.json does not say which files have side effects (sideEffects)');
  for (const [field, url] of [
    ['homepage', manifest.homepage],
    ['repository.url', manifest.repository?.url],
    ['bugs.url', manifest.bugs?.url],
  ]) {
    check(typeof url === 'string' && url.includes(REPOSITORY), `package.json's ${field} is ${url}, not on ${REPOSITORY}`);
  }
  for (const entry of ['.', './register', './package.json']) {
    check(manifest.exports?.[entry] !== undefined, `package.json exports no ${entry}`);
  }
  check(manifest.publishConfig?.access === 'public', 'publishConfig.access is not public');
  check(manifest.publishConfig?.provenance === true, 'publishConfig.provenance is not true');

  const title = LICENCE_TITLES[manifest.license];
  const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
  check(title !== undefined && licence.startsWith(title), `LICENSE is not the ${manifest.license} licence that package.json names`);
  return problems;
}
