import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { installPinned, ROOT, runNode } from '../support/pinned-install.js';

/**
 * The app of test/fixtures/apps/anthropic-platforms/ in a child process: Claude through Amazon
 * Bedrock (`@anthropic-ai/bedrock-sdk`) and Google Vertex AI (`@anthropic-ai/vertex-sdk`), traced
 * by the built package (run `npm run build` first) on an OTel JS line. The platform SDKs need an
 * `@anthropic-ai/sdk` newer than the project's own, so they and the line's packages are a pinned
 * install that the app's folder links as its `node_modules`.
 */

/** The platform SDKs' latest releases, and the `@anthropic-ai/sdk` their ranges resolve to. */
export const PLATFORM_PINS = {
  '@anthropic-ai/bedrock-sdk': '1.2.1',
  '@anthropic-ai/vertex-sdk': '1.1.5',
  '@anthropic-ai/sdk': '1.17.0',
} as const;

/** Each OTel JS line's packages, as an app of that line installs them. */
export const LINE_PINS = {
  '3.x': {
    '@opentelemetry/api': '1.10.0',
    '@opentelemetry/sdk-trace': '3.1.1',
    '@opentelemetry/instrumentation': '0.301.1',
    '@opentelemetry/context-async-hooks': '3.1.1',
  },
  '2.x': {
    '@opentelemetry/api': '1.9.1',
    '@opentelemetry/sdk-trace-base': '2.12.0',
    '@opentelemetry/instrumentation': '0.223.0',
    '@opentelemetry/context-async-hooks': '2.12.0',
  },
} as const;

export type OtelLine = keyof typeof LINE_PINS;

const APP_SOURCES = join(ROOT, 'test', 'fixtures', 'apps', 'anthropic-platforms');
const PACKAGE_ENTRY = join(ROOT, 'dist', 'cjs', 'index.js');

export interface PlatformSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly scope: string;
  /** The span's status code: 0 unset, 1 OK, 2 ERROR. */
  readonly status: number;
  readonly attributes: Attributes;
}

export interface PlatformRun {
  /** `commonjs`: `--require` preload and app; `esm`: `--import` preload, with import-in-the-middle's loader hook, and app. */
  readonly module: 'commonjs' | 'esm';
  /** The calls the app makes, in order, as `<platform>:<call>` (see calls.cjs). */
  readonly calls: readonly string[];
  /** Whether the app registers `AnthropicInstrumentation`. */
  readonly observer: boolean;
  /** The value of ANTHROPIC_OPEN_TELEMETRY, which turns the SDK's own tracing off when `false`. */
  readonly sdkTracing: 'true' | 'false';
  readonly fixtureOrigin: string;
}

export interface PlatformResult {
  readonly code: number | null;
  readonly stderr: string;
  /** The spans the app finished, in the order they ended, as the exporting processor after the cost processor saw them. */
  readonly spans: PlatformSpan[];
}

/** The folder the app runs in on `line`, installing the line's and the platform SDKs' pins first if needed. */
export function platformAppFolder(line: OtelLine): string {
  const installed = installPinned({ ...LINE_PINS[line], ...PLATFORM_PINS });
  const folder = join(ROOT, '.tmp', 'apps', `anthropic-platforms-${line}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  cpSync(APP_SOURCES, folder, { recursive: true });
  symlinkSync(join(installed, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

const LOADERS = {
  commonjs: ['--require=./preload.cjs', 'app.cjs'],
  esm: ['--import=./preload.mjs', 'app.mjs'],
} as const;

/** Runs the app in `folder` (from {@link platformAppFolder}) as `run` says, and reads the spans it printed. */
export async function runPlatformApp(folder: string, run: PlatformRun): Promise<PlatformResult> {
  const { code, stdout, stderr } = await runNode(LOADERS[run.module], {
    cwd: folder,
    env: {
      PACKAGE_ENTRY,
      FIXTURE_ORIGIN: run.fixtureOrigin,
      CALLS: run.calls.join(','),
      OBSERVER: run.observer ? 'on' : 'off',
      ANTHROPIC_OPEN_TELEMETRY: run.sdkTracing,
    },
  });
  const printed = stdout.trim().split('\n').at(-1) ?? '';
  return { code, stderr, spans: printed === '' ? [] : (JSON.parse(printed) as PlatformSpan[]) };
}
