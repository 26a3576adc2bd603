import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { recordEmittedAttributes } from './emitted-attributes.js';

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1, as a collector would be: it accepts
 * `POST /v1/traces` (and acknowledges other signals' paths) in both encodings the exporters send — `application/x-protobuf`, decoded
 * with the protobuf code that `@opentelemetry/otlp-transformer` 0.57 generated from the official
 * opentelemetry-proto definitions, and `application/json` — and keeps the spans in one plain shape.
 */

export type AttributeValue = string | number | boolean | AttributeValue[] | undefined;

export interface ReceivedSpan {
  readonly name: string;
  readonly kind: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly scope: string;
  readonly attributes: Record<string, AttributeValue>;
  readonly resource: Record<string, AttributeValue>;
  readonly statusCode: number;
  /** The span's events, each with its name and attributes. */
  readonly events: readonly ReceivedEvent[];
}

export interface ReceivedEvent {
  readonly name: string;
  readonly attributes: Record<string, AttributeValue>;
}

export interface OtlpReceiver {
  readonly endpoint: string;
  readonly spans: ReceivedSpan[];
  /** The spans of LLM calls (those with `gen_ai.operation.name`), leaving out the summary span. */
  calls(): ReceivedSpan[];
  /** The content types of the requests received, in order. */
  readonly contentTypes: string[];
  /** The exact bytes of every request body, for searching. */
  readonly bodies: Buffer[];
  /** The headers of every trace export, in order. */
  readonly headers: IncomingHttpHeaders[];
  /** The paths of the exports of other signals (`/v1/metrics`), in order. */
  readonly otherSignals: string[];
  close(): Promise<void>;
}

interface ProtoRoot {
  opentelemetry: {
    proto: {
      collector: {
        trace: {
          v1: {
            ExportTraceServiceRequest: {
              decode(bytes: Uint8Array): unknown;
              toObject(message: unknown, options: object): unknown;
            };
          };
        };
      };
    };
  };
}

// `otlp-proto` is that 0.57 release under another name. Only its generated root.js is loaded (it
// needs protobufjs alone), so package.json's overrides point its OTel dependencies at the 3.x line
// the repository runs, whose peer range admits API 1.10 (no ERESOLVE warning at install).
const { ExportTraceServiceRequest } = (
  createRequire(import.meta.url)('otlp-proto/build/src/generated/root.js') as ProtoRoot
).opentelemetry.proto.collector.trace.v1;

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        name: string;
        kind?: number;
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        attributes?: OtlpKeyValue[];
        status?: { code?: number };
        events?: { name?: string; attributes?: OtlpKeyValue[] }[];
      }[];
    }[];
  }[];
}

function valueOf(value: OtlpAnyValue | undefined): AttributeValue {
  if (value === undefined) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(valueOf);
  return undefined;
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, valueOf(value)]));
}

function spansOf(request: OtlpRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) =>
    (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        name: span.name,
        kind: span.kind ?? 0,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        scope: scopeSpans.scope?.name ?? '',
        attributes: attributesOf(span.attributes),
        resource: attributesOf(resourceSpans.resource?.attributes),
        statusCode: span.status?.code ?? 0,
        events: (span.events ?? []).map((event) => ({ name: event.name ?? '', attributes: attributesOf(event.attributes) })),
      })),
    ),
  );
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const bodies: Buffer[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const otherSignals: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = String(request.headers['content-type'] ?? '');
      if (request.url !== '/v1/traces') {
        // Metrics and logs, which NodeSDK exports to the same collector: counted, not decoded.
        otherSignals.push(request.url ?? '');
        response.writeHead(200, { 'content-type': contentType });
        response.end();
        return;
      }
      contentTypes.push(contentType);
      bodies.push(body);
      headers.push(request.headers);
      const decoded = contentType.includes('protobuf')
        ? (ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
            longs: String,
            bytes: String,
            enums: Number,
            defaults: false,
          }) as OtlpRequest)
        : (JSON.parse(body.toString('utf8')) as OtlpRequest);
      const received = spansOf(decoded);
      // Spans of app processes count towards the registry check after the suite too.
      for (const span of received) recordEmittedAttributes(span.scope, span.attributes);
      spans.push(...received);
      response.writeHead(200, { 'content-type': contentType.includes('protobuf') ? 'application/x-protobuf' : 'application/json' });
      response.end(contentType.includes('protobuf') ? Buffer.alloc(0) : '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    calls: () => spans.filter((span) => span.attributes['gen_ai.operation.name'] !== undefined),
    contentTypes,
    bodies,
    headers,
    otherSignals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The gRPC methods of the OTLP collector services (opentelemetry-proto's trace_service.proto and metrics_service.proto). */
const GRPC_TRACE_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const GRPC_METRICS_EXPORT = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';

/**
 * An OTLP/gRPC receiver on 127.0.0.1, as a collector's `otlp` receiver on port 4317 would be: the
 * trace service's `Export` decoded with the same official definitions as above, the metrics
 * service's acknowledged and counted. Both answer with an empty `Export…ServiceResponse` (no
 * partial success), which encodes to no bytes. Its `endpoint` is the URL the gRPC exporters take.
 */
export async function startOtlpGrpcReceiver(): Promise<OtlpReceiver> {
  const grpc = await import('@grpc/grpc-js');
  const spans: ReceivedSpan[] = [];
  const bodies: Buffer[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const otherSignals: string[] = [];
  const bytes = (value: Buffer) => value;
  const method = (path: string) => ({
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: bytes,
    requestDeserialize: bytes,
    responseSerialize: bytes,
    responseDeserialize: bytes,
  });
  const server = new grpc.Server();
  server.addService(
    { export: method(GRPC_TRACE_EXPORT) },
    {
      export: (call: { request: Buffer; metadata: { getMap(): Record<string, unknown> } }, done: (error: null, response: Buffer) => void) => {
        bodies.push(call.request);
        headers.push(Object.fromEntries(Object.entries(call.metadata.getMap()).map(([key, value]) => [key, String(value)])));
        const decoded = ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(call.request), {
          longs: String,
          bytes: String,
          enums: Number,
          defaults: false,
        }) as OtlpRequest;
        const received = spansOf(decoded);
        for (const span of received) recordEmittedAttributes(span.scope, span.attributes);
        spans.push(...received);
        done(null, Buffer.alloc(0));
      },
    },
  );
  server.addService(
    { export: method(GRPC_METRICS_EXPORT) },
    {
      export: (_call: unknown, done: (error: null, response: Buffer) => void) => {
        otherSignals.push(GRPC_METRICS_EXPORT);
        done(null, Buffer.alloc(0));
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    calls: () => spans.filter((span) => span.attributes['gen_ai.operation.name'] !== undefined),
    contentTypes: [],
    bodies,
    headers,
    otherSignals,
    close: () => {
      server.forceShutdown();
      return Promise.resolve();
    },
  };
}
