// Turns the runs of bench/run.mjs into figures (medians, ratios to the baseline on the same SDK
// versions), the targets' status, and the Markdown tables it prints.
import { CONFIGURATIONS, CONTENT_MODE, INSTALLS, SCENARIOS, SDK_VERSIONS } from './plan.mjs';
import { PROFILE_COLUMNS } from './profile.mjs';
import { median } from './stats.mjs';

/**
 * The targets of REFERENCE.md §5 and the brief: CPU ratio with the processors, per kind of call;
 * the cost processor per span, as shipped; the heap after many distinct prefixes, within the
 * history bound's expected size (`maxTrackedPrefixes` × the bytes per tracked prefix that
 * docs/insights.md states) plus `heapSlackBytes`; the import cost.
 */
export const TARGETS = {
  plainRatio: 1.03,
  streamedRatio: 1.02,
  costProcessorWarmUs: 2,
  bytesPerTrackedPrefix: 450,
  heapSlackBytes: 16 * 2 ** 20,
  importOverSdkMs: 25,
};

const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
/** The heap the history of `bound` prefixes is expected to take, and the most the target allows. */
const expectedBytes = (bound) => bound * TARGETS.bytesPerTrackedPrefix;
const allowedBytes = (bound) => expectedBytes(bound) + TARGETS.heapSlackBytes;

const versionsOf = (configuration) => INSTALLS[configuration.install].versions;
const baselineOf = (configuration) =>
  CONFIGURATIONS.find((candidate) => candidate.baseline && versionsOf(candidate) === versionsOf(configuration));

/**
 * The figures of one configuration in one scenario from its runs (one per repetition): medians
 * over the repetitions, and the ratio to the baseline as the median of the per-repetition ratios,
 * each taken against the baseline run of the same repetition (they ran minutes apart at most).
 */
function figures(runs, baselineRuns) {
  const ok = runs.filter((run) => run.error === undefined);
  if (ok.length === 0) return { status: 'failed', reason: runs[0]?.error ?? 'no run' };
  const of = (key) => median(ok.map((run) => run[key]).filter((value) => value !== undefined));
  const result = {
    status: 'measured',
    cpuUsPerCall: of('cpuUsPerCall'),
    wallUsPerCall: of('wallUsPerCall'),
    spansPerCall: of('spansPerCall'),
    chunksPerCall: of('chunksPerCall'),
    firstChunkMs: of('firstChunkMs'),
    repetitions: runs.map((run) => (run.error === undefined ? run.cpuUsPerCall : null)),
  };
  const profiled = ok.filter((run) => run.profile !== undefined);
  if (profiled.length > 0) {
    result.profileUsPerCall = Object.fromEntries(PROFILE_COLUMNS.map((owner) => [owner, median(profiled.map((run) => run.profile[owner]))]));
  }
  if (baselineRuns !== undefined) {
    const ratios = runs.flatMap((run, index) => {
      const base = baselineRuns[index];
      return run.error === undefined && base !== undefined && base.error === undefined ? [run.cpuUsPerCall / base.cpuUsPerCall] : [];
    });
    const baseCpu = median(baselineRuns.filter((run) => run.error === undefined).map((run) => run.cpuUsPerCall));
    result.ratio = median(ratios);
    result.addedUsPerCall = baseCpu === undefined ? undefined : result.cpuUsPerCall - baseCpu;
    if (result.spansPerCall === 0) {
      result.status = 'no span';
      result.reason = 'the calls succeeded but produced no span';
    }
  }
  if (result.chunksPerCall > 0) {
    result.cpuUsPerChunk = result.cpuUsPerCall / result.chunksPerCall;
    if (result.addedUsPerCall !== undefined) result.addedUsPerChunk = result.addedUsPerCall / result.chunksPerCall;
  }
  return result;
}

/**
 * The figures of every configuration in every scenario: `runs[scenario][configuration]` lists the
 * child results by repetition; `skipped[scenario][configuration]` says why a pair did not run.
 */
export function summarizeCalls(runs, skipped) {
  const summary = {};
  for (const scenario of SCENARIOS) {
    const byConfiguration = {};
    for (const configuration of CONFIGURATIONS) {
      const reason = skipped[scenario.id]?.[configuration.id];
      const configurationRuns = runs[scenario.id]?.[configuration.id];
      if (reason !== undefined) byConfiguration[configuration.id] = reason;
      else if (configurationRuns !== undefined) {
        const baselineRuns = configuration.baseline ? undefined : runs[scenario.id]?.[baselineOf(configuration).id];
        byConfiguration[configuration.id] = figures(configurationRuns, baselineRuns);
      }
    }
    if (Object.keys(byConfiguration).length > 0) summary[scenario.id] = byConfiguration;
  }
  return summary;
}

