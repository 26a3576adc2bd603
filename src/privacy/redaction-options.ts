import type { RedactionOptions } from './redaction.js';

/**
 * The check of an instrumentation's `redaction` options, apart from the redactor itself
 * (./redaction.ts): the options are checked when the instrumentation is configured, capture on or
 * off, so that a mistake shows when the application starts; the redactor, with its detectors, is
 * loaded only when content is captured (./lazy-content-mode.ts).
 */

const DEFAULT_MAX_ATTRIBUTE_BYTES = 64 * 1024;
/** Below this, an attribute could not hold one short message with its truncation marker. */
const MIN_MAX_ATTRIBUTE_BYTES = 256;

/**
 * The byte cap of `options`; throws a `TypeError` for a pattern that is not a RegExp or a byte cap
 * that is not an integer of at least 256.
 */
export function checkRedactionOptions(options: RedactionOptions = {}): number {
  const maxAttributeBytes = options.maxAttributeBytes ?? DEFAULT_MAX_ATTRIBUTE_BYTES;
  if (!Number.isSafeInteger(maxAttributeBytes) || maxAttributeBytes < MIN_MAX_ATTRIBUTE_BYTES) {
    throw new TypeError(`maxAttributeBytes=${String(maxAttributeBytes)}: expected an integer of at least ${MIN_MAX_ATTRIBUTE_BYTES}`);
  }
  for (const pattern of options.patterns ?? []) {
    if (!(pattern instanceof RegExp)) throw new TypeError(`redaction patterns must be RegExp objects, got ${typeof pattern}`);
  }
  return maxAttributeBytes;
}
