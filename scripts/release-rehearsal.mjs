// npm run release:rehearsal: the release, rehearsed against a throwaway registry. Builds and packs
// the package, publishes it to a Verdaccio on 127.0.0.1 under a prerelease version of its own
// (<version>-rehearsal.<UTC time>; the committed package.json keeps its version), installs that
// version from there into clean projects and uses it (the checks release:verify makes of a real
// release, whose consumer checks are those of check:package), and stops the registry.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packTarball } from './package/pack.mjs';
import { publishedChecks } from './package/published-checks.mjs';
import { runChecks } from './package/run-checks.mjs';
import { startVerdaccio } from './package/verdaccio.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.tmp', 'rehearsal');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = `${manifest.version}-rehearsal.${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;

const { tarball } = packTarball(root, work);
// The packed package, unpacked and given the rehearsal's version.
const staged = join(work, 'staged');
mkdirSync(staged);
execFileSync('tar', ['-xzf', tarball, '-C', staged]);
const stagedManifest = join(staged, 'package', 'package.json');
writeFileSync(stagedManifest, JSON.stringify({ ...JSON.parse(readFileSync(stagedManifest, 'utf8')), version }, null, 2));

const registry = await startVerdaccio(manifest.name);
console.log(`release:rehearsal: ${manifest.name}@${version} to ${registry.url}`);
try {
  await runChecks('release:rehearsal', {
    publish: async () => {
      // Provenance needs a CI's identity token: the rehearsal publishes without it.
      const args = ['publish', join(staged, 'package'), '--registry', registry.url, registry.authFlag];
      // Its own log level: `npm run --silent` would pass on `silent`, hiding why a publish failed.
      args.push('--tag', 'rehearsal', '--provenance=false', '--ignore-scripts', '--loglevel=error');
      try {
        // Asynchronously: the registry answering it runs in this process.
        await promisify(execFile)('npm', args, { cwd: work });
        return [];
      } catch (failure) {
        return [`npm publish failed:\n${failure.stderr.trim()}`];
      }
    },
    ...publishedChecks({ name: manifest.name, version, distTag: 'rehearsal', registry: registry.url }),
  });
} finally {
  await registry.stop();
}
