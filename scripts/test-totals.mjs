// Prints the totals of the last vitest run as the one line CI reads, `N passed, N failed`, and
// fails when the run skipped or left a test as todo: the main suite runs every test it has.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(new URL('../.tmp/test-results.json', import.meta.url), 'utf8'));
const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
const failedSuites = results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0);
// A test file that fails to load has no tests, so it counts once as a failure.
const failures = failed + failedSuites.length;
console.log(`${passed} passed, ${failures} failed`);
if (skipped + todo > 0) {
  console.error(`${skipped} skipped and ${todo} todo tests: the suite must run every test`);
  process.exit(1);
}
process.exit(failures > 0 || passed === 0 ? 1 : 0);
