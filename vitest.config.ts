import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Spans of unread results end when the SDK object is garbage-collected: tests force a GC.
    execArgv: ['--expose-gc'],
    testTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: '.tmp/test-results.json' }]],
  },
});
