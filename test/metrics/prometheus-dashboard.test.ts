import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { ROOT } from '../support/pinned-install.js';

/**
 * dashboards/llm-cost.grafana.json against a real Prometheus (Debian's 2.42, installed by `npm run
 * prometheus:install`, run here as a child process on 127.0.0.1). Two app processes, each its own
 * NodeSDK with this package's parts (the built dist/) and @opentelemetry/exporter-prometheus, make
 * known calls to the fixture server, then stay up; Prometheus scrapes both every second, one job
 * per service. Every query of the dashboard, its variable's included, is evaluated through
 * Prometheus's HTTP API and must return exactly the series and values worked out by hand below.
 *
 * Prometheus starts only once both apps have made all their calls, so every sample it takes holds
 * the final totals: the rate panels read exactly 0, which proves their names, labels and grouping,
 * not Prometheus's rate arithmetic.
 *
 * The calls, USD per 1M tokens from data/pricing_v1.json:
 * - support-bot (test/fixtures/apps/metrics/support-bot.mjs, the calls of the zero-code e2e test):
 *   gpt-4o-mini (input 0.15, cached input 0.075, output 0.60), plain: (2310 − 2048) × 0.15 +
 *   2048 × 0.075 + 9 × 0.60 = 198.3 µUSD, caching saved 2048 × (0.15 − 0.075) = 153.6 µUSD;
 *   streamed: (2310 − 1920) × 0.15 + 1920 × 0.075 + 7 × 0.60 = 206.7 µUSD, saved 1920 × 0.075 =
 *   144 µUSD; one more refused with a 429 (RateLimitError), no usage, unpriced.
 *   claude-sonnet-4-6 (input 3, read 0.30, 5m write 3.75, 1h write 6, output 15), plain and
 *   streamed, each 21 uncached, 1800 read, 600 + 1500 written (5m + 1h), 9 out (input 3921):
 *   21 × 3 + 1800 × 0.30 + 600 × 3.75 + 1500 × 6 + 9 × 15 = 11988 µUSD, against 3921 × 3 + 9 × 15
 *   = 11898 uncached: saved −90 µUSD each.
 * - faq-search (faq-search.mjs): claude-sonnet-4-6 twice with a 6,000-token system prompt and no
 *   cache_control, 6020 in, 50 out: 6020 × 3 + 50 × 15 = 18810 µUSD each; the second missed
 *   6000 × (3 − 0.30) − 6000 × (3.75 − 3) = 11700 µUSD (docs/savings-model.md, example A).
 *   gpt-4o (input 2.50, cached 1.25, output 10) twice with an 8,192-character system message,
 *   2060 in, 20 out, no cache hit: 2060 × 2.50 + 20 × 10 = 5350 µUSD each; the second missed
 *   2050 × (2.50 − 1.25) = 2562.5 µUSD (example D; OpenAI bills no write premium).
 */

const APPS = join(ROOT, 'test', 'fixtures', 'apps', 'metrics');
const DASHBOARD = join(ROOT, 'dashboards', 'llm-cost.grafana.json');
const SERVICES = ['support-bot', 'faq-search'] as const;
/** What Grafana puts for the variables: every service, and the rate interval of a 15 s scrape interval. */
const VARIABLES: Readonly<Record<string, string>> = { service: '.*', __rate_interval: '1m' };
/** How many times a query is asked before its series count as missing (a bounded poll, no time limit asserted). */
const ATTEMPTS = 240;

interface Sample {
  readonly labels: Record<string, string>;
  readonly value: number;
}

const sample = (labels: Record<string, string>, value: number): Sample => ({ labels, value });
const bot = 'support-bot';
const faq = 'faq-search';

