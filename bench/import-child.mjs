// The time a fresh process takes to load the bare OTel SDK (`@opentelemetry/api` and
// `@opentelemetry/sdk-trace`), then, by mode: nothing more (`otel-sdk`); `@opentelemetry/instrumentation`
// (`otel-sdk-instrumentation`: what an app registering any instrumentation loads, since NodeSDK and
// registerInstrumentations both bring it, and this package extends it); or this package (the built
// dist/ given) by `require` or by `import`. Node's own start-up and this script are not counted. Prints one JSON
// line; the `require` mode also lists what the package exports, for the report. Marks
// (bench/marks.mjs) end Node's start-up and the loading, for the instruction count.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mark, parts } from './marks.mjs';

const ROOT = join(import.meta.dirname, '..');
const [mode, dist] = process.argv.slice(2);
const require = createRequire(join(ROOT, 'package.json'));

mark('start-up');
const startedAt = performance.now();
require('@opentelemetry/api');
require('@opentelemetry/sdk-trace');
if (mode === 'otel-sdk-instrumentation') require('@opentelemetry/instrumentation');
let observer;
if (mode === 'require') observer = require(join(dist, 'cjs', 'index.js'));
if (mode === 'import') observer = await import(pathToFileURL(join(dist, 'esm', 'index.mjs')).href);
const loadMs = performance.now() - startedAt;
mark('load');

const exportNames = mode === 'require' ? Object.keys(observer).filter((name) => name !== '__esModule') : undefined;
process.stdout.write(`${JSON.stringify({ loadMs, exports: exportNames, parts })}\n`, () => process.exit(0));
