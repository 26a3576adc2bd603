import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';

/**
 * What the tarball must and must not hold, one line per problem:
 * - the files a user's app reads at run time: the pricing table, the attribute registry and the
 *   JSON Schemas of both, beside the licence and the README;
 * - nothing outside the paths below: no tests, fixtures, scripts, baselines or tarballs;
 * - every source map points at files that are in the tarball. The maps point into src/, which
 *   ships for that reason: a debugger or a stack trace in a user's app then shows the TypeScript
 *   line, and "go to definition" opens the source instead of a declaration file.
 */

const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'data/pricing_v1.json',
  'data/pricing_v1.schema.json',
  'semconv/registry_v1.json',
  'semconv/registry_v1.schema.json',
];
const ALLOWED = [/^dist\//, /^src\//, ...REQUIRED.map((path) => new RegExp(`^${path.replaceAll('.', '\\.')}$`))];
const NEVER = /(^|\/)(test|tests|fixtures|__tests__)\/|\.test\.|\.tgz$/;

export function tarballContentProblems(tarball, files) {
  const shipped = new Set(files);
  const problems = [];
  for (const path of REQUIRED) if (!shipped.has(path)) problems.push(`the tarball lacks ${path}`);
  for (const path of files) {
    if (NEVER.test(path) || !ALLOWED.some((pattern) => pattern.test(path))) problems.push(`the tarball ships ${path}, which no user needs`);
  }

  const unpacked = mkdtempSync(join(tmpdir(), 'otel-llm-observer-tarball-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    for (const map of files.filter((path) => path.endsWith('.map'))) {
      const { sources } = JSON.parse(readFileSync(join(unpacked, 'package', map), 'utf8'));
      for (const source of sources) {
        const target = posix.normalize(posix.join(posix.dirname(map), source));
        if (!shipped.has(target)) problems.push(`${map} points at ${target}, which the tarball lacks`);
      }
    }
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
  return problems;
}
