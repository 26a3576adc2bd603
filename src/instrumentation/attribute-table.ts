import type { AttributeValue, Attributes } from '@opentelemetry/api';
import { ATTR_GEN_AI_REQUEST_STREAM, ERROR_TYPE_OTHER } from '../semconv.js';
import { modelIdWithoutAccount } from './model-id.js';

/**
 * How a field of a request or response becomes an attribute value. A field whose value is not of
 * its kind sets nothing: a malformed response costs the span that attribute, never a wrong value.
 * - `string`, `number`, `boolean`: the value as it is;
 * - `model`: a model id, an ARN with its AWS account left out (./model-id.ts);
 * - `integer`: a safe integer; `count`: a safe integer >= 0 (token counts);
 * - `strings`: a string or an array of strings, as an array;
 * - `identifier`: a string of at most {@link MAX_IDENTIFIER_CHARS} characters (ids, fingerprints);
 * - `listed`: how many items a string (one) or an array of strings has, for lists whose items
 *   are the application's text (stop sequences): the count, never the items;
 * - a record: the string value mapped through it (values not in it set nothing);
 * - a set (`oneOf`): an enum the API documents: a value in it as it is, any other string
 *   `_OTHER`, as the value may be anything the application or the provider wrote.
 */
export type ValueKind =
  | 'string'
  | 'model'
  | 'number'
  | 'boolean'
  | 'integer'
  | 'count'
  | 'strings'
  | 'identifier'
  | 'listed'
  | Readonly<Record<string, string>>
  | ReadonlySet<string>;

/** The longest id or fingerprint kept: a longer one is no id the APIs make (theirs are under 100). */
export const MAX_IDENTIFIER_CHARS = 256;

/** The kind of an enum whose documented values are `values`. */
export function oneOf(...values: string[]): ReadonlySet<string> {
  return new Set(values);
}

/** `value` when it is one of `values`; `_OTHER` for any other string; `undefined` for what is no string. */
export function enumValue(values: ReadonlySet<string>, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return values.has(value) ? value : ERROR_TYPE_OTHER;
}

/** One row of a mapping table: the attribute, the field's path in the source object, its kind. */
export type AttributeRow = readonly [attribute: string, path: readonly string[], kind: ValueKind];

export type AttributeTable = readonly AttributeRow[];

/*
 * The tables are read on every call, by index rather than with `for...of` and destructuring: until
 * V8 optimizes a reader (and always at its baseline tier) those run the iterator protocol, one
 * result object per step.
 */

/** The value at `path` in `source`, or `undefined` where any step is not an object. */
export function fieldAt(source: unknown, path: readonly string[]): unknown {
  let value = source;
  for (let step = 0; step < path.length; step++) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[path[step] as string];
  }
  return value;
}

/**
 * The value of the kind `kind`, or `undefined`. The enums and records first, then the named kinds
 * by how often the tables use them: at V8's baseline tier each case of a `switch` is a call
 * comparing two strings, and the token counts are most of the rows read.
 */
function asAttributeValue(value: unknown, kind: ValueKind): AttributeValue | undefined {
  if (typeof kind !== 'string') {
    if (kind instanceof Set) return enumValue(kind, value);
    return typeof value === 'string' && Object.hasOwn(kind, value) ? (kind as Readonly<Record<string, string>>)[value] : undefined;
  }
  switch (kind) {
    case 'count':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'model':
      return modelIdWithoutAccount(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'identifier':
      return typeof value === 'string' && value.length <= MAX_IDENTIFIER_CHARS ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
      return Number.isSafeInteger(value) ? (value as number) : undefined;
    case 'strings':
      if (typeof value === 'string') return [value];
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
    case 'listed':
      if (typeof value === 'string') return 1;
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value.length : undefined;
  }
}

/**
 * Writes into `target` the attributes that `table` maps from `source`. Rows run in order, so
 * a later row for the same attribute wins when its field is present (`max_completion_tokens`
 * after `max_tokens`). Returns `target`.
 */
export function readAttributes(table: AttributeTable, source: unknown, target: Attributes): Attributes {
  for (let index = 0; index < table.length; index++) {
    const row = table[index] as AttributeRow;
    // Most rows' fields are absent from a given request or response, and no kind reads a value from `undefined`.
    const field = fieldAt(source, row[1]);
    if (field === undefined) continue;
    const value = asAttributeValue(field, row[2]);
    if (value !== undefined) target[row[0]] = value;
  }
  return target;
}

/** The values `readAllOrNone` has read and not yet written, by row: one list for every call, emptied after each (no call reads two tables at once). */
const pendingValues: (AttributeValue | undefined)[] = [];

/**
 * `readAttributes` for a table of token counts, whole or not at all: when a field is there (not
 * null) but not of its kind, it writes nothing, as the other counts alone would price the call
 * wrong. Returns whether it wrote. A field left out or null stays a count the API did not send.
 * Each field is read once: the values wait in a list until every row has been checked.
 */
export function readAllOrNone(table: AttributeTable, source: unknown, target: Attributes): boolean {
  let whole = true;
  for (let index = 0; index < table.length; index++) {
    const row = table[index] as AttributeRow;
    const field = fieldAt(source, row[1]);
    if (field === undefined || field === null) {
      pendingValues[index] = undefined;
      continue;
    }
    const value = asAttributeValue(field, row[2]);
    if (value === undefined) {
      whole = false;
      break;
    }
    pendingValues[index] = value;
  }
  for (let index = 0; index < table.length; index++) {
    const value = pendingValues[index];
    if (whole && value !== undefined) target[(table[index] as AttributeRow)[0]] = value;
    pendingValues[index] = undefined;
  }
  return whole;
}

/**
 * The request reader of an SDK method that always streams (`generateContentStream`, Bedrock's
 * `ConverseStream`, Mistral's `stream`): it takes the same parameters as the method that does not,
 * so the body does not say it; the reader marks the request streamed.
 */
export function readStreamedRequest(_body: unknown, attributes: Attributes): void {
  attributes[ATTR_GEN_AI_REQUEST_STREAM] = true;
}
