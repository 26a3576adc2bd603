import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * The built package loads some parts on first use only (scripts/build.mjs, `LAZY_PARTS`): the
 * content capture (redaction, detectors, content attributes), which an application that does not
 * capture content, the default, never compiles; each provider's surfaces, compiled when its SDK is
 * patched, with the API format it reads; and the cost processor's price table, pricer and ledger, when one is constructed. The
 * redaction options are still checked when an instrumentation is configured, capture on or off.
 */

const PART = 'dist/cjs/privacy/content-mode.js';
/** The `openai` provider's part, and the OpenAI API's format it reads (which `groq`'s shares). */
const OPENAI_PARTS = ['dist/cjs/instrumentation/formats/openai/openai-api.js', 'dist/cjs/instrumentation/openai/provider-sdk.js'];
const PROCESSOR_PARTS = ['dist/cjs/pricing/pricing-table.js', 'dist/cjs/processor/processor-parts.js'];

interface Steps {
  readonly required: string[];
  readonly configured: string[];
  readonly rejected: string;
  readonly afterRejected: string[];
  readonly capturing: string[];
  readonly patched: string;
  readonly sdkLoaded: string[];
  readonly processing: string[];
  readonly sources: string[];
}

it('loads the content-capture part when an instrumentation captures content, a provider part when its SDK is patched, the processor parts when one is made', async () => {
  const { code, stdout, stderr } = await runNode([join(ROOT, 'test', 'fixtures', 'apps', 'package', 'parts.cjs')], { cwd: ROOT });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const steps = JSON.parse(stdout) as Steps;
  expect(steps.required).toEqual(['dist/cjs/index.js', 'dist/cjs/observer.js']);
  expect(steps.configured).toEqual(steps.required);
  expect(steps.rejected).toBe('TypeError: redaction patterns must be RegExp objects, got string');
  expect(steps.afterRejected).toEqual(steps.required);
  expect(steps.capturing).toEqual([...steps.required, PART].sort());
  expect(steps.patched).toBe('create wrapped');
  expect(steps.sdkLoaded).toEqual([...steps.capturing, ...OPENAI_PARTS].sort());
  expect(steps.processing).toEqual([...steps.sdkLoaded, ...PROCESSOR_PARTS].sort());
  // Each module once: the parts share the main file's modules rather than carry copies.
  expect(steps.sources).toEqual(
    expect.arrayContaining(['src/instrumentation/openai/surfaces.ts', 'src/instrumentation/formats/openai/chat-completions.ts', 'src/privacy/detectors.ts', 'src/processor/insights/engine.ts', 'src/pricing/pricing-table.ts', 'src/guard.ts']),
  );
  expect(steps.sources.filter((source, index) => steps.sources.indexOf(source) !== index)).toEqual([]);
});

it('runs each module once in an app that loads both entries with the content-capture part', async () => {
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
