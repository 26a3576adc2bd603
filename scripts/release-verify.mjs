// npm run release:verify -- <version> <dist-tag>: a version just published, as users get it from
// the registry npm is configured with (npmjs.org in the workflows): served, tagged, installed into
// clean projects and used there (scripts/package/published-checks.mjs).
import { readFileSync } from 'node:fs';
import { publishedChecks } from './package/published-checks.mjs';
import { runChecks } from './package/run-checks.mjs';

const [version, distTag] = process.argv.slice(2);
if (!version || !distTag) {
  console.error('usage: npm run release:verify -- <version> <dist-tag>');
  process.exit(2);
}
const { name } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await runChecks('release:verify', publishedChecks({ name, version, distTag }));
