import { isIPv6 } from 'node:net';

/**
 * The redaction every string of captured content goes through before it is serialized (never
 * serialize, then mask): the JSON of a content attribute is built from redacted strings only.
 *
 * In order, a string has:
 * 1. the credentials that {@link SECRET_DETECTORS} find replaced by `[REDACTED:<kind>]`;
 * 2. its binary data replaced by a placeholder that keeps the size: base64 `data:` URLs and long
 *    bare base64 runs become `[base64 image/png 12345 bytes]`;
 * 3. the personal data that {@link PERSONAL_DATA_DETECTORS} find replaced by `[REDACTED:<kind>]`;
 * 4. what the application's own patterns match replaced by `[REDACTED:custom]`;
 * 5. the application's callback applied, last, to what is left.
 *
 * Every built-in pattern bounds its repetitions or anchors its start with a look-behind, so that
 * it runs in time linear in the text however the text is made (no catastrophic backtracking):
 * an adversarial megabyte costs what an ordinary one does. The built-in steps never throw on a
 * string. An application's pattern or callback is its own code: what it throws reaches the guard
 * at the integration point, and the attribute is then not recorded, rather than recorded
 * unredacted.
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
  /** The most UTF-8 bytes one content attribute may hold; default {@link DEFAULT_MAX_ATTRIBUTE_BYTES}. */
  readonly maxAttributeBytes?: number | undefined;
}

export interface Redactor {
  readonly maxAttributeBytes: number;
  /** `text` with its secrets, personal data and binary data replaced (see the module comment). */
  redact(text: string, context: RedactionContext): string;
}

export const DEFAULT_MAX_ATTRIBUTE_BYTES = 64 * 1024;
/** Below this, an attribute could not hold one short message with its truncation marker. */
const MIN_MAX_ATTRIBUTE_BYTES = 256;

/** One built-in detector: every match of `pattern` (global) that `isMatch` accepts is replaced. */
interface Detector {
  readonly kind: string;
  /** A literal that every match contains: a text without it is not scanned. */
  readonly hint?: string;
  readonly pattern: RegExp;
  readonly isMatch?: (match: string) => boolean;
}

/**
 * Credentials, found first: before binary data is replaced, so that a placeholder never splits a
 * key and leaves a piece of it in the text.
 */
