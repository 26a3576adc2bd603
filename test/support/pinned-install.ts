import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Exact versions of packages that cannot share the project's own node_modules (an older SDK
 * major, the OTel 2.x line with its older API peer, a peer instrumentation that needs openai 6)
 * are installed into a folder of their own under .tmp/installs/, once per set of pins, and apps
 * run there in child processes: module hooks match packages by their real name, which an npm
 * alias would hide.
 */

export const ROOT = join(import.meta.dirname, '..', '..');
const INSTALLS = join(ROOT, '.tmp', 'installs');

/** The folder where `pins` (package name → exact version) are installed, installing them if needed. */
export function installPinned(pins: Readonly<Record<string, string>>): string {
  const specs = Object.entries(pins)
    .map(([name, version]) => `${name}@${version}`)
    .sort();
  const key = createHash('sha256').update(specs.join(' ')).digest('hex').slice(0, 16);
  const folder = join(INSTALLS, key);
  const done = join(folder, '.installed');
  if (existsSync(done)) return folder;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: `pinned-${key}`, private: true, type: 'commonjs' }));
  // A registry request that hangs is given up after 2 minutes and tried again (npm's retries), and
  // the whole install after 10: a connection to the registry once sat for 21 minutes with no data,
  // and this synchronous install held the test run with it.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps', '--fetch-timeout=120000', '--fetch-retries=4', ...specs], {
    cwd: folder,
    stdio: 'pipe',
    timeout: 600_000,
  });
  writeFileSync(done, specs.join('\n'));
  return folder;
}

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The exit wait of the zero-code entry in a child, unless the test names its own: what a test
 * checks is what reaches the collector, not how soon. The exit returns as soon as the last export
 * has an answer, so a minute costs nothing where the collector answers; the default (1 s) is a
 * figure a loaded 2-core machine can miss, over gRPC above all.
 */
export const CHILD_EXIT_TIMEOUT_MS = '60000';

/** Runs `node ...args` (Node 24, this process's binary) in `cwd` and collects its output. */
export function runNode(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, OTEL_LLM_OBSERVER_EXIT_TIMEOUT: CHILD_EXIT_TIMEOUT_MS, ...options.env };
    const child = spawn(process.execPath, args, { cwd: options.cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
