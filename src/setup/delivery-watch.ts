import { TraceFlags } from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { ExportSettings } from '../environment.js';

/** The OTel SDK's export result, as the exporters call back with it (`ExportResultCode.SUCCESS` is 0). */
interface ExportResult {
  readonly code: number;
  readonly error?: Error;
}

/**
 * What `otel-llm-observer/register` knows of its telemetry's delivery, said once on stderr at
 * exit when something was not delivered: a person starting an app with no collector running
 * learns where the spans and metrics were meant to go and why they did not get there, instead of
 * a silent wait.
 *
 * Spans are counted through the OTLP exporter that register builds (wrapped by
 * {@link watchSpans}); metrics, which NodeSDK exports itself, through the OTel SDK's global error
 * handler, which its metric reader reports failed exports to ({@link noteError}).
 */
export class DeliveryWatch {
  /** Sampled spans handed to the exporting processor, whether exported yet or still queued. */
  private spansQueued = 0;
  private spansExported = 0;
  private spansInFlight = 0;
  private spansDropped = 0;
  private spanError: Error | undefined;
  private readonly spanErrors = new WeakSet<object>();
  private otherError: unknown;

  constructor(private readonly settings: ExportSettings) {}

  /** `exporter`, counting the spans it is handed, has confirmed and has failed. */
  watchSpans(exporter: SpanExporter): SpanExporter {
    const export_ = (spans: Parameters<SpanExporter['export']>[0], done: (result: ExportResult) => void): void => {
      this.spansInFlight += spans.length;
      exporter.export(spans, (result: ExportResult) => {
        this.spansInFlight -= spans.length;
        if (result.code === 0) this.spansExported += spans.length;
        else {
          this.spansDropped += spans.length;
          this.spanError = result.error;
          if (result.error !== undefined) this.spanErrors.add(result.error);
        }
        done(result);
      });
    };
    return {
      export: export_,
      shutdown: () => exporter.shutdown(),
      ...(exporter.forceFlush === undefined ? {} : { forceFlush: () => exporter.forceFlush!() }),
    };
  }

  /** `processor`, the exporting processor, counting the sampled spans it is handed (those it exports). */
  watchQueue(processor: SpanProcessor): SpanProcessor {
    return {
      onStart: (span, parentContext) => processor.onStart(span, parentContext),
      onEnd: (span) => {
        if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0) this.spansQueued++;
        processor.onEnd(span);
      },
      forceFlush: () => processor.forceFlush(),
      shutdown: () => processor.shutdown(),
    };
  }

  /** An error the OTel SDK reported (its global error handler): a span export already counted is not counted again. */
  noteError(error: unknown): void {
    if (typeof error === 'object' && error !== null && this.spanErrors.has(error)) return;
    this.otherError = error;
  }

  /**
   * The lines to print at exit, none when everything was delivered. `timedOut`: the exit did not
   * wait for the export to finish (the exit timeout passed).
   */
  undelivered(timedOut: boolean): string[] {
    const lines: string[] = [];
    const { endpoints, exitTimeoutMs, otlpMetrics } = this.settings;
    const waited = `no answer within the ${exitTimeoutMs} ms the exit waits (OTEL_LLM_OBSERVER_EXIT_TIMEOUT)`;
    const spans = this.spansDropped + (timedOut ? this.spansInFlight : 0);
    if (spans > 0) {
      const why = this.spanError === undefined ? waited : reason(this.spanError);
      lines.push(`${spans} span${spans === 1 ? ' was' : 's were'} not exported to ${endpoints.traces}: ${why}`);
    }
    if (otlpMetrics && (this.otherError !== undefined || timedOut)) {
      const why = this.otherError === undefined ? waited : reason(this.otherError);
      lines.push(`metrics were not exported to ${endpoints.metrics}: ${why}`);
    }
    return lines.map((line) => `otel-llm-observer/register: ${line}`);
  }

  /**
   * The lines to print when the process ended at once (`process.exit()`, an uncaught error)
   * before the SDK shut down, none when nothing was left to send: the spans not exported yet, and
   * the metrics when there were LLM calls (`callsCounted`) to count in them (their exports run on a
   * timer, so the last were not sent).
   */
  exitedAtOnce(callsCounted: boolean): string[] {
    const { endpoints, otlpMetrics } = this.settings;
    const spans = this.spansQueued - this.spansExported;
    const lost = [
      ...(spans > 0 ? [`${spans} span${spans === 1 ? '' : 's'} to ${endpoints.traces}`] : []),
      ...(otlpMetrics && callsCounted ? [`the metrics to ${endpoints.metrics}`] : []),
    ];
    if (lost.length === 0) return [];
    return [
      `otel-llm-observer/register: the process ended at once (process.exit() or an uncaught error) before its telemetry was sent: ${lost.join(' and ')} not exported. Set process.exitCode instead of calling process.exit(), and the process ends once its work and the export are done`,
    ];
  }
}

/** An error in a few words: its message, or what it wraps (a refused connection has an empty message but a cause). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const message = error.message || cause?.message || error.name;
  return cause !== undefined && cause.message !== '' && cause.message !== message ? `${message} (${cause.message})` : message;
}
