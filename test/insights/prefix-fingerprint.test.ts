import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { estimatedTokens, PrefixHasher } from '../../src/instrumentation/prefix-fingerprint.js';

const system = 'You are a careful assistant for the ACME support desk.';
const tools = [{ name: 'lookup_order', description: 'Finds an order', input_schema: { type: 'object' } }];

describe('PrefixHasher', () => {
  it('gives the same prefix the same fingerprint', () => {
    const hasher = new PrefixHasher();
    expect(hasher.fingerprint([tools, system]).fingerprint).toBe(hasher.fingerprint([tools, system]).fingerprint);
  });

  it('gives a prefix that differs by one character another fingerprint', () => {
    const hasher = new PrefixHasher();
    expect(hasher.fingerprint([tools, system]).fingerprint).not.toBe(hasher.fingerprint([tools, `${system}!`]).fingerprint);
  });

  it('ignores cache_control markers, which mark a prefix without changing it', () => {
    const hasher = new PrefixHasher();
    const marked = [{ type: 'text', text: system, cache_control: { type: 'ephemeral', ttl: '1h' } }];
    const plain = [{ type: 'text', text: system }];
    expect(hasher.fingerprint([marked]).fingerprint).toBe(hasher.fingerprint([plain]).fingerprint);
  });

  it('tells apart structures whose text would concatenate to the same string', () => {
    const hasher = new PrefixHasher();
    expect(hasher.fingerprint([['ab', 'c']]).fingerprint).not.toBe(hasher.fingerprint([['a', 'bc']]).fingerprint);
    expect(hasher.fingerprint([{ a: 'b' }]).fingerprint).not.toBe(hasher.fingerprint([['a', 'b']]).fingerprint);
  });

  it('matches fingerprints across hashers given the same key, and not across random keys', () => {
    const prefix = [tools, system];
    expect(new PrefixHasher('shared-secret').fingerprint(prefix).fingerprint).toBe(
      new PrefixHasher('shared-secret').fingerprint(prefix).fingerprint,
    );
    expect(new PrefixHasher().fingerprint(prefix).fingerprint).not.toBe(new PrefixHasher().fingerprint(prefix).fingerprint);
  });

  it('is 32 hex digits and never contains the text it fingerprints', () => {
    const { fingerprint } = new PrefixHasher().fingerprint(['abcdef0123456789abcdef0123456789']);
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint).not.toContain('abcdef0123456789');
  });

  it('counts the characters of every string in the prefix, keys excluded', () => {
    // 'You are a careful assistant for the ACME support desk.' is 54 characters; 'lookup_order' 12,
    // 'Finds an order' 14, 'object' 6.
    expect(new PrefixHasher().fingerprint([tools, system]).chars).toBe(54 + 12 + 14 + 6);
  });
});

describe('estimatedTokens', () => {
  it('estimates 4 characters per token, rounding up', () => {
    expect(estimatedTokens(6000 * 4)).toBe(6000);
    expect(estimatedTokens(9)).toBe(3);
  });
});

describe('PrefixHasher on a long prefix', () => {
  it('gives the HMAC of the tagged encoding, whose long texts it feeds in chunks, surrogate pairs whole', () => {
    // A text longer than one chunk (65,536 characters) with an emoji (a surrogate pair) across the chunk boundary.
    const text = `${'x'.repeat(65_535)}😀${'y'.repeat(70_000)}`;
    const prefix = [[{ role: 'system', content: text }], 'tail'];
    // The encoding as written by hand: a2[ a1[ o{ k4:role s6:system k7:content s<length>:<text> } } s4:tail }
    const encoding = `a2[a1[o{k4:roles6:systemk7:contents${text.length}:${text}}}s4:tail}`;
    const expected = createHmac('sha256', 'shared-secret').update(encoding).digest('hex').slice(0, 32);
    expect(new PrefixHasher('shared-secret').fingerprint(prefix).fingerprint).toBe(expected);
  });
});

describe('PrefixHasher on recurring prefixes', () => {
  /** The encoding of the prefix `[text]`, as written by hand: a1[ s<length>:<text> } */
  const encodingOf = (text: string) => `a1[s${text.length}:${text}}`;
  const hmacOf = (encoding: string) => createHmac('sha256', 'shared-secret').update(encoding).digest('hex').slice(0, 32);

  it('gives each prefix the HMAC of its own encoding, whether it is new, the last one asked for or another recent one', () => {
    const hasher = new PrefixHasher('shared-secret');
    const expectHmacOf = (text: string) => expect(hasher.fingerprint([text]).fingerprint).toBe(hmacOf(encodingOf(text)));
    // 100 distinct prefixes, more than the 64 recent ones kept, in three rounds: each asked for
    // twice in a row (the second time it is the last one), then one of eight that recur throughout.
    const texts = Array.from({ length: 100 }, (_, index) => `system prompt number ${index}`);
    for (let round = 0; round < 3; round++) {
      texts.forEach((text, index) => {
        expectHmacOf(text);
        expectHmacOf(text);
        expectHmacOf(texts[index % 8] as string);
      });
    }
  });

  it('keeps at most 64 recent prefixes, and at most 262,144 characters of their encodings', () => {
    const hasher = new PrefixHasher('shared-secret');
    const recent = (hasher as unknown as { recent: { fingerprints: Map<string, unknown> } }).recent.fingerprints;
    for (let index = 0; index < 100; index++) hasher.fingerprint([`short prompt ${index}`]);
    expect(recent.size).toBe(64);
    // The encoding of a 10,000-character text is 3 (a1[) + 7 (s10000:) + 10,000 + 1 (}) = 10,011
    // characters: 26 of them are 260,286 characters, 27 would be 270,297, over 262,144.
    for (let index = 0; index < 40; index++) hasher.fingerprint([String(index).padStart(10_000, '.')]);
    expect(recent.size).toBe(26);
    expect([...recent.keys()].reduce((sum, encoding) => sum + encoding.length, 0)).toBe(260_286);
  });

  it('does not keep a prefix whose encoding reaches 16,384 characters, and fingerprints it all the same', () => {
    const hasher = new PrefixHasher('shared-secret');
    const recent = (hasher as unknown as { recent: { fingerprints: Map<string, unknown> } }).recent.fingerprints;
    // 5 texts of 3,500 characters: 3 (a5[) + 5 × (6 (s3500:) + 3,500) + 1 (}) = 17,534 characters.
    const texts = Array.from({ length: 5 }, (_, index) => String(index).repeat(3_500));
    const encoding = `a5[${texts.map((text) => `s3500:${text}`).join('')}}`;
    expect(hasher.fingerprint(texts).fingerprint).toBe(hmacOf(encoding));
    expect(hasher.fingerprint(texts).fingerprint).toBe(hmacOf(encoding));
    expect(recent.size).toBe(0);
  });
});
