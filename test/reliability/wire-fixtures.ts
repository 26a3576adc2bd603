import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The wire fixtures of test/fixtures/, read as templates for the fixtures a test generates. */

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface JsonFixture {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

/** A message of an AWS event stream fixture (Amazon Bedrock's streams): its headers (`:event-type`, …) and its JSON payload. */
export interface EventStreamMessageFixture {
  headers: Record<string, string>;
  payload: Record<string, unknown>;
}

/** An AWS event stream fixture: its status, headers and messages (test/support/fixture-server.ts encodes them). */
export interface EventStreamFixture {
  status: number;
  headers?: Record<string, string>;
  eventStream: EventStreamMessageFixture[];
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

/** The events of a newline-delimited JSON fixture (Cohere's v1 chat stream), each a line without its newline, the comment lines (`#`, the fixture's reference) left out. */
export function ndjsonFixture(name: string): string[] {
  return readFileSync(join(FIXTURES, `${name}.ndjson`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** An AWS event stream fixture (`bedrock/converse-stream`), whose `eventStream` lists its messages. */
export function eventStreamFixture(name: string): EventStreamFixture {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Partial<EventStreamFixture>;
  if (!Array.isArray(fixture.eventStream)) throw new Error(`${name} is no event stream fixture`);
  return fixture as EventStreamFixture;
}
