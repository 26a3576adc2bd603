import type { LlmObserverOptions } from './llm-observer.js';

/**
 * The package's own environment variables, read by `otel-llm-observer/register`:
 * - `OTEL_LLM_OBSERVER_PROVIDERS`: the SDKs to trace, a comma-separated list of `openai` and
 *   `anthropic` (default: both).
 *
 * A value that is not understood is a configuration error, thrown at start-up with the variable
 * named, rather than a setting silently ignored.
 */

const PROVIDERS = ['openai', 'anthropic'] as const;
type Provider = (typeof PROVIDERS)[number];

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LlmObserverOptions {
  const providers = listFrom(env, 'OTEL_LLM_OBSERVER_PROVIDERS', PROVIDERS) ?? PROVIDERS;
  const traced = (provider: Provider) => providers.includes(provider);
  return {
    ...(traced('openai') ? {} : { openai: false }),
    ...(traced('anthropic') ? {} : { anthropic: false }),
  };
}

function listFrom<T extends string>(env: NodeJS.ProcessEnv, variable: string, allowed: readonly T[]): T[] | undefined {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const values = raw.split(',').map((value) => value.trim().toLowerCase());
  const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
  if (unknown.length > 0) {
    throw new TypeError(`${variable}="${raw}": unknown value ${unknown.map((value) => `"${value}"`).join(', ')}; expected a comma-separated list of ${allowed.join(', ')}`);
  }
  return values as T[];
}
