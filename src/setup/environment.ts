import type { LlmObserverOptions } from './llm-observer.js';

/**
 * The one reader of the environment: `otel-llm-observer/register` reads its settings here and
 * hands them on; nothing else in the package looks at `process.env`.
 *
 * The package's own variables:
 * - `OTEL_LLM_OBSERVER_PROVIDERS`: the SDKs to trace, a comma-separated list of `openai` and
 *   `anthropic` (default: both).
 *
 * A value that is not understood is a configuration error, thrown at start-up with the variable
 * named, rather than a setting silently ignored.
 */

const PROVIDERS = ['openai', 'anthropic'] as const;
type Provider = (typeof PROVIDERS)[number];

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LlmObserverOptions {
  const providers = listFrom(env, 'OTEL_LLM_OBSERVER_PROVIDERS', PROVIDERS) ?? PROVIDERS;
  const traced = (provider: Provider) => providers.includes(provider);
  return {
    ...(traced('openai') ? {} : { openai: false }),
    ...(traced('anthropic') ? {} : { anthropic: false }),
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
}

const BATCH_VARIABLES = [
  ['maxQueueSize', 'OTEL_BSP_MAX_QUEUE_SIZE'],
  ['scheduledDelayMillis', 'OTEL_BSP_SCHEDULE_DELAY'],
  ['exportTimeoutMillis', 'OTEL_BSP_EXPORT_TIMEOUT'],
  ['maxExportBatchSize', 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'],
] as const;

export function exportSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ExportSettings {
  const tracesExporters = (env['OTEL_TRACES_EXPORTER'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
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
  };
}
