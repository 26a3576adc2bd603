// `npm run bench:instructions`: the instructions a traced call costs, counted by
// `valgrind --tool=callgrind`, a measure that does not move with the machine's load (CPU time on a
// shared machine scatters by ±8–20 %). The same calls as `npm run bench` (bench/call-child.mjs,
// the fixture server in this process), each child under callgrind, its warm-up and batches ended
// by marks (bench/marks.mjs): instructions per call = a batch's instructions / its calls, the
// median of the batches. Also CostSpanProcessor per span, warm (bench/processor-child.mjs), and
// the instructions of loading this package after the bare OTel SDK, against that SDK alone and
// with `@opentelemetry/instrumentation` (bench/import-child.mjs).
// Writes bench/instructions.json (a full run) or bench/instructions.local.json. docs/benchmarks.md
// explains the method and what the measure leaves out.
//
// Options: --quick runs everything briefly; --repetitions N; --configurations a,b and
// --scenarios x,y run a subset (with the baselines of their SDK versions); --concurrency N children at once
// (default 2: the counts do not depend on load, only the run's length does); --output a file name
// in bench/ for the results; --calls-only leaves out CostSpanProcessor and loading; --import-only
// runs loading alone. The results are written after every child.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../test/support/fixture-server.ts';
import { installPinned, ROOT } from '../test/support/pinned-install.ts';
import { failureOf, runChild, snapshotDist } from './children.mjs';
import { MARK_FUNCTION } from './marks.mjs';
import { CONFIGURATIONS, INSTALLS, INSTRUCTIONS, SCENARIOS, SDK_VERSIONS } from './plan.mjs';
import { median } from './stats.mjs';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    repetitions: { type: 'string' },
    configurations: { type: 'string' },
    scenarios: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    output: { type: 'string' },
    'calls-only': { type: 'boolean', default: false },
    'import-only': { type: 'boolean', default: false },
  },
});
const plan = options.quick ? { ...INSTRUCTIONS, ...INSTRUCTIONS.quick } : INSTRUCTIONS;
const repetitions = Number(options.repetitions ?? plan.repetitions);
const chosen = (list) => (list === undefined ? undefined : new Set(list.split(',')));
const chosenConfigurations = chosen(options.configurations);
const chosenScenarios = chosen(options.scenarios);
const byId = new Map([...CONFIGURATIONS, INSTRUCTIONS.floor, ...INSTRUCTIONS.named].map((configuration) => [configuration.id, configuration]));
const versionsOf = (configuration) => INSTALLS[configuration.install].versions;
// The configurations of INSTRUCTIONS.named run only when named.
const planned = [...INSTRUCTIONS.configurations, ...INSTRUCTIONS.named.map(({ id }) => id).filter((id) => chosenConfigurations?.has(id))];
const chosenOnes = planned
  .map((id) => byId.get(id))
  .filter((configuration) => chosenConfigurations === undefined || chosenConfigurations.has(configuration.id));
// A baseline runs when a chosen configuration is on its SDK versions.
const configurations = planned
  .map((id) => byId.get(id))
  .filter((configuration) => chosenOnes.includes(configuration) || (configuration.baseline && chosenOnes.some((other) => versionsOf(other) === versionsOf(configuration))));
const scenarios = options['import-only'] ? [] : SCENARIOS.filter((scenario) => chosenScenarios === undefined || chosenScenarios.has(scenario.id));
const complete =
  chosenConfigurations === undefined && chosenScenarios === undefined && !options.quick && options.repetitions === undefined && !options['import-only'];
const progress = (line) => process.stderr.write(`${line}\n`);

