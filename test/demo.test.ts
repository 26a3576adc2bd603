import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runNode } from './support/pinned-install.js';

/** The README's first command, `npm run demo`, runs examples/demo.mjs on the built package. */
describe('the demo', () => {
  it('prints every call with its usage and cost, and a report naming the missed caching with its USD estimate', async () => {
    const { code, stdout, stderr } = await runNode([join(ROOT, 'examples', 'demo.mjs')], { cwd: ROOT });
    expect(code).toBe(0);
    // gpt-4o-mini: (2310 - 2048) × 0.15 + 2048 × 0.075 + 9 × 0.60 = 198.3 µUSD; caching saved 2048 × 0.075.
    expect(stdout).toContain('tokens in 2310 (2048 read from cache), out 9\n       cost $0.000198, saved by caching $0.000154');
    // claude-sonnet-4-6: 21 × 3 + 1800 × 0.30 + 600 × 3.75 + 1500 × 6 + 9 × 15 = 11988 µUSD; the writes did not pay back.
    expect(stdout).toContain('cost $0.011988, saved by caching -$0.000090');
    // The FAQ prompt: 6180 × 3 + 17 × 15 = 18795 µUSD a call. Its 24,360-character policy is about
    // 6,090 tokens: a cache read would save 6,090 × (3 - 0.30) = 16,443 µUSD a call.
    expect(stdout.match(/answer FAQ #\d/g)).toHaveLength(5);
    expect(stdout).toContain('cost $0.018795, saved by caching $0.000000, caching would have saved $0.016443 (anthropic.add_cache_control)');
    expect(stderr).toMatch(/anthropic\.add_cache_control\s+anthropic\s+claude-sonnet-4-6\s+4\s+0\.0612/);
  });
});
