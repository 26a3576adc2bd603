import { describe, expect, it } from 'vitest';
import { createRedactor, type RedactionContext } from '../../src/privacy/redaction.js';
import { SECRET_KINDS } from './secret-corpus.js';

/**
 * Each kind of the corpus (./secret-corpus.ts), alone in a sentence, as the redactor receives it:
 * a fresh fake of the kind is redacted, and the words around it stay. The same corpus goes through
 * every field of every surface and the real OTLP exporter in ./secret-corpus-otlp.test.ts.
 */

const context: RedactionContext = { attribute: 'gen_ai.input.messages', role: 'user' };
const redactor = createRedactor();
const SAMPLES_PER_KIND = 20;

describe('the redaction of the secret corpus', () => {
  it('has at least 100 kinds', () => {
    expect(Object.keys(SECRET_KINDS).length).toBeGreaterThanOrEqual(100);
  });

  it.each(Object.keys(SECRET_KINDS))('redacts every sample of %s and keeps the words around it', (kind) => {
    const make = SECRET_KINDS[kind] as (typeof SECRET_KINDS)[string];
    for (let sample = 0; sample < SAMPLES_PER_KIND; sample++) {
      const { text, needle } = make();
      const redacted = redactor.redact(`Here it is: ${text} thanks`, context);
      expect(redacted, text).not.toContain(needle);
      expect(redacted).toMatch(/^Here it is: .*\bthanks$/s);
    }
  });
});
