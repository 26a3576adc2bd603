import { warnPerson } from './guard.js';

/**
 * The one reader of the environment: every variable this package reads is read here, and the
 * parts receive what it says (a part built without an option takes its default from here).
 *
 * The package's own variables:
 * - `OTEL_LLM_OBSERVER_PROVIDERS`: the SDKs `otel-llm-observer/register` traces, a comma-separated
 *   list of the providers' names (src/setup/providers.ts; default: all).
 * - `OTEL_LLM_OBSERVER_TOOL_NAMES`: `false` leaves tool names off the spans (the instrumentations'
 *   `recordToolNames: false`); `true` or unset records them.
 * - `OTEL_LLM_OBSERVER_PRICING_FILE`: a pricing file over the shipped table, for cost processors
 *   built without a `pricing` option.
 * - `OTEL_LLM_OBSERVER_REPORT`: `stderr` prints the report at shutdown, for cost processors built
 *   without `printReport`.
 * - `OTEL_LLM_OBSERVER_FINGERPRINTS`, `OTEL_LLM_OBSERVER_FINGERPRINT_KEY`: prefix fingerprints off
 *   (`false`), and their HMAC key, for instrumentations built without `prefixFingerprints`.
 * - `OTEL_LLM_OBSERVER_EXIT_TIMEOUT`: how long, in milliseconds, the process waits at exit for
 *   its telemetry to be exported (default 1000); see {@link ExportSettings.exitTimeoutMs}.
 *
 * And the standard ones: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (content capture, for
 * instrumentations built without `captureMessageContent`), `OTEL_SDK_DISABLED` ({@link sdkDisabled}),
 * and those of {@link exportSettingsFromEnv}.
 *
 * A list or mode that is not understood is a configuration error, thrown at start-up with the
 * variable named, rather than a setting silently ignored; a switch that is not understood keeps
 * its default, with a diag warning.
 */

export const PROVIDERS_ENV = 'OTEL_LLM_OBSERVER_PROVIDERS';
export const TOOL_NAMES_ENV = 'OTEL_LLM_OBSERVER_TOOL_NAMES';
export const PRICING_FILE_ENV = 'OTEL_LLM_OBSERVER_PRICING_FILE';
export const REPORT_ENV = 'OTEL_LLM_OBSERVER_REPORT';
export const FINGERPRINTS_ENV = 'OTEL_LLM_OBSERVER_FINGERPRINTS';
export const FINGERPRINT_KEY_ENV = 'OTEL_LLM_OBSERVER_FINGERPRINT_KEY';
export const EXIT_TIMEOUT_ENV = 'OTEL_LLM_OBSERVER_EXIT_TIMEOUT';
export const CAPTURE_MESSAGE_CONTENT_ENV = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

/** Whether `OTEL_SDK_DISABLED` is `true` (any case), which the specification says turns every signal's SDK into a no-op. */
export function sdkDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true';
}

/** What `otel-llm-observer/register` reads for the parts it builds. */
export interface RegisterSettings {
  /** The providers to trace, of `known`; `undefined` when the variable does not say (all). */
  readonly providers: readonly string[] | undefined;
  readonly recordToolNames: boolean;
  /** The pricing file, trimmed; `undefined` when the variable names none. */
  readonly pricingFile: string | undefined;
}

/** The settings of `otel-llm-observer/register`; `knownProviders`: the names `OTEL_LLM_OBSERVER_PROVIDERS` may list. */
export function registerSettingsFromEnv(knownProviders: readonly string[], env: NodeJS.ProcessEnv = process.env): RegisterSettings {
  const [toolNames] = listFrom(env, TOOL_NAMES_ENV, ['true', 'false']) ?? ['true'];
  return {
    providers: listFrom(env, PROVIDERS_ENV, knownProviders),
    recordToolNames: toolNames !== 'false',
    pricingFile: env[PRICING_FILE_ENV]?.trim() || undefined,
  };
}

function listFrom(env: NodeJS.ProcessEnv, variable: string, allowed: readonly string[]): string[] | undefined {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const values = raw.split(',').map((value) => value.trim().toLowerCase());
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length > 0) {
    throw new TypeError(`${variable}="${raw}": unknown value ${unknown.map((value) => `"${value}"`).join(', ')}; expected a comma-separated list of ${allowed.join(', ')}`);
  }
  return values;
}

/** The pricing file of a cost processor built without a `pricing` option; `undefined` when the variable names none. */
export function pricingFileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[PRICING_FILE_ENV];
  return file === undefined || file === '' ? undefined : file;
}

/** Whether a cost processor built without `printReport` prints its report to stderr at shutdown. */
export function printReportFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[REPORT_ENV]?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'none') return false;
  if (value === 'stderr') return true;
  warnPerson(`${REPORT_ENV}="${value}" is neither stderr nor none; the report is not printed`);
  return false;
}

/** Whether instrumentations built without `prefixFingerprints.enabled` fingerprint prefixes: on, unless the variable is `false`. */
export function fingerprintsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[FINGERPRINTS_ENV]?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  warnPerson(`${FINGERPRINTS_ENV}="${value}" is neither true nor false; prefix fingerprints stay on`);
  return true;
}

/** The fingerprints' HMAC key for instrumentations built without `prefixFingerprints.key`; `undefined`: a random one. */
export function fingerprintKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[FINGERPRINT_KEY_ENV];
  return key === undefined || key === '' ? undefined : key;
}

