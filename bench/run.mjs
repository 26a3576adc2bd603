// `npm run bench`: the overhead of tracing an LLM call, this package's against its peers', on the
// real SDKs against the local fixture server. Each configuration runs each scenario in a child
// process of its own (bench/call-child.mjs), the configurations interleaved within each
// repetition; then the microbenchmarks (bench/micro-child.mjs) and the import cost
// (bench/import-child.mjs), the heap held through a million distinct prefixes
// (bench/memory-child.mjs), and content mode's cost on 1 MB and 10 MB requests
// (bench/content-child.mjs). Prints Markdown tables, writes bench/results.json (a full run) or
// bench/results.local.json (a quick or partial one). docs/benchmarks.md explains the method.
//
// Options: --quick (or BENCH_QUICK=1) runs everything briefly; --repetitions N;
// --configurations a,b and --scenarios x,y run a subset (the baselines always run);
// --cpu-prof writes a CPU profile of every call child's timed batches to .tmp/bench-profiles and
// reports where the time went (bench/profile.mjs).
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../test/support/fixture-server.ts';
import { installPinned, ROOT } from '../test/support/pinned-install.ts';
import { runChild, snapshotDist } from './children.mjs';
import { CONFIGURATIONS, CONTENT_MODE, INSTALLS, OUR_PARTS, PLANS, SCENARIOS } from './plan.mjs';
import { profileByOwner } from './profile.mjs';
import { renderContentMode, renderReport, summarizeCalls, summarizeContentMode, targetStatus } from './report.mjs';
import { median } from './stats.mjs';

/** The machine's 1-, 5- and 15-minute load averages when the run started: other work on it skews the figures. */
const loadAtStart = loadavg();

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    repetitions: { type: 'string' },
    configurations: { type: 'string' },
    scenarios: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const plan = PLANS[options.quick ? 'quick' : 'full'];
const repetitions = Number(options.repetitions ?? plan.repetitions);
const chosen = (list) => (list === undefined ? undefined : new Set(list.split(',')));
const chosenConfigurations = chosen(options.configurations);
const chosenScenarios = chosen(options.scenarios);
const configurations = CONFIGURATIONS.filter(
  (configuration) => chosenConfigurations === undefined || configuration.baseline || chosenConfigurations.has(configuration.id),
);
const scenarios = SCENARIOS.filter((scenario) => chosenScenarios === undefined || chosenScenarios.has(scenario.id));
const complete = chosenConfigurations === undefined && chosenScenarios === undefined && !options.quick;

const progress = (line) => process.stderr.write(`${line}\n`);

const dist = await snapshotDist('bench-dist');

// The pinned installs: made once, then cached in .tmp/installs.
const folders = {};
const installSeconds = {};
const installFailures = {};
for (const name of new Set(configurations.map((configuration) => configuration.install))) {
  const startedAt = performance.now();
  try {
    folders[name] = INSTALLS[name].pins === undefined ? ROOT : installPinned(INSTALLS[name].pins);
  } catch (problem) {
    installFailures[name] = `cannot install: ${String(problem.stderr ?? problem.message).trim().split('\n').at(-1)}`;
  }
  installSeconds[name] = (performance.now() - startedAt) / 1000;
  progress(`install ${name}: ${installSeconds[name].toFixed(1)} s`);
}

// The import cost, in fresh processes, before anything else loads the machine's file cache
// differently; the first `require` run also tells what dist exports.
const IMPORT_MODES = ['otel-sdk', 'otel-sdk-instrumentation', 'require', 'import'];
const importRuns = Object.fromEntries(IMPORT_MODES.map((mode) => [mode, []]));
let distExports = [];
for (let index = 0; index < plan.importProcesses; index++) {
  for (const mode of IMPORT_MODES) {
    const result = await runChild([join(ROOT, 'bench', 'import-child.mjs'), mode, dist], ROOT);
    if (result.error !== undefined) throw new Error(`import-cost child (${mode}) failed: ${result.error}`);
    importRuns[mode].push(result.loadMs);
    if (result.exports !== undefined) distExports = result.exports;
  }
}
const importMs = (mode) => median(importRuns[mode]);
const importCost = {
  processes: plan.importProcesses,
  otelSdkMs: importMs('otel-sdk'),
  otelSdkInstrumentationMs: importMs('otel-sdk-instrumentation'),
  requireMs: importMs('require'),
  importMs: importMs('import'),
  addedRequireMs: importMs('require') - importMs('otel-sdk'),
  addedImportMs: importMs('import') - importMs('otel-sdk'),
  addedRequireOverInstrumentationMs: importMs('require') - importMs('otel-sdk-instrumentation'),
  addedImportOverInstrumentationMs: importMs('import') - importMs('otel-sdk-instrumentation'),
};
progress(
  `import: +${importCost.addedRequireMs.toFixed(1)} ms over the bare OTel SDK, +${importCost.addedRequireOverInstrumentationMs.toFixed(1)} ms over it with @opentelemetry/instrumentation`,
);

/** Why `configuration` does not run `scenario`, if it does not. */
function skipReason(configuration, scenario) {
  if (!configuration.providers.includes(scenario.provider)) return { status: 'not applicable' };
  if (installFailures[configuration.install] !== undefined) {
    return { status: 'cannot run', reason: installFailures[configuration.install] };
  }
  if (configuration.setup.startsWith('ours')) {
    const instrumentation = OUR_PARTS.instrumentations[scenario.provider];
    if (!distExports.includes(instrumentation)) {
      return { status: 'not yet available', reason: `dist does not export ${instrumentation}` };
    }
  }
  if (configuration.setup === 'ours-processors' && !OUR_PARTS.spanProcessors.some((name) => distExports.includes(name))) {
    return { status: 'not yet available', reason: `dist exports none of ${OUR_PARTS.spanProcessors.join(', ')}` };
  }
  return undefined;
}