const SECRET_DETECTORS: readonly Detector[] = [
  {
    // A key with no END line is redacted to the end of the text: a cut-off key is still a key.
    kind: 'private_key',
    hint: '-----BEGIN',
    pattern: /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  { kind: 'anthropic_api_key', hint: 'sk-ant-', pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  {
    kind: 'openai_api_key',
    hint: 'sk-',
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
    isMatch: hasDigitOrCapital,
  },
  { kind: 'aws_access_key_id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'bearer_token', pattern: /\bbearer\s{1,8}[A-Za-z0-9._~+/-]{16,}=*/gi },
  {
    // Anchored at the start of a run of base64url characters: a `\b` would also match after each `-`.
    kind: 'jwt',
    hint: 'eyJ',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
];

/**
 * Personal data, found after binary data is replaced, so that the digits of a base64 image are
 * never taken for a card or a phone number. The more specific run before the more general: IPv6
 * before the IPv4 an IPv6 address can end with; cards and IP addresses before phone numbers.
 */
const PERSONAL_DATA_DETECTORS: readonly Detector[] = [
  {
    kind: 'email',
    hint: '@',
    pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
  },
  {
    // 13 to 19 digits, single spaces or dashes between them, a whole run of digits, Luhn-valid.
    kind: 'card_number',
    pattern: /(?<!\d[ -]?|\.)(?:\d[ -]?){12,18}\d(?![ -]?\d)/g,
    isMatch: passesLuhn,
  },
  {
    kind: 'ipv6',
    hint: ':',
    pattern: /(?<![\w:])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?![\w:])/g,
    isMatch: (candidate) => isIPv6(candidate),
  },
  {
    kind: 'ipv4',
    hint: '.',
    pattern: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g,
  },
  {
    // Each step takes one digit (or a parenthesized area code), so a run splits one way only.
    kind: 'phone',
    pattern: /(?<![\w+])\+?(?:\(\d{1,4}\)|\d)(?:[ .-]?(?:\(\d{1,4}\)|\d)){6,20}(?![ .-]?\d)/g,
    isMatch: isPhoneNumber,
  },
];

/** A random key body has a digit or a capital; a hyphenated word after `sk-` (`sk-learn-...`) has neither. */
function hasDigitOrCapital(match: string): boolean {
  return /[0-9A-Z]/.test(match.slice(3));
}

/** The Luhn checksum of the digits of `match`, which card numbers pass and 9 in 10 other runs fail. */
function passesLuhn(match: string): boolean {
  let sum = 0;
  let doubled = false;
  for (let index = match.length - 1; index >= 0; index--) {
    const digit = match.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) continue;
    sum += doubled ? (digit > 4 ? digit * 2 - 9 : digit * 2) : digit;
    doubled = !doubled;
  }
  return sum % 10 === 0;
}

/**
 * Whether a run of digits and separators is written as a phone number rather than as another
 * number (a date, an amount, an id):
 * - international: `+` and 8 to 15 digits (E.164);
 * - North American: 3-3-4 digits, optionally after a `1`, with separators or `(555)`;
 * - national with a trunk prefix: a leading 0, 9 to 12 digits, in groups of 2 or more.
 */
function isPhoneNumber(match: string): boolean {
  const groups = match.split(/[^\d]+/).filter((group) => group !== '');
  const digits = groups.join('').length;
  if (match.startsWith('+')) return digits >= 8 && digits <= 15;
  if (groups.length < 2) return false;
  const lengths = groups.map((group) => group.length).join('-');
  if (lengths === '3-3-4' || (lengths === '1-3-3-4' && groups[0] === '1')) return true;
  return digits >= 9 && digits <= 12 && match.replace('(', '').startsWith('0') && groups.every((group) => group.length >= 2);
}

/** A base64 `data:` URL: its media type (group 1) and its data (group 2). */
const DATA_URL = /\bdata:([\w.+-]{1,64}\/[\w.+-]{1,64})?(?:;[\w.+=-]{1,64}){0,8};base64,([A-Za-z0-9+/]*={0,2})/gi;

/** A bare base64 run long enough to be binary data rather than a word, a key or a hash. */
const BARE_BASE64 = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{128,}={0,2}(?![A-Za-z0-9+/=])/g;

/** How the base64 of a file of a common type begins, so that a bare run can name its type. */
const MEDIA_TYPES_BY_BASE64_START: readonly (readonly [start: string, mediaType: string])[] = [
  ['iVBORw0KGgo', 'image/png'],
  ['/9j/', 'image/jpeg'],
  ['R0lGOD', 'image/gif'],
  ['JVBERi0', 'application/pdf'],
];

/** The placeholder of `base64` data, which names its media type when known and its decoded size. */
export function base64Placeholder(base64: string, mediaType: string | undefined): string {
  const unpadded = base64.endsWith('==') ? base64.length - 2 : base64.endsWith('=') ? base64.length - 1 : base64.length;
  const bytes = Math.floor((unpadded * 3) / 4);
  return mediaType === undefined || mediaType === '' ? `[base64 ${bytes} bytes]` : `[base64 ${mediaType} ${bytes} bytes]`;
}

function replaceBinary(text: string): string {
  let redacted = text;
  if (/data:/i.test(text)) {
    redacted = redacted.replace(DATA_URL, (_url, mediaType: string | undefined, data: string) => base64Placeholder(data, mediaType));
  }
  if (redacted.length >= 128) {
    // Encoded bytes mix capitals, small letters and digits; a long word, a path or hex does not.
    redacted = redacted.replace(BARE_BASE64, (run) =>
      /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run) ? base64Placeholder(run, mediaTypeOf(run)) : run,
    );
  }
  return redacted;
}

function mediaTypeOf(base64: string): string | undefined {
  return MEDIA_TYPES_BY_BASE64_START.find(([start]) => base64.startsWith(start))?.[1];
}

function applyDetector(text: string, detector: Detector): string {
  if (detector.hint !== undefined && !text.includes(detector.hint)) return text;
  const label = `[REDACTED:${detector.kind}]`;
  const isMatch = detector.isMatch;
  return text.replace(detector.pattern, (match: string) => (isMatch === undefined || isMatch(match) ? label : match));
}

/** `pattern` as a global, non-sticky copy, so that `replace` replaces every match from the start. */
function replacingAll(pattern: RegExp): RegExp {
  if (!(pattern instanceof RegExp)) throw new TypeError(`redaction patterns must be RegExp objects, got ${typeof pattern}`);
  return new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
}

/**
 * The redactor of `options`. Throws a `TypeError` at configuration time for a pattern that is not
 * a RegExp or a byte cap that is not an integer of at least 256.
 */
export function createRedactor(options: RedactionOptions = {}): Redactor {
  const maxAttributeBytes = options.maxAttributeBytes ?? DEFAULT_MAX_ATTRIBUTE_BYTES;
  if (!Number.isSafeInteger(maxAttributeBytes) || maxAttributeBytes < MIN_MAX_ATTRIBUTE_BYTES) {
    throw new TypeError(`maxAttributeBytes=${String(maxAttributeBytes)}: expected an integer of at least ${MIN_MAX_ATTRIBUTE_BYTES}`);
  }
  const patterns = (options.patterns ?? []).map(replacingAll);
  const callback = options.redact;
  return {
    maxAttributeBytes,
    redact(text, context) {
      let redacted = text;
      for (const detector of SECRET_DETECTORS) redacted = applyDetector(redacted, detector);
      redacted = replaceBinary(redacted);
      for (const detector of PERSONAL_DATA_DETECTORS) redacted = applyDetector(redacted, detector);
      for (const pattern of patterns) {
        // An empty match would scatter markers between characters and hide nothing.
        redacted = redacted.replace(pattern, (match) => (match === '' ? match : '[REDACTED:custom]'));
      }
      return callback === undefined ? redacted : callback(redacted, context);
    },
  };
}
