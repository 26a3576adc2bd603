import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * compat/matrix.json, read: the pinned versions each compatibility row installs. A row names one
 * `openai`, one `@anthropic-ai/sdk`, one OpenTelemetry JS line (whose pins the line carries) and
 * one Node.js, and what the row expects of them:
 * - `traced`: every version is inside the ranges this package claims, and each API call of each
 *   surface that the SDK version has gets one span;
 * - `warned`: both SDK versions are outside the claimed ranges, and loading each one draws the
 *   instrumentation's diag warning that names it, instead of spans.
 *
 * A row's name is its job name in .github/workflows/compat.yml (`compat <name>`) and its argument
 * to `npm run compat -- <name>`.
 */

export type OtelLineName = '3.x' | '2.x';

export interface OtelLine {
  /** The packages an app on this line depends on, at exact versions. */
  readonly pins: Readonly<Record<string, string>>;
}

export interface MatrixRow {
  readonly node: string;
  readonly otel: OtelLineName;
  readonly openai: string;
  readonly '@anthropic-ai/sdk': string;
  readonly expect: 'traced' | 'warned';
}

export interface Matrix {
  readonly otelLines: Readonly<Record<OtelLineName, OtelLine>>;
  readonly rows: readonly MatrixRow[];
}

export const MATRIX_FILE = join(import.meta.dirname, 'matrix.json');

export function readMatrix(): Matrix {
  return JSON.parse(readFileSync(MATRIX_FILE, 'utf8')) as Matrix;
}

export function rowName(row: MatrixRow): string {
  return `node${row.node}-otel${row.otel}-openai${row.openai}-anthropic${row['@anthropic-ai/sdk']}`;
}

/** Every package a row installs next to this package, at its exact version. */
export function rowPins(matrix: Matrix, row: MatrixRow): Record<string, string> {
  return { openai: row.openai, '@anthropic-ai/sdk': row['@anthropic-ai/sdk'], ...matrix.otelLines[row.otel].pins };
}
