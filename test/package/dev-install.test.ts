import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/pinned-install.js';

/**
 * What keeps `npm install` quiet on the system Node that the README endorses, read from the
 * committed package.json and package-lock.json (the tree every install lays out): the first pass,
 * on the system Node with .npmrc's `omit=dev`, installs only packages that support the oldest Node
 * that `devEngines` admits; the dev tree, installed by scripts/install-dev-tree.mjs on a Node of at
 * least the package's own `engines.node`, supports that Node; every install script is reviewed in
 * `allowScripts`; and every peer dependency in the tree is met by the copy it resolves to (npm's
 * ERESOLVE "overriding peer dependency" warnings otherwise).
 */

interface LockEntry {
  name?: string;
  version?: string;
  dev?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
  engines?: { node?: string };
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string } };
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([path]) => path !== '');

/** The lowest version a range admits: '>=20.17.0' gives 20.17.0. */
function lowest(range: string): string {
  const version = semver.minVersion(range)?.version;
  if (version === undefined) throw new Error(`${range} admits no version`);
  return version;
}

/** The lock path that `name` resolves to from the package at `from`, as Node walks up node_modules. */
function resolveFrom(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

/** Each package whose `engines.node` does not admit `node`, as "path (range)". */
function unsupporting(entries: [string, LockEntry][], node: string): string[] {
  return entries
    .filter(([, entry]) => entry.engines?.node !== undefined && !semver.satisfies(node, entry.engines.node, { includePrerelease: true }))
    .map(([path, entry]) => `${path} (${entry.engines?.node})`);
}

describe('a quiet install', () => {
  it('the first pass installs only packages that support the oldest Node devEngines admits', () => {
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^omit=dev$/m);
    expect(manifest.devEngines.runtime.name).toBe('node');
    // npm skips the engines of optional packages (it leaves out those it cannot install).
    const firstPass = installed.filter(([, entry]) => entry.dev !== true && entry.optional !== true);
    expect(firstPass.map(([path]) => path)).toContain('node_modules/ajv');
    expect(unsupporting(firstPass, lowest(manifest.devEngines.runtime.version))).toEqual([]);
  });

  it('the dev tree supports the Node it is installed with: the package engines.node, and the locked node package', () => {
    const devTree = installed.filter(([, entry]) => entry.dev === true);
    const lockedNode = lock.packages['node_modules/node']?.version ?? '';
    expect(semver.satisfies(lockedNode, manifest.engines.node)).toBe(true);
    expect(unsupporting(devTree, lowest(manifest.engines.node))).toEqual([]);
  });

  it('every package with an install script is reviewed in allowScripts', () => {
    const withScripts = installed.filter(([, entry]) => entry.hasInstallScript === true);
    const names = withScripts.map(([path, entry]) => entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => manifest.allowScripts[name] === undefined)).toEqual([]);
  });

  it('every peer dependency in the tree is met by the copy it resolves to', () => {
    const unmet: string[] = [];
    for (const [path, entry] of installed) {
      for (const [peer, range] of Object.entries(entry.peerDependencies ?? {})) {
        const target = resolveFrom(path, peer);
        if (target === undefined) {
          if (entry.peerDependenciesMeta?.[peer]?.optional !== true) unmet.push(`${path}: ${peer}@${range} missing`);
          continue;
        }
        const version = lock.packages[target]?.version ?? '';
        if (!semver.satisfies(version, range, { includePrerelease: true })) unmet.push(`${path}: ${peer}@${range}, found ${version}`);
      }
    }
    expect(unmet).toEqual([]);
  });
});
