import type { Attributes, Span } from '@opentelemetry/api';
import { guard } from '../guard.js';
import type { ContentCapture } from '../privacy/capture-mode.js';
import { contentMode } from '../privacy/lazy-content-mode.js';
import type { Redactor } from '../privacy/redaction.js';
import { RequestRecording, ResponseRecording } from '../privacy/recording.js';
import { requestShapeAttributes, responseShapeAttributes } from '../privacy/shape.js';
import {
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_LLM_OBSERVER_REQUEST_TOOLS_NAMES,
  ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_NAMES,
  ERROR_TYPE_OTHER,
  EVENT_GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS,
} from '../semconv.js';
import { fieldAt } from './attribute-table.js';
import type { ContentReader } from './provider-contract.js';

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
 *
 * Tool names are in the shape, not the content, but a called tool's name is the model's output: a
 * model (or an injected prompt) could write any text there. So a called name is recorded only when
 * it is the name of a tool the request offered, else as `_OTHER`; a name longer than any tool's is
 * `_OTHER` too; and `recordToolNames: false` leaves the names out altogether, offered and called.
 */

/** The longest tool name recorded: the APIs accept names of up to 64 (OpenAI) and 128 (Anthropic) characters. */
export const MAX_TOOL_NAME_CHARS = 128;

/** The content of one call between its start and its end. Holds text only while capture is on. */
export class CallContent {
  readonly reader: ContentReader;
  readonly capture: ContentCapture;
  readonly response: ResponseRecording;
  /** Whether this call's content is recorded: capture on, and an operation with content attributes. */
  readonly withContent: boolean;
  /** The request's content attributes, kept for the event, which is added at the end. */
  readonly requestContent: Attributes | undefined;
  /** The names of the tools the request offered, which alone a called tool's name is recorded as; `undefined` when no names are recorded. */
  readonly offeredTools: ReadonlySet<string> | undefined;

  constructor(
    reader: ContentReader,
    capture: ContentCapture,
    withContent: boolean,
    requestContent: Attributes | undefined,
    offeredTools: ReadonlySet<string> | undefined,
  ) {
    this.reader = reader;
    this.capture = capture;
    this.withContent = withContent;
    this.response = new ResponseRecording(withContent);
    this.requestContent = requestContent;
    this.offeredTools = offeredTools;
  }
}

/** The tools a request that offers none offered: one set for all of them, never changed. */
const NO_TOOLS: ReadonlySet<string> = new Set();

/** `name` when it is no longer than a tool's can be, else `_OTHER`. */
function toolName(name: string): string {
  return name.length <= MAX_TOOL_NAME_CHARS ? name : ERROR_TYPE_OTHER;
}

/**
 * Reads the request `body` into the call's start `attributes`: its shape, and its content when
 * that goes on the span. `recordToolNames` is the instrumentation's option. Returns the state to
 * read the response into.
 */
export function startCallContent(
  capture: ContentCapture,
  reader: ContentReader,
  body: unknown,
  attributes: Attributes,
  recordToolNames: boolean,
): CallContent {
  const { onSpan, asEvent } = capture.mode;
  // A redactor exactly while capture is on (src/privacy/capture-mode.ts).
  const redactor = reader.recordsContent ? capture.redactor : undefined;
  const withContent = redactor !== undefined;
  const request = new RequestRecording(withContent);
  reader.readRequest(body, request);
  // Written straight into the start attributes, which hold no tool names before it.
  requestShapeAttributes(request, attributes);
  if (attributes[ATTR_LLM_OBSERVER_REQUEST_TOOLS_NAMES] !== undefined) {
    if (!recordToolNames) delete attributes[ATTR_LLM_OBSERVER_REQUEST_TOOLS_NAMES];
    else attributes[ATTR_LLM_OBSERVER_REQUEST_TOOLS_NAMES] = request.toolNames.map(toolName);
  }
  // Redacted now: the application may change its messages once the call is made.
  const requestContent = withContent ? guard('redact the request content', contentMode().requestContentAttributes, request.content(), redactor) : undefined;
  if (withContent && requestContent !== undefined && reader.stopSequences !== undefined) {
    guard('redact the stop sequences', addStopSequences, requestContent, fieldAt(body, reader.stopSequences), redactor);
  }
  if (onSpan && requestContent !== undefined) Object.assign(attributes, requestContent);
  const offeredTools = !recordToolNames ? undefined : request.toolNames.length === 0 ? NO_TOOLS : new Set(request.toolNames);
  return new CallContent(reader, capture, withContent, asEvent ? requestContent : undefined, offeredTools);
}

/** Adds to `content` the stop sequences `stop` (a string or a list of strings), each redacted. */
function addStopSequences(content: Attributes, stop: unknown, redactor: Redactor): void {
  const sequences = typeof stop === 'string' ? [stop] : Array.isArray(stop) && stop.every((item) => typeof item === 'string') ? (stop as string[]) : undefined;
  if (sequences === undefined) return;
  content[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = sequences.map((sequence) => redactor.redact(sequence, { attribute: ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, role: undefined }));
}

export function readResponseContent(content: CallContent, body: unknown): void {
  content.reader.readResponse?.(body, content.response);
}

/**
 * `shape`, a response's, with each called tool's name kept when it names a tool of `offered` (and
 * is no longer than a tool's name can be), else `_OTHER`; with no names when `offered` is
 * `undefined` (`recordToolNames: false`).
 */
function calledToolsRecorded(shape: Attributes, offered: ReadonlySet<string> | undefined): Attributes {
  const names = shape[ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_NAMES] as string[] | undefined;
  if (names === undefined) return shape;
  if (offered === undefined) delete shape[ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_NAMES];
  else shape[ATTR_LLM_OBSERVER_RESPONSE_TOOL_CALLS_NAMES] = names.map((name) => (offered.has(name) ? toolName(name) : ERROR_TYPE_OTHER));
  return shape;
}

/**
 * Writes what the call's response read gives on `span`, before it ends: the shape of its outputs,
 * and, with capture on, their content with the finish reasons in the conventions' words, on the
 * span or in the event. A call that got no response (it failed) has no output shape.
 */
export function endCallContent(content: CallContent, span: Span, finishReasons: readonly (string | undefined)[] | undefined): void {
  const outputs = content.response.outputs;
  if (outputs.length > 0) span.setAttributes(calledToolsRecorded(responseShapeAttributes(outputs), content.offeredTools));
  const redactor = content.capture.redactor;
  if (!content.withContent || redactor === undefined) return;
  const conventional = content.reader.finishReasons ?? {};
  const messages = outputs.map((output, index) => {
    const reason = finishReasons?.[index];
    return output.message(reason !== undefined && Object.hasOwn(conventional, reason) ? conventional[reason] : reason);
  });
  const responseContent = guard('redact the response content', contentMode().responseContentAttributes, messages, redactor);
  const { onSpan, asEvent } = content.capture.mode;
  if (onSpan && responseContent !== undefined) span.setAttributes(responseContent);
  if (asEvent) {
    const eventAttributes = { ...content.requestContent, ...responseContent };
    if (Object.keys(eventAttributes).length > 0) span.addEvent(EVENT_GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS, eventAttributes);
  }
}
