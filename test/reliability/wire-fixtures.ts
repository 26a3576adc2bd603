import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The wire fixtures of test/fixtures/, read as templates for the fixtures a test generates. */

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface JsonFixture {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

export function jsonFixture(name: string): JsonFixture {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as JsonFixture;
}

/** The events of an SSE fixture, each without its blank-line terminator. */
export function sseFixture(name: string): string[] {
  return readFileSync(join(FIXTURES, `${name}.sse`), 'utf8')
    .split(/\n\n/)
    .filter((event) => event.trim() !== '');
}
