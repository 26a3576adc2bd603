import type { AttributeValue, Attributes } from '@opentelemetry/api';

/**
 * How a field of a request or response becomes an attribute value. A field whose value is not of
 * its kind sets nothing: a malformed response costs the span that attribute, never a wrong value.
 * - `string`, `number`, `boolean`: the value as it is;
 * - `integer`: a safe integer; `count`: a safe integer >= 0 (token counts);
 * - `strings`: a string or an array of strings, as an array;
 * - a record: the string value mapped through it (values not in it set nothing).
 */
export type ValueKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'integer'
  | 'count'
  | 'strings'
  | Readonly<Record<string, string>>;

/** One row of a mapping table: the attribute, the field's path in the source object, its kind. */
export type AttributeRow = readonly [attribute: string, path: readonly string[], kind: ValueKind];

export type AttributeTable = readonly AttributeRow[];

/** The value at `path` in `source`, or `undefined` where any step is not an object. */
function fieldAt(source: unknown, path: readonly string[]): unknown {
  let value = source;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function asAttributeValue(value: unknown, kind: ValueKind): AttributeValue | undefined {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
      return Number.isSafeInteger(value) ? (value as number) : undefined;
    case 'count':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
    case 'strings':
      if (typeof value === 'string') return [value];
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
    default:
      return typeof value === 'string' && Object.hasOwn(kind, value) ? kind[value] : undefined;
  }
}

/**
 * Writes into `target` the attributes that `table` maps from `source`. Rows run in order, so
 * a later row for the same attribute wins when its field is present (`max_completion_tokens`
 * after `max_tokens`). Returns `target`.
 */
export function readAttributes(table: AttributeTable, source: unknown, target: Attributes): Attributes {
  for (const [attribute, path, kind] of table) {
    const value = asAttributeValue(fieldAt(source, path), kind);
    if (value !== undefined) target[attribute] = value;
  }
  return target;
}

/**
 * `readAttributes` for a table of token counts, whole or not at all: when a field is there (not
 * null) but not of its kind, it writes nothing, as the other counts alone would price the call
 * wrong. Returns whether it wrote. A field left out or null stays a count the API did not send.
 */
export function readAllOrNone(table: AttributeTable, source: unknown, target: Attributes): boolean {
  for (const [, path, kind] of table) {
    const field = fieldAt(source, path);
    if (field !== undefined && field !== null && asAttributeValue(field, kind) === undefined) return false;
  }
  readAttributes(table, source, target);
  return true;
}
