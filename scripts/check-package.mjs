// npm run check:package: the package as npm would publish it, before it is published. Builds and
// packs it, checks package.json's fields and the licence, lints the tarball (publint, Are the
// Types Wrong), checks its file list, then installs it into clean projects and uses it there
// (scripts/package/consumers.mjs).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consumerProblems } from './package/consumers.mjs';
import { lintTarball } from './package/lint-tarball.mjs';
import { manifestProblems } from './package/manifest.mjs';
import { packTarball } from './package/pack.mjs';
import { runChecks } from './package/run-checks.mjs';
import { tarballContentProblems } from './package/tarball-contents.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { tarball, files } = packTarball(root, join(root, '.tmp', 'package'));
console.log(`check:package: packed ${relative(root, tarball)}, ${files.length} files`);

await runChecks('check:package', {
  'package.json and LICENSE': () => manifestProblems(root),
  'publint and attw': () => lintTarball(tarball),
  'tarball contents': () => tarballContentProblems(tarball, files),
  consumers: () => consumerProblems({ spec: tarball, version }),
});
