import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { installPinned, ROOT, runNode } from '../support/pinned-install.js';

/**
 * Apps in child processes (test/fixtures/apps/anthropic/), with the built package loaded by its
 * name `otel-llm-observer` (run `npm run build` first) and an `@anthropic-ai/sdk` of a given
 * version. An app runs from a folder inside this repository, so that the name resolves to the
 * package itself; the folder's `node_modules` is the pinned install of that version, so the SDK
 * (and its `@opentelemetry/api`) come from there, and the rest from the repository's.
 */

const APP_SOURCES = join(ROOT, 'test', 'fixtures', 'apps', 'anthropic');
const APP_FOLDERS = join(ROOT, '.tmp', 'apps');

/** The `@opentelemetry/api` of the pinned installs: the version this repository uses, so that both copies share the global tracer provider. */
const API_VERSION = '1.10.0';

export interface AppSpan {
  readonly name: string;
  readonly scope: string;
  readonly attributes: Attributes;
}

export interface AppRun {
  /**
   * `commonjs`: `--require` preload and app; `esm`: `--import` preload, which registers the
   * loader hook of import-in-the-middle, and app; `esm-manual`: an `--import` preload that patches
   * the SDK module with `instrumentModule()` instead of the hook.
   */
  readonly module: keyof typeof LOADERS;
  /** The calls the app makes, in order (see calls.cjs). */
  readonly calls: readonly string[];
  /** Whether the app registers `AnthropicInstrumentation`. */
  readonly observer: boolean;
  /** The value of ANTHROPIC_OPEN_TELEMETRY, which turns the SDK's own tracing off when `false`. */
  readonly sdkTracing: 'true' | 'false';
  readonly fixtureOrigin: string;
}

export interface AppResult {
  readonly code: number | null;
  readonly stderr: string;
  /** The spans the app finished, in the order they ended. */
  readonly spans: AppSpan[];
}

/** The folder the app runs in with `@anthropic-ai/sdk` version `sdk` (`installed`: the repository's own, 1.13), installing the version first if needed. */
export function appFolder(sdk: string): string {
  if (sdk === 'installed') return APP_SOURCES;
  const installed = installPinned({ '@anthropic-ai/sdk': sdk, '@opentelemetry/api': API_VERSION });
  const folder = join(APP_FOLDERS, `anthropic-${sdk}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  cpSync(APP_SOURCES, folder, { recursive: true });
  symlinkSync(join(installed, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

/** The preload and the app of each kind of app. */
const LOADERS = {
  'commonjs': ['--require=./preload.cjs', 'app.cjs'],
  'esm': ['--import=./preload.mjs', 'app.mjs'],
  'esm-manual': ['--import=./preload-manual.mjs', 'app.mjs'],
} as const;

/** Runs the app as `run` says, in `folder` (from {@link appFolder}), and reads the spans it printed. */
export async function runApp(folder: string, run: AppRun): Promise<AppResult> {
  const { code, stdout, stderr } = await runNode(LOADERS[run.module], {
    cwd: folder,
    env: {
      FIXTURE_ORIGIN: run.fixtureOrigin,
      CALLS: run.calls.join(','),
      OBSERVER: run.observer ? 'on' : 'off',
      ANTHROPIC_OPEN_TELEMETRY: run.sdkTracing,
    },
  });
  const printed = stdout.trim().split('\n').at(-1) ?? '';
  return { code, stderr, spans: printed === '' ? [] : (JSON.parse(printed) as AppSpan[]) };
}
