import { TRUNCATION_MARKER } from './byte-cap.js';
import { personalDataDetectors, secretDetectors, type Detector } from './detectors.js';
import { checkRedactionOptions } from './redaction-options.js';
import { decodedBytes } from './recording.js';

/**
 * The redaction every string of captured content goes through before it is serialized (never
 * serialize, then mask): the JSON of a content attribute is built from redacted strings only.
 *
 * In order, a string has:
 * 1. its base64 `data:` URLs replaced by a placeholder that keeps the media type and size
 *    (`[base64 image/png 12345 bytes]`), line-wrapped ones included;
 * 2. everything past what its attribute could hold cut off (see {@link windowOf}), so that a
 *    10 MB message costs the redaction of the 64 KiB that can reach the span, not of 10 MB;
 * 3. its JSON `\uXXXX` escapes decoded (tool arguments are JSON text, where `\u0040` is an `@`);
 * 4. the credentials that {@link secretDetectors} find replaced by `[REDACTED:<kind>]`;
 * 5. long bare base64 runs replaced by the placeholder of step 1;
 * 6. the personal data that {@link personalDataDetectors} find replaced by `[REDACTED:<kind>]`;
 * 7. what the application's own patterns match replaced by `[REDACTED:custom]`;
 * 8. the application's callback applied, last, to what is left.
 *
 * Texts that follow one another in a message (its text parts) go through steps 4 to 6 as one
 * text, so that a private key split across two parts is found whole (see {@link Redactor.redactAll}).
 *
 * Every built-in pattern runs in time linear in the text (./detectors.ts). The built-in steps
 * never throw on a string. An application's pattern or callback is its own code: what it throws
 * reaches the guard at the integration point, and the attribute is then not recorded, rather than
 * recorded unredacted.
 */

/** Where a string being redacted is going: which attribute, and the role of its message. */
export interface RedactionContext {
  readonly attribute: string;
  /** The role of the message the string is in; `undefined` in a tool definition. */
  readonly role: string | undefined;
}

/** The application's last word on a string: receives it after the built-in redaction. */
export type RedactCallback = (text: string, context: RedactionContext) => string;

export interface RedactionOptions {
  /** More patterns to redact: each match becomes `[REDACTED:custom]`. */
  readonly patterns?: readonly RegExp[] | undefined;
  /** Runs on every string after the built-in redaction and `patterns`; what it returns is recorded. */
  readonly redact?: RedactCallback | undefined;
  /** The most UTF-8 bytes one content attribute may hold; default 64 KiB (./redaction-options.ts). */
  readonly maxAttributeBytes?: number | undefined;
}

export interface Redactor {
  readonly maxAttributeBytes: number;
  /** `text` with its secrets, personal data and binary data replaced (see the module comment). */
  redact(text: string, context: RedactionContext): string;
  /**
   * `texts` redacted as if they were one text, one result per text: a finding that starts in one
   * text and ends in a later one is replaced in both.
   */
  redactAll(texts: readonly string[], context: RedactionContext): string[];
  /**
   * This redactor reading at most `maxChars` characters of each string (past the margin for a
   * straddling secret): for the strings of an attribute whose byte cap will cut each to about that
   * length (./byte-cap.ts, {@link waterLevel}), so that the rest is never redacted.
   */
  windowed(maxChars: number): Redactor;
}

/**
 * How far past what an attribute can hold a string is still redacted: a secret that starts before
 * the cut and ends after it is found whole (the longest token format is shorter), so no piece of
 * it survives the byte cap's cut.
 */
const LOOKAHEAD_CHARS = 1024;

/** Joins the texts of {@link Redactor.redactAll}; no detector but the private key's spans it. */
const SEPARATOR = '\u0000';

/**
 * A base64 `data:` URL: its media type (group 1), its data (group 2) and the lines that may
 * continue it when it is wrapped (group 3), each ending a line or the URL; the line breaks may
 * be escaped, as in the JSON text of tool arguments.
 */
