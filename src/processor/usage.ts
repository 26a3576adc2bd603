import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_TTLS,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
  ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_COMPLETION_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_PROMPT_TOKENS,
} from '../semconv.js';

/**
 * How the token usage of an API call reads off a span, whoever made the span. Producers differ
 * in two ways: the names they write, and whether their input count includes the tokens read
 * from and written to the cache (the conventions say it does; Anthropic's API counts them apart).
 */
export interface UsageNames {
  /** Who writes the span this way. */
  readonly producer: string;
  /**
   * The instrumentation scopes whose spans read this way, whatever names they carry. Absent: the
   * spans of any scope that carry `input`.
   */
  readonly scopes?: readonly string[];
  readonly input: string;
  readonly inputIncludesCache: boolean;
  readonly output: string;
  readonly cacheRead: string;
  /** The names of the cache-write total; the first the span carries counts. */
  readonly cacheWrite: readonly string[];
  /** The parts of the cache writes with a 5-minute and a 1-hour lifetime, where the producer tells them apart. */
  readonly cacheWrite5m?: string;
  readonly cacheWrite1h?: string;
}

const CONVENTIONS = {
  input: ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  output: ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  cacheRead: ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  // The conventions renamed "creation" to "write"; @anthropic-ai/sdk writes the new name.
  cacheWrite: [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS],
  cacheWrite5m: ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS,
  cacheWrite1h: ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS,
} as const;

/** The producers, in the order a span is tried against them. */
export const USAGE_PRODUCERS: readonly UsageNames[] = [
  {
    // Since 0.25 it writes the conventions' names, with Anthropic's input count, cache excluded.
    producer: '@traceloop/instrumentation-anthropic',
    scopes: ['@traceloop/instrumentation-anthropic'],
    ...CONVENTIONS,
    inputIncludesCache: false,
  },
  {
    producer:
      'the GenAI conventions: this package, @anthropic-ai/sdk (its own tracing), @opentelemetry/instrumentation-openai, @traceloop/instrumentation-openai 0.25 on',
    ...CONVENTIONS,
    inputIncludesCache: true,
  },
  {
    // OpenAI's prompt_tokens includes the cached tokens; Traceloop's Anthropic spans of that time
    // carry no cache counts, so the input is the whole input either way.
    producer: 'OpenLLMetry (Traceloop) legacy names, @traceloop/instrumentation-* before 0.25',
    input: ATTR_GEN_AI_USAGE_PROMPT_TOKENS,
    inputIncludesCache: true,
    output: ATTR_GEN_AI_USAGE_COMPLETION_TOKENS,
    cacheRead: ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
    cacheWrite: [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY],
  },
];

const BY_SCOPE = new Map(USAGE_PRODUCERS.flatMap((names) => (names.scopes ?? []).map((scope) => [scope, names] as const)));
const BY_NAMES = USAGE_PRODUCERS.filter((names) => names.scopes === undefined);

/** How the span's usage reads, or `undefined` when it carries no input token count. */
export function usageNamesOf(attributes: Attributes, scope: string | undefined): UsageNames | undefined {
  const scoped = scope === undefined ? undefined : BY_SCOPE.get(scope);
  if (scoped !== undefined) return attributes[scoped.input] !== undefined ? scoped : undefined;
  for (const names of BY_NAMES) {
    if (attributes[names.input] !== undefined) return names;
  }
  return undefined;
}

/**
 * The token usage of one API call in disjoint buckets: every input token is uncached, read from
 * the cache, or written to it. Reasoning tokens are part of the output. One instance is reused
 * for every span, so reading a span allocates nothing.
 */
export class TokenUsage {
  /** All input tokens, cache reads and writes included. */
  inputTokens = 0;
  outputTokens = 0;
  cacheReadTokens = 0;
  /** Writes at the cache's default lifetime (Anthropic: 5 minutes), or of a lifetime not told. */
  cacheWriteTokens = 0;
  cacheWrite1hTokens = 0;
  /**
   * Whether the span tells the lifetime of its writes: split into 5-minute and 1-hour parts, or
   * made by a request whose cache breakpoints (`anthropic.request.cache_control.ttls`) all have
   * one lifetime. When it does not, the writes are counted at the default lifetime.
   */
  cacheWriteLifetimeTold = true;

  get uncachedInputTokens(): number {
    return this.inputTokens - this.cacheReadTokens - this.cacheWriteTokens - this.cacheWrite1hTokens;
  }

  /**
   * Reads the span's usage as `names` says. Returns false when a count is not a whole number
   * >= 0 or the counts contradict each other: more cache tokens than input tokens, or 5-minute
   * and 1-hour writes that do not add up to the writes. A split that is all zeros beside writes
   * (as some Anthropic responses carry) tells nothing, and is read as no split.
   */
  read(attributes: Attributes, names: UsageNames): boolean {
    const input = count(attributes[names.input]);
    const output = count(attributes[names.output] ?? 0);
    const cacheRead = count(attributes[names.cacheRead] ?? 0);
    const told5m = names.cacheWrite5m === undefined ? undefined : attributes[names.cacheWrite5m];
    const told1h = names.cacheWrite1h === undefined ? undefined : attributes[names.cacheWrite1h];
    const writes = count(firstPresent(attributes, names.cacheWrite) ?? count(told5m ?? 0) + count(told1h ?? 0));
    const splitTold = (told5m !== undefined || told1h !== undefined) && (writes === 0 || count(told5m ?? 0) + count(told1h ?? 0) > 0);
    const writes5m = splitTold ? told5m : undefined;
    const writes1h = splitTold ? told1h : undefined;
    const breakpointLifetime = splitTold || writes === 0 ? undefined : singleLifetime(attributes[ATTR_ANTHROPIC_REQUEST_CACHE_CONTROL_TTLS]);
    const longWrites =
      writes1h !== undefined ? count(writes1h) : writes5m !== undefined ? writes - count(writes5m) : breakpointLifetime === '1h' ? writes : 0;
    const defaultWrites = writes - longWrites;
    if (Number.isNaN(input + output + cacheRead + writes + longWrites) || longWrites < 0 || defaultWrites < 0) return false;
    if (writes5m !== undefined && writes1h !== undefined && defaultWrites !== writes5m) return false;
    this.inputTokens = names.inputIncludesCache ? input : input + cacheRead + writes;
    this.outputTokens = output;
    this.cacheReadTokens = cacheRead;
    this.cacheWriteTokens = defaultWrites;
    this.cacheWrite1hTokens = longWrites;
    this.cacheWriteLifetimeTold = splitTold || breakpointLifetime !== undefined || writes === 0;
    return this.uncachedInputTokens >= 0;
  }
}

/** The one lifetime of all the request's cache breakpoints (`5m`, `1h`); `undefined` when they have two, or the span does not say. */
function singleLifetime(ttls: unknown): string | undefined {
  if (!Array.isArray(ttls) || ttls.length === 0) return undefined;
  const first: unknown = ttls[0];
  return typeof first === 'string' && ttls.every((ttl) => ttl === first) ? first : undefined;
}

function firstPresent(attributes: Attributes, names: readonly string[]): unknown {
  for (const name of names) {
    if (attributes[name] !== undefined) return attributes[name];
  }
  return undefined;
}

/** `value` when it is a token count, a whole number >= 0; else NaN, which every sum then carries. */
function count(value: unknown): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : Number.NaN;
}
