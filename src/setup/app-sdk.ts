import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Core from '@opentelemetry/core';
import type * as OtlpGrpcExporter from '@opentelemetry/exporter-trace-otlp-grpc';
import type * as OtlpJsonExporter from '@opentelemetry/exporter-trace-otlp-http';
import type * as OtlpProtobufExporter from '@opentelemetry/exporter-trace-otlp-proto';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkNode from '@opentelemetry/sdk-node';
import type * as SdkTrace from '@opentelemetry/sdk-trace';

/**
 * The OTel SDK that `otel-llm-observer/register` starts, loaded from the app's own install of
 * `@opentelemetry/sdk-node` (an optional peer dependency of this package): NodeSDK, and the trace
 * SDK, OTLP trace exporters (HTTP and gRPC) and resource detectors that this NodeSDK itself depends
 * on, resolved from its own folder so that they are the very versions it was released with. Nothing here is a
 * dependency of this package: an app that builds its own SDK installs none of it, and the library
 * entry never loads this module.
 */
export interface AppSdk {
  readonly version: string;
  readonly NodeSDK: typeof SdkNode.NodeSDK;
  readonly trace: Pick<
    typeof SdkTrace,
    | 'BatchSpanProcessor'
    | 'SimpleSpanProcessor'
    | 'ConsoleSpanExporter'
    | 'AlwaysOnSampler'
    | 'AlwaysOffSampler'
    | 'ParentBasedSampler'
    | 'TraceIdRatioBasedSampler'
  >;
  readonly otlpProtobuf: typeof OtlpProtobufExporter.OTLPTraceExporter;
  readonly otlpJson: typeof OtlpJsonExporter.OTLPTraceExporter;
  /** The gRPC exporter, loaded when asked for: it brings @grpc/grpc-js, which an app on OTLP/HTTP need not load. */
  otlpGrpc(): typeof OtlpGrpcExporter.OTLPTraceExporter;
  readonly resources: Pick<typeof Resources, 'envDetector' | 'serviceInstanceIdDetector'>;
  /** Where the trace and metric SDKs report failed exports. */
  readonly core: Pick<typeof Core, 'setGlobalErrorHandler' | 'loggingErrorHandler'>;
}

/** The SDK, or why it cannot be started, in words for the person who starts the app. */
export type AppSdkLoad = { readonly sdk: AppSdk } | { readonly problem: string };

const SDK_NODE = '@opentelemetry/sdk-node';
/** The first release of the OTel JS 3.x line, whose NodeSDK and trace SDK register is written for. */
const FIRST_3X_MINOR = 301;

export function loadAppSdk(): AppSdkLoad {
  const fromHere = createRequire(__filename);
  let entry: string;
  try {
    entry = fromHere.resolve(SDK_NODE);
  } catch {
    return { problem: `${SDK_NODE} is not installed; install it beside this package: npm install otel-llm-observer ${SDK_NODE}` };
  }
  const version = packageVersion(entry);
  if (Number(version.split('.')[1]) < FIRST_3X_MINOR) {
    return {
      problem: `${SDK_NODE} ${version} is of the OpenTelemetry JS 2.x line; this entry starts the 3.x line's SDK (${SDK_NODE} >=0.301). On 2.x, add llmObserver() to your own NodeSDK (README: "Your own SDK")`,
    };
  }
  const fromSdkNode = createRequire(entry);
  return {
    sdk: {
      version,
      NodeSDK: (fromHere(SDK_NODE) as typeof SdkNode).NodeSDK,
      trace: fromSdkNode('@opentelemetry/sdk-trace') as typeof SdkTrace,
      otlpProtobuf: (fromSdkNode('@opentelemetry/exporter-trace-otlp-proto') as typeof OtlpProtobufExporter).OTLPTraceExporter,
      otlpJson: (fromSdkNode('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpJsonExporter).OTLPTraceExporter,
      otlpGrpc: () => (fromSdkNode('@opentelemetry/exporter-trace-otlp-grpc') as typeof OtlpGrpcExporter).OTLPTraceExporter,
      resources: fromSdkNode('@opentelemetry/resources') as typeof Resources,
      core: fromSdkNode('@opentelemetry/core') as typeof Core,
    },
  };
}

/** The version in the package.json of the package whose entry file is `entry`. */
function packageVersion(entry: string): string {
  for (let folder = dirname(entry); dirname(folder) !== folder; folder = dirname(folder)) {
    // A folder may have no package.json, or a nested one ({"type": ...}) without a name: look higher.
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === SDK_NODE && typeof manifest.version === 'string') return manifest.version;
  }
  return '0.0.0';
}
