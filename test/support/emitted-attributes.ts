import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Every attribute the test suite sees this package emit, kept so that a check after the suite
 * (test/after-suite/emitted-attributes.test.ts) can hold it against semconv/registry_v1.json.
 *
 * "Ours" means: every attribute of a span whose instrumentation scope is this package's
 * (`otel-llm-observer/...`), plus the `llm_observer.*` attributes the cost processor adds to
 * any span. Other producers' attributes (the Anthropic SDK's own tracing, peer instrumentations)
 * are theirs to register.
 *
 * Each test process appends what it sees, one JSON line per new (name, type) pair, to a file of
 * its own under .tmp/emitted/, which the suite's global setup empties before a run.
 */

export const EMITTED_DIR = join(import.meta.dirname, '..', '..', '.tmp', 'emitted');
const SCOPE_PREFIX = 'otel-llm-observer';
const OWN_ATTRIBUTE_PREFIX = 'llm_observer.';

/** An attribute as emitted: its name, the registry type its value has, and the scope of its span. */
export interface EmittedAttribute {
  readonly name: string;
  readonly type: string;
  readonly scope: string;
}

/** The registry type of an attribute value: a whole number reads as `int`, any other as `double`. */
function typeOf(value: unknown): string {
  if (Array.isArray(value)) {
    const element = value.find((item) => item !== null && item !== undefined);
    return `${element === undefined ? 'empty' : typeOf(element)}[]`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  return typeof value;
}

/** The attributes of one finished span that are ours (see above). */
export function ownAttributes(scope: string, attributes: Attributes | Record<string, unknown>): EmittedAttribute[] {
  const wholeSpan = scope.startsWith(SCOPE_PREFIX);
  return Object.entries(attributes)
    .filter(([name, value]) => value !== undefined && (wholeSpan || name.startsWith(OWN_ATTRIBUTE_PREFIX)))
    .map(([name, value]) => ({ name, type: typeOf(value), scope }));
}

const recorded = new Set<string>();

/** Records the attributes of one finished span that are ours, for the check after the suite. */
export function recordEmittedAttributes(scope: string, attributes: Attributes | Record<string, unknown>): void {
  for (const entry of ownAttributes(scope, attributes)) {
    const key = JSON.stringify(entry);
    if (recorded.has(key)) continue;
    recorded.add(key);
    mkdirSync(EMITTED_DIR, { recursive: true });
    appendFileSync(join(EMITTED_DIR, `${process.pid}.jsonl`), `${key}\n`);
  }
}

/** A span processor that records each finished span's attributes, after every processor before it wrote its own. */
export class EmittedAttributeRecorder implements SpanProcessor {
  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    recordEmittedAttributes(span.instrumentationScope.name, span.attributes);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Everything recorded by the processes of the last run, each (name, type, scope) once. */
export function readEmittedAttributes(): EmittedAttribute[] {
  const files = readdirSync(EMITTED_DIR, { withFileTypes: true }).filter((file) => file.isFile());
  const lines = files.flatMap((file) => readFileSync(join(EMITTED_DIR, file.name), 'utf8').split('\n'));
  return [...new Set(lines.filter((line) => line !== ''))].map((line) => JSON.parse(line) as EmittedAttribute);
}

export interface RegisteredAttribute {
  readonly name: string;
  readonly type: string;
}

/**
 * What is wrong with `emitted` against the registry, one sentence per attribute: not registered,
 * or a value of another type. A whole number is accepted as a `double` (JavaScript cannot tell
 * 1 from 1.0) and an empty array as any array type.
 */
export function registryViolations(emitted: readonly EmittedAttribute[], registered: readonly RegisteredAttribute[]): string[] {
  const types = new Map(registered.map((attribute) => [attribute.name, attribute.type]));
  const fits = (actual: string, expected: string) =>
    actual === expected ||
    (actual === 'int' && expected === 'double') ||
    (actual === 'int[]' && expected === 'double[]') ||
    (actual === 'empty[]' && expected.endsWith('[]'));
  const violations = emitted.flatMap(({ name, type, scope }) => {
    const expected = types.get(name);
    if (expected === undefined) return [`${name} (${type}, scope ${scope}) is not in semconv/registry_v1.json`];
    if (!fits(type, expected)) return [`${name} is registered as ${expected} but was emitted as ${type} (scope ${scope})`];
    return [];
  });
  return [...new Set(violations)].sort();
}