/** Where each target stands. `ours` is this package with its processors, else without them. */
export function targetStatus(calls, micro, memory, importCost) {
  const rows = [];
  for (const scenario of SCENARIOS) {
    const results = calls[scenario.id];
    if (results === undefined) continue;
    const streamed = scenario.streamOptions !== undefined;
    const limit = streamed ? TARGETS.streamedRatio : TARGETS.plainRatio;
    for (const versions of Object.keys(SDK_VERSIONS)) {
      const ours = ourResult(results, versions);
      if (ours === undefined) continue;
      const { configuration, result } = ours;
      const peers = CONFIGURATIONS.filter(
        (peer) => !peer.baseline && !peer.setup.startsWith('ours') && versionsOf(peer) === versions,
      ).flatMap((peer) => (results[peer.id]?.ratio !== undefined ? [{ peer, ratio: results[peer.id].ratio }] : []));
      const lower = peers.filter(({ ratio }) => ratio <= result.ratio);
      rows.push({
        target: `${scenario.label}, ${SDK_VERSIONS[versions]}: ${configuration.label} ≤ ${limit.toFixed(2)}`,
        measured: result.ratio.toFixed(3),
        status: result.ratio <= limit ? 'met' : 'missed',
      });
      if (peers.length > 0) {
        const lowest = [...peers].sort((a, b) => a.ratio - b.ratio)[0];
        rows.push({
          target: `${scenario.label}, ${SDK_VERSIONS[versions]}: lowest of every configuration`,
          measured:
            lower.length === 0
              ? `next lowest: ${lowest.peer.label} ${lowest.ratio.toFixed(3)}`
              : lower.map(({ peer, ratio }) => `${peer.label} ${ratio.toFixed(3)}`).join('; '),
          status: lower.length === 0 ? 'met' : 'missed',
        });
      }
    }
  }
  const warm = micro?.shippedWarm;
  const pricingWarm = micro?.pricingWarm?.ns;
  // Judged on `shippedWarm`, the figure the target was set on; the figure as the SDK runs the processor is given beside it.
  const inPipeline = micro?.shippedInPipeline?.ns;
  const besides = [
    ...(pricingWarm === undefined ? [] : [`pricing alone ${(pricingWarm / 1000).toFixed(2)} µs`]),
    ...(inPipeline === undefined ? [] : [`as the SDK runs it, against a provider without it, ${(inPipeline / 1000).toFixed(2)} µs`]),
  ];
  rows.push({
    target: `CostSpanProcessor as shipped ≤ ${TARGETS.costProcessorWarmUs} µs per span, warm (median)`,
    measured: warm?.ns === undefined ? (warm?.unavailable ?? 'not measured') : `${(warm.ns / 1000).toFixed(2)} µs${besides.length === 0 ? '' : ` (${besides.join('; ')})`}`,
    status: warm?.ns === undefined ? 'pending' : warm.ns / 1000 <= TARGETS.costProcessorWarmUs ? 'met' : 'missed',
  });
  for (const run of memory ?? []) {
    rows.push({
      target: `heap growth after ${run.spans.toLocaleString('en')} distinct prefixes, bound ${run.bound.toLocaleString('en')}: ≤ ${MiB(expectedBytes(run.bound))} + ${MiB(TARGETS.heapSlackBytes)}`,
      measured: MiB(run.growthBytes),
      status: run.growthBytes <= allowedBytes(run.bound) ? 'met' : 'missed',
    });
  }
  const added = importCost?.addedRequireMs;
  // The target is against the bare OTel SDK; the figure over the SDK with
  // @opentelemetry/instrumentation is given beside it, for information.
  const overInstrumentation = importCost?.addedRequireOverInstrumentationMs;
  rows.push({
    target: `import ≤ ${TARGETS.importOverSdkMs} ms over the bare OTel SDK`,
    measured:
      added === undefined
        ? 'not measured'
        : `+${added.toFixed(1)} ms (require; +${overInstrumentation.toFixed(1)} ms over the SDK with @opentelemetry/instrumentation)`,
    status: added === undefined ? 'pending' : added <= TARGETS.importOverSdkMs ? 'met' : 'missed',
  });
  return rows;
}

function ourResult(results, versions) {
  for (const setup of ['ours-processors', 'ours']) {
    const configuration = CONFIGURATIONS.find((candidate) => candidate.setup === setup && versionsOf(candidate) === versions);
    const result = configuration === undefined ? undefined : results[configuration.id];
    if (result?.ratio !== undefined && result.status === 'measured') return { configuration, result };
  }
  return undefined;
}

