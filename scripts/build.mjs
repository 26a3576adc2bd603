// Builds the package: the JavaScript of dist/cjs as a CommonJS bundle (rolldown) beside the
// TypeScript declarations (tsc), then an ESM entry point in dist/esm that re-exports the CommonJS
// build. One copy of the code serves `require` and `import` alike, so an app that loads the
// package both ways still has one instrumentation state, not two.
// The build is written beside dist/ and then swapped in, so that a process running the previous
// build (a test's child app) never sees a half-written one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * How the bundles are written: without comments, not minified, in ASCII (the strings with `…`,
 * `’` or `§` would otherwise make Node read the whole file as two-byte text, about 5 M
 * instructions more at every start), and in strict mode: the sources are ES modules, strict
 * without saying so, and rolldown's default (`auto`) writes `"use strict"` only where a source
 * has it, which ran the CommonJS bundle in sloppy mode.
 */
const CODE = { comments: false, strict: true, minify: { compress: false, mangle: false, codegen: { removeWhitespace: false, asciiOnly: true } } };

/**
 * The parts of the package loaded on first use, found by their accessors: each file named
 * `lazy-*.ts` under src/ is, comments aside, exactly
 *
 *     import * as <binding> from './<part>.js';
 *     export function <name>(): typeof <binding> {
 *       return <binding>;
 *     }
 *
 * a plain import in the sources. Here each part becomes an entry of the bundle of its own (the
 * part's path under src/, `.js`), and its accessor a `require` of that entry's file on the first
 * call. The accessors land in observer.js, in the folder of the entries, which the paths are
 * relative to (checked below). The content capture (`privacy/lazy-content-mode.ts`), each
 * provider's surfaces (`<provider>/lazy-provider-sdk.ts`), the API formats more than one provider
 * reads (`formats/<api>/lazy-*.ts`), the price table's loader
 * (`pricing/lazy-pricing-table.ts`) and the cost processor's pricer and ledger
 * (`processor/lazy-processor-parts.ts`) are loaded so.
 */
const ACCESSOR = /^import \* as (\w+) from '\.\/([\w-]+)\.js';\s*export function (\w+)\(\): typeof \1 \{\s*return \1;\s*\}$/;

