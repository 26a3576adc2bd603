import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

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
 * The prefix is hashed as the request holds it, walking its values into one tagged encoding rather
 * than through JSON. Keys named `cache_control` are skipped: marking a prefix for caching does not
 * change what it is.
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
  private readonly key: KeyObject;

  /** `key`: a shared secret to aggregate fingerprints across processes; random when absent. */
  constructor(key?: string) {
    // A key object made once: `createHmac` with raw key bytes imports them again on every call.
    this.key = createSecretKey(key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8'));
  }

  /** The fingerprint of `prefix`, the parts of a request in the order the provider reads them. */
  fingerprint(prefix: readonly unknown[]): PrefixFingerprint {
    const encoding = new PrefixEncoding();
    encoding.add(prefix);
    // One update with the whole encoding: each `update` crosses into native code, and a prefix
    // walks into dozens of small values.
    const fingerprint = createHmac('sha256', this.key).update(encoding.text).digest('hex').slice(0, 32);
    return { fingerprint, chars: encoding.chars };
  }
}

/**
 * A prefix written as one string, with a type tag and length before each scalar and container,
 * so that no two different structures have the same encoding; and the characters of text in it.
 */
class PrefixEncoding {
  text = '';
  chars = 0;

  add(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.text += `s${value.length}:${value}`;
        this.chars += value.length;
        return;
      case 'number':
      case 'boolean':
        this.text += `${typeof value === 'number' ? 'n' : 'b'}${String(value)};`;
        return;
      case 'object': {
        if (value === null) {
          this.text += 'z;';
          return;
        }
        if (Array.isArray(value)) {
          this.text += `a${value.length}[`;
          for (const item of value) this.add(item);
        } else {
          this.text += 'o{';
          for (const key in value) {
            if (SKIPPED_KEYS.has(key) || !Object.hasOwn(value, key)) continue;
            this.text += `k${key.length}:${key}`;
            this.add((value as Record<string, unknown>)[key]);
          }
        }
        this.text += '}';
        return;
      }
      default:
        // undefined, functions, symbols, bigints: absent from the request's JSON body, so absent here.
        return;
    }
  }
}
