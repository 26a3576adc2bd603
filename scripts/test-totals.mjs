// Prints the totals of the last test run as the one line CI reads, `N passed, N failed`, and
// fails when the run skipped or left a test as todo: the main suite runs every test it has.
// With --compat, the tests of every compatibility row (.tmp/compat-results.json, written by
// `npm run compat`) count too; a row that failed before its suite could count anything (an install
// that failed, a stale lockfile) counts as one failed test, and so does a compat run that wrote no
// results.
import { existsSync, readFileSync } from 'node:fs';

const readResults = (name) => JSON.parse(readFileSync(new URL(`../.tmp/${name}`, import.meta.url), 'utf8'));

const results = readResults('test-results.json');
const { numPassedTests, numFailedTests, numPendingTests: skipped, numTodoTests: todo } = results;
const failedSuites = results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0);
// A test file that fails to load has no tests, so it counts once as a failure.
let passed = numPassedTests;
let failures = numFailedTests + failedSuites.length;

if (process.argv.includes('--compat')) {
  const compatFile = new URL('../.tmp/compat-results.json', import.meta.url);
  if (!existsSync(compatFile)) {
    console.error('npm run compat wrote no results: counted as one failed test');
    failures += 1;
  } else {
    for (const row of readResults('compat-results.json').rows) {
      passed += row.tests.passed;
      failures += row.tests.failed + (!row.passed && row.tests.failed === 0 ? 1 : 0);
    }
  }
}

console.log(`${passed} passed, ${failures} failed`);
if (skipped + todo > 0) {
  console.error(`${skipped} skipped and ${todo} todo tests: the suite must run every test`);
  process.exit(1);
}
process.exit(failures > 0 || passed === 0 ? 1 : 0);
