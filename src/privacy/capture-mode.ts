import { CAPTURE_MESSAGE_CONTENT_ENV, captureMessageContentFromEnv } from '../environment.js';
import { contentMode } from './lazy-content-mode.js';
import type { RedactionOptions, Redactor } from './redaction.js';
import { checkRedactionOptions } from './redaction-options.js';

/**
 * Whether the content of a call (its messages, system instructions and tool definitions) leaves
 * the process, and where: on the call's span, on a `gen_ai.client.inference.operation.details`
 * event, or both. Content is opt-in: with no setting, a span carries the call's shape only
 * (./shape.ts). The setting is read once, when the instrumentation is configured.
 */

/** Where a call's content goes: `onSpan` as span attributes, `asEvent` as an event's attributes. */
export interface CaptureMode {
  readonly onSpan: boolean;
  readonly asEvent: boolean;
}

/** The instrumentation option's values: a boolean, or one of the conventions' four modes. */
export type CaptureModeSetting = boolean | 'NO_CONTENT' | 'SPAN_ONLY' | 'EVENT_ONLY' | 'SPAN_AND_EVENT';

/** The instrumentation options of content capture, shared by the OpenAI and Anthropic instrumentations. */
export interface ContentCaptureConfig {
  /**
   * Where the content of a call goes, if anywhere (see {@link parseCaptureMode}). Default: the
   * environment variable {@link CAPTURE_MESSAGE_CONTENT_ENV}, else no content.
   */
  readonly captureMessageContent?: CaptureModeSetting | undefined;
  /** How captured content is redacted and how large an attribute may be (./redaction.ts). */
  readonly redaction?: RedactionOptions | undefined;
}

/** A content capture config, read: where content goes, and the redactor it goes through. */
export interface ContentCapture {
  readonly mode: CaptureMode;
  /** `undefined` while capture is off: the redactor's code is then never loaded (./lazy-content-mode.ts). */
  readonly redactor: Redactor | undefined;
}

/**
 * Reads `config` once, when the instrumentation is configured: throws a `TypeError` for a capture
 * mode or a redaction option it does not accept, even while capture is off, so that a mistake
 * shows when the application starts rather than when someone turns capture on.
 */
export function contentCaptureOf(config: ContentCaptureConfig): ContentCapture {
  const mode = parseCaptureMode(config.captureMessageContent);
  checkRedactionOptions(config.redaction);
  const captured = mode.onSpan || mode.asEvent;
  return { mode, redactor: captured ? contentMode().createRedactor(config.redaction) : undefined };
}

const NO_CONTENT: CaptureMode = { onSpan: false, asEvent: false };
const SPAN_ONLY: CaptureMode = { onSpan: true, asEvent: false };

/**
 * Each accepted spelling, upper-cased, and its mode. `TRUE` predates the four modes and reads as
 * SPAN_ONLY, as the newer instrumentations of the conventions read it: the conventions now put
 * content on the span (`gen_ai.input.messages`, ...), and an event needs a logs pipeline that an
 * application which only turned content on may not have, so its content would go nowhere.
 */
const MODES: Readonly<Record<string, CaptureMode>> = {
  FALSE: NO_CONTENT,
  NO_CONTENT,
  TRUE: SPAN_ONLY,
  SPAN_ONLY,
  EVENT_ONLY: { onSpan: false, asEvent: true },
  SPAN_AND_EVENT: { onSpan: true, asEvent: true },
};

/**
 * The capture mode that `option` (the instrumentation's `captureMessageContent`) sets, or else the
 * environment variable {@link CAPTURE_MESSAGE_CONTENT_ENV}, or else no content. Spellings are
 * case-insensitive. Throws a `TypeError` naming the option or the variable when its value is not
 * one of the accepted ones: a misspelt opt-in is a configuration error, not a silent "off".
 */
export function parseCaptureMode(option: CaptureModeSetting | undefined, env?: NodeJS.ProcessEnv): CaptureMode {
  if (option !== undefined) return modeOf(String(option), 'captureMessageContent');
  const variable = captureMessageContentFromEnv(env);
  if (variable === undefined) return NO_CONTENT;
  return modeOf(variable, CAPTURE_MESSAGE_CONTENT_ENV);
}

function modeOf(value: string, source: string): CaptureMode {
  const spelling = value.toUpperCase();
  if (!Object.hasOwn(MODES, spelling)) {
    throw new TypeError(
      `${source}="${value}": unknown value; expected true, false, NO_CONTENT, SPAN_ONLY, EVENT_ONLY or SPAN_AND_EVENT`,
    );
  }
  return MODES[spelling] as CaptureMode;
}
