/**
 * Runs named checks in turn, each returning its problems (one line each), and prints one line per
 * check with its time, then its problems. Stops at the first check with a problem, since the
 * later ones build on it, and sets the exit code to 1.
 */
export async function runChecks(command, checks) {
  for (const [name, check] of Object.entries(checks)) {
    const startMs = performance.now();
    const problems = await check();
    const seconds = ((performance.now() - startMs) / 1000).toFixed(1);
    console.log(`${command}: ${name}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`} (${seconds} s)`);
    for (const problem of problems) console.error(`${command}: ${name}: ${problem}`);
    if (problems.length > 0) {
      process.exitCode = 1;
      return;
    }
  }
}