const us = (value) => (value === undefined ? '' : `${value.toFixed(Math.abs(value) < 10 ? 2 : 0)} µs`);
const ratio = (value) => (value === undefined ? '' : value.toFixed(3));

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The Markdown report: the overview, one table per scenario, microbenchmarks, import cost, targets. */
export function renderReport({ calls, micro, memory, importCost, targets, quick }) {
  const notes = [];
  const scenarios = SCENARIOS.filter((scenario) => calls[scenario.id] !== undefined);
  const configurations = CONFIGURATIONS.filter((configuration) =>
    scenarios.some((scenario) => calls[scenario.id][configuration.id] !== undefined),
  );
  const cell = (configuration, scenario) => {
    const result = calls[scenario.id][configuration.id];
    if (result === undefined) return '';
    if (result.status === 'not applicable') return '–';
    if (result.status !== 'measured') {
      notes.push(`${configuration.label} on ${SDK_VERSIONS[INSTALLS[configuration.install].versions]}, ${scenario.label}: ${result.reason}`);
      return `${result.status} [${notes.length}]`;
    }
    if (configuration.baseline) return `${us(result.cpuUsPerCall)}`;
    return `${ratio(result.ratio)} (${result.addedUsPerCall >= 0 ? '+' : ''}${us(result.addedUsPerCall)})`;
  };
  const overview = table(
    ['Configuration', 'SDK versions', ...scenarios.map((scenario) => scenario.label)],
    configurations.map((configuration) => [
      configuration.label,
      SDK_VERSIONS[INSTALLS[configuration.install].versions],
      ...scenarios.map((scenario) => cell(configuration, scenario)),
    ]),
  );
  const sections = [
    quick ? '**Quick mode: a few calls per configuration. These figures only show that the harness runs.**' : '',
    '### CPU per call: ratio to no instrumentation on the same SDK versions (added CPU per call)',
    'Baseline rows give the uninstrumented CPU time per call.',
    overview,
    notes.map((note, index) => `[${index + 1}] ${note}`).join('  \n'),
  ];
  for (const scenario of scenarios) {
    const streamed = scenario.streamOptions !== undefined;
    const header = ['Configuration', 'SDK versions', 'CPU/call', 'ratio', 'added CPU/call', 'wall/call', 'spans/call'];
    if (streamed) header.push('chunks/call', 'CPU/chunk', 'added CPU/chunk', 'first chunk');
    const rows = configurations.flatMap((configuration) => {
      const result = calls[scenario.id][configuration.id];
      if (result?.status !== 'measured') return [];
      const row = [
        configuration.label,
        SDK_VERSIONS[INSTALLS[configuration.install].versions],
        us(result.cpuUsPerCall),
        ratio(result.ratio),
        us(result.addedUsPerCall),
        us(result.wallUsPerCall),
        result.spansPerCall.toFixed(2),
      ];
      if (streamed) {
        row.push(result.chunksPerCall.toFixed(0), us(result.cpuUsPerChunk), us(result.addedUsPerChunk), `${result.firstChunkMs.toFixed(2)} ms`);
      }
      return [row];
    });
    sections.push(`### ${scenario.label}`, table(header, rows));
  }
  if (micro !== undefined) {
    sections.push(
      '### Microbenchmarks (in-process, median of batches)',
      table(
        ['Measurement', 'Median per operation'],
        Object.values(micro).map((entry) => [
          entry.label,
          entry.ns !== undefined ? `${(entry.ns / 1000).toFixed(3)} µs${entry.problem === undefined ? '' : ` (${entry.problem})`}` : entry.unavailable,
        ]),
      ),
    );
  }
  if (memory !== undefined && memory.length > 0) {
    sections.push(
      '### Heap held by CostSpanProcessor through distinct prefixes (one process per bound)',
      table(
        ['maxTrackedPrefixes', 'spans (distinct prefixes)', 'evicted', 'heap growth at the bound (per prefix)', 'heap growth after all spans', `expected (${TARGETS.bytesPerTrackedPrefix} B per prefix) + ${MiB(TARGETS.heapSlackBytes)}`],
        memory.map((run) => [
          run.bound.toLocaleString('en'),
          run.spans.toLocaleString('en'),
          run.evictedPrefixes.toLocaleString('en'),
          `${MiB(run.growthAtBoundBytes)} (${Math.round(run.growthAtBoundBytes / run.bound)} B)`,
          MiB(run.growthBytes),
          `${MiB(allowedBytes(run.bound))}`,
        ]),
      ),
    );
  }
  const profiledRows = scenarios.flatMap((scenario) =>
    configurations.flatMap((configuration) => {
      const profile = calls[scenario.id][configuration.id]?.profileUsPerCall;
      if (profile === undefined) return [];
      const total = Object.values(profile).reduce((sum, value) => sum + value, 0);
      return [[scenario.label, `${configuration.label} (${SDK_VERSIONS[INSTALLS[configuration.install].versions]})`, ...PROFILE_COLUMNS.map((owner) => us(profile[owner])), us(total)]];
    }),
  );
  if (profiledRows.length > 0) {
    sections.push(
      '### CPU profile of the timed batches: µs per call, by whose code ran (Node.js code counted to its caller)',
      table(['Scenario', 'Configuration', ...PROFILE_COLUMNS, 'total (not idle)'], profiledRows),
    );
  }
  if (importCost !== undefined) {
    sections.push(
      `### Import cost (fresh process, median of ${importCost.processes})`,
      table(
        ['Load', 'Median'],
        [
          ['@opentelemetry/api + @opentelemetry/sdk-trace', `${importCost.otelSdkMs.toFixed(1)} ms`],
          ['the same + @opentelemetry/instrumentation (what any instrumentation brings)', `${importCost.otelSdkInstrumentationMs.toFixed(1)} ms`],
          [
            'the bare OTel SDK, then otel-llm-observer (require)',
            `${importCost.requireMs.toFixed(1)} ms (+${importCost.addedRequireMs.toFixed(1)} ms; +${importCost.addedRequireOverInstrumentationMs.toFixed(1)} ms over the SDK with instrumentation)`,
          ],
          [
            'the bare OTel SDK, then otel-llm-observer (import)',
            `${importCost.importMs.toFixed(1)} ms (+${importCost.addedImportMs.toFixed(1)} ms; +${importCost.addedImportOverInstrumentationMs.toFixed(1)} ms over the SDK with instrumentation)`,
          ],
        ],
      ),
    );
  }
  sections.push('### Targets', table(['Target', 'Measured', 'Status'], targets.map((row) => [row.target, row.measured, row.status])));
  return sections.filter((section) => section !== '').join('\n\n');
}

