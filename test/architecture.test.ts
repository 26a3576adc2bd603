import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_NAMES } from '../src/setup/providers.js';

/**
 * The layers of docs/architecture.md, lowest first: a file may import from its own layer and from
 * the layers below it, never from one above. The two wings, `instrumentation` and `processor`,
 * stand side by side on the ground and are joined only by span attributes: neither imports the
 * other. Inside a wing, its own parts are ranked the same way (lowest first).
 *
 * A layer names files by path prefix; the longest prefix that matches a file places it. A file
 * that no layer places fails the test: a new folder gets its place here and in the docs.
 */
interface Layer {
  readonly name: string;
  readonly rank: number;
  readonly wing?: 'instrumentation' | 'processor';
  /** The rank inside the wing. */
  readonly wingRank?: number;
  readonly paths: readonly string[];
}

const LAYERS: readonly Layer[] = [
  { name: 'floor', rank: 0, paths: ['src/semconv.ts', 'src/guard.ts', 'src/version.ts', 'src/environment.ts'] },
  { name: 'ground', rank: 1, paths: ['src/pricing/', 'src/privacy/'] },
  {
    name: 'instrumentation: the readers providers build on',
    rank: 2,
    wing: 'instrumentation',
    wingRank: 0,
    paths: [
      'src/instrumentation/attribute-table.ts',
      'src/instrumentation/model-id.ts',
      'src/instrumentation/api-fields.ts',
      'src/instrumentation/prefix-fingerprint.ts',
    ],
  },
  // The provider contract (provider-contract.ts) stands with the core it is the contract of: it names the core's ApiCall.
  { name: 'instrumentation: the provider contract and the generic core', rank: 2, wing: 'instrumentation', wingRank: 1, paths: ['src/instrumentation/'] },
  { name: 'instrumentation: SDK-shape observers', rank: 2, wing: 'instrumentation', wingRank: 2, paths: ['src/instrumentation/stainless/', 'src/instrumentation/promises/'] },
  // An API's wire format that more than one provider's SDK sends (Anthropic's Messages: its own SDK, and Bedrock's InvokeModel of Claude).
  { name: 'instrumentation: API formats', rank: 2, wing: 'instrumentation', wingRank: 2, paths: ['src/instrumentation/formats/'] },
  {
    name: 'instrumentation: providers',
    rank: 2,
    wing: 'instrumentation',
    wingRank: 3,
    // A folder per provider of the one list, named as the list names it.
    paths: PROVIDER_NAMES.map((name) => `src/instrumentation/${name}/`),
  },
  {
    name: 'processor: the call record',
    rank: 2,
    wing: 'processor',
    wingRank: 0,
    paths: ['src/processor/call-record.ts', 'src/processor/usage.ts', 'src/processor/ai-sdk-providers.ts'],
  },
  { name: 'processor: cost and insights', rank: 2, wing: 'processor', wingRank: 1, paths: ['src/processor/cost/', 'src/processor/insights/'] },
  { name: 'processor: report', rank: 2, wing: 'processor', wingRank: 2, paths: ['src/processor/report/'] },
  { name: 'processor: the span processor', rank: 2, wing: 'processor', wingRank: 3, paths: ['src/processor/'] },
  { name: 'setup', rank: 3, paths: ['src/setup/', 'src/providers.ts', 'src/register.ts', 'src/index.ts'] },
];

/** The layer of `file` (a path from the repository root), or `undefined` when no layer places it. */
function layerOf(file: string): Layer | undefined {
  let found: { layer: Layer; length: number } | undefined;
  for (const layer of LAYERS) {
    for (const path of layer.paths) {
      const matches = path.endsWith('/') ? file.startsWith(path) : file === path;
      if (matches && (found === undefined || path.length > found.length)) found = { layer, length: path.length };
    }
  }
  return found?.layer;
}

interface Import {
  readonly from: string;
  readonly to: string;
}

/** Why `from` may not import `to`, or `undefined` when it may. */
function violation({ from, to }: Import): string | undefined {
  const source = layerOf(from);
  const target = layerOf(to);
  if (source === undefined || target === undefined) return `${from} imports ${to}: ${source === undefined ? from : to} is in no layer`;
  if (target.rank > source.rank) return `${from} (${source.name}) imports ${to} (${target.name}), a layer above it`;
  if (source.wing !== undefined && target.wing !== undefined && source.wing !== target.wing) {
    return `${from} (${source.name}) imports ${to} (${target.name}): the wings are joined only by span attributes`;
  }
  if (source.wing !== undefined && source.wing === target.wing && (target.wingRank ?? 0) > (source.wingRank ?? 0)) {
    return `${from} (${source.name}) imports ${to} (${target.name}), a part above it in its wing`;
  }
  return undefined;
}

/**
 * A provider is its folder: no file outside it imports from it but the provider list (the
 * modules and instrumentations of src/setup/, and the package's exports), and no provider imports
 * another. So the core (the generic instrumentation, the SDK-shape observers, the processor, the
 * ground) works the same with any provider taken away (docs/architecture.md, "Which file to change").
 */
