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
 * configure, sampling traces as `OTEL_TRACES_SAMPLER` says but recording every LLM call, sampled
 * or not, for the cost processor (src/setup/sampler.ts), and shuts the SDK down (flushing every
 * span, waiting at most `OTEL_LLM_OBSERVER_EXIT_TIMEOUT`) when the process exits normally or on
 * SIGTERM/SIGINT. Without that package, or with one of the 2.x line, it says so once on stderr
 * and the app runs untraced. Resources: only `OTEL_RESOURCE_ATTRIBUTES` / `OTEL_SERVICE_NAME` and a
 * service instance id, unless `OTEL_NODE_RESOURCE_DETECTORS` chooses detectors (docs/privacy.md).
 *
 * With `OTEL_SDK_DISABLED=true`, it does nothing: no SDK, no SDK of the app patched.
 *
 * When the app has already registered a tracer provider (this module imported after the app set
 * up its own SDK), that provider is left in place: only the instrumentations are registered, and
 * the app adds this package's span processors to its own provider (see `llmObserver()`); an app
 * that has built no cost processor is told on stderr that its calls are not priced.
 */
import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { logger, startUpChannel, warnPerson } from './guard.js';
import { pricingTableLoader } from './pricing/lazy-pricing-table.js';
import { loadAppSdk, type AppSdk } from './setup/app-sdk.js';
import { DeliveryWatch } from './setup/delivery-watch.js';
import { exportSettingsFromEnv, sdkDisabled } from './environment.js';
import { anyCostProcessorBuilt, CostSpanProcessor } from './processor/cost-span-processor.js';
import { exportingProcessors } from './setup/exporters.js';
import { llmObserver, optionsFromEnv, type LlmObserverOptions } from './setup/llm-observer.js';
import { appSampler } from './setup/sampler.js';

if (sdkDisabled()) {
  // The app asked for no telemetry: no SDK, and no SDK of the app's patched (an instrumentation patches when built).
  logger.debug('OTEL_SDK_DISABLED is true: otel-llm-observer/register starts no SDK and patches nothing');
} else {
  // A problem the person starting the app has to act on is said on stderr, each once (src/guard.ts).
  const said = new Set<string>();
  startUpChannel.say = (message) => {
    if (said.has(message)) return;
    said.add(message);
    process.stderr.write(`otel-llm-observer/register: ${message}\n`);
  };
  start(optionsFromEnv());
}

function start(options: LlmObserverOptions): void {
  if (trace.getTracerProvider() instanceof ProxyTracerProvider) {
    const loaded = loadAppSdk();
    if ('sdk' in loaded) startSdk(loaded.sdk, options);
    else {
      // The app runs on, untraced: said once where a person starting it will see it.
      logger.error(`otel-llm-observer/register starts no SDK: ${loaded.problem}`);
      process.stderr.write(`otel-llm-observer/register: ${loaded.problem}. The app runs untraced.\n`);
    }
  } else {
    logger.warn('a tracer provider is already registered: otel-llm-observer/register adds its instrumentations to it and starts no SDK');
    // The app's SDK has no cost processor of this package: its calls' spans would carry no cost, which its developer should hear of.
    if (!anyCostProcessorBuilt()) {
      warnPerson(
        `the app registered a tracer provider without this package's CostSpanProcessor, so its LLM calls are traced but not priced. Add llmObserver()'s span processors to the app's SDK (README, "Your own SDK"), or let otel-llm-observer/register start the SDK.`,
      );
    }
    // Its processors would be attached to no provider: the instrumentations alone.
    registerInstrumentations(llmObserver({ ...options, cost: false }));
  }
}

