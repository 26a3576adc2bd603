import { ANTHROPIC_MODULE } from '../instrumentation/anthropic/sdk-module.js';
import { BEDROCK_MODULE } from '../instrumentation/bedrock/sdk-module.js';
import { CEREBRAS_MODULE } from '../instrumentation/cerebras/sdk-module.js';
import { COHERE_MODULE } from '../instrumentation/cohere/sdk-module.js';
import { GEMINI_MODULE } from '../instrumentation/gemini/sdk-module.js';
import { GROQ_MODULE } from '../instrumentation/groq/sdk-module.js';
import { MISTRAL_MODULE } from '../instrumentation/mistral/sdk-module.js';
import { OLLAMA_MODULE } from '../instrumentation/ollama/sdk-module.js';
import { OPENAI_MODULE } from '../instrumentation/openai/sdk-module.js';
import { TOGETHER_MODULE } from '../instrumentation/together/sdk-module.js';
import { moduleSpecifiers } from '../instrumentation/provider-contract.js';

/**
 * The providers this package traces, once: each by the name that `llmObserver()`'s options and
 * `OTEL_LLM_OBSERVER_PROVIDERS` know it by, with its SDK's module. The loader hook's modules, the
 * variable's values and the instrumentations `llmObserver()` builds (a table keyed by these names,
 * which the compiler holds complete) come from here; a new provider is one row (docs/architecture.md).
 * Data only: the loader hook loads this before any SDK or OTel package.
 */
export const PROVIDERS = [
  { name: 'openai', module: OPENAI_MODULE },
  { name: 'anthropic', module: ANTHROPIC_MODULE },
  { name: 'gemini', module: GEMINI_MODULE },
  { name: 'bedrock', module: BEDROCK_MODULE },
  { name: 'groq', module: GROQ_MODULE },
  { name: 'mistral', module: MISTRAL_MODULE },
  { name: 'cohere', module: COHERE_MODULE },
  { name: 'ollama', module: OLLAMA_MODULE },
  { name: 'together', module: TOGETHER_MODULE },
  { name: 'cerebras', module: CEREBRAS_MODULE },
] as const;

export type ProviderName = (typeof PROVIDERS)[number]['name'];

export const PROVIDER_NAMES: readonly ProviderName[] = PROVIDERS.map((provider) => provider.name);

/** The module specifiers the instrumentations patch, which an ESM loader hook must let through. */
export const INSTRUMENTED_MODULES: readonly string[] = PROVIDERS.flatMap((provider) => moduleSpecifiers(provider.module));
