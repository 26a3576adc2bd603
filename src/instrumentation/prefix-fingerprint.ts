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
 * than through JSON. A long encoding is fed to the HMAC as it is made: the prefix is never copied
 * into one string (a 50 MB prefix would be copied whole), and what is held at once is bounded by
 * {@link PENDING_CHARS} and {@link TEXT_CHUNK_CHARS}. A short one (under {@link PENDING_CHARS}
 * characters, as most system prompts are) is looked up among the fingerprints of the recent short
 * prefixes, kept in this process only, and hashed only when it is not there. Keys named
 * `cache_control` are skipped: marking a prefix for caching does not change what it is.
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

/** The one key skipped: marking a prefix for caching does not change what it is. */
const SKIPPED_KEY = 'cache_control';
/**
 * The pieces of the encoding (tags, lengths, keys, texts) are gathered up to this many
 * characters before an update: each `update` crosses into native code, and a prefix walks into
 * dozens of small values. A prefix whose whole encoding stays below it is looked up among the
 * recent prefixes first ({@link RecentFingerprints}).
 */
const PENDING_CHARS = 16 * 1024;
/** The chunk of a long text given to one update, which encodes it to UTF-8 in a buffer of its own. */
const TEXT_CHUNK_CHARS = 64 * 1024;
/** The most recent prefixes whose fingerprints are kept, and the most characters their encodings hold together. */
const RECENT_PREFIXES = 64;
const RECENT_PREFIX_CHARS = 256 * 1024;

export class PrefixHasher {
  private readonly key: KeyObject;
  private readonly recent = new RecentFingerprints();

  /** `key`: a shared secret to aggregate fingerprints across processes; random when absent. */
  constructor(key?: string) {
    // A key object made once: `createHmac` with raw key bytes imports them again on every call.
    this.key = createSecretKey(key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8'));
  }

  /**
   * The fingerprint of `prefix`, the parts of a request in the order the provider reads them. A
   * prefix that recurs (a system prompt sent with every call) is hashed once while it is among the
   * recent ones: the HMAC, most of a fingerprint's cost, is made only for an encoding not seen.
   */
  fingerprint(prefix: readonly unknown[]): PrefixFingerprint {
    const encoding = new PrefixEncoding(this.key);
    encoding.add(prefix);
    const whole = encoding.whole();
    if (whole === undefined) return encoding.fingerprint();
    let fingerprint = this.recent.get(whole);
    if (fingerprint === undefined) {
      fingerprint = encoding.fingerprint();
      this.recent.add(whole, fingerprint);
    }
    return fingerprint;
  }
}

/**
 * The fingerprints of the most recent short prefixes, by their encoding: a `Map` used as an LRU
 * list, bounded by {@link RECENT_PREFIXES} entries and {@link RECENT_PREFIX_CHARS} characters of
 * encodings. The encodings hold the prefixes' text: they stay in this map, in the process's memory,
 * and are never exported, logged or handed to the processor.
 */
class RecentFingerprints {
  private readonly fingerprints = new Map<string, PrefixFingerprint>();
  private chars = 0;
  /**
   * The most recent encoding and its fingerprint, compared first: comparing two strings is a copy
   * and a compare of their bytes, where a `Map` lookup first hashes the new string char by char.
   */
  private lastEncoding = '';
  private lastFingerprint: PrefixFingerprint | undefined;

  /** The fingerprint of `encoding` if it is among the recent ones, which makes it the most recent. */
  get(encoding: string): PrefixFingerprint | undefined {
    if (encoding === this.lastEncoding) return this.lastFingerprint;
    const fingerprint = this.fingerprints.get(encoding);
    if (fingerprint !== undefined) {
      this.fingerprints.delete(encoding);
      this.fingerprints.set(encoding, fingerprint);
      this.lastEncoding = encoding;
      this.lastFingerprint = fingerprint;
    }
    return fingerprint;
  }

  /** Adds `encoding`, not among the recent ones, evicting the least recent while a bound is passed. */
  add(encoding: string, fingerprint: PrefixFingerprint): void {
    this.fingerprints.set(encoding, fingerprint);
    this.lastEncoding = encoding;
    this.lastFingerprint = fingerprint;
    this.chars += encoding.length;
    while (this.fingerprints.size > RECENT_PREFIXES || this.chars > RECENT_PREFIX_CHARS) {
      const oldest = this.fingerprints.keys().next().value as string;
      this.fingerprints.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}

/**
 * A prefix written with a type tag and length before each scalar and container, so that no two
 * different structures have the same encoding; and the characters of text in it. The encoding is
 * gathered in a string while it is short; once it outgrows {@link PENDING_CHARS} (or holds a long
 * text) it goes to an HMAC as it is made.
 */
class PrefixEncoding {
  chars = 0;
  private readonly key: KeyObject;
  /** The HMAC, made when the encoding first outgrows the gathered pieces. */
  private hmac: Hmac | undefined;
  /** Small pieces not yet given to the HMAC. */
  private pending = '';

  constructor(key: KeyObject) {
    this.key = key;
  }

  /** The whole encoding, when it never went to the HMAC; else `undefined`. */
  whole(): string | undefined {
    return this.hmac === undefined ? this.pending : undefined;
  }

  /** The fingerprint of the encoding: the HMAC given the pieces not yet given to it. */
  fingerprint(): PrefixFingerprint {
    const hmac = this.flush();
    return { fingerprint: hmac.digest('hex').slice(0, 32), chars: this.chars };
  }

  private write(piece: string): void {
    this.pending += piece;
    if (this.pending.length >= PENDING_CHARS) this.flush();
  }

  /**
   * `text` after `tag` (its type and length), gathered with the pieces when they stay below
   * {@link PENDING_CHARS}, in one piece; else given to the HMAC by itself, in chunks, never cut
   * between the two halves of a surrogate pair (UTF-8 would change them).
   */
  private writeText(tag: string, text: string): void {
    if (this.pending.length + text.length < PENDING_CHARS) {
      this.write(tag + text);
      return;
    }
    this.pending += tag;
    const hmac = this.flush();
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + TEXT_CHUNK_CHARS, text.length);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      hmac.update(text.slice(start, end));
      start = end;
    }
  }

  /** Gives the pending pieces to the HMAC, made on first use; returns it. */
  private flush(): Hmac {
    const hmac = (this.hmac ??= createHmac('sha256', this.key));
    if (this.pending !== '') {
      hmac.update(this.pending);
      this.pending = '';
    }
    return hmac;
  }

  add(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.writeText(`s${value.length}:`, value);
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
            if (key === SKIPPED_KEY || !Object.hasOwn(value, key)) continue;
            this.writeText(`k${key.length}:`, key);
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