function startSdk(parts: AppSdk, options: LlmObserverOptions): void {
  const settings = exportSettingsFromEnv();
  const watch = new DeliveryWatch(settings);
  const logged = parts.core.loggingErrorHandler();
  parts.core.setGlobalErrorHandler((error) => {
    watch.noteError(error);
    logged(error);
  });
  if (settings.sampler.problem !== undefined) warnPerson(settings.sampler.problem);
  const observer = llmObserver({
    ...observerOptions(options),
    exportingProcessors: exportingProcessors(parts, settings, watch),
    sampler: appSampler(parts.trace, settings.sampler),
  });
  const sdk = new parts.NodeSDK({
    ...observer,
    ...(settings.resourceDetectorsChosen
      ? {}
      : { resourceDetectors: [parts.resources.envDetector, parts.resources.serviceInstanceIdDetector] }),
  });
  sdk.start();
  const costProcessor = observer.spanProcessors.find((processor): processor is CostSpanProcessor => processor instanceof CostSpanProcessor);
  shutDownOnExit(sdk, watch, settings.exitTimeoutMs, costProcessor);
}

/**
 * The options, with a pricing file that cannot be used left out: telemetry settings must not stop
 * an app, so the shipped prices stand, and the person starting the app is told which file and why.
 */
function observerOptions(options: LlmObserverOptions): LlmObserverOptions {
  const pricing = options.cost === false ? undefined : options.cost?.pricing;
  if (typeof pricing !== 'string') return options;
  try {
    pricingTableLoader().loadPricingTable(pricing);
    return options;
  } catch (problem) {
    const reason = problem instanceof Error ? problem.message : String(problem);
    logger.error(`OTEL_LLM_OBSERVER_PRICING_FILE refused, the shipped prices are used: ${reason}`);
    process.stderr.write(`otel-llm-observer/register: OTEL_LLM_OBSERVER_PRICING_FILE refused, the shipped prices are used: ${reason}\n`);
    return { ...options, cost: {} };
  }
}

/**
 * Shuts `sdk` down once, when the event loop empties or on SIGTERM/SIGINT, waiting at most
 * `exitTimeoutMs` for the last exports; then says on stderr what was not delivered, if anything.
 * A process ended at once (`process.exit()`, an uncaught error) cannot wait: what it did not send
 * is said. After a signal, the process ends as the signal's default would, unless the app listens
 * for that signal itself; after an empty event loop, it ends then, even with an export still
 * waiting on an unreachable collector.
 */
function shutDownOnExit(sdk: { shutdown(): Promise<void> }, watch: DeliveryWatch, exitTimeoutMs: number, costProcessor: CostSpanProcessor | undefined): void {
  let finished: Promise<boolean> | undefined;
  const finish = () => (finished ??= shutDownWithin(sdk, watch, exitTimeoutMs));
  // process.exit() (or an uncaught error) ends the process at once, before any shutdown: nothing
  // asynchronous runs after it, so nothing more can be exported. The report is closed (and
  // printed when asked, which is synchronous), and what was not sent is said.
  process.once('exit', () => {
    if (finished !== undefined) return;
    if (costProcessor !== undefined) void costProcessor.shutdown();
    for (const line of watch.exitedAtOnce(costProcessor?.getReport().models.some((row) => row.calls > 0) ?? false)) process.stderr.write(`${line}\n`);
  });
  process.once('beforeExit', () => {
    void finish().then((completed) => {
      if (!completed) process.exit();
    });
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void finish().then(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}

/** Whether `sdk` shut down within `exitTimeoutMs`; what was not delivered is printed either way. */
async function shutDownWithin(sdk: { shutdown(): Promise<void> }, watch: DeliveryWatch, exitTimeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), exitTimeoutMs)));
  const shutdown = sdk.shutdown().then(
    () => true as const,
    (problem: unknown) => {
      logger.error('shutting the OTel SDK down failed', problem);
      watch.noteError(problem);
      return true as const;
    },
  );
  const completed = await Promise.race([shutdown, deadline]);
  clearTimeout(timer);
  for (const line of watch.undelivered(!completed)) process.stderr.write(`${line}\n`);
  return completed;
}