/** The value of every query of the dashboard, by panel title. */
const EXPECTED: Readonly<Record<string, readonly Sample[]>> = {
  // support-bot 198.3 + 206.7 + 2 × 11988 = 24381 µUSD; faq-search 2 × 18810 + 2 × 5350 = 48320 µUSD.
  'Spend per service (USD)': [sample({ job: bot }, 0.024381), sample({ job: faq }, 0.04832)],
  'Spend per service, provider and pricing entry (USD)': [
    sample({ job: bot, gen_ai_provider_name: 'openai', llm_observer_pricing_entry: 'gpt-4o-mini' }, 0.000405),
    sample({ job: bot, gen_ai_provider_name: 'anthropic', llm_observer_pricing_entry: 'claude-sonnet-4-6' }, 0.023976),
    sample({ job: faq, gen_ai_provider_name: 'anthropic', llm_observer_pricing_entry: 'claude-sonnet-4-6' }, 0.03762),
    sample({ job: faq, gen_ai_provider_name: 'openai', llm_observer_pricing_entry: 'gpt-4o' }, 0.0107),
  ],
  // 153.6 + 144 = 297.6 µUSD; 2 × −90 = −180 µUSD. faq-search's calls saved nothing: no series.
  'Net cache savings (USD)': [
    sample({ job: bot, gen_ai_provider_name: 'openai', llm_observer_pricing_entry: 'gpt-4o-mini' }, 0.0002976),
    sample({ job: bot, gen_ai_provider_name: 'anthropic', llm_observer_pricing_entry: 'claude-sonnet-4-6' }, -0.00018),
  ],
  'Missed cache savings by recommendation (USD)': [
    sample({ llm_observer_cache_recommendation: 'anthropic.add_cache_control' }, 0.0117),
    sample({ llm_observer_cache_recommendation: 'openai.set_prompt_cache_key' }, 0.0025625),
  ],
  'Calls per service, provider and model': [
    sample({ job: bot, gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o-mini' }, 3),
    sample({ job: bot, gen_ai_provider_name: 'anthropic', gen_ai_request_model: 'claude-sonnet-4-6' }, 2),
    sample({ job: faq, gen_ai_provider_name: 'anthropic', gen_ai_request_model: 'claude-sonnet-4-6' }, 2),
    sample({ job: faq, gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o' }, 2),
  ],
  // One failed call of support-bot's 5; none of faq-search's 4.
  'Error ratio per service': [sample({ job: bot }, 0.2), sample({ job: faq }, 0)],
  'Failed calls by error type': [sample({ job: bot, error_type: 'RateLimitError' }, 1)],
  // support-bot: 2310 + 2310 + 3921 + 3921 in, 9 + 7 + 9 + 9 out; faq-search: 2 × 6020 + 2 × 2060 in, 2 × 50 + 2 × 20 out.
  'Tokens per service and type': [
    sample({ job: bot, gen_ai_token_type: 'input' }, 12462),
    sample({ job: bot, gen_ai_token_type: 'output' }, 34),
    sample({ job: faq, gen_ai_token_type: 'input' }, 16160),
    sample({ job: faq, gen_ai_token_type: 'output' }, 140),
  ],
  'Spend rate (USD per hour)': [
    sample({ job: bot, gen_ai_provider_name: 'openai', llm_observer_pricing_entry: 'gpt-4o-mini' }, 0),
    sample({ job: bot, gen_ai_provider_name: 'anthropic', llm_observer_pricing_entry: 'claude-sonnet-4-6' }, 0),
    sample({ job: faq, gen_ai_provider_name: 'anthropic', llm_observer_pricing_entry: 'claude-sonnet-4-6' }, 0),
    sample({ job: faq, gen_ai_provider_name: 'openai', llm_observer_pricing_entry: 'gpt-4o' }, 0),
  ],
  'Token rate (tokens per second)': [
    sample({ job: bot, gen_ai_token_type: 'input' }, 0),
    sample({ job: bot, gen_ai_token_type: 'output' }, 0),
    sample({ job: faq, gen_ai_token_type: 'input' }, 0),
    sample({ job: faq, gen_ai_token_type: 'output' }, 0),
  ],
  'Call rate (calls per second)': [
    sample({ job: bot, gen_ai_provider_name: 'openai' }, 0),
    sample({ job: bot, gen_ai_provider_name: 'anthropic' }, 0),
    sample({ job: faq, gen_ai_provider_name: 'anthropic' }, 0),
    sample({ job: faq, gen_ai_provider_name: 'openai' }, 0),
  ],
};

interface Panel {
  readonly title: string;
  readonly targets?: readonly { readonly expr: string }[];
  readonly panels?: readonly Panel[];
}

interface Dashboard {
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { readonly name: string; readonly type: string; readonly definition?: string }[] };
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;

/** Every query of the dashboard's panels, rows' panels included, with its panel's title. */
function panelQueries(panels: readonly Panel[]): { title: string; expr: string }[] {
  return panels.flatMap((panel) => [...(panel.targets ?? []).map(({ expr }) => ({ title: panel.title, expr })), ...panelQueries(panel.panels ?? [])]);
}

/** `expr` with Grafana's variables (`$name`, `${name}`) replaced by their values; throws on one it does not know. */
function substituted(expr: string, variables: Readonly<Record<string, string>> = VARIABLES): string {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = variables[name];
    if (value === undefined) throw new Error(`no value for the dashboard variable $${name}`);
    return value;
  });
}

/** A sample's labels as one string, whatever their order. */
const labelsOf = ({ labels }: Sample) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const byLabels = (a: Sample, b: Sample) => labelsOf(a).localeCompare(labelsOf(b));
const labelSets = (samples: readonly Sample[]) => samples.map(labelsOf).sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class ChildApp {
  readonly process: ChildProcessWithoutNullStreams;
  stderr = '';

  constructor(service: string, fixtureOrigin: string) {
    this.process = spawn(process.execPath, ['--import', join(APPS, 'telemetry.mjs'), join(APPS, `${service}.mjs`)], {
      cwd: ROOT,
      env: { ...process.env, FIXTURE_ORIGIN: fixtureOrigin, OTEL_SERVICE_NAME: service },
    });
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** The scrape target the app printed, once it also printed `ready` (all its calls made). */
  async ready(): Promise<string> {
    let target: string | undefined;
    for await (const line of createInterface({ input: this.process.stdout })) {
      if (line.startsWith('metrics ')) target = line.slice('metrics '.length);
      if (line === 'ready' && target !== undefined) return target;
    }
    throw new Error(`the app ended before it was ready: ${this.stderr}`);
  }
}

/** A port free on 127.0.0.1 now, for Prometheus's own listener, whose port it does not report. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let fixtures: FixtureServer;
const apps: ChildApp[] = [];
let prometheus: ChildProcessWithoutNullStreams | undefined;
let prometheusLog = '';
let prometheusUrl = '';
let folder = '';

beforeAll(async () => {
  const installed = spawnSync('prometheus', ['--version'], { encoding: 'utf8' });
  if (installed.error !== undefined || installed.status !== 0) {
    throw new Error('No prometheus binary on PATH: run `npm run prometheus:install` (Debian\'s prometheus package) first.');
  }
  fixtures = await startFixtureServer();
  for (const service of SERVICES) apps.push(new ChildApp(service, fixtures.origin));
  const targets = await Promise.all(apps.map((app) => app.ready()));

  folder = mkdtempSync(join(tmpdir(), 'prometheus-dashboard-'));
  const scrapeConfigs = SERVICES.map((service, index) => `  - job_name: ${service}\n    static_configs:\n      - targets: ['${targets[index]}']\n`);
  writeFileSync(join(folder, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${scrapeConfigs.join('')}`);
  const address = `127.0.0.1:${await freePort()}`;
  prometheusUrl = `http://${address}`;
  prometheus = spawn('prometheus', [
    `--config.file=${join(folder, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(folder, 'data')}`,
    `--web.listen-address=${address}`,
  ]);
  prometheus.stderr.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const response = await fetch(`${prometheusUrl}/-/ready`).catch(() => undefined);
    if (response?.ok === true) return;
    if (prometheus.exitCode !== null) break;
    await sleep(250);
  }
  throw new Error(`Prometheus did not become ready:\n${prometheusLog}`);
}, 120_000);

afterAll(async () => {
  prometheus?.kill();
  for (const app of apps) app.process.kill();
  await fixtures?.close();
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

/** The samples of `query`, evaluated now by Prometheus. */
async function evaluated(query: string): Promise<Sample[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== 'success') throw new Error(`Prometheus refused ${query}: ${body.error ?? ''}`);
  return (body.data?.result ?? []).map(({ metric, value }) => sample(metric, Number(value[1]))).sort(byLabels);
}

/** The samples of `query` once they have `expected`'s label sets; the last answer after ATTEMPTS tries. */
async function evaluatedOnceScraped(query: string, expected: readonly Sample[]): Promise<Sample[]> {
  let samples: Sample[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    samples = await evaluated(query);
    if (JSON.stringify(labelSets(samples)) === JSON.stringify(labelSets(expected))) break;
    await sleep(250);
  }
  return samples;
}

describe('the LLM cost dashboard on Prometheus 2.42, scraping @opentelemetry/exporter-prometheus', () => {
  const queries = panelQueries(dashboard.panels);

  it('has a hand-computed expectation for every query, and a query for every expectation', () => {
    expect(queries.map(({ title }) => title).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(queries)('evaluates "$title" to the calls\' hand-computed figures', { timeout: 120_000 }, async ({ title, expr }) => {
    const expected = [...(EXPECTED[title] ?? [])].sort(byLabels);
    const samples = await evaluatedOnceScraped(substituted(expr), expected);
    expect(labelSets(samples), `${title}: ${expr}`).toEqual(labelSets(expected));
    samples.forEach((actual, index) => expect(actual.value, JSON.stringify(actual.labels)).toBeCloseTo(expected[index]?.value ?? NaN, 12));
  });

  it("lists both services in the service variable, from the variable's own query", { timeout: 120_000 }, async () => {
    const variable = dashboard.templating.list.find(({ name }) => name === 'service');
    const match = /^label_values\((\w+), (\w+)\)$/.exec(variable?.definition ?? '');
    expect(match, variable?.definition).not.toBeNull();
    const [, metric = '', label = ''] = match ?? [];
    let values: string[] = [];
    for (let attempt = 0; attempt < ATTEMPTS && values.length < SERVICES.length; attempt++) {
      const response = await fetch(`${prometheusUrl}/api/v1/label/${label}/values?${new URLSearchParams({ 'match[]': metric })}`);
      values = ((await response.json()) as { data: string[] }).data;
      if (values.length < SERVICES.length) await sleep(250);
    }
    expect(values.sort()).toEqual([...SERVICES].sort());
  });

  it('shows one service alone when the service variable picks it', { timeout: 120_000 }, async () => {
    const { expr } = queries.find(({ title }) => title === 'Spend per service (USD)') ?? { expr: '' };
    const expected = [sample({ job: bot }, 0.024381)];
    const samples = await evaluatedOnceScraped(substituted(expr, { ...VARIABLES, service: bot }), expected);
    expect(labelSets(samples)).toEqual(labelSets(expected));
    expect(samples[0]?.value).toBeCloseTo(0.024381, 12);
  });
});
