import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/**
 * The problems that publint and Are the Types Wrong find in a packed tarball, one line each,
 * minus the allow-list below. publint runs strict and at its most talkative level: a suggestion
 * counts as a problem too.
 */

/** attw problems this package accepts, each with the reason. */
const ACCEPTED_TYPE_PROBLEMS = [
  {
    kind: 'NoResolution',
    entrypoint: './register',
    resolutionKind: 'node10',
    // `otel-llm-observer/register` is a preload (`node --import` / `--require`) that exports
    // nothing, so no TypeScript code imports it; node10 resolution predates `exports` and would
    // need a stub register.js at the package root only for it.
    why: 'a preload entry without exports; node10 ignores the exports map',
  },
];

const accepted = (problem) =>
  ACCEPTED_TYPE_PROBLEMS.some(
    (entry) => entry.kind === problem.kind && entry.entrypoint === problem.entrypoint && entry.resolutionKind === problem.resolutionKind,
  );

export async function lintTarball(tarball) {
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
    level: 'suggestion',
  });
  const problems = messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);

  const attwManifest = createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json');
  const attw = join(dirname(attwManifest), JSON.parse(readFileSync(attwManifest, 'utf8')).bin.attw);
  let report;
  try {
    report = execFileSync(process.execPath, [attw, tarball, '--format', 'json', '--no-definitely-typed'], { encoding: 'utf8' });
  } catch (failure) {
    // attw exits 1 when it finds a problem, accepted or not; its report is on stdout either way.
    report = failure.stdout;
  }
  for (const problem of JSON.parse(report).analysis.problems ?? []) {
    if (!accepted(problem)) problems.push(`attw: ${problem.kind} for ${problem.entrypoint ?? 'the package'} (${problem.resolutionKind ?? 'any resolution'})`);
  }
  return problems;
}
