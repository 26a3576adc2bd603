import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/pinned-install.js';
import { DEFAULT_FIGURES, HOSTILE_PROPERTIES, LONG_FIGURES, type Figures } from './figures.js';
import { OLLAMA_STREAMS } from './hostile-fixtures.js';

/**
 * The README's Reliability section and docs/reliability.md quote the counts the tests run, by
 * default and in the long variant. (The faults injected: fault-injection.test.ts, which counts them.)
 */

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const reliabilitySection = readme.slice(readme.indexOf('## Reliability'), readme.indexOf('\n## ', readme.indexOf('## Reliability') + 1));
const docs = readFileSync(join(ROOT, 'docs', 'reliability.md'), 'utf8');

const written = (count: number) => count.toLocaleString('en-US');
const hostileResponses = (figures: Figures) => HOSTILE_PROPERTIES * figures.hostileRuns + figures.largeFieldRuns;

/** The tables of hostile-responses.test.ts whose every case runs a property (`it.each(TABLE)`), by name. */
const PROPERTY_TABLES: Readonly<Record<string, readonly unknown[]>> = { OLLAMA_STREAMS };

describe('the figures', () => {
  it('count the properties of hostile-responses.test.ts that run hostileRuns times, each given `runs`, once for each case of its table', () => {
    const source = readFileSync(join(ROOT, 'test', 'reliability', 'hostile-responses.test.ts'), 'utf8');
    // Each test, from its `it` to the next one's: a property given `runs` in a test of a table runs once for each case.
    const tests = source.split(/^(?= {2}it\b)/m);
    const tableOf = (test: string) => (/^ {2}it\.each\(/.test(test) ? (/^ {2}it\.each\((\w+)\)\(/.exec(test)?.[1] ?? 'a table written inline') : undefined);
    // A table this test does not know would be counted as one case.
    expect(tests.map(tableOf).filter((table) => table !== undefined && !Object.hasOwn(PROPERTY_TABLES, table))).toEqual([]);
    const properties = tests.reduce((count, test) => {
      const table = tableOf(test);
      const cases = table === undefined ? 1 : (PROPERTY_TABLES[table] as readonly unknown[]).length;
      return count + (test.match(/^ {6}runs,$/gm) ?? []).length * cases;
    }, 0);
    expect(properties).toBe(HOSTILE_PROPERTIES);
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
