// What bench/run.mjs and bench/instructions.mjs share: the copy of dist/ the children load, and
// running a child that prints its result as the JSON of its last line.
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runNode } from '../test/support/pinned-install.ts';

/** The one-line reason a child failed: the first error line of its stderr, else its exit code. */
export function failureOf(child) {
  const lines = child.stderr.split('\n').map((line) => line.trim());
  const line = lines.find((candidate) => /^[A-Za-z]*Error\b/.test(candidate)) ?? lines.filter(Boolean).at(-1);
  return (line ?? `exit code ${child.code}`).slice(0, 200);
}

/** Runs a bench child; its result is the JSON of its last line of output, or `{ error }`. */
export async function runChild(nodeArguments, cwd, env = {}) {
  const child = await runNode(nodeArguments, { cwd, env });
  const last = child.stdout.trim().split('\n').at(-1);
  if (child.code !== 0 || last === undefined || last === '') return { error: failureOf(child) };
  return JSON.parse(last);
}

/**
 * A copy of dist/ for the children to load, in .tmp/`folder`: other work in this tree may rebuild
 * dist/ (deleting it first) while the benchmark runs. The copy is taken when dist/ is complete (its
 * ESM entry point, the build's last file, is there) and did not change while it was copied.
 */
export async function snapshotDist(folder) {
  const source = join(ROOT, 'dist');
  const copy = join(ROOT, '.tmp', folder);
  const lastFile = (folder) => join(folder, 'esm', 'index.mjs');
  for (let attempt = 0; attempt < 20; attempt++) {
    if (existsSync(lastFile(source))) {
      const builtAt = statSync(lastFile(source)).mtimeMs;
      rmSync(copy, { recursive: true, force: true });
      cpSync(source, copy, { recursive: true });
      if (existsSync(lastFile(source)) && statSync(lastFile(source)).mtimeMs === builtAt && existsSync(lastFile(copy))) return copy;
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  throw new Error('dist/ is not complete: run `npm run build`');
}