/** The content capture mode the variable spells, trimmed, for instrumentations built without `captureMessageContent`; `undefined` when unset or empty. */
export function captureMessageContentFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[CAPTURE_MESSAGE_CONTENT_ENV]?.trim();
  return value === '' ? undefined : value;
}

/**
 * How `otel-llm-observer/register` exports spans, from the standard variables, as NodeSDK reads
 * them when it builds its own processors: `OTEL_TRACES_EXPORTER` (`otlp` by default, `console`,
 * `none`), `OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL` (`http/protobuf` by default, `http/json` or `grpc`),
 * `OTEL_BSP_*`, and which traces are sampled (`OTEL_TRACES_SAMPLER`, `_ARG`). The exporters
 * themselves read `OTEL_EXPORTER_OTLP_ENDPOINT` and `_HEADERS`.
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
  /** Which traces are sampled: `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`, read as NodeSDK reads them. */
  readonly sampler: SamplerSettings;
}

/**
 * The sampler the standard variables name, of those NodeSDK builds from them: `OTEL_TRACES_SAMPLER`
 * (`parentbased_always_on` when unset) and, for the `traceidratio` samplers, the ratio in
 * `OTEL_TRACES_SAMPLER_ARG` (1 when unset). A value that cannot be used leaves the default in its
 * place, as NodeSDK does, and is said in `problem`.
 */
export interface SamplerSettings {
  /** One of {@link SAMPLERS}. */
  readonly name: (typeof SAMPLERS)[number];
  /** The share of traces the `traceidratio` samplers sample, from 0 to 1. */
  readonly ratio: number;
  /** What the variables say that is not used, and what is used instead, in words for the person starting the app. */
  readonly problem: string | undefined;
}

export const SAMPLERS = ['parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio', 'always_on', 'always_off', 'traceidratio'] as const;

function samplerSettingsFrom(env: NodeJS.ProcessEnv): SamplerSettings {
  const problems: string[] = [];
  const named = env['OTEL_TRACES_SAMPLER']?.trim().toLowerCase() || SAMPLERS[0];
  const name = SAMPLERS.find((known) => known === named);
  if (name === undefined) problems.push(`OTEL_TRACES_SAMPLER names "${named}", which is none of ${SAMPLERS.join(', ')}: ${SAMPLERS[0]} is used`);
  const arg = env['OTEL_TRACES_SAMPLER_ARG']?.trim() || undefined;
  const ratio = arg === undefined ? 1 : Number(arg);
  const ratioUsed = Number.isFinite(ratio) && ratio >= 0 && ratio <= 1;
  if (!ratioUsed && name?.endsWith('traceidratio')) problems.push(`OTEL_TRACES_SAMPLER_ARG is "${arg}", which is no ratio from 0 to 1: 1 is used`);
  return { name: name ?? SAMPLERS[0], ratio: ratioUsed ? ratio : 1, problem: problems.length > 0 ? problems.join('; ') : undefined };
}

const DEFAULT_EXIT_TIMEOUT_MS = 1000;
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';
const DEFAULT_OTLP_GRPC_ENDPOINT = 'http://localhost:4317';

/** The OTLP protocol of `signal`: its own variable, else the general one, else `http/protobuf`. */
function otlpProtocol(env: NodeJS.ProcessEnv, signal: 'traces' | 'metrics'): string {
  return (env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_PROTOCOL`] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'])?.trim() || 'http/protobuf';
}

/**
 * The OTLP endpoint of `signal` as the spec's variables name it: a signal's own variable is used as
 * it is; over HTTP, the general one gets the signal's path, over gRPC it is used as it is.
 */
function otlpEndpoint(env: NodeJS.ProcessEnv, signal: 'traces' | 'metrics'): string {
  const own = env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`]?.trim();
  if (own) return own;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  if (otlpProtocol(env, signal) === 'grpc') return base || DEFAULT_OTLP_GRPC_ENDPOINT;
  return `${(base || DEFAULT_OTLP_ENDPOINT).replace(/\/+$/, '')}/v1/${signal}`;
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
  const exitTimeoutMs = Number(env[EXIT_TIMEOUT_ENV]?.trim() || Number.NaN);
  const batch: Record<string, number> = {};
  for (const [option, variable] of BATCH_VARIABLES) {
    const value = Number(env[variable]?.trim() || Number.NaN);
    if (Number.isFinite(value) && value >= 0) batch[option] = value;
  }
  return {
    tracesExporters: tracesExporters.length > 0 ? tracesExporters : ['otlp'],
    otlpProtocol: otlpProtocol(env, 'traces'),
    batch,
    resourceDetectorsChosen: (env['OTEL_NODE_RESOURCE_DETECTORS']?.trim() ?? '') !== '',
    endpoints: { traces: otlpEndpoint(env, 'traces'), metrics: otlpEndpoint(env, 'metrics') },
    otlpMetrics: !metricsExporters.includes('none') && (metricsExporters.length === 0 || metricsExporters.includes('otlp')),
    exitTimeoutMs: Number.isFinite(exitTimeoutMs) && exitTimeoutMs >= 0 ? exitTimeoutMs : DEFAULT_EXIT_TIMEOUT_MS,
    sampler: samplerSettingsFrom(env),
  };
}
