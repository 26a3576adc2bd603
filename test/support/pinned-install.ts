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

/** Runs `node ...args` (Node 24, this process's binary) in `cwd` and collects its output. */
export function runNode(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