const profileFolder = options['cpu-prof'] ? join(ROOT, '.tmp', 'bench-profiles') : undefined;
if (profileFolder !== undefined) mkdirSync(profileFolder, { recursive: true });

const skipped = {};
const runs = {};
const server = await startFixtureServer();
try {
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const scenario of scenarios) {
      const runnable = configurations.filter((configuration) => {
        const reason = skipReason(configuration, scenario);
        if (reason !== undefined) (skipped[scenario.id] ??= {})[configuration.id] = reason;
        return reason === undefined;
      });
      // Each repetition starts the rotation one place further, so that no configuration always
      // runs first (or right after the same neighbour).
      const shift = repetition % runnable.length;
      for (const configuration of [...runnable.slice(shift), ...runnable.slice(0, shift)]) {
        const params = {
          setup: configuration.setup,
          dist,
          folder: folders[configuration.install],
          scenario,
          origin: server.origin,
          plan: scenario.streamOptions === undefined ? plan.plain : plan.streamed,
          profile: profileFolder === undefined ? undefined : join(profileFolder, `${configuration.id}.${scenario.id}.${repetition + 1}.cpuprofile`),
        };
        const result = await runChild([join(ROOT, 'bench', 'call-child.mjs'), JSON.stringify(params)], params.folder, {
          ANTHROPIC_OPEN_TELEMETRY: configuration.anthropicTracing === true ? 'true' : 'false',
        });
        if (params.profile !== undefined && result.error === undefined) result.profile = profileByOwner(params.profile, dist, result.profiledCalls);
        // The server records every request it answers; nothing here reads them.
        server.requests.length = 0;
        ((runs[scenario.id] ??= {})[configuration.id] ??= []).push(result);
        progress(
          `[${repetition + 1}/${repetitions}] ${scenario.id} ${configuration.id}: ` +
            (result.error ?? `${result.cpuUsPerCall.toFixed(0)} µs CPU/call, ${result.spansPerCall.toFixed(2)} spans/call`),
        );
      }
    }
  }
} finally {
  await server.close();
}

const micro = await runChild(
  ['--expose-gc', join(ROOT, 'bench', 'micro-child.mjs'), JSON.stringify({ dist, batches: plan.microBatches })],
  ROOT,
);
if (micro.error !== undefined) throw new Error(`microbenchmark child failed: ${micro.error}`);

// The heap held through many distinct prefixes: one process per history bound.
const memory = [];
for (const bound of plan.memory.bounds) {
  const result = await runChild(
    ['--expose-gc', join(ROOT, 'bench', 'memory-child.mjs'), JSON.stringify({ dist, bound, spans: plan.memory.spans })],
    ROOT,
  );
  if (result.error !== undefined) throw new Error(`memory child (bound ${bound}) failed: ${result.error}`);
  memory.push(result);
  progress(`memory, bound ${bound}: heap +${(result.growthBytes / 2 ** 20).toFixed(1)} MiB after ${result.spans} distinct prefixes`);
}

// Content mode on large requests: one process per shape of request and set-up.
const contentRuns = {};
const contentServer = await startFixtureServer();
try {
  for (const shape of CONTENT_MODE.shapes) {
    for (const { id: setup } of CONTENT_MODE.setups) {
      const params = { setup, dist, origin: contentServer.origin, megabytes: shape.megabytes, messages: shape.messages, calls: plan.contentCalls };
      const result = await runChild([join(ROOT, 'bench', 'content-child.mjs'), JSON.stringify(params)], ROOT);
      contentServer.requests.length = 0;
      (contentRuns[shape.id] ??= {})[setup] = result;
      progress(`content mode, ${shape.label}, ${setup}: ${result.error ?? `${result.cpuMsPerCall.toFixed(0)} ms CPU/call, event loop blocked ${result.blockedMs.toFixed(0)} ms`}`);
    }
  }
} finally {
  await contentServer.close();
}
const contentMode = summarizeContentMode(contentRuns);

const calls = summarizeCalls(runs, skipped);
const targets = targetStatus(calls, micro, memory, importCost);
console.log(renderReport({ calls, micro, memory, importCost, targets, quick: options.quick }));
console.log(renderContentMode(contentMode));

const resultsFile = join(ROOT, 'bench', complete ? 'results.json' : 'results.local.json');
const results = {
  generatedAt: new Date().toISOString(),
  mode: options.quick ? 'quick' : 'full',
  node: process.version,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
  },
  plan: { ...plan, repetitions },
  installSeconds,
  calls,
  micro,
  memory,
  importCost,
  contentMode,
  targets,
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
progress(`load average (1, 5, 15 min): ${loadAtStart.map((load) => load.toFixed(2)).join(' ')} at the start, ${loadavg().map((load) => load.toFixed(2)).join(' ')} at the end`);
progress(`results written to ${resultsFile}`);

// A failed baseline or failed run of this package means the harness (or the package) is broken; a
// peer that cannot run is a finding, reported in the table.
const broken =
  Object.values(calls).some((byConfiguration) =>
    Object.entries(byConfiguration).some(
      ([id, result]) => result.status === 'failed' && (id.startsWith('baseline') || id.startsWith('ours')),
    ),
  ) || contentMode.some((row) => row.error !== undefined);
process.exitCode = broken ? 1 : 0;
