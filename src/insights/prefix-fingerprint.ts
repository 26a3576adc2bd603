import { createHmac, randomBytes, type Hmac } from 'node:crypto';

/**
 * Fingerprints of a request's cacheable prefix: the tools, system instructions and leading
 * messages that a provider's prompt cache would match. Two calls with the same prefix get the
 * same fingerprint, so the processor can tell a prefix that recurs without being cached; no
 * content leaves the process, only a keyed hash of it.
 *
 * The hash is an HMAC-SHA-256 under a key that is random per process by default, so a fingerprint
 * cannot be matched against a guessed prompt outside the process; processes that should aggregate
 * their fingerprints (in a backend) are given the same key.
 *
 * The prefix is hashed as the request holds it, walking its values without serializing them. Keys
 * named `cache_control` are skipped: marking a prefix for caching does not change what it is.
 */

export interface PrefixFingerprint {
  /** 32 hex digits: the first 128 bits of the HMAC. */
  readonly fingerprint: string;
  /** The characters of text in the prefix, the basis of its size estimate. */
  readonly chars: number;
}

/** The usual 4 characters per token of English text: an estimate for insights, never for billing. */
export const CHARS_PER_TOKEN = 4;

export function estimatedTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

const SKIPPED_KEYS = new Set(['cache_control']);

export class PrefixHasher {
  private readonly key: Buffer;

  /** `key`: a shared secret to aggregate fingerprints across processes; random when absent. */
  constructor(key?: string) {
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8');
  }

  /** The fingerprint of `prefix`, the parts of a request in the order the provider reads them. */
  fingerprint(prefix: readonly unknown[]): PrefixFingerprint {
    const hmac = createHmac('sha256', this.key);
    const chars = update(hmac, prefix);
    return { fingerprint: hmac.digest('hex').slice(0, 32), chars };
  }
}

/**
 * Feeds `value` to `hmac` with a type tag and length before each scalar and container, so that
 * no two different structures produce the same byte stream. Returns the characters of text fed.
 */
function update(hmac: Hmac, value: unknown): number {
  switch (typeof value) {
    case 'string':
      hmac.update(`s${value.length}:`).update(value);
      return value.length;
    case 'number':
    case 'boolean':
      hmac.update(`${typeof value === 'number' ? 'n' : 'b'}${String(value)};`);
      return 0;
    case 'object': {
      if (value === null) {
        hmac.update('z;');
        return 0;
      }
      let chars = 0;
      if (Array.isArray(value)) {
        hmac.update(`a${value.length}[`);
        for (const item of value) chars += update(hmac, item);
      } else {
        hmac.update('o{');
        for (const key in value) {
          if (SKIPPED_KEYS.has(key) || !Object.hasOwn(value, key)) continue;
          hmac.update(`k${key.length}:${key}`);
          chars += update(hmac, (value as Record<string, unknown>)[key]);
        }
      }
      hmac.update('}');
      return chars;
    }
    default:
      // undefined, functions, symbols, bigints: absent from the request's JSON body, so absent here.
      return 0;
  }
}
