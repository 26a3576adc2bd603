import type { LlmObserverOptions } from './setup/llm-observer.js';

/**
 * The settings of `otel-llm-observer/register`, read from the environment here and handed on.
 * (The parts still read a few variables of their own when they are built without an option:
 * the report, prefix fingerprints, content capture.)
 *
 * The package's own variables:
 * - `OTEL_LLM_OBSERVER_PROVIDERS`: the SDKs to trace, a comma-separated list of `openai` and
 *   `anthropic` (default: both).
 * - `OTEL_LLM_OBSERVER_TOOL_NAMES`: `false` leaves tool names off the spans (both
 *   instrumentations' `recordToolNames: false`); `true` or unset records them.
 * - `OTEL_LLM_OBSERVER_PRICING_FILE`: a pricing file over the shipped table, handed to the cost
 *   processor as its `pricing` option, so that a bad one is reported where register runs.
 * - `OTEL_LLM_OBSERVER_EXIT_TIMEOUT`: how long, in milliseconds, the process waits at exit for
 *   its telemetry to be exported (default 1000); see {@link ExportSettings.exitTimeoutMs}.
 *
 * A value that is not understood is a configuration error, thrown at start-up with the variable
 * named, rather than a setting silently ignored.
 */

const PROVIDERS = ['openai', 'anthropic'] as const;
type Provider = (typeof PROVIDERS)[number];

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LlmObserverOptions {
  const providers = listFrom(env, 'OTEL_LLM_OBSERVER_PROVIDERS', PROVIDERS) ?? PROVIDERS;
  const traced = (provider: Provider) => providers.includes(provider);
  const pricingFile = env['OTEL_LLM_OBSERVER_PRICING_FILE']?.trim();
  const [toolNames] = listFrom(env, 'OTEL_LLM_OBSERVER_TOOL_NAMES', ['true', 'false'] as const) ?? ['true'];
  const instrumentation = toolNames === 'false' ? { recordToolNames: false } : {};
  return {
    openai: traced('openai') ? instrumentation : false,
    anthropic: traced('anthropic') ? instrumentation : false,
    ...(pricingFile ? { cost: { pricing: pricingFile } } : {}),
  };
}

function listFrom<T extends string>(env: NodeJS.ProcessEnv, variable: string, allowed: readonly T[]): T[] | undefined {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const values = raw.split(',').map((value) => value.trim().toLowerCase());
  const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
  if (unknown.length > 0) {
    throw new TypeError(`${variable}="${raw}": unknown value ${unknown.map((value) => `"${value}"`).join(', ')}; expected a comma-separated list of ${allowed.join(', ')}`);
  }
  return values as T[];
}

/**
 * How `otel-llm-observer/register` exports spans, from the standard variables, as NodeSDK reads
 * them when it builds its own processors: `OTEL_TRACES_EXPORTER` (`otlp` by default, `console`,
 * `none`), `OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL` (`http/protobuf` by default, or `http/json`) and
 * `OTEL_BSP_*`. The exporters themselves read `OTEL_EXPORTER_OTLP_ENDPOINT` and `_HEADERS`.
 */
export interface ExportSettings {
  readonly tracesExporters: readonly string[];
  readonly otlpProtocol: string;
  readonly batch: {
    readonly maxQueueSize?: number;
    readonly scheduledDelayMillis?: number;
    readonly exportTimeoutMillis?: number;
    readonly maxExportBatchSize?: number;
  };
  /**
   * Whether the app chose its resource detectors with `OTEL_NODE_RESOURCE_DETECTORS`. When it did
   * not, register detects only the `OTEL_RESOURCE_ATTRIBUTES` / `OTEL_SERVICE_NAME` attributes
   * and a service instance id: NodeSDK's default detectors would export the process's command line
   * (where keys are often passed), the user and the host name (docs/privacy.md).
   */
  readonly resourceDetectorsChosen: boolean;
  /** Where the OTLP exporters send spans and metrics, for the words of a failed export. */
  readonly endpoints: { readonly traces: string; readonly metrics: string };
  /** Whether NodeSDK exports metrics over OTLP (`OTEL_METRICS_EXPORTER`, `otlp` by default as the spec says). */
  readonly otlpMetrics: boolean;
  /**
   * At most how long the process waits, once the app is done (the event loop empty, or SIGTERM /
   * SIGINT), for its spans and metrics to be exported: past it, the process ends and says on
   * stderr what was not delivered. `OTEL_LLM_OBSERVER_EXIT_TIMEOUT`, milliseconds, default 1000.
   */
  readonly exitTimeoutMs: number;
}

const DEFAULT_EXIT_TIMEOUT_MS = 1000;
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/** The OTLP/HTTP endpoint of `signal` as the spec's variables name it (a signal's own variable is used as it is). */
function otlpEndpoint(env: NodeJS.ProcessEnv, signal: 'traces' | 'metrics'): string {
  const own = env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`]?.trim();
  if (own) return own;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim() || DEFAULT_OTLP_ENDPOINT;
  return `${base.replace(/\/+$/, '')}/v1/${signal}`;
}

/** The comma-separated names in `variable`, trimmed, without empty ones. */
function namesIn(env: NodeJS.ProcessEnv, variable: string): string[] {
  return (env[variable] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

const BATCH_VARIABLES = [
  ['maxQueueSize', 'OTEL_BSP_MAX_QUEUE_SIZE'],
  ['scheduledDelayMillis', 'OTEL_BSP_SCHEDULE_DELAY'],
  ['exportTimeoutMillis', 'OTEL_BSP_EXPORT_TIMEOUT'],
  ['maxExportBatchSize', 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'],
] as const;

export function exportSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ExportSettings {
  const tracesExporters = namesIn(env, 'OTEL_TRACES_EXPORTER');
  const metricsExporters = namesIn(env, 'OTEL_METRICS_EXPORTER');
  const exitTimeoutMs = Number(env['OTEL_LLM_OBSERVER_EXIT_TIMEOUT']?.trim() || Number.NaN);
  const batch: Record<string, number> = {};
  for (const [option, variable] of BATCH_VARIABLES) {
    const value = Number(env[variable]?.trim() || Number.NaN);
    if (Number.isFinite(value) && value >= 0) batch[option] = value;
  }
  return {
    tracesExporters: tracesExporters.length > 0 ? tracesExporters : ['otlp'],
    otlpProtocol: (env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'])?.trim() || 'http/protobuf',
    batch,
    resourceDetectorsChosen: (env['OTEL_NODE_RESOURCE_DETECTORS']?.trim() ?? '') !== '',
    endpoints: { traces: otlpEndpoint(env, 'traces'), metrics: otlpEndpoint(env, 'metrics') },
    otlpMetrics: !metricsExporters.includes('none') && (metricsExporters.length === 0 || metricsExporters.includes('otlp')),
    exitTimeoutMs: Number.isFinite(exitTimeoutMs) && exitTimeoutMs >= 0 ? exitTimeoutMs : DEFAULT_EXIT_TIMEOUT_MS,
  };
}