const PROVIDER_FOLDER = new RegExp(`^src/instrumentation/(${PROVIDER_NAMES.join('|')})/`);
const PROVIDER_LIST: ReadonlySet<string> = new Set(['src/setup/providers.ts', 'src/setup/llm-observer.ts', 'src/index.ts']);

/** Why `from` may not import `to` for the provider rule, or `undefined` when it may. */
function providerViolation({ from, to }: Import): string | undefined {
  const provider = PROVIDER_FOLDER.exec(to)?.[1];
  if (provider === undefined || PROVIDER_LIST.has(from)) return undefined;
  const own = PROVIDER_FOLDER.exec(from)?.[1];
  if (own === provider) return undefined;
  return own === undefined
    ? `${from} imports ${to}: only the provider list imports a provider's folder`
    : `${from} imports ${to}: one provider (${own}) imports another (${provider})`;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Static imports and re-exports (`import … from`, `export … from`, `import '…'`) and dynamic `import('…')`, type-only ones included. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g;

/** The package's own files that `file` imports (relative specifiers, `.js` as compiled, resolved to the `.ts` source). */
function importsIn(file: string, text: string): Import[] {
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1] as string)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ from: file, to: posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts') }));
}

const FILES = sourceFiles('src');

describe('the layers of src/ (docs/architecture.md)', () => {
  it('place every source file', () => {
    expect(FILES.filter((file) => layerOf(file) === undefined)).toEqual([]);
  });

  it('are imported downhill only, and neither wing imports the other', () => {
    const imports = FILES.flatMap((file) => importsIn(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(imports.length).toBeGreaterThan(100);
    expect(imports.map(violation).filter((problem) => problem !== undefined)).toEqual([]);
  });

  it("keep each provider to its folder: only the provider list imports it, and no provider imports another", () => {
    const imports = FILES.flatMap((file) => importsIn(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(imports.filter((found) => PROVIDER_FOLDER.test(found.to) && !PROVIDER_FOLDER.test(found.from)).length).toBeGreaterThan(2);
    expect(imports.map(providerViolation).filter((problem) => problem !== undefined)).toEqual([]);
  });

  it.each([
    ['src/instrumentation/genai-instrumentation.ts', 'src/instrumentation/gemini/surfaces.ts', 'only the provider list'],
    ['src/instrumentation/stainless/stream.ts', 'src/instrumentation/openai/surfaces.ts', 'only the provider list'],
    ['src/register.ts', 'src/instrumentation/openai/instrumentation.ts', 'only the provider list'],
    ['src/instrumentation/gemini/content.ts', 'src/instrumentation/openai/content.ts', 'one provider (gemini) imports another (openai)'],
    ['src/instrumentation/formats/anthropic/messages-api.ts', 'src/instrumentation/anthropic/surfaces.ts', 'only the provider list'],
  ])('refuse an import from %s of %s (%s)', (from, to, reason) => {
    expect(providerViolation({ from, to })).toContain(reason);
  });

  it.each([
    ['src/setup/providers.ts', 'src/instrumentation/gemini/sdk-module.ts'],
    ['src/instrumentation/gemini/surfaces.ts', 'src/instrumentation/gemini/content.ts'],
    ['src/instrumentation/bedrock/invoke-model.ts', 'src/instrumentation/formats/anthropic/messages-api.ts'],
  ])('let %s import %s', (from, to) => {
    expect(providerViolation({ from, to })).toBeUndefined();
  });

  it.each([
    ['src/processor/call-record.ts', 'src/instrumentation/api-call.ts', 'the wings are joined only by span attributes'],
    ['src/instrumentation/api-call.ts', 'src/processor/usage.ts', 'the wings are joined only by span attributes'],
    ['src/pricing/cost.ts', 'src/processor/usage.ts', 'a layer above it'],
    ['src/guard.ts', 'src/setup/llm-observer.ts', 'a layer above it'],
    ['src/instrumentation/genai-instrumentation.ts', 'src/instrumentation/stainless/api-promise.ts', 'a part above it in its wing'],
    ['src/instrumentation/stainless/api-promise.ts', 'src/instrumentation/openai/surfaces.ts', 'a part above it in its wing'],
    ['src/processor/insights/engine.ts', 'src/processor/report/usage-report.ts', 'a part above it in its wing'],
  ])('refuse an import from %s of %s (%s)', (from, to, reason) => {
    expect(violation({ from, to })).toContain(reason);
  });

  it('read what a file imports: statically, as a type, re-exported or dynamically; packages are not files of the layers', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { C } from './c/c.js';",
      "const d: typeof import('./d.js').D = load();",
      "import { diag } from '@opentelemetry/api';",
    ].join('\n');
    expect(importsIn('src/x/file.ts', text).map((found) => found.to)).toEqual(['src/x/a.ts', 'src/b.ts', 'src/x/c/c.ts', 'src/x/d.ts']);
  });
});
