import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { appFolder, runApp, type AppRun, type AppSpan } from './child-app.js';
import { OUR_SCOPE, SDK_SCOPE } from './testbed.js';
import { PRICED_USAGE, usageToPrice } from './usage-to-price.js';

/**
 * CommonJS (`--require`) and ESM (`--import`, with import-in-the-middle's hook registered) apps
 * using the built package by its name, against the SDK versions that matter: the installed 1.13;
 * 0.134.0, the first with the SDK's own tracing; 0.133.0, the last without it; 0.40.0, the oldest
 * supported; and 0.39.0, below the supported range.
 */

/** Pinned installs can take a while the first time. */
const INSTALL_TIMEOUT_MS = 180_000;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const MESSAGE_CALLS = ['create', 'create-stream', 'stream-helper'];
const LEGACY_CALLS = ['completion', 'completion-stream'];

/** The spans this package gives the calls `calls` (see calls.cjs), by name, in order. */
const ourSpanNames = (calls: readonly string[]) =>
  calls.map((call) => (LEGACY_CALLS.includes(call) ? 'text_completion claude-2.1' : 'chat claude-sonnet-4-6'));

const messageSpans = (spans: AppSpan[]) => spans.filter((span) => !span.name.includes('completion'));

function expectOursOnly(spans: AppSpan[], calls: readonly string[]): void {
  expect(spans.map((span) => `${span.scope}: ${span.name}`)).toEqual(ourSpanNames(calls).map((name) => `${OUR_SCOPE}: ${name}`));
  for (const span of messageSpans(spans)) expect(usageToPrice(span)).toEqual(PRICED_USAGE);
}

function run(folder: () => string, settings: Omit<AppRun, 'fixtureOrigin'>) {
  return runApp(folder(), { ...settings, fixtureOrigin: server.origin });
}

/** The folder of the app with SDK version `sdk`, which the enclosing `describe` installs before its tests. */
function appWithSdk(sdk: string): () => string {
  let folder = '';
  beforeAll(() => {
    folder = appFolder(sdk);
  }, INSTALL_TIMEOUT_MS);
  return () => folder;
}

describe('@anthropic-ai/sdk 1.13 (installed), with the SDK tracing on', () => {
  const folder = appWithSdk('installed');

  it.each(['commonjs', 'esm'] as const)('gives each call of a %s app one span, this package’s, with its usage', async (module) => {
    const result = await run(folder, { module, calls: MESSAGE_CALLS, observer: true, sdkTracing: 'true' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectOursOnly(result.spans, MESSAGE_CALLS);
  });

  it('gives each call of an ESM app one span, the SDK’s, with the same usage, when this package is not registered', async () => {
    const { spans } = await run(folder, { module: 'esm', calls: MESSAGE_CALLS, observer: false, sdkTracing: 'true' });
    expect(spans.map((span) => span.scope)).toEqual([SDK_SCOPE, SDK_SCOPE, SDK_SCOPE]);
    for (const span of spans) expect(usageToPrice(span)).toEqual(PRICED_USAGE);
  });
});

describe('@anthropic-ai/sdk 0.134.0, the first with its own tracing', () => {
  const folder = appWithSdk('0.134.0');
  const calls = [...MESSAGE_CALLS, ...LEGACY_CALLS];

  it.each([
    ['commonjs', 'true'],
    ['commonjs', 'false'],
    ['esm', 'true'],
  ] as const)('gives each call of a %s app one span, this package’s, with ANTHROPIC_OPEN_TELEMETRY=%s', async (module, sdkTracing) => {
    const result = await run(folder, { module, calls, observer: true, sdkTracing });
    expect(result.code).toBe(0);
    expectOursOnly(result.spans, calls);
  });

  it('gives each call one span, the SDK’s, with the same usage, when this package is not registered', async () => {
    const { spans } = await run(folder, { module: 'commonjs', calls, observer: false, sdkTracing: 'true' });
    expect(spans.map((span) => `${span.scope}: ${span.name}`)).toEqual([
      ...MESSAGE_CALLS.map(() => `${SDK_SCOPE}: anthropic.messages.create`),
      ...LEGACY_CALLS.map(() => `${SDK_SCOPE}: anthropic.completions.create`),
    ]);
    for (const span of messageSpans(spans)) expect(usageToPrice(span)).toEqual(PRICED_USAGE);
  });

  it('gives the calls no span when neither this package nor the SDK traces them', async () => {
    const { spans, code } = await run(folder, { module: 'commonjs', calls, observer: false, sdkTracing: 'false' });
    expect(code).toBe(0);
    expect(spans).toEqual([]);
  });
});

describe('@anthropic-ai/sdk 0.133.0, the last without its own tracing', () => {
  const folder = appWithSdk('0.133.0');
  const calls = [...MESSAGE_CALLS, ...LEGACY_CALLS];

  it.each(['true', 'false'] as const)('gives each call one span, this package’s, with its cache usage, with ANTHROPIC_OPEN_TELEMETRY=%s', async (sdkTracing) => {
    const result = await run(folder, { module: 'commonjs', calls, observer: true, sdkTracing });
    expect(result.code).toBe(0);
    expectOursOnly(result.spans, calls);
  });

  it('gives the calls no span when this package is not registered, whatever ANTHROPIC_OPEN_TELEMETRY says', async () => {
    const { spans } = await run(folder, { module: 'commonjs', calls, observer: false, sdkTracing: 'true' });
    expect(spans).toEqual([]);
  });
});

describe('@anthropic-ai/sdk 0.40.0, the oldest supported', () => {
  const folder = appWithSdk('0.40.0');
  const calls = [...MESSAGE_CALLS, ...LEGACY_CALLS];

  // The loader hook of import-in-the-middle breaks the ESM import of this SDK version's shims,
  // with or without this package: an ESM app patches the SDK with instrumentModule() instead.
  it.each(['commonjs', 'esm-manual'] as const)('gives each call of a %s app one span, this package’s, with its cache usage', async (module) => {
    const result = await run(folder, { module, calls, observer: true, sdkTracing: 'true' });
    expect(result.code).toBe(0);
    expectOursOnly(result.spans, calls);
  });
});

describe('@anthropic-ai/sdk 0.39.0, below the supported range', () => {
  const folder = appWithSdk('0.39.0');

  it('warns, naming the version and the range, and traces nothing', async () => {
    const result = await run(folder, { module: 'commonjs', calls: ['create'], observer: true, sdkTracing: 'true' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('@anthropic-ai/sdk 0.39.0 is outside the supported range >=0.40.0 <2; its calls are not traced');
    expect(result.spans).toEqual([]);
  });
});
