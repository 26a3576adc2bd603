// Loaded with `--import` before the app: your own NodeSDK, with this package's parts in it.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler } from '@opentelemetry/sdk-trace';
import { llmObserver, registerLoaderHook } from 'otel-llm-observer';

// Patches ESM imports of the SDKs; CommonJS apps need no hook.
registerLoaderHook();

const sdk = new NodeSDK({
  serviceName: 'nodesdk-example',
  ...llmObserver({
    exportingProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
    // Your sampler (this one is NodeSDK's default): the calls of the traces it drops are still
    // priced and counted in the metrics and the report, and not exported (README, "Sampling").
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
  }),
});
sdk.start();
process.once('beforeExit', () => sdk.shutdown());
