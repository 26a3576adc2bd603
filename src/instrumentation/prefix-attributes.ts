import type { Attributes } from '@opentelemetry/api';
import { fingerprintKeyFromEnv, fingerprintsFromEnv } from '../environment.js';
import { ATTR_LLM_OBSERVER_PREFIX_ESTIMATED_TOKENS, ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT } from '../semconv.js';
import { estimatedTokens, PrefixHasher } from './prefix-fingerprint.js';
import type { CacheablePrefix } from './provider-contract.js';

/**
 * The prefix fingerprint of a call, written on its span when the call starts: the instrumentation
 * side of the cache insights. Each provider says which part of its request is the cacheable prefix
 * (`src/instrumentation/<provider>/cache-prefix.ts`); this module fingerprints it.
 */

export interface PrefixFingerprintOptions {
  /** Default: on, unless OTEL_LLM_OBSERVER_FINGERPRINTS is `false`. Off, no request is hashed. */
  readonly enabled?: boolean;
  /** The HMAC key. Default: OTEL_LLM_OBSERVER_FINGERPRINT_KEY, else random per instrumentation. */
  readonly key?: string;
}

/** The instrumentation config option, shared by the OpenAI and Anthropic instrumentations. */
export interface PrefixFingerprintConfig {
  readonly prefixFingerprints?: PrefixFingerprintOptions;
}

/**
 * The hasher that `config` asks for, or `undefined` with fingerprints off. Read once per config,
 * when the instrumentation's config is set: a config with fingerprints off hashes no request.
 */
export function prefixHasherOf(config: PrefixFingerprintConfig): PrefixHasher | undefined {
  if (!(config.prefixFingerprints?.enabled ?? fingerprintsFromEnv())) return undefined;
  return new PrefixHasher(config.prefixFingerprints?.key ?? fingerprintKeyFromEnv());
}

/**
 * Writes into `attributes` the fingerprint under `hasher` and the estimated size of the prefix that
 * `cacheablePrefix` selects from `body`, when the prefix holds any text. Runs at the start of a
 * call, in the guard.
 */
export function writePrefixFingerprint(
  hasher: PrefixHasher,
  cacheablePrefix: CacheablePrefix,
  body: unknown,
  attributes: Attributes,
): void {
  const prefix = cacheablePrefix(body);
  if (prefix === undefined) return;
  const { fingerprint, chars } = hasher.fingerprint(prefix);
  if (chars === 0) return;
  attributes[ATTR_LLM_OBSERVER_PREFIX_FINGERPRINT] = fingerprint;
  attributes[ATTR_LLM_OBSERVER_PREFIX_ESTIMATED_TOKENS] = estimatedTokens(chars);
}
