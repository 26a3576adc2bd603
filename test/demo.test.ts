import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from './support/otlp-receiver.js';
import { ROOT, runNode, type ChildResult } from './support/pinned-install.js';

/**
 * The README's first command, `npm run demo`, runs examples/demo.mjs on the built package. Read by
 * a newcomer, its output must add up: the printed calls' tokens match the prompts' sizes, and the
 * report's columns are the sums of the calls printed above it. Prices of the calls (USD per 1M
 * tokens): gpt-4o-mini input 0.15, cached 0.075, output 0.60; claude-sonnet-4-6 input 3, read 0.30,
 * 5-minute write 3.75, 1-hour write 6, output 15; gemini-2.5-flash input 0.30, cached 0.03, output 2.50.
 */

const DEMO = join(ROOT, 'examples', 'demo.mjs');

/** One LLM call as the demo prints it, its numbers read back from the text. */
interface PrintedCall {
  readonly request: string;
  readonly model: string;
  readonly provider: string;
  readonly inputTokens: number;
  readonly promptCharacters: number;
  readonly uncachedIn: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly cacheWrite1h: number;
  readonly outputTokens: number;
  readonly replyCharacters: number;
  readonly costUsd: number;
  readonly savingsUsd: number;
  readonly missedUsd: number;
  readonly thrashUsd: number;
}

const count = (text: string | undefined) => Number((text ?? '0').replaceAll(',', ''));

const CALL = new RegExp(
  [
    String.raw`  └─ (?:chat|generate_content) (?<model>\S+)  \[(?<provider>[\w.]+)[^\]]*\]  [\d.]+ ms`,
    String.raw`       input (?<input>[\d,]+) tokens from (?<promptChars>[\d,]+) characters: uncached in (?<uncached>[\d,]+) · cache read (?<read>[\d,]+) · cache write (?<write>[\d,]+)(?: \(of which 1h (?<write1h>[\d,]+)\))?`,
    String.raw`       output (?<output>[\d,]+) tokens from (?<replyChars>[\d,]+) characters`,
    String.raw`       cost \$ (?<cost>-?[\d.]+) · savings \$ (?<savings>-?[\d.]+)(?: · missed \$ (?<missed>[\d.]+) \(\S+\))?(?: · thrash \$ (?<thrash>[\d.]+))?`,
  ].join('\n'),
  'g',
);

/** The calls printed on stdout, each under the request (the app's span) it belongs to. */
function printedCalls(stdout: string): PrintedCall[] {
  const calls: PrintedCall[] = [];
  for (const block of stdout.split('\n\n').slice(1)) {
    const request = block.split('\n')[0] ?? '';
    for (const { groups: g = {} } of block.matchAll(CALL)) {
      calls.push({
        request,
        model: g.model ?? '',
        provider: g.provider ?? '',
        inputTokens: count(g.input),
        promptCharacters: count(g.promptChars),
        uncachedIn: count(g.uncached),
        cacheRead: count(g.read),
        cacheWrite: count(g.write),
        cacheWrite1h: count(g.write1h),
        outputTokens: count(g.output),
        replyCharacters: count(g.replyChars),
        costUsd: Number(g.cost),
        savingsUsd: Number(g.savings),
        missedUsd: Number(g.missed ?? 0),
        thrashUsd: Number(g.thrash ?? 0),
      });
    }
  }
  return calls;
}

/** The report's rows on stderr, by provider and model, each column by its heading. */
function reportRows(stderr: string): Map<string, Record<string, string>> {
  const lines = stderr.split('\n');
  const header = lines.findIndex((line) => /^provider +model/.test(line));
  const headings = (lines[header] ?? '').trim().split(/\s{2,}/);
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines.slice(header + 1)) {
    if (line.trim() === '') break;
    const cells = line.trim().split(/\s{2,}/);
    rows.set(`${cells[0]} ${cells[1]}`, Object.fromEntries(headings.map((heading, index) => [heading, cells[index] ?? ''])));
  }
  return rows;
}

let demo: ChildResult;
let calls: PrintedCall[];
beforeAll(async () => {
  demo = await runNode([DEMO], { cwd: ROOT });
  calls = printedCalls(demo.stdout);
}, 60_000);

