// Loaded with `--import` before the app: your own NodeSDK, with this package's parts in it.
import { register } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { llmObserver } from 'otel-llm-observer';

// Patches ESM imports of the SDKs; CommonJS apps need no hook.
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const sdk = new NodeSDK({
  serviceName: 'nodesdk-example',
  ...llmObserver({ exportingProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] }),
});
sdk.start();
process.once('beforeExit', () => sdk.shutdown());
