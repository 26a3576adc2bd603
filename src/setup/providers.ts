import { AnthropicInstrumentation } from '../instrumentation/anthropic/instrumentation.js';
import { OpenAIInstrumentation } from '../instrumentation/openai/instrumentation.js';

/**
 * The providers this package traces, once: each by the name that `llmObserver()`'s options and
 * `OTEL_LLM_OBSERVER_PROVIDERS` know it by, with its instrumentation. The loader hook's modules and
 * the variable's values are derived from here; a new provider is one row (docs/architecture.md).
 */
export const PROVIDERS = [
  { name: 'openai', Instrumentation: OpenAIInstrumentation },
  { name: 'anthropic', Instrumentation: AnthropicInstrumentation },
] as const;

export type ProviderName = (typeof PROVIDERS)[number]['name'];

export const PROVIDER_NAMES: readonly ProviderName[] = PROVIDERS.map((provider) => provider.name);
