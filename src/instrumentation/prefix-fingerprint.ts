import { createHmac, createSecretKey, randomBytes, type Hmac, type KeyObject } from 'node:crypto';

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
 * than through JSON, and the encoding is fed to the HMAC as it is made: the prefix is never copied
 * into one string (a 50 MB prefix would be copied whole), and what is held at once is bounded by
 * {@link PENDING_CHARS} and {@link TEXT_CHUNK_CHARS}. Keys named `cache_control` are skipped: marking
 * a prefix for caching does not change what it is.
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
/**
 * The small pieces of the encoding (tags, lengths, keys, short texts) are gathered up to this many
 * characters before an update: each `update` crosses into native code, and a prefix walks into
 * dozens of small values.
 */
const PENDING_CHARS = 16 * 1024;
/** A text at least this long goes to the HMAC by itself, in chunks, rather than into the gathered pieces. */
const LONG_TEXT_CHARS = 4 * 1024;
/** The chunk of a long text given to one update, which encodes it to UTF-8 in a buffer of its own. */
const TEXT_CHUNK_CHARS = 64 * 1024;

export class PrefixHasher {
  private readonly key: KeyObject;

  /** `key`: a shared secret to aggregate fingerprints across processes; random when absent. */
  constructor(key?: string) {
    // A key object made once: `createHmac` with raw key bytes imports them again on every call.
    this.key = createSecretKey(key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8'));
  }

  /** The fingerprint of `prefix`, the parts of a request in the order the provider reads them. */
  fingerprint(prefix: readonly unknown[]): PrefixFingerprint {
    const hmac = createHmac('sha256', this.key);
    const encoding = new PrefixEncoding(hmac);
    encoding.add(prefix);
    encoding.flush();
    return { fingerprint: hmac.digest('hex').slice(0, 32), chars: encoding.chars };
  }
}

/**
 * A prefix written to an HMAC with a type tag and length before each scalar and container, so
 * that no two different structures have the same encoding; and the characters of text in it.
 */
class PrefixEncoding {
  chars = 0;
  private readonly hmac: Hmac;
  /** Small pieces not yet given to the HMAC. */
  private pending = '';

  constructor(hmac: Hmac) {
    this.hmac = hmac;
  }

  private write(piece: string): void {
    this.pending += piece;
    if (this.pending.length >= PENDING_CHARS) this.flush();
  }

  /** `text` given to the HMAC in chunks, never cut between the two halves of a surrogate pair (UTF-8 would change them). */
  private writeText(text: string): void {
    if (text.length < LONG_TEXT_CHARS) {
      this.write(text);
      return;
    }
    this.flush();
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + TEXT_CHUNK_CHARS, text.length);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      this.hmac.update(text.slice(start, end));
      start = end;
    }
  }

  /** Gives the pending pieces to the HMAC. */
  flush(): void {
    if (this.pending === '') return;
    this.hmac.update(this.pending);
    this.pending = '';
  }

  add(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.write(`s${value.length}:`);
        this.writeText(value);
        this.chars += value.length;
        return;
      case 'number':
      case 'boolean':
        this.write(`${typeof value === 'number' ? 'n' : 'b'}${String(value)};`);
        return;
      case 'object': {
        if (value === null) {
          this.write('z;');
          return;
        }
        if (Array.isArray(value)) {
          this.write(`a${value.length}[`);
          // By index: `for...of` runs the iterator protocol, one result object per item, until V8 optimizes this.
          for (let index = 0; index < value.length; index++) this.add(value[index]);
        } else {
          this.write('o{');
          for (const key in value) {
            if (SKIPPED_KEYS.has(key) || !Object.hasOwn(value, key)) continue;
            this.write(`k${key.length}:`);
            this.writeText(key);
            this.add((value as Record<string, unknown>)[key]);
          }
        }
        this.write('}');
        return;
      }
      default:
        // undefined, functions, symbols, bigints: absent from the request's JSON body, so absent here.
        return;
    }
  }
}
