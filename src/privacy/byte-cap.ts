/**
 * Fits the JSON of a content attribute within a number of UTF-8 bytes, keeping it valid JSON: the
 * strings inside are cut, never the JSON text itself, so a backend can still parse what it gets.
 *
 * Strings are cut by "water-filling": every string longer than a level is cut to that level, the
 * highest level at which the whole fits, so that short strings (roles, ids, short messages) stay
 * whole and the longest give up the most. A cut string ends with {@link TRUNCATION_MARKER}, and
 * is cut between characters, never inside a UTF-16 surrogate pair. When even every string cut to
 * its marker would not fit (thousands of messages), the oldest items of the list go first.
 */

/** A value as JSON holds it: what the content serializer builds, and nothing the app owns. */
export type JsonValue = string | number | boolean | null | undefined | JsonValue[] | { [key: string]: JsonValue };

export const TRUNCATION_MARKER = '…[truncated]';

/** A string inside the tree, where it is, and the bytes it takes in the JSON text. */
interface StringLeaf {
  readonly holder: JsonValue[] | { [key: string]: JsonValue };
  readonly key: string | number;
  readonly text: string;
  readonly bytes: number;
}

/** The UTF-8 bytes of `text` once escaped as the body of a JSON string (quotes not counted). */
function jsonBytesOf(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;
}

const MARKER_BYTES = jsonBytesOf(TRUNCATION_MARKER);

/**
 * The UTF-8 bytes one UTF-16 code unit takes in a JSON string, as `JSON.stringify` escapes it;
 * for a high surrogate followed by its low one, the pair's 4 bytes.
 */
function escapedBytes(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x22 || code === 0x5c) return 2;
  if (code < 0x20) return code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 4 : 6;
  }
  // A lone low surrogate is escaped as \udxxx.
  return code >= 0xdc00 && code <= 0xdfff ? 6 : 3;
}

/** The longest start of `text` whose JSON escape takes at most `maxBytes`, cut between characters. */
function startWithin(text: string, maxBytes: number): string {
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const next = escapedBytes(text, index);
    if (bytes + next > maxBytes) break;
    bytes += next;
    index += next === 4 ? 2 : 1;
  }
  return text.slice(0, index);
}

function collectLeaves(value: JsonValue, holder: StringLeaf['holder'], key: string | number, leaves: StringLeaf[]): void {
  if (typeof value === 'string') {
    leaves.push({ holder, key, text: value, bytes: jsonBytesOf(value) });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectLeaves(item, value, index, leaves));
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, field] of Object.entries(value)) collectLeaves(field, value, name, leaves);
  }
}

/** The bytes cutting every leaf longer than `level` (plus its marker) to `level` would save. */
function savingsAt(leaves: readonly StringLeaf[], level: number): number {
  let savings = 0;
  for (const leaf of leaves) if (leaf.bytes > level + MARKER_BYTES) savings += leaf.bytes - level - MARKER_BYTES;
  return savings;
}

function cutTo(leaves: readonly StringLeaf[], level: number): void {
  for (const leaf of leaves) {
    if (leaf.bytes > level + MARKER_BYTES) {
      (leaf.holder as Record<string | number, JsonValue>)[leaf.key] = startWithin(leaf.text, level) + TRUNCATION_MARKER;
    }
  }
}

/**
 * The length that strings of `lengths` characters can each keep when together they may take
 * `maxBytes` (a character takes at least one byte): the water level above which the byte cap cuts
 * them, before their redaction and escaping are known; `Infinity` when all fit whole. Read before
 * redaction (./content.ts), it bounds what is worth redacting: the cap keeps no more of a string.
 */
export function waterLevel(lengths: readonly number[], maxBytes: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let remaining = maxBytes;
  for (let index = 0; index < sorted.length; index++) {
    const length = sorted[index] as number;
    const left = sorted.length - index;
    if (length * left > remaining) return Math.floor(remaining / left);
    remaining -= length;
  }
  return Number.POSITIVE_INFINITY;
}

/** The JSON text of `items` within `maxBytes` UTF-8 bytes (see the module comment). */
export function jsonWithinBytes(items: JsonValue[], maxBytes: number): string {
  const json = JSON.stringify(items);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= maxBytes) return json;

  const leavesByItem = items.map((item, index) => {
    const leaves: StringLeaf[] = [];
    collectLeaves(item, items, index, leaves);
    return leaves;
  });
  // What each item takes with every string cut to its marker, plus the comma before it.
  const smallestBytes = items.map(
    (item, index) => Buffer.byteLength(JSON.stringify(item) ?? 'null', 'utf8') + 1 - savingsAt(leavesByItem[index] ?? [], 0),
  );
  let kept = 0;
  let smallestTotal = smallestBytes.reduce((sum, itemBytes) => sum + itemBytes, 1);
  while (smallestTotal > maxBytes && kept < items.length) smallestTotal -= smallestBytes[kept++] ?? 0;
  const leaves = leavesByItem.slice(kept).flat();
  const excess = Buffer.byteLength(JSON.stringify(items.slice(kept)), 'utf8') - maxBytes;

  // The highest level whose savings cover the excess; savings only fall as the level rises.
  let low = 0;
  let high = leaves.reduce((longest, leaf) => Math.max(longest, leaf.bytes), 0);
  while (low < high) {
    const level = Math.ceil((low + high) / 2);
    if (savingsAt(leaves, level) >= excess) low = level;
    else high = level - 1;
  }
  if (excess > 0) cutTo(leaves, low);
  return JSON.stringify(items.slice(kept));
}
