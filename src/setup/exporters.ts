import { getNumberFromEnv, getStringFromEnv, getStringListFromEnv } from '@opentelemetry/core';
import { OTLPTraceExporter as OTLPHttpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { logger } from '../guard.js';

/**
 * The exporting span processors that the standard environment variables ask for, as NodeSDK
 * builds them when it is given no processors: `OTEL_TRACES_EXPORTER` (`otlp` by default,
 * `console`, `none`), `OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL` (`http/protobuf` by default, or
 * `http/json`), `OTEL_BSP_*`. The exporters themselves read `OTEL_EXPORTER_OTLP_ENDPOINT` and
 * `_HEADERS`. This package builds them because NodeSDK takes either its own processors or ours,
 * and the cost processor has to be among them.
 */
export function exportingProcessorsFromEnv(): SpanProcessor[] {
  const names = new Set(getStringListFromEnv('OTEL_TRACES_EXPORTER') ?? []);
  if (names.size === 0) names.add('otlp');
  if (names.has('none')) return [];
  const processors: SpanProcessor[] = [];
  for (const name of names) {
    if (name === 'otlp') processors.push(batchProcessor(otlpExporter()));
    else if (name === 'console') processors.push(new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }));
    else logger.warn(`OTEL_TRACES_EXPORTER names "${name}", which otel-llm-observer/register does not support (otlp, console, none)`);
  }
  return processors;
}

function otlpExporter(): OTLPProtobufTraceExporter | OTLPHttpJsonTraceExporter {
  const protocol =
    (getStringFromEnv('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ?? getStringFromEnv('OTEL_EXPORTER_OTLP_PROTOCOL'))?.trim() ||
    'http/protobuf';
  if (protocol === 'http/json') return new OTLPHttpJsonTraceExporter();
  if (protocol !== 'http/protobuf') logger.warn(`OTLP protocol "${protocol}" is not supported here; using http/protobuf`);
  return new OTLPProtobufTraceExporter();
}

function batchProcessor(exporter: OTLPProtobufTraceExporter | OTLPHttpJsonTraceExporter): BatchSpanProcessor {
  const options: ConstructorParameters<typeof BatchSpanProcessor>[0] = { exporter };
  const settings = [
    ['maxQueueSize', 'OTEL_BSP_MAX_QUEUE_SIZE'],
    ['scheduledDelayMillis', 'OTEL_BSP_SCHEDULE_DELAY'],
    ['exportTimeoutMillis', 'OTEL_BSP_EXPORT_TIMEOUT'],
    ['maxExportBatchSize', 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'],
  ] as const;
  for (const [option, variable] of settings) {
    const value = getNumberFromEnv(variable);
    if (value !== undefined && value >= 0) options[option] = value;
  }
  return new BatchSpanProcessor(options);
}
