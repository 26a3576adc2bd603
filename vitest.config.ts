import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    // Spans of unread results end when the SDK object is garbage-collected: tests force a GC.
    execArgv: ['--expose-gc'],
    // Watchdogs, not budgets: no test asserts a duration, and these only stop one that hangs. They
    // are sized for a 2-core machine at load 10 with another copy of the suite running beside it
    // (a hook that shuts down an SDK after 10,000 calls took over 10 s there).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: '.tmp/test-results.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/after-suite/**'],
          globalSetup: ['test/support/emitted-attributes.global-setup.ts'],
          // Group 0 would be run after every numbered group on a one-worker machine: start at 1.
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Checks what the whole suite recorded, so it runs once every other test has finished.
        extends: true,
        test: { name: 'after-suite', include: ['test/after-suite/**/*.test.ts'], sequence: { groupOrder: 2 } },
      },
    ],
  },
});
