import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds the package at `root` and packs it as `npm publish` would into `destination`, emptied
 * first. Returns the tarball's path and the paths of the files it holds. `build: false` packs the
 * build that is there: a test packs without building, since rebuilding dist/ under the suite's
 * other child apps would take it away from them for a moment.
 */
export function packTarball(root, destination, { build = true } = {}) {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  if (build) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  // The build just ran: without prepack's second one, stdout holds only npm's JSON.
  const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(output);
  return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path) };
}
