import { join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { expectCost } from '../processor/expect-cost.js';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * The shipped table is found from the built package (dist/, run `npm run build` first), loaded
 * either way an application loads it: the ESM entry point re-exports the CommonJS build, whose
 * modules sit one folder deeper than the sources.
 */
const APP = join(import.meta.dirname, 'apps', 'price-with-built-package.cjs');

// claude-haiku-4-5 at 1 input / 5 output per 1M: 2000 × 1 = 2000; 400 × 5 = 2000.
const HAIKU_COST = { entry: 'claude-haiku-4-5', total: 0.004, input: 0.002, output: 0.002, cacheRead: 0, cacheWrite: 0, uncached: 0.004, savings: 0 };

describe('the built package', () => {
  it.each(['require', 'import'])('prices with the shipped table when loaded with %s', async (loader) => {
    const result = await runNode([APP, loader], { cwd: ROOT });
    expect(result.code, result.stderr).toBe(0);
    expectCost(JSON.parse(result.stdout) as Attributes, HAIKU_COST);
  });
});
