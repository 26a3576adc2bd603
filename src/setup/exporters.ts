import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { warnPerson } from '../guard.js';
import type { AppSdk } from './app-sdk.js';
import type { DeliveryWatch } from './delivery-watch.js';
import type { ExportSettings } from '../environment.js';

/**
 * The exporting span processors that the standard environment variables ask for, as NodeSDK
 * builds them when it is given no processors, from the app's own SDK packages. This package builds
 * them because NodeSDK takes either its own processors or ours, and the cost processor has to be
 * among them.
 */
export function exportingProcessors(sdk: AppSdk, settings: ExportSettings, watch: DeliveryWatch): SpanProcessor[] {
  const names = new Set(settings.tracesExporters);
  if (names.has('none')) return [];
  const processors: SpanProcessor[] = [];
  for (const name of names) {
    if (name === 'otlp') processors.push(watch.watchQueue(new sdk.trace.BatchSpanProcessor({ exporter: watch.watchSpans(otlpExporter(sdk, settings)), ...settings.batch })));
    else if (name === 'console') processors.push(new sdk.trace.SimpleSpanProcessor({ exporter: new sdk.trace.ConsoleSpanExporter() }));
    else warnPerson(`OTEL_TRACES_EXPORTER names "${name}", which otel-llm-observer/register does not support (otlp, console, none)`);
  }
  return processors;
}

function otlpExporter(sdk: AppSdk, settings: ExportSettings): InstanceType<AppSdk['otlpProtobuf'] | AppSdk['otlpJson'] | ReturnType<AppSdk['otlpGrpc']>> {
  if (settings.otlpProtocol === 'http/json') return new sdk.otlpJson();
  if (settings.otlpProtocol === 'grpc') return new (sdk.otlpGrpc())();
  if (settings.otlpProtocol !== 'http/protobuf') warnPerson(`OTLP protocol "${settings.otlpProtocol}" is not supported here; using http/protobuf`);
  return new sdk.otlpProtobuf();
}