describe('the demo', () => {
  it('exits cleanly and prints its eleven calls', () => {
    expect(demo.code).toBe(0);
    expect(calls.map((call) => call.request)).toEqual([
      'triage ticket #1042',
      'triage ticket #1042',
      'draft reply #1042',
      'draft reply #1042',
      'draft reply #1042',
      'answer FAQ #1',
      'answer FAQ #2',
      'answer FAQ #3',
      'answer FAQ #4',
      'answer FAQ #5',
      'translate reply #1042',
    ]);
  });

  it('says first, in six lines, what it is about to show', () => {
    const intro = demo.stdout.split('\n').slice(0, 7);
    expect(intro[0]).toMatch(/^otel-llm-observer demo: a support app's LLM calls against a local fixture server/);
    expect(intro[1]).toMatch(/^1\. "triage ticket #1042": two OpenAI calls .*cache/);
    expect(intro[2]).toMatch(/^2\. "draft reply #1042": three Anthropic calls .*the first writes it, the next two read it/);
    expect(intro[3]).toMatch(/^3\. "answer FAQ #1" to "#5": five Anthropic calls .*without cache_control/);
    expect(intro[4]).toMatch(/^4\. "translate reply #1042": one Gemini call .*implicit cache/);
    expect(intro[5]).toMatch(/the report .*whose columns add up those lines/);
    expect(intro[6]).toBe('');
  });

  it("reports for every call as many tokens as its prompt and reply have characters, at 3.5 to 4.5 characters a token", () => {
    for (const call of calls) {
      expect(call.promptCharacters / call.inputTokens, call.request).toBeGreaterThanOrEqual(3.5);
      expect(call.promptCharacters / call.inputTokens, call.request).toBeLessThanOrEqual(4.5);
      expect(call.replyCharacters / call.outputTokens, call.request).toBeGreaterThanOrEqual(3.5);
      expect(call.replyCharacters / call.outputTokens, call.request).toBeLessThanOrEqual(4.5);
    }
  });

  it('splits every printed input into uncached in + cache read + cache write', () => {
    for (const call of calls) expect(call.uncachedIn + call.cacheRead + call.cacheWrite, call.request).toBe(call.inputTokens);
  });

  it('shows the draft reply write the policy to the 1-hour cache, then read it twice', () => {
    const drafts = calls.filter((call) => call.request === 'draft reply #1042');
    expect(drafts.map(({ cacheRead, cacheWrite, cacheWrite1h }) => ({ cacheRead, cacheWrite, cacheWrite1h }))).toEqual([
      { cacheRead: 0, cacheWrite: 2260, cacheWrite1h: 2260 },
      { cacheRead: 2260, cacheWrite: 0, cacheWrite1h: 0 },
      { cacheRead: 2260, cacheWrite: 0, cacheWrite1h: 0 },
    ]);
    // 72 × 3 + 2260 × 6 + 147 × 15 = 15981 µUSD; uncached it would be (72 + 2260) × 3 + 147 × 15 = 9201.
    expect(demo.stdout).toContain('cost $ 0.015981 · savings $ -0.006780');
    // 80 × 3 + 2260 × 0.30 + 50 × 15 = 1668 µUSD; the read saved 2260 × (3 - 0.30) = 6102.
    expect(demo.stdout).toContain('cost $ 0.001668 · savings $ 0.006102');
  });

  it('prices the OpenAI calls and the FAQ calls by hand', () => {
    // (1647 - 1536) × 0.15 + 1536 × 0.075 + 15 × 0.60 = 140.85 µUSD; the cache saved 1536 × 0.075 = 115.2.
    expect(demo.stdout).toContain('cost $ 0.000141 · savings $ 0.000115\n');
    // 4096 × 3 + 26 × 15 = 12678 µUSD. The FAQ is 16,338 characters, an estimated 4,085 tokens: the
    // second question missed 4085 × (3 - 0.30) - 4085 × (3.75 - 3) = 7965.75 µUSD, the others 11029.5.
    expect(demo.stdout).toContain('cost $ 0.012678 · savings $ 0.000000 · missed $ 0.007966 (anthropic.add_cache_control)');
    expect(calls.filter((call) => call.missedUsd > 0)).toHaveLength(4);
  });

  it("prints a report whose every column is the sum of that model's printed calls", () => {
    const rows = reportRows(demo.stderr);
    expect([...rows.keys()]).toEqual(['openai gpt-4o-mini', 'anthropic claude-sonnet-4-6', 'gcp.gemini gemini-2.5-flash']);
    for (const [key, row] of rows) {
      const mine = calls.filter((call) => `${call.provider} ${call.model}` === key);
      const tokens = (pick: (call: PrintedCall) => number) => mine.reduce((total, call) => total + pick(call), 0).toLocaleString('en-US');
      expect(row.calls, key).toBe(String(mine.length));
      expect(row['uncached in'], key).toBe(tokens((call) => call.uncachedIn));
      expect(row['cache read'], key).toBe(tokens((call) => call.cacheRead));
      expect(row['cache write'], key).toBe(tokens((call) => call.cacheWrite));
      expect(row['long writes'], key).toBe(tokens((call) => call.cacheWrite1h));
      expect(row.output, key).toBe(tokens((call) => call.outputTokens));
      // The calls show 6 decimals, the report 4: each printed call is within 0.0000005 of its
      // amount, so the report's figure is within 0.00005 plus that much per call of their sum.
      const tolerance = 0.00005 + mine.length * 0.0000005;
      for (const [heading, pick] of [
        ['cost $', (call: PrintedCall) => call.costUsd],
        ['savings $', (call: PrintedCall) => call.savingsUsd],
        ['missed $', (call: PrintedCall) => call.missedUsd],
        ['thrash $', (call: PrintedCall) => call.thrashUsd],
      ] as const) {
        const sum = mine.reduce((total, call) => total + pick(call), 0);
        expect(Math.abs(Number(row[heading]) - sum), `${key} ${heading}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it('prices the Gemini call by hand, its implicit cache hit at the cached price', () => {
    // 83 × 0.30 + 2260 × 0.03 + 38 × 2.50 = 24.9 + 67.8 + 95 = 187.7 µUSD; uncached it would be
    // 2343 × 0.30 + 95 = 797.9, so the cache saved 610.2.
    expect(demo.stdout).toContain('cost $ 0.000188 · savings $ 0.000610\n');
  });

  it('totals the report by hand: 11 calls, their tokens and costs', () => {
    const rows = reportRows(demo.stderr);
    // 111 + 125 uncached, 2 × 1536 read, 15 + 32 out; 140.85 + 153.15 = 294 µUSD.
    expect(rows.get('openai gpt-4o-mini')).toMatchObject({ 'uncached in': '236', 'cache read': '3,072', 'cache write': '0', output: '47', 'cost $': '0.0003' });
    // 72 + 80 + 76 + 5 × 4096 uncached; 15981 + 1668 + 1701 + 5 × 12678 = 82740 µUSD; savings
    // -6780 + 2 × 6102 = 5424; missed 7965.75 + 3 × 11029.5 = 41054.25.
    expect(rows.get('anthropic claude-sonnet-4-6')).toMatchObject({
      'uncached in': '20,708',
      'cache read': '4,520',
      'cache write': '2,260',
      'long writes': '2,260',
      output: '380',
      'cost $': '0.0827',
      'savings $': '0.0054',
      'missed $': '0.0411',
    });
    expect(rows.get('gcp.gemini gemini-2.5-flash')).toMatchObject({ 'uncached in': '83', 'cache read': '2,260', 'cache write': '0', output: '38', 'cost $': '0.0002' });
  });

  it('explains, under the report, each recommendation it prints', () => {
    // The missed FAQ savings, and the 1-hour writes: 2260 × (6 - 3.75) = 5085 µUSD over a 5-minute write.
    expect(demo.stderr).toMatch(/anthropic\.add_cache_control\s+anthropic\s+claude-sonnet-4-6\s+4\s+0\.0411/);
    expect(demo.stderr).toMatch(/anthropic\.use_5m_cache_ttl\s+anthropic\s+claude-sonnet-4-6\s+1\s+0\.0051/);
    const meanings = demo.stderr.split('what the recommendations mean')[1] ?? '';
    expect(meanings).toMatch(/\nanthropic\.add_cache_control +a prompt prefix was resent uncached/);
    expect(meanings).toMatch(/\nanthropic\.use_5m_cache_ttl +1-hour cache writes cost more than 5-minute ones/);
  });
});

describe('the demo with --otlp', () => {
  it('exports its spans as the zero-code entry would: service name, resource attributes, headers and protocol from OTEL_*', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const { code, stderr } = await runNode([DEMO, '--otlp'], {
        cwd: ROOT,
        env: {
          OTEL_SERVICE_NAME: 'x',
          OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=demo-test',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
          OTEL_EXPORTER_OTLP_HEADERS: 'x-demo-team=support',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_METRICS_EXPORTER: 'none',
        },
      });
      expect(code).toBe(0);
      expect(receiver.calls()).toHaveLength(11);
      expect(new Set(receiver.spans.map((span) => span.resource['service.name']))).toEqual(new Set(['x']));
      expect(new Set(receiver.spans.map((span) => span.resource['deployment.environment.name']))).toEqual(new Set(['demo-test']));
      expect(receiver.headers.every((headers) => headers['x-demo-team'] === 'support')).toBe(true);
      expect(new Set(receiver.contentTypes)).toEqual(new Set(['application/json']));
      expect(receiver.spans.map((span) => span.name)).toContain('llm_observer.report');
      expect(stderr).toContain('otel-llm-observer: LLM calls by provider and model (at shutdown)');
    } finally {
      await receiver.close();
    }
  });

  it('names the service otel-llm-observer-demo when no variable names one', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const { code } = await runNode([DEMO, '--otlp'], {
        cwd: ROOT,
        env: { OTEL_SERVICE_NAME: '', OTEL_RESOURCE_ATTRIBUTES: '', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_METRICS_EXPORTER: 'none' },
      });
      expect(code).toBe(0);
      expect(receiver.calls()[0]?.resource['service.name']).toBe('otel-llm-observer-demo');
    } finally {
      await receiver.close();
    }
  });
});
