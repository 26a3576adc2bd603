import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/pinned-install.js';
import { DEFAULT_FIGURES, HOSTILE_PROPERTIES, LONG_FIGURES, type Figures } from './figures.js';

/**
 * The README's Reliability section and docs/reliability.md quote the counts the tests run, by
 * default and in the long variant. (The faults injected: fault-injection.test.ts, which counts them.)
 */

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const reliabilitySection = readme.slice(readme.indexOf('## Reliability'), readme.indexOf('\n## ', readme.indexOf('## Reliability') + 1));
const docs = readFileSync(join(ROOT, 'docs', 'reliability.md'), 'utf8');

const written = (count: number) => count.toLocaleString('en-US');
const hostileResponses = (figures: Figures) => HOSTILE_PROPERTIES * figures.hostileRuns + figures.largeFieldRuns;

describe('the figures', () => {
  it('count the properties of hostile-responses.test.ts that run hostileRuns times, each given `runs`', () => {
    const properties = readFileSync(join(ROOT, 'test', 'reliability', 'hostile-responses.test.ts'), 'utf8').match(/^ {6}runs,$/gm) ?? [];
    expect(properties).toHaveLength(HOSTILE_PROPERTIES);
  });
});

describe('the README', () => {
  it('gives the hostile responses tried, by default and in the long variant', () => {
    expect(reliabilitySection).toContain(`**${written(hostileResponses(DEFAULT_FIGURES))} hostile responses tried** (${written(hostileResponses(LONG_FIGURES))} in the long variant)`);
  });

  it('gives the responses with extreme values, by default and in the long variant', () => {
    expect(reliabilitySection).toContain(`**${written(DEFAULT_FIGURES.extremeRuns)} responses with extreme values** (${written(LONG_FIGURES.extremeRuns)} in the long variant)`);
  });

  it('gives the concurrent calls, by default and in the long variant', () => {
    expect(reliabilitySection).toContain(`**${written(DEFAULT_FIGURES.concurrentCalls)} concurrent calls** (${written(LONG_FIGURES.concurrentCalls)} in the long variant)`);
  });

  it('says how to run the long variant', () => {
    expect(reliabilitySection).toContain('`export RELIABILITY_LONG=1` before\n`npm test`');
  });
});

describe('docs/reliability.md', () => {
  it('gives the hostile responses tried, the responses with extreme values and the concurrent calls, by default and in the long variant', () => {
    expect(docs).toContain(`| hostile responses tried (\`hostile-responses.test.ts\`) | ${written(hostileResponses(DEFAULT_FIGURES))} | ${written(hostileResponses(LONG_FIGURES))} |`);
    expect(docs).toContain(`| responses with extreme values (\`extreme-values.test.ts\`) | ${written(DEFAULT_FIGURES.extremeRuns)} | ${written(LONG_FIGURES.extremeRuns)} |`);
    expect(docs).toContain(`| concurrent calls (\`concurrency.test.ts\`) | ${written(DEFAULT_FIGURES.concurrentCalls)} | ${written(LONG_FIGURES.concurrentCalls)} |`);
  });
});
