/**
 * Runs the compat suite in a row's folder with Node's own test runner: a row's node_modules then
 * holds only what an app on that row would install (no test runner and its dependencies to hoist
 * in beside the pins), and the same runner works on every Node.js of the matrix. Each test file
 * runs in a process of its own, so each starts its OTel SDK and loads the SDKs under test afresh.
 *
 * The row passes only when every test ran and passed: a skipped or todo test, a file that fails
 * to load, or a run with no test at all fails it. The last line printed is the row's totals.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { row } from './row.ts';

const FILES = {
  traced: ['installed-versions.test.ts', 'openai.test.ts', 'anthropic.test.ts', 'esm.test.ts'],
  warned: ['installed-versions.test.ts', 'outside-ranges.test.ts'],
} as const;

interface TestEvent {
  readonly details: { readonly type?: 'suite' | 'test' };
  readonly skip?: unknown;
  readonly todo?: unknown;
}

const totals = { passed: 0, failed: 0, skipped: 0, todo: 0 };
let suiteFailed = false;
/** A row with the platform SDKs built on @anthropic-ai/sdk runs their file too. */
const PLATFORM_FILES = '@anthropic-ai/bedrock-sdk' in row.pins ? ['platforms.test.ts'] : [];
/** A traced row with @google/genai runs its files, CommonJS and ESM (a warned row checks it in outside-ranges.test.ts). */
const GEMINI_FILES = row.expect === 'traced' && '@google/genai' in row.pins ? ['gemini.test.ts', 'gemini-esm.test.ts'] : [];
/** A traced row with the AWS SDK's @aws-sdk/client-bedrock-runtime runs its files, CommonJS and ESM (a warned row checks it in outside-ranges.test.ts). */
const BEDROCK_RUNTIME_FILES = row.expect === 'traced' && '@aws-sdk/client-bedrock-runtime' in row.pins ? ['bedrock-runtime.test.ts', 'bedrock-runtime-esm.test.ts'] : [];
/** A traced row with groq-sdk runs its files, CommonJS and ESM (a warned row checks it in outside-ranges.test.ts). */
const GROQ_FILES = row.expect === 'traced' && 'groq-sdk' in row.pins ? ['groq.test.ts', 'groq-esm.test.ts'] : [];
/** A traced row with @mistralai/mistralai runs its files, CommonJS and ESM (a warned row checks it in outside-ranges.test.ts). */
const MISTRAL_FILES = row.expect === 'traced' && '@mistralai/mistralai' in row.pins ? ['mistral.test.ts', 'mistral-esm.test.ts'] : [];
/** A traced row with cohere-ai runs its files, CommonJS and ESM (a warned row checks it in outside-ranges.test.ts). */
const COHERE_FILES = row.expect === 'traced' && 'cohere-ai' in row.pins ? ['cohere.test.ts', 'cohere-esm.test.ts'] : [];
/** A traced row with ollama runs its files, CommonJS and ESM (a warned row checks it in outside-ranges.test.ts). */
const OLLAMA_FILES = row.expect === 'traced' && 'ollama' in row.pins ? ['ollama.test.ts', 'ollama-esm.test.ts'] : [];
/** A traced row with together-ai runs its files, CommonJS and ESM (a warned row checks it in outside-ranges.test.ts). */
const TOGETHER_FILES = row.expect === 'traced' && 'together-ai' in row.pins ? ['together.test.ts', 'together-esm.test.ts'] : [];
/** A traced row with @cerebras/cerebras_cloud_sdk runs its files, CommonJS and ESM (no warned row pins it: the registry holds no release outside its range). */
const CEREBRAS_FILES = row.expect === 'traced' && '@cerebras/cerebras_cloud_sdk' in row.pins ? ['cerebras.test.ts', 'cerebras-esm.test.ts'] : [];
const files = [
  ...FILES[row.expect],
  ...PLATFORM_FILES,
  ...GEMINI_FILES,
  ...BEDROCK_RUNTIME_FILES,
  ...GROQ_FILES,
  ...MISTRAL_FILES,
  ...COHERE_FILES,
  ...OLLAMA_FILES,
  ...TOGETHER_FILES,
  ...CEREBRAS_FILES,
];
const stream = run({ files: files.map((file) => join(import.meta.dirname, file)), timeout: 60_000 });
stream.on('test:pass', (event: TestEvent) => {
  if (event.skip !== undefined) totals.skipped++;
  else if (event.todo !== undefined) totals.todo++;
  else if (event.details.type !== 'suite') totals.passed++;
});
stream.on('test:fail', (event: TestEvent) => {
  if (event.todo !== undefined) totals.todo++;
  // A suite fails with its tests, and also alone: when a hook of it fails, or its file cannot load.
  else if (event.details.type === 'suite') suiteFailed = true;
  else totals.failed++;
});
const reporter = stream.compose(new spec());
reporter.pipe(process.stdout);
await once(reporter, 'end');

console.log(`${row.name}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, ${totals.todo} todo`);
process.exitCode = !suiteFailed && totals.failed === 0 && totals.skipped === 0 && totals.todo === 0 && totals.passed > 0 ? 0 : 1;
