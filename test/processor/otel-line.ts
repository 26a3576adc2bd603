import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../support/pinned-install.js';
import type { Tracing } from '../support/tracing.js';
import { OTEL_2_PINS, OTEL_3_PINS, runTracedApp, type ExportedSpan, type UsageSpan } from './traced-app.js';

/**
 * An OTel JS line a producer test runs on, with the cost processor listed among its span
 * processors. `call` makes one API call of apps/calls.cjs (named by the fixture that answers it)
 * against the fixture server at `fixtureOrigin`; `endSpans` ends one span per usage span. Both
 * return the spans that ended, as an exporting processor would export them.
 */
export interface OtelLine {
  readonly name: string;
  call(fixture: string, fixtureOrigin: string): Promise<ExportedSpan[]>;
  endSpans(usageSpans: readonly UsageSpan[]): Promise<ExportedSpan[]>;
}

export const LINE_3_NAME = 'the OTel JS 3.x line (@opentelemetry/sdk-trace 3.1, API 1.10)';
export const LINE_2_NAME = 'the OTel JS 2.x line (@opentelemetry/sdk-trace-base 2.12, API 1.9)';

type ApiCall = (requireSdk: NodeJS.Require, fixtureOrigin: string) => Promise<void>;
const requireFromProject = createRequire(import.meta.url);
const API_CALLS = requireFromProject('./apps/calls.cjs') as Readonly<Record<string, ApiCall>>;

/**
 * The 3.x line in this process: the project's own install, traced by `tracing` (its processors
 * include the cost processor); the calls are made with the project's SDKs.
 */
export function line3InProcess(tracing: Tracing): OtelLine {
  const exported = (): ExportedSpan[] => tracing.spans().map((span) => ({ scope: span.instrumentationScope.name, name: span.name, attributes: span.attributes }));
  return {
    name: LINE_3_NAME,
    async call(fixture, fixtureOrigin) {
      const apiCall = API_CALLS[fixture];
      if (apiCall === undefined) throw new Error(`apps/calls.cjs has no call answered by ${fixture}`);
      tracing.reset();
      await apiCall(requireFromProject, fixtureOrigin);
      return exported();
    },
    endSpans(usageSpans) {
      tracing.reset();
      for (const { scope, attributes } of usageSpans) tracing.provider.getTracer(scope).startSpan('chat', { attributes }).end();
      return Promise.resolve(exported());
    },
  };
}

/**
 * A line in a child process (apps/traced-app.cjs, with the built package) over the line's pins and
 * `producerPins`, with `instrumentation` registered (a key of the app's INSTRUMENTATIONS, or "none").
 */
export function lineInChild(line: 2 | 3, producerPins: Readonly<Record<string, string>>, instrumentation: string): OtelLine {
  const pins = { ...(line === 2 ? OTEL_2_PINS : OTEL_3_PINS), ...producerPins };
  return {
    name: line === 2 ? LINE_2_NAME : LINE_3_NAME,
    call: (fixture, fixtureOrigin) => runTracedApp(pins, { line, instrumentation, call: fixture, fixtureOrigin }),
    endSpans: (usageSpans) => runTracedApp(pins, { line, instrumentation, call: 'usage-spans', usageSpans }),
  };
}

/** The version of `name` in the project's own install, to pin the same on the 2.x line. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Both lines for a producer of the project's own install (`sdk`, with `instrumentation`
 * registered): 3.x in this process through `tracing`, 2.x in a child with the same `sdk` version.
 */
export function bothLines(tracing: Tracing, sdk: string, instrumentation: string): OtelLine[] {
  return [line3InProcess(tracing), lineInChild(2, { [sdk]: installedVersion(sdk) }, instrumentation)];
}
