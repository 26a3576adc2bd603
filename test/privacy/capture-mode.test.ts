import { describe, expect, it } from 'vitest';
import { parseCaptureMode } from '../../src/privacy/capture-mode.js';

const VARIABLE = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';
const NO_CONTENT = { onSpan: false, asEvent: false };
const SPAN_ONLY = { onSpan: true, asEvent: false };
const EVENT_ONLY = { onSpan: false, asEvent: true };
const SPAN_AND_EVENT = { onSpan: true, asEvent: true };

describe('the capture mode', () => {
  it('captures no content when neither the option nor the environment variable is set', () => {
    expect(parseCaptureMode(undefined, {})).toEqual(NO_CONTENT);
  });

  it('captures no content when the environment variable is empty or blank', () => {
    expect(parseCaptureMode(undefined, { [VARIABLE]: '' })).toEqual(NO_CONTENT);
    expect(parseCaptureMode(undefined, { [VARIABLE]: '  ' })).toEqual(NO_CONTENT);
  });

  it.each([
    ['true', SPAN_ONLY],
    ['TRUE', SPAN_ONLY],
    ['True', SPAN_ONLY],
    ['false', NO_CONTENT],
    ['FALSE', NO_CONTENT],
    ['NO_CONTENT', NO_CONTENT],
    ['SPAN_ONLY', SPAN_ONLY],
    ['EVENT_ONLY', EVENT_ONLY],
    ['SPAN_AND_EVENT', SPAN_AND_EVENT],
    ['span_and_event', SPAN_AND_EVENT],
    [' event_only ', EVENT_ONLY],
  ])('reads the environment variable set to %j as %o', (value, mode) => {
    expect(parseCaptureMode(undefined, { [VARIABLE]: value })).toEqual(mode);
  });

  it.each([
    [true, SPAN_ONLY],
    [false, NO_CONTENT],
    ['NO_CONTENT', NO_CONTENT],
    ['SPAN_ONLY', SPAN_ONLY],
    ['EVENT_ONLY', EVENT_ONLY],
    ['SPAN_AND_EVENT', SPAN_AND_EVENT],
  ] as const)('reads the option set to %j as %o', (option, mode) => {
    expect(parseCaptureMode(option, {})).toEqual(mode);
  });

  it('lets the option win over the environment variable', () => {
    expect(parseCaptureMode(false, { [VARIABLE]: 'true' })).toEqual(NO_CONTENT);
    expect(parseCaptureMode('EVENT_ONLY', { [VARIABLE]: 'SPAN_ONLY' })).toEqual(EVENT_ONLY);
  });

  it('does not read the environment variable when the option is set, even a misspelt one', () => {
    expect(parseCaptureMode(true, { [VARIABLE]: 'yes please' })).toEqual(SPAN_ONLY);
  });

  it('throws a TypeError naming the environment variable and its value when the value is unknown', () => {
    expect(() => parseCaptureMode(undefined, { [VARIABLE]: 'yes' })).toThrow(TypeError);
    expect(() => parseCaptureMode(undefined, { [VARIABLE]: 'yes' })).toThrow(
      'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT="yes": unknown value; expected true, false, NO_CONTENT, SPAN_ONLY, EVENT_ONLY or SPAN_AND_EVENT',
    );
  });

  it('throws a TypeError naming the option when its value is unknown', () => {
    const misspelt = 'SPAN_ONLYY' as 'SPAN_ONLY';
    expect(() => parseCaptureMode(misspelt, {})).toThrow(TypeError);
    expect(() => parseCaptureMode(misspelt, {})).toThrow('captureMessageContent="SPAN_ONLYY": unknown value');
  });

  it('reads process.env when given no environment', () => {
    const before = process.env[VARIABLE];
    process.env[VARIABLE] = 'SPAN_AND_EVENT';
    try {
      expect(parseCaptureMode(undefined)).toEqual(SPAN_AND_EVENT);
    } finally {
      if (before === undefined) delete process.env[VARIABLE];
      else process.env[VARIABLE] = before;
    }
  });
});