function lazyParts() {
  const accessors = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /(^|\/)lazy-[\w-]+\.ts$/.test(file))
    .sort();
  return accessors.map((file) => {
    const code = readFileSync(join(root, 'src', file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .trim();
    const match = ACCESSOR.exec(code);
    if (match === null) throw new Error(`src/${file} is not an accessor of a part loaded on first use (see LAZY_PARTS in scripts/build.mjs)`);
    const entry = posix.join(posix.dirname(file), match[2]);
    return { accessor: join(root, 'src', file), name: match[3], entry, source: join(root, 'src', `${entry}.ts`) };
  });
}

const LAZY_PARTS = lazyParts();

/** The rolldown plugin that makes each accessor of {@link LAZY_PARTS} load its part on first use. */
const lazyPartsPlugin = {
  name: 'lazy-parts',
  resolveId(id, importer) {
    if (LAZY_PARTS.some((part) => importer === part.accessor && id === `./${part.entry}.js`)) return { id, external: true };
    return undefined;
  },
  load(id) {
    const part = LAZY_PARTS.find((candidate) => id === candidate.accessor);
    if (part === undefined) return undefined;
    return `let part;\nexport function ${part.name}() {\n  return part ??= require('./${part.entry}.js');\n}\n`;
  },
};

/** An export of a shared chunk as rolldown writes it in CommonJS: a getter, for a live binding. */
const EXPORT_GETTER = /^Object\.defineProperty\(exports, ("[\w$]+"), \{\n\tenumerable: true,\n\tget: function\(\) \{\n\t\treturn ([\w$]+);\n\t\}\n\}\);$/gm;

/**
 * `code`, observer.js, with each export a plain property rather than a getter. The parts loaded on
 * first use read the names and functions they share with the main file through its exports, on
 * every call, span and stream event, where a getter costs a function call a read (1.6 k
 * instructions a span in the cost processor, at V8's baseline tier). A live binding matters only
 * for a binding that changes: each one exported here is a top-level `const`, function, class or
 * `var` assigned once (checked), and the exports are written after all of them, at the chunk's end,
 * where the source map maps nothing.
 */
function withPlainExports(code) {
  const plain = code.replace(EXPORT_GETTER, (_getter, name, binding) => {
    const declaration = new RegExp(`^(const|var|function|class) ${binding.replaceAll('$', '\\$')}\\b`, 'm').exec(code)?.[1];
    const assignments = code.match(new RegExp(`(?:^|[^.\\w$])${binding.replaceAll('$', '\\$')} =(?!=)`, 'gm'))?.length ?? 0;
    // A `var` is assigned by its declaration; a function or class binding, by none.
    const once = declaration === 'const' || (declaration === 'var' ? assignments === 1 : declaration !== undefined && assignments === 0);
    if (!once) throw new Error(`observer.js exports ${binding}, which is not a binding assigned once: keep its getter`);
    return `exports[${name}] = ${binding};`;
  });
  if (plain.includes('get: function()')) throw new Error('observer.js still exports a getter the build does not know');
  return plain;
}

const out = `${root}/.tmp/dist-${process.pid}`;
// Written two folders below the root, as dist/cjs is: the maps' relative paths to src/ hold once moved.
const compiled = `${root}/.tmp/cjs-${process.pid}`;
rmSync(out, { recursive: true, force: true });
rmSync(compiled, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', `${root}/tsconfig.build.json`, '--outDir', compiled],
  { stdio: 'inherit' },
);
await bundle(compiled);
mkdirSync(out);
renameSync(compiled, `${out}/cjs`);
await bundleBenchInternals(`${out}/bench/internals.cjs`);

/**
 * Writes the JavaScript of dist/cjs into `folder`: the entries the package's exports name (index,
 * register), the one esm/register.mjs imports first (setup/loader-hook) and the parts loaded on
 * first use ({@link LAZY_PARTS}), and one chunk, observer.js, holding every module two entries
 * share, so that an app loading several entries still runs each module once (a module only one
 * entry reaches stays in that entry: register's own in register.js, the redaction's detectors in
 * privacy/content-mode.js, a provider's surfaces in instrumentation/<provider>/provider-sdk.js). Loading two files instead of sixty-odd, without comments, is most of
 * what the package costs at start-up (docs/benchmarks.md). Every package the code imports stays
 * external: the app's own copy is the one to patch and share. The source maps point to src/,
 * which ships.
 */
async function bundle(folder) {
  const build = await rolldown({
    input: {
      index: `${root}/src/index.ts`,
      register: `${root}/src/register.ts`,
      'setup/loader-hook': `${root}/src/setup/loader-hook.ts`,
      ...Object.fromEntries(LAZY_PARTS.map((part) => [part.entry, part.source])),
    },
    platform: 'node',
    tsconfig: `${root}/tsconfig.build.json`,
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    plugins: [lazyPartsPlugin],
  });
  const { output } = await build.write({
    dir: folder,
    format: 'cjs',
    sourcemap: true,
    // The maps name the files of src/, which ships, as tsc's maps did; they need not carry them too.
    sourcemapExcludeSources: true,
    ...CODE,
    // `__esModule`, as tsc's CommonJS has: TypeScript's and bundlers' interop read it.
    esModule: true,
    chunkFileNames: '[name].js',
    codeSplitting: { groups: [{ name: 'observer', minShareCount: 2 }] },
  });
  await build.close();
  const files = output.filter((file) => file.type === 'chunk').map((chunk) => chunk.fileName).sort();
  const expected = ['index.js', 'observer.js', ...LAZY_PARTS.map((part) => `${part.entry}.js`), 'register.js', 'setup/loader-hook.js'].sort();
  if (files.join() !== expected.join()) throw new Error(`the bundle is ${files.join(', ')}, not ${expected.join(', ')}`);
  const observer = output.find((file) => file.fileName === 'observer.js');
  for (const part of LAZY_PARTS) {
    if (!observer.code.includes(`require("./${part.entry}.js")`)) throw new Error(`observer.js does not load ${part.entry}.js on first use`);
  }
  const written = join(folder, 'observer.js');
  writeFileSync(written, withPlainExports(readFileSync(written, 'utf8')));
}

/**
 * Writes to `file` the package's inner parts that the in-process benchmarks drive
 * (bench/internals.ts), bundled from the same sources with the same options as the package, so
 * that a benchmark of a dist/ copy drives that copy's code. Not shipped (package.json "files").
 */
async function bundleBenchInternals(file) {
  const build = await rolldown({
    input: `${root}/bench/internals.ts`,
    platform: 'node',
    tsconfig: `${root}/tsconfig.build.json`,
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  });
  await build.write({ file, format: 'cjs', ...CODE });
  await build.close();
}

// The package is "type": "module"; the CommonJS build says so for its own folder.
writeFileSync(`${out}/cjs/package.json`, '{ "type": "commonjs" }\n');
const names = Object.keys(require(`${out}/cjs/index.js`)).filter((name) => name !== '__esModule');
mkdirSync(`${out}/esm`, { recursive: true });
writeFileSync(`${out}/esm/index.mjs`, `export { ${names.join(', ')} } from '../cjs/index.js';\n`);
writeFileSync(`${out}/esm/index.d.mts`, `export * from '../cjs/index.js';\n`);
// `otel-llm-observer/register` is all side effects. The ESM entry registers the loader hook that
// patches ESM imports, then runs the CommonJS entry (src/register.ts says why only this one).
writeFileSync(
  `${out}/esm/register.mjs`,
  [
    `import { registerLoaderHook } from '../cjs/setup/loader-hook.js';`,
    `registerLoaderHook();`,
    `await import('../cjs/register.js');`,
    '',
  ].join('\n'),
);
writeFileSync(`${out}/esm/register.d.mts`, 'export {};\n');

// Two renames, then the old build goes: dist/ is missing only between the renames, not while a
// whole folder is deleted.
const previous = `${root}/.tmp/dist-previous-${process.pid}`;
if (existsSync(`${root}/dist`)) renameSync(`${root}/dist`, previous);
renameSync(out, `${root}/dist`);
rmSync(previous, { recursive: true, force: true });