if (spawnSync('valgrind', ['--version']).status !== 0) {
  progress('valgrind is missing: scripts/install-debian-package.sh valgrind');
  if (spawnSync('bash', [join(ROOT, 'scripts', 'install-debian-package.sh'), 'valgrind'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const valgrindVersion = spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).stdout.trim();

// This run's own copy of dist/ and callgrind files, so that two runs can go side by side.
const dist = await snapshotDist(`bench-instructions-dist-${process.pid}`);
const folders = {};
for (const name of new Set(configurations.map((configuration) => configuration.install))) {
  folders[name] = INSTALLS[name].pins === undefined ? ROOT : installPinned(INSTALLS[name].pins);
}

const outputFolder = join(ROOT, '.tmp', 'callgrind', String(process.pid));
mkdirSync(outputFolder, { recursive: true });
let childCount = 0;

/**
 * Runs `node nodeArguments` under callgrind with a dump at every mark; returns the child's JSON
 * result and the instructions of each part of its run (part `i` ends at the `i`-th mark, in the
 * order of the labels the child reports in `parts`), or `{ error }`.
 */
async function underCallgrind(nodeArguments, cwd, env = {}) {
  const folder = join(outputFolder, String(++childCount));
  mkdirSync(folder);
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', `--callgrind-out-file=${join(folder, 'callgrind.out')}`, `--dump-before=${MARK_FUNCTION}`, '--dump-line=no', process.execPath, ...nodeArguments],
    { cwd, env: { ...process.env, ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const last = stdout.trim().split('\n').at(-1);
  if (code !== 0 || last === undefined || last === '') return { error: failureOf({ code, stderr }) };
  const result = JSON.parse(last);
  const dumps = readdirSync(folder)
    .map((name) => ({ index: Number(name.split('.')[2]), text: readFileSync(join(folder, name), 'utf8') }))
    .filter(({ index }) => Number.isInteger(index))
    .sort((a, b) => a.index - b.index);
  rmSync(folder, { recursive: true, force: true });
  const instructions = dumps.map(({ text }) => Number(/^totals: (\d+)/m.exec(text)[1]));
  return { ...result, partInstructions: (result.parts ?? []).map((label, index) => ({ label, instructions: instructions[index] })) };
}

/** Runs the jobs, `concurrency` at a time. */
async function inPool(jobs, concurrency) {
  const queue = [...jobs];
  const worker = async () => {
    while (queue.length > 0) await queue.shift()();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The instructions per unit of each batch of a child's run (`units` calls or spans a batch). */
const perUnit = (run, units) => run.partInstructions.filter(({ label }) => label === 'batch').map(({ instructions }) => instructions / units);

/** The seed of repetition `index`: V8's hash and random seeds, fixed so that a repetition can be rerun. */
const seedFlags = (index) => [`--hash-seed=${index + 1}`, `--random-seed=${index + 1}`];

const runs = {};
const floorSpans = {};
const processorRuns = [];
const IMPORT_MODES = ['otel-sdk', 'otel-sdk-instrumentation', 'require', 'import'];
const importRuns = Object.fromEntries(IMPORT_MODES.map((mode) => [mode, []]));

/** The median over the repetitions and their spread: (largest − smallest) / median. */
function summary(values) {
  const middle = median(values);
  return { median: middle, spread: (Math.max(...values) - Math.min(...values)) / middle, repetitions: values };
}

/** The figures so far: every child's, summarized. */
function summarize() {
  const calls = {};
  for (const scenario of scenarios) {
    for (const configuration of configurations) {
      const entries = runs[scenario.id]?.[configuration.id]?.filter(Boolean);
      if (entries === undefined) continue;
      const failed = entries.find((entry) => entry.error !== undefined);
      if (failed !== undefined) {
        (calls[scenario.id] ??= {})[configuration.id] = { status: 'failed', reason: failed.error };
        continue;
      }
      // A repetition's figure is the median of its batches; the spread of the batches within a
      // repetition is reported beside the spread of the repetitions.
      const perCall = summary(entries.map((entry) => median(entry.batches)));
      const batchSpread = Math.max(...entries.map((entry) => summary(entry.batches).spread));
      (calls[scenario.id] ??= {})[configuration.id] = {
        status: 'ran',
        label: configuration.label,
        sdkVersions: SDK_VERSIONS[INSTALLS[configuration.install].versions],
        instructionsPerCall: perCall.median,
        spread: perCall.spread,
        batchSpread,
        spansPerCall: median(entries.map((entry) => entry.spansPerCall)),
        repetitions: perCall.repetitions,
        batches: entries.map((entry) => entry.batches),
      };
    }
    // Ratios and added instructions against the uninstrumented calls on the same SDK versions.
    for (const [id, entry] of Object.entries(calls[scenario.id] ?? {})) {
      const baselineId = configurations.find((candidate) => candidate.baseline && versionsOf(candidate) === versionsOf(byId.get(id)))?.id;
      const baseline = calls[scenario.id][baselineId];
      if (entry.status !== 'ran' || baseline?.status !== 'ran' || id === baselineId) continue;
      entry.ratio = entry.instructionsPerCall / baseline.instructionsPerCall;
      entry.addedPerCall = entry.instructionsPerCall - baseline.instructionsPerCall;
    }
  }

  const processorFigures = processorRuns.filter(Boolean).map((batches) => median(batches));
  const processor = processorFigures.length === 0 ? undefined : summary(processorFigures);
  const loads = Object.fromEntries(IMPORT_MODES.map((mode) => [mode, summary(importRuns[mode].filter(Boolean))]));
  // Added against both baselines: the bare OTel SDK (issue #17's target) and the same with
  // `@opentelemetry/instrumentation`, which this package loads as any app's instrumentation does.
  const importCost = loads.import.median === undefined ? undefined : {
    otelSdk: loads['otel-sdk'],
    otelSdkInstrumentation: loads['otel-sdk-instrumentation'],
    require: loads.require,
    import: loads.import,
    addedByRequire: loads.require.median - loads['otel-sdk'].median,
    addedByImport: loads.import.median - loads['otel-sdk'].median,
    addedByRequireOverInstrumentation: loads.require.median - loads['otel-sdk-instrumentation'].median,
    addedByImportOverInstrumentation: loads.import.median - loads['otel-sdk-instrumentation'].median,
  };
  return { calls, processor, importCost };
}


const resultsFile = join(ROOT, 'bench', options.output ?? (complete ? 'instructions.json' : 'instructions.local.json'));

/** Writes the figures so far: a run of hours that is stopped keeps what it measured. */
function save() {
  const { calls, processor, importCost } = summarize();
  const results = {
    generatedAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    node: process.version,
    valgrind: valgrindVersion,
    nodeFlags: plan.nodeFlags,
    importNodeFlags: plan.importNodeFlags,
    plan: { repetitions, plain: plan.plain, streamed: plan.streamed, processor: plan.processor },
    floorSpans,
    calls,
    costSpanProcessorPerSpan: processor,
    importCost,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

// CostSpanProcessor per span, warm.
const processorJobs = Array.from({ length: repetitions }, (_, repetition) => async () => {
    const params = { dist, ...plan.processor };
    const run = await underCallgrind([...plan.nodeFlags, ...seedFlags(repetition), join(ROOT, 'bench', 'processor-child.mjs'), JSON.stringify(params)], ROOT);
    if (run.error !== undefined) throw new Error(`CostSpanProcessor child failed: ${run.error}`);
    processorRuns[repetition] = perUnit(run, plan.processor.spans);
    save();
    progress(`[${repetition + 1}/${repetitions}] CostSpanProcessor: ${processorRuns[repetition].map((value) => (value / 1e3).toFixed(1)).join(' / ')} k instructions/span`);
});

// Loading: the bare OTel SDK, the same with `@opentelemetry/instrumentation`, and the bare OTel SDK
// followed by this package by `require` or `import`.
const importJobs = IMPORT_MODES.flatMap((mode) =>
    Array.from({ length: repetitions }, (_, repetition) => async () => {
      const run = await underCallgrind([...plan.importNodeFlags, ...seedFlags(repetition), join(ROOT, 'bench', 'import-child.mjs'), mode, dist], ROOT);
      if (run.error !== undefined) throw new Error(`import child (${mode}) failed: ${run.error}`);
      importRuns[mode][repetition] = run.partInstructions.find(({ label }) => label === 'load').instructions;
      save();
      progress(`[${repetition + 1}/${repetitions}] loading, ${mode}: ${(importRuns[mode][repetition] / 1e6).toFixed(3)} M instructions`);
    }),
);

// Every stream in one write: written event by event, how many events a socket read brings the
// SDK depends on timing, and with it the SDK's parsing and promise work (±5 % between runs). And
// connections kept open for 10 minutes: a streamed call under callgrind takes seconds, and one
// closed for idleness costs the next call a new connection (or a failed attempt) in its batch.
const server = await startFixtureServer(undefined, { streamInOneWrite: true, keepAliveMs: 600_000 });
try {
  // The floor's span of each scenario: this package's span of the same call, as it ends.
  for (const scenario of scenarios) {
    const params = { setup: INSTRUCTIONS.floor.floorOf, dist, folder: ROOT, scenario, origin: server.origin, plan: { warmUpCalls: 1, batches: 1, calls: 1 }, capture: true };
    const result = await runChild([join(ROOT, 'bench', 'call-child.mjs'), JSON.stringify(params)], ROOT, { ANTHROPIC_OPEN_TELEMETRY: 'true' });
    if (result.error !== undefined) throw new Error(`capturing the span of ${scenario.id} failed: ${result.error}`);
    floorSpans[scenario.id] = result.span;
    progress(`floor span of ${scenario.id}: ${Object.keys(result.span.endAttributes).length} attributes, ${Object.keys(result.span.startAttributes).length} at start`);
  }

  const jobs = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const scenario of scenarios) {
      for (const configuration of configurations.filter((candidate) => candidate.providers.includes(scenario.provider))) {
        jobs.push(async () => {
          const callPlan = scenario.streamOptions === undefined ? plan.plain : plan.streamed;
          const params = { setup: configuration.setup, dist, folder: folders[configuration.install], scenario, origin: server.origin, plan: callPlan, marks: true, floorSpan: floorSpans[scenario.id] };
          const run = await underCallgrind([...plan.nodeFlags, ...seedFlags(repetition), join(ROOT, 'bench', 'call-child.mjs'), JSON.stringify(params)], params.folder, {
            ANTHROPIC_OPEN_TELEMETRY: configuration.anthropicTracing === true ? 'true' : 'false',
          });
          const entry = run.error === undefined ? { batches: perUnit(run, callPlan.calls), spansPerCall: run.spansPerCall } : { error: run.error };
          (((runs[scenario.id] ??= {})[configuration.id] ??= [])[repetition] = entry);
          save();
          progress(`[${repetition + 1}/${repetitions}] ${scenario.id} ${configuration.id}: ${entry.error ?? entry.batches.map((value) => (value / 1e6).toFixed(3)).join(' / ')} M instructions/call`);
        });
      }
    }
  }
  // The short children first: their figures are in the results early in a run of hours.
  const firstJobs = options['calls-only'] ? [] : options['import-only'] ? importJobs : [...processorJobs, ...importJobs];
  await inPool([...firstJobs, ...jobs], Number(options.concurrency));
} finally {
  await server.close();
  rmSync(outputFolder, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
}

const { calls, processor, importCost } = save();
const millions = (value) => `${(value / 1e6).toFixed(3)} M`;
const percent = (value) => `${(value * 100).toFixed(2)} %`;
const rows = configurations.map((configuration) => {
  const cells = scenarios.map((scenario) => {
    const entry = calls[scenario.id]?.[configuration.id];
    if (entry === undefined) return '–';
    if (entry.status !== 'ran') return `${entry.status}: ${entry.reason}`;
    const ratio = entry.ratio === undefined ? '' : ` ×${entry.ratio.toFixed(3)} (+${millions(entry.addedPerCall)})`;
    return `${millions(entry.instructionsPerCall)}${ratio} ±${percent(entry.spread / 2)}`;
  });
  return `| ${configuration.label} | ${SDK_VERSIONS[INSTALLS[configuration.install].versions]} | ${cells.join(' | ')} |`;
});
console.log(
  [
    `| Configuration | SDK versions | ${scenarios.map((scenario) => scenario.label).join(' | ')} |`,
    `|---|---|${scenarios.map(() => '---').join('|')}|`,
    ...rows,
    '',
    processor === undefined ? '' : `CostSpanProcessor per span, warm: ${(processor.median / 1e3).toFixed(1)} k instructions (spread ${percent(processor.spread)})`,
    importCost === undefined
      ? ''
      : [
          `Loading the bare OTel SDK: ${millions(importCost.otelSdk.median)}; this package after it: +${millions(importCost.addedByRequire)} by require, +${millions(importCost.addedByImport)} by import`,
          `Loading the bare OTel SDK with @opentelemetry/instrumentation: ${millions(importCost.otelSdkInstrumentation.median)}; this package over it: +${millions(importCost.addedByRequireOverInstrumentation)} by require, +${millions(importCost.addedByImportOverInstrumentation)} by import`,
        ].join('\n'),
  ].join('\n'),
);

progress(`results written to ${resultsFile}`);
const broken = Object.values(calls).some((byConfiguration) =>
  Object.entries(byConfiguration).some(([id, entry]) => entry.status === 'failed' && (id.startsWith('baseline') || id.startsWith('ours') || id === 'floor')),
);
process.exitCode = broken ? 1 : 0;