const DATA_URL =
  /\bdata:([\w.+-]{1,64}\/[\w.+-]{1,64})?(?:;[\w.+=-]{1,64}){0,8};base64,([A-Za-z0-9+/]*={0,2})((?:(?:\r?\n|(?:\\r)?\\n)[A-Za-z0-9+/]{1,1000}={0,2}(?=[\s)"'\]>\\]|$))*)/gi;

/** Where a wrapped line of a data URL starts: after a line break, or its escape in JSON text (`\n`). */
const LINE_BREAK_AHEAD = /(?=\r\n|(?<!\r)\n|\\r\\n|(?<!\\r)\\n)/;
const LEADING_LINE_BREAK = /^(?:\r?\n|(?:\\r)?\\n)/;

/** Base64 is wrapped at a fixed width, 64 (PEM) or 76 (MIME) characters: narrower lines are text. */
const MIN_WRAP_WIDTH = 60;

/** A bare base64 run this long is binary data rather than a word, a key or a hash. */
const MIN_BARE_BASE64_CHARS = 128;

/** How the base64 of a file of a common type begins, so that a bare run can name its type. */
const MEDIA_TYPES_BY_BASE64_START: readonly (readonly [start: string, mediaType: string])[] = [
  ['iVBORw0KGgo', 'image/png'],
  ['/9j/', 'image/jpeg'],
  ['R0lGOD', 'image/gif'],
  ['JVBERi0', 'application/pdf'],
];

/** The placeholder of `base64` data, which names its media type when known and its decoded size. */
export function base64Placeholder(base64: string, mediaType: string | undefined): string {
  return bytesPlaceholder(decodedBytes(base64), mediaType);
}

/** The placeholder of `bytes` bytes of binary data (a media part's: ./recording.ts). */
export function bytesPlaceholder(bytes: number, mediaType: string | undefined): string {
  return mediaType === undefined || mediaType === '' ? `[base64 ${bytes} bytes]` : `[base64 ${mediaType} ${bytes} bytes]`;
}

/**
 * The placeholder of a data URL, and what follows its data: the continuation lines of wrapped
 * base64 belong to it as long as each line before has the first line's width (and a shorter last
 * line looks like data); the rest is text.
 */
function dataUrlReplacement(mediaType: string | undefined, firstLine: string, continuation: string): string {
  let data = firstLine;
  let rest = '';
  if (continuation !== '') {
    const lines = continuation.split(LINE_BREAK_AHEAD);
    let taken = 0;
    let width = firstLine.length;
    while (taken < lines.length && width >= MIN_WRAP_WIDTH) {
      const line = (lines[taken] as string).replace(LEADING_LINE_BREAK, '');
      const last = line.length < firstLine.length;
      // A short last line of data has a digit or a symbol of base64; a short line of words (`Next`) has none.
      if (line.length > firstLine.length || (last && !/[0-9+/=]/.test(line))) break;
      data += line;
      if (last) width = 0;
      taken++;
    }
    rest = lines.slice(taken).join('');
  }
  return base64Placeholder(data, mediaType) + rest;
}

function replaceDataUrls(text: string): string {
  if (!/data:/i.test(text)) return text;
  return text.replace(DATA_URL, (_url, mediaType: string | undefined, firstLine: string, continuation: string) =>
    dataUrlReplacement(mediaType, firstLine, continuation),
  );
}

/** Whether a UTF-16 code unit is a base64 character: a letter, a digit, `+` or `/`. */
function isBase64Code(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;
}

/**
 * Every whole run of at least {@link MIN_BARE_BASE64_CHARS} base64 characters, and up to two `=`
 * of padding, replaced by its placeholder; `=` may precede it (`data=...`). Scanned by hand: a
 * regular expression with an unbounded repetition overflows V8's backtracking stack on a run of a
 * few million characters.
 */
function replaceBareBase64(text: string): string {
  if (text.length < MIN_BARE_BASE64_CHARS) return text;
  let redacted = '';
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    if (!isBase64Code(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    while (index < text.length && isBase64Code(text.charCodeAt(index))) index++;
    let end = index;
    while (end < text.length && text.charCodeAt(end) === 61) end++;
    const padding = end - index;
    index = end;
    if (index - padding - start < MIN_BARE_BASE64_CHARS || padding > 2) continue;
    const run = text.slice(start, end);
    // Encoded bytes mix capitals, small letters and digits; a long word, a path or hex does not.
    if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/\d/.test(run)) continue;
    redacted += text.slice(copiedUpTo, start) + base64Placeholder(run, mediaTypeOf(run));
    copiedUpTo = end;
  }
  return copiedUpTo === 0 ? text : redacted + text.slice(copiedUpTo);
}

function mediaTypeOf(base64: string): string | undefined {
  return MEDIA_TYPES_BY_BASE64_START.find(([start]) => base64.startsWith(start))?.[1];
}

/** `\uXXXX` as JSON escapes a character, decoded; a NUL becomes U+FFFD, since NUL joins the texts of one message. */
function decodeJsonEscapes(text: string): string {
  const decoded = text.includes('\\u')
    ? text.replace(/\\u([0-9A-Fa-f]{4})/g, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;
  return decoded.includes(SEPARATOR) ? decoded.replaceAll(SEPARATOR, '\uFFFD') : decoded;
}

/**
 * Replaces every match of `detector` in `text` by its label. A match that spans texts joined by
 * {@link SEPARATOR} keeps its separators after the label, so that the texts split apart again.
 */
function applyDetector(text: string, detector: Detector): string {
  if (detector.hint !== undefined && !text.includes(detector.hint)) return text;
  const label = `[REDACTED:${detector.kind}]`;
  const isMatch = detector.isMatch;
  return text.replace(detector.pattern, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<string, string | undefined> | undefined;
    const kept = typeof groups === 'object' ? (groups.keep ?? '') : '';
    const secret = match.slice(kept.length);
    if (isMatch !== undefined && !isMatch(secret)) return match;
    const separators = secret.includes(SEPARATOR) ? SEPARATOR.repeat(secret.split(SEPARATOR).length - 1) : '';
    return kept + label + separators;
  });
}

/** `pattern` as a global, non-sticky copy, so that `replace` replaces every match from the start. */
function replacingAll(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
}

/** A string's start that can reach its attribute, and whether anything was cut off. */
interface Window {
  readonly text: string;
  readonly cut: boolean;
}

/**
 * The part of `text` that redaction reads. A JSON string takes at least one byte per UTF-16 code
 * unit, so no more than `maxAttributeBytes` code units of a string can reach its attribute; the
 * rest is cut off here, past a margin for a secret that straddles the cut, and the byte cap
 * (./byte-cap.ts) cuts the margin. When the attribute has many strings, `maxChars` is the lower
 * length the cap will cut each of them to. Data URLs are replaced first, over the whole text: a 10 MB
 * image becomes a placeholder of 30 characters, and the text after it can still reach the span.
 */
function windowOf(text: string, maxChars: number): Window {
  const withoutData = replaceDataUrls(text);
  const limit = maxChars + LOOKAHEAD_CHARS;
  if (withoutData.length <= limit) return { text: withoutData, cut: false };
  // Never between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(withoutData.charAt(limit - 1)) ? limit - 1 : limit;
  return { text: withoutData.slice(0, end), cut: true };
}

/** Steps 4 to 6 of the module comment. */
function redactBuiltIn(text: string): string {
  let redacted = text;
  for (const detector of secretDetectors()) redacted = applyDetector(redacted, detector);
  redacted = replaceBareBase64(redacted);
  for (const detector of personalDataDetectors()) redacted = applyDetector(redacted, detector);
  return redacted;
}

/**
 * The redactor of `options`. Throws a `TypeError` at configuration time for a pattern that is not
 * a RegExp or a byte cap that is not an integer of at least 256.
 */
export function createRedactor(options: RedactionOptions = {}): Redactor {
  const maxAttributeBytes = checkRedactionOptions(options);
  return redactorWithin(maxAttributeBytes, maxAttributeBytes, (options.patterns ?? []).map(replacingAll), options.redact);
}

/** The redactor of an attribute of `maxAttributeBytes` that reads `maxChars` characters of each string. */
function redactorWithin(
  maxAttributeBytes: number,
  maxChars: number,
  patterns: readonly RegExp[],
  callback: RedactCallback | undefined,
): Redactor {
  /** Steps 7 and 8, and the marker of a cut text. */
  const finish = (redacted: string, window: Window, context: RedactionContext): string => {
    let finished = redacted;
    for (const pattern of patterns) {
      // An empty match would scatter markers between characters and hide nothing.
      finished = finished.replace(pattern, (match) => (match === '' ? match : '[REDACTED:custom]'));
    }
    if (callback !== undefined) finished = callback(finished, context);
    return window.cut ? finished + TRUNCATION_MARKER : finished;
  };

  const redactAll = (texts: readonly string[], context: RedactionContext): string[] => {
    const windows = texts.map((text) => windowOf(text, maxChars));
    const redacted = redactBuiltIn(windows.map((window) => decodeJsonEscapes(window.text)).join(SEPARATOR)).split(SEPARATOR);
    return windows.map((window, index) => finish(redacted[index] ?? '', window, context));
  };

  return {
    maxAttributeBytes,
    redactAll,
    redact: (text, context) => redactAll([text], context)[0] as string,
    windowed: (chars) => redactorWithin(maxAttributeBytes, Math.min(maxChars, Math.max(0, Math.floor(chars))), patterns, callback),
  };
}
