import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * The built package loads its content-capture part (redaction, detectors, content attributes:
 * dist/cjs/privacy/content-mode.js) on first use only, so that an application that does not
 * capture content, the default, never compiles it (scripts/build.mjs, `LAZY_PARTS`). The
 * redaction options are still checked when an instrumentation is configured, capture on or off.
 */

const PART = 'dist/cjs/privacy/content-mode.js';

it('loads the content-capture part when an instrumentation captures content, and not before', async () => {
  const { code, stdout, stderr } = await runNode([join(ROOT, 'test', 'fixtures', 'apps', 'package', 'content-part.cjs')], { cwd: ROOT });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const steps = JSON.parse(stdout) as { required: string[]; defaults: string[]; rejected: string; afterRejected: string[]; capturing: string[] };
  expect(steps.required).toEqual(['dist/cjs/index.js', 'dist/cjs/observer.js']);
  expect(steps.defaults).toEqual(steps.required);
  expect(steps.rejected).toBe('TypeError: redaction patterns must be RegExp objects, got string');
  expect(steps.afterRejected).toEqual(steps.required);
  expect(steps.capturing).toEqual([...steps.required, PART].sort());
});

it('runs each module once with the content-capture part loaded: the part shares the main file modules', async () => {
  const { code, stdout, stderr } = await runNode(['--require', 'otel-llm-observer/register', join(ROOT, 'test', 'fixtures', 'apps', 'zero-code', 'both-entries.cjs')], {
    cwd: ROOT,
    env: { OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none', OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' },
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const loaded = JSON.parse(stdout) as { file: string; sources: string[] }[];
  expect(loaded.map(({ file }) => file)).toEqual(expect.arrayContaining([PART, 'dist/cjs/observer.js']));
  const sources = loaded.flatMap((file) => file.sources);
  expect(sources).toEqual(expect.arrayContaining(['src/privacy/redaction.ts', 'src/privacy/detectors.ts', 'src/guard.ts']));
  expect(sources.filter((source, index) => sources.indexOf(source) !== index)).toEqual([]);
});
