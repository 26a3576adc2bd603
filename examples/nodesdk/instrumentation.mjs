// Loaded with `--import` before the app: your own NodeSDK, with this package's parts in it.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { llmObserver, registerLoaderHook } from 'otel-llm-observer';

// Patches ESM imports of the SDKs; CommonJS apps need no hook.
registerLoaderHook();

const sdk = new NodeSDK({
  serviceName: 'nodesdk-example',
  ...llmObserver({ exportingProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] }),
});
sdk.start();
process.once('beforeExit', () => sdk.shutdown());
