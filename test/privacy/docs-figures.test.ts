import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretDetectors } from '../../src/privacy/detectors.js';
import { ROOT } from '../support/pinned-install.js';
import { SECRET_KINDS } from './secret-corpus.js';

/**
 * The figures docs/privacy.md and the README's Privacy section give of redaction: how many
 * credential detectors there are, and how many kinds the secret corpus fakes.
 */

const privacyDoc = readFileSync(join(ROOT, 'docs', 'privacy.md'), 'utf8').replaceAll(/\s+/g, ' ');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replaceAll(/\s+/g, ' ');

describe('docs/privacy.md and the README', () => {
  it('gives the number of credential detectors, each of which cites its source', () => {
    expect(secretDetectors().filter((detector) => detector.source.trim().length < 10).map((detector) => detector.kind)).toEqual([]);
    expect(privacyDoc).toContain(`Credentials: ${secretDetectors().length} detectors in \`src/privacy/detectors.ts\`, each citing`);
    expect(readme).toContain(`${secretDetectors().length} detectors of credentials, each citing`);
  });

  it('gives the number of kinds of the secret corpus', () => {
    const kinds = Object.keys(SECRET_KINDS).length;
    expect(privacyDoc).toContain(`makes fakes of ${kinds} kinds of secret and personal datum`);
    expect(readme).toContain(`fakes of ${kinds} kinds`);
  });
});
