import { createRequire } from 'node:module';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { BedrockInstrumentation, type BedrockInstrumentationConfig } from '../../src/index.js';
import type { FixtureServer } from '../support/fixture-server.js';
import type { DiagRecorder, SpanEndCounter } from '../support/telemetry-checks.js';
import { testbedParts } from '../support/testbed-parts.js';
import type { Tracing } from '../support/tracing.js';

/**
 * What every in-process Amazon Bedrock test file shares: the real OTel SDK as the global tracer
 * provider, `BedrockInstrumentation` registered with it, the installed
 * `@aws-sdk/client-bedrock-runtime` loaded after it, the fixture server (test/fixtures/bedrock/),
 * a span-end counter and a diag recorder. Call once, at the top of a file.
 *
 * The clients talk HTTP/1.1 (`NodeHttpHandler`): the SDK's default handler of this client speaks
 * HTTP/2, which the fixture server does not. Each picks its fixture by the `x-fixture` header,
 * which a middleware of the client's own stack adds, as an app adds a header.
 */

export type Sdk = typeof import('@aws-sdk/client-bedrock-runtime');

/** Credentials in the real format (AWS's documented example key pair): tests check they never reach a span. */
export const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export const OUR_SCOPE = 'otel-llm-observer/bedrock';

export interface BedrockTestbed {
  readonly instrumentation: BedrockInstrumentation;
  readonly tracing: Tracing;
  readonly ends: SpanEndCounter;
  readonly diagnostics: DiagRecorder;
  readonly sdk: Sdk;
  readonly server: FixtureServer;
  /** A client of the fixture server whose calls answer with `bedrock/<fixture>` (a comma-separated list answers in turn), sent once (no retry). */
  client(fixture: string): InstanceType<Sdk['BedrockRuntimeClient']>;
  /** The same, of the `BedrockRuntime` aggregate (a method per command: `converse()`, `converseStream()`). */
  aggregate(fixture: string): InstanceType<Sdk['BedrockRuntime']>;
}

export function bedrockTestbed({ processors = [] as SpanProcessor[], config = {} as BedrockInstrumentationConfig } = {}): BedrockTestbed {
  const parts = testbedParts(() => new BedrockInstrumentation(config), processors, () => undefined);
  // Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
  const sdk = createRequire(import.meta.url)('@aws-sdk/client-bedrock-runtime') as Sdk;
  return {
    instrumentation: parts.instrumentation,
    tracing: parts.tracing,
    ends: parts.ends,
    diagnostics: parts.diagnostics,
    get server() {
      return parts.server;
    },
    sdk,
    client: (fixture) => fixtureClient(sdk.BedrockRuntimeClient, parts.server, fixture),
    aggregate: (fixture) => fixtureClient(sdk.BedrockRuntime, parts.server, fixture),
  };
}

/** A client of `clientClass` sending to `server`, each of its calls answered with `bedrock/<fixture>`. */
function fixtureClient<C extends Sdk['BedrockRuntimeClient']>(clientClass: C, server: FixtureServer, fixture: string): InstanceType<C> {
      const client = new clientClass({
        region: 'us-east-1',
        endpoint: server.origin,
        credentials: CREDENTIALS,
        requestHandler: new NodeHttpHandler(),
        maxAttempts: 1,
      });
      const header = fixture
        .split(',')
        .map((name) => `bedrock/${name}`)
        .join(',');
      client.middlewareStack.add(
        (next) => (args) => {
          (args.request as { headers: Record<string, string> }).headers['x-fixture'] = header;
          return next(args);
        },
        { step: 'build', name: 'pickFixture' },
      );
      return client as InstanceType<C>;
}

export { endedSpans, onlySpan } from '../support/testbed-parts.js';