/**
 * The rows of the content-mode table, one per shape of request: each set-up's CPU per call and
 * longest event-loop block, and what content capture adds over metadata mode and over no
 * instrumentation; `error` when a child failed.
 */
export function summarizeContentMode(contentRuns) {
  return CONTENT_MODE.shapes.map((shape) => {
    const bySetup = contentRuns[shape.id] ?? {};
    const failed = Object.entries(bySetup).find(([, result]) => result.error !== undefined);
    if (failed !== undefined) return { shape: shape.id, label: shape.label, error: `${failed[0]}: ${failed[1].error}` };
    const cpu = (setup) => bySetup[setup]?.cpuMsPerCall;
    const blocked = (setup) => bySetup[setup]?.blockedMs;
    const addedOverMetadataMs = cpu('content') - cpu('metadata');
    return {
      shape: shape.id,
      label: shape.label,
      cpuMs: Object.fromEntries(CONTENT_MODE.setups.map(({ id }) => [id, cpu(id)])),
      blockedMs: Object.fromEntries(CONTENT_MODE.setups.map(({ id }) => [id, blocked(id)])),
      addedOverMetadataMs,
      addedOverNoneMs: cpu('content') - cpu('none'),
      targetMet: shape.megabytes === 10 && shape.messages === 1 ? addedOverMetadataMs < CONTENT_MODE.targetAddedMs : undefined,
    };
  });
}

export function renderContentMode(rows) {
  const ms = (value) => (value === undefined ? '–' : `${value.toFixed(0)} ms`);
  const header = [
    'Request',
    ...CONTENT_MODE.setups.map(({ label }) => `${label}: CPU / longest block`),
    'content mode adds (over metadata / over none)',
  ];
  const body = rows.map((row) =>
    row.error !== undefined
      ? [row.label, ...CONTENT_MODE.setups.map(() => 'failed'), row.error]
      : [
          row.label,
          ...CONTENT_MODE.setups.map(({ id }) => `${ms(row.cpuMs[id])} / ${ms(row.blockedMs[id])}`),
          `${ms(row.addedOverMetadataMs)} / ${ms(row.addedOverNoneMs)}${row.targetMet === undefined ? '' : row.targetMet ? ' (< 500 ms: met)' : ' (< 500 ms: missed)'}`,
        ],
  );
  return `\n### Content mode on large requests (CPU per call, median)\n\n${table(header, body)}\n`;
}
