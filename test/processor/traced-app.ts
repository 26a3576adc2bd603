import { join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { expect } from 'vitest';
import { installPinned, ROOT, runNode } from '../support/pinned-install.js';

/**
 * Runs apps/traced-app.cjs in a child process over the pinned install of `pins`, with the built
 * package's CostSpanProcessor (run `npm run build` first), and returns the spans it exported; with
 * `reportFile`, the processor's report is written there.
 */

export interface ExportedSpan {
  readonly scope: string;
  readonly name: string;
  readonly attributes: Attributes;
}

/** A span to end by hand, with the tracer named `scope`. */
export interface UsageSpan {
  readonly scope: string;
  readonly attributes: Attributes;
}

const APP = join(import.meta.dirname, 'apps', 'traced-app.cjs');
const PACKAGE_ENTRY = join(ROOT, 'dist', 'cjs', 'index.js');

export async function runTracedApp(
  pins: Readonly<Record<string, string>>,
  app: { line: 1 | 2 | 3; instrumentation: string; call: string; fixtureOrigin?: string; usageSpans?: readonly UsageSpan[]; reportFile?: string },
): Promise<ExportedSpan[]> {
  const cwd = installPinned(pins);
  const result = await runNode([APP, String(app.line), app.instrumentation, app.call], {
    cwd,
    env: {
      PACKAGE_ENTRY,
      FIXTURE_ORIGIN: app.fixtureOrigin ?? '',
      USAGE_SPANS: JSON.stringify(app.usageSpans ?? []),
      REPORT_FILE: app.reportFile ?? '',
    },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ExportedSpan[];
}

/**
 * The OTel JS lines, as pins to install beside a producer's own: the API, the SDK, and the line's
 * @opentelemetry/instrumentation, which the built package shares with the app (apps/traced-app.cjs).
 */
export const OTEL_2_PINS = { '@opentelemetry/api': '1.9.1', '@opentelemetry/sdk-trace-base': '2.12.0', '@opentelemetry/instrumentation': '0.223.0' } as const;
export const OTEL_3_PINS = { '@opentelemetry/api': '1.10.0', '@opentelemetry/sdk-trace': '3.1.1', '@opentelemetry/instrumentation': '0.301.1' } as const;
