import type { Attributes, Span } from '@opentelemetry/api';
import { guard } from '../guard.js';
import type { ContentCapture } from '../privacy/capture-mode.js';
import { requestContentAttributes, responseContentAttributes } from '../privacy/content.js';
import { RequestRecording, ResponseRecording } from '../privacy/recording.js';
import { requestShapeAttributes, responseShapeAttributes } from '../privacy/shape.js';
import { EVENT_GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS } from '../semconv.js';

/**
 * The content side of one API call (see ./api-call.ts for the call itself): its span always
 * carries the shape of the request (from the start) and of the response (at the end); with
 * content capture on, it also carries their redacted content, or a
 * `gen_ai.client.inference.operation.details` event does, or both (src/privacy/capture-mode.ts).
 *
 * The event is a span event, with the same attributes as the span would have: it leaves through
 * the trace pipeline the application already has (the zero-code set-up exports traces only, and an
 * application that turned capture on may have no logs pipeline, where a log event would be lost),
 * it is sampled with its call, and it needs no logs API of this package. A collector can still move
 * it to a logs backend, or drop it, apart from the span's attributes.
 */

/** What a provider says of the content of one surface: where its requests and responses hold what. */
export interface ContentReader {
  /**
   * Whether the conventions give this operation content attributes. Embeddings have none: their
   * spans carry the shape of the input only, in every mode.
   */
  readonly recordsContent: boolean;
  /** The provider's finish reasons (as `gen_ai.response.finish_reasons` holds them) that the conventions name otherwise. */
  readonly finishReasons?: Readonly<Record<string, string>>;
  /** Reads the request's messages, system instructions and tools, when the call starts. */
  readRequest(body: unknown, request: RequestRecording): void;
  /** Reads the outputs of a response that was not streamed; absent where a response has none. */
  readResponse?(body: unknown, response: ResponseRecording): void;
  /** Reads the deltas of one event of a streamed response; absent where a response has no outputs. */
  readStreamEvent?(event: unknown, response: ResponseRecording): void;
}

/** The content of one call between its start and its end. Holds text only while capture is on. */
export class CallContent {
  readonly reader: ContentReader;
  readonly capture: ContentCapture;
  readonly response: ResponseRecording;
  /** Whether this call's content is recorded: capture on, and an operation with content attributes. */
  readonly withContent: boolean;
  /** The request's content attributes, kept for the event, which is added at the end. */
  readonly requestContent: Attributes | undefined;

  constructor(reader: ContentReader, capture: ContentCapture, withContent: boolean, requestContent: Attributes | undefined) {
    this.reader = reader;
    this.capture = capture;
    this.withContent = withContent;
    this.response = new ResponseRecording(withContent);
    this.requestContent = requestContent;
  }
}

/**
 * Reads the request `body` into the call's start `attributes`: its shape, and its content when
 * that goes on the span. Returns the state to read the response into.
 */
export function startCallContent(
  capture: ContentCapture,
  reader: ContentReader,
  [body, attributes]: readonly [unknown, Attributes],
): CallContent {
  const { onSpan, asEvent } = capture.mode;
  const withContent = reader.recordsContent && (onSpan || asEvent);
  const request = new RequestRecording(withContent);
  reader.readRequest(body, request);
  Object.assign(attributes, requestShapeAttributes(request));
  // Redacted now: the application may change its messages once the call is made.
  const requestContent = withContent ? guard('redact the request content', requestContentAttributes, request.content(), capture.redactor) : undefined;
  if (onSpan && requestContent !== undefined) Object.assign(attributes, requestContent);
  return new CallContent(reader, capture, withContent, asEvent ? requestContent : undefined);
}

export function readResponseContent(content: CallContent, body: unknown): void {
  content.reader.readResponse?.(body, content.response);
}

export function readStreamEventContent(content: CallContent, event: unknown): void {
  content.reader.readStreamEvent?.(event, content.response);
}

/**
 * Writes what the call's response read gives on `span`, before it ends: the shape of its outputs,
 * and, with capture on, their content with the finish reasons in the conventions' words, on the
 * span or in the event. A call that got no response (it failed) has no output shape.
 */
export function endCallContent(content: CallContent, span: Span, finishReasons: readonly (string | undefined)[] | undefined): void {
  const outputs = content.response.outputs;
  if (outputs.length > 0) span.setAttributes(responseShapeAttributes(outputs));
  if (!content.withContent) return;
  const conventional = content.reader.finishReasons ?? {};
  const messages = outputs.map((output, index) => {
    const reason = finishReasons?.[index];
    return output.message(reason !== undefined && Object.hasOwn(conventional, reason) ? conventional[reason] : reason);
  });
  const responseContent = guard('redact the response content', responseContentAttributes, messages, content.capture.redactor);
  const { onSpan, asEvent } = content.capture.mode;
  if (onSpan && responseContent !== undefined) span.setAttributes(responseContent);
  if (asEvent) {
    const eventAttributes = { ...content.requestContent, ...responseContent };
    if (Object.keys(eventAttributes).length > 0) span.addEvent(EVENT_GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS, eventAttributes);
  }
}
