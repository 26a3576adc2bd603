import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * The built package (`npm run build`) holds one copy of each module, whichever entries an app
 * loads: the zero-code entry and the package itself share the instrumentations, the price table
 * and the guard, so that what one entry sets up the other sees. Read from the source maps of the
 * files Node loaded: a module of src/ in two of them would run twice, with two states.
 */

it('runs each module of the package once in an app that loads the register entry and the package by require and import', async () => {
  const { code, stdout, stderr } = await runNode(['--require', 'otel-llm-observer/register', join(ROOT, 'test', 'fixtures', 'apps', 'zero-code', 'both-entries.cjs')], {
    cwd: ROOT,
    env: { OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' },
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const loaded = JSON.parse(stdout) as { file: string; sources: string[] }[];
  expect(loaded.map(({ file }) => file)).toEqual(expect.arrayContaining(['dist/cjs/index.js', 'dist/cjs/register.js']));
  const sources = loaded.flatMap((file) => file.sources);
  expect(sources).toEqual(expect.arrayContaining(['src/register.ts', 'src/setup/llm-observer.ts', 'src/guard.ts']));
  expect(sources.filter((source, index) => sources.indexOf(source) !== index)).toEqual([]);
});

/**
 * The sources are ES modules, which are strict without a directive; the CommonJS bundle runs them
 * as scripts, strict only if each file says so (a bundle in sloppy mode would, for one, let a write
 * to a frozen object pass silently where the sources count on it to throw).
 */
it('runs in strict mode, as its ES module sources do: every JavaScript file of the build opens with "use strict"', () => {
  const files = readdirSync(join(ROOT, 'dist', 'cjs'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  expect(files).toEqual(expect.arrayContaining(['index.js', 'observer.js', 'register.js', join('setup', 'loader-hook.js')]));
  expect(files.filter((file) => !readFileSync(join(ROOT, 'dist', 'cjs', file), 'utf8').startsWith('"use strict";\n'))).toEqual([]);
});
