/**
 * Zero-code set-up, loaded before the app: `node --import otel-llm-observer/register app.mjs`
 * (ESM apps) or `node --require otel-llm-observer/register app.cjs` (CommonJS apps).
 *
 * The ESM entry (dist/esm/register.mjs, written by scripts/build.mjs) first registers
 * import-in-the-middle's loader hook, so that ESM imports of the SDKs are patched, then runs this
 * module. The CommonJS entry does not: Node runs `--require` preloads again inside the loader
 * hooks' own thread, where registering the hook a second time only draws a warning.
 *
 * This module starts an OTel NodeSDK, from the app's own `@opentelemetry/sdk-node` (an optional
 * peer: `npm install otel-llm-observer @opentelemetry/sdk-node`), with this package's
 * instrumentations and processors and the exporters that the standard `OTEL_*` variables
 * configure, and shuts the SDK down (flushing every span) when the process exits normally or on
 * SIGTERM/SIGINT. Without that package, or with one of the 2.x line, it says so once on stderr and
 * the app runs untraced. Resources: only `OTEL_RESOURCE_ATTRIBUTES` / `OTEL_SERVICE_NAME` and a
 * service instance id, unless `OTEL_NODE_RESOURCE_DETECTORS` chooses detectors (docs/privacy.md).
 *
 * When the app has already registered a tracer provider (this module imported after the app set
 * up its own SDK), that provider is left in place: only the instrumentations are registered, and
 * the app adds this package's span processors to its own provider (see `llmObserver()`).
 */
import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { logger } from './guard.js';
import { loadAppSdk, type AppSdk } from './setup/app-sdk.js';
import { exportSettingsFromEnv, optionsFromEnv } from './setup/environment.js';
import { exportingProcessors } from './setup/exporters.js';
import { llmObserver } from './setup/llm-observer.js';

const options = optionsFromEnv();
if (trace.getTracerProvider() instanceof ProxyTracerProvider) {
  const loaded = loadAppSdk();
  if ('sdk' in loaded) startSdk(loaded.sdk);
  else {
    // The app runs on, untraced: said once where a person starting it will see it.
    logger.error(`otel-llm-observer/register starts no SDK: ${loaded.problem}`);
    process.stderr.write(`otel-llm-observer/register: ${loaded.problem}. The app runs untraced.\n`);
  }
} else {
  logger.warn('a tracer provider is already registered: otel-llm-observer/register adds its instrumentations to it and starts no SDK');
  registerInstrumentations(llmObserver(options));
}

function startSdk(parts: AppSdk): void {
  const settings = exportSettingsFromEnv();
  const sdk = new parts.NodeSDK({
    ...llmObserver({ ...options, exportingProcessors: exportingProcessors(parts, settings) }),
    ...(settings.resourceDetectorsChosen
      ? {}
      : { resourceDetectors: [parts.resources.envDetector, parts.resources.serviceInstanceIdDetector] }),
  });
  sdk.start();
  shutDownOnExit(sdk);
}

/**
 * Shuts `sdk` down once, when the event loop empties or on SIGTERM/SIGINT. After a signal, the
 * process ends as the signal's default would, unless the app listens for that signal itself.
 */
function shutDownOnExit(sdk: { shutdown(): Promise<void> }): void {
  let shutdown: Promise<void> | undefined;
  const shutDown = () =>
    (shutdown ??= sdk.shutdown().catch((problem: unknown) => logger.error('shutting the OTel SDK down failed', problem)));
  process.once('beforeExit', () => void shutDown());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void shutDown().finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}
