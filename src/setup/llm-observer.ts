import type { Context, Sampler } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { registerSettingsFromEnv } from '../environment.js';
import { AnthropicInstrumentation, type AnthropicInstrumentationConfig } from '../instrumentation/anthropic/instrumentation.js';
import { BedrockInstrumentation, type BedrockInstrumentationConfig } from '../instrumentation/bedrock/instrumentation.js';
import { CerebrasInstrumentation, type CerebrasInstrumentationConfig } from '../instrumentation/cerebras/instrumentation.js';
import { CohereInstrumentation, type CohereInstrumentationConfig } from '../instrumentation/cohere/instrumentation.js';
import { GeminiInstrumentation, type GeminiInstrumentationConfig } from '../instrumentation/gemini/instrumentation.js';
import { GroqInstrumentation, type GroqInstrumentationConfig } from '../instrumentation/groq/instrumentation.js';
import { MistralInstrumentation, type MistralInstrumentationConfig } from '../instrumentation/mistral/instrumentation.js';
import { OllamaInstrumentation, type OllamaInstrumentationConfig } from '../instrumentation/ollama/instrumentation.js';
import { OpenAIInstrumentation, type OpenAIInstrumentationConfig } from '../instrumentation/openai/instrumentation.js';
import { TogetherInstrumentation, type TogetherInstrumentationConfig } from '../instrumentation/together/instrumentation.js';
import { CostSpanProcessor, type CostSpanProcessorConfig } from '../processor/cost-span-processor.js';
import { PROVIDER_NAMES, type ProviderName } from './providers.js';
import { LlmCallRecordingSampler } from './sampler.js';

/**
 * A span processor of either OpenTelemetry JS line's trace SDK (`@opentelemetry/sdk-trace` on 3.x,
 * `@opentelemetry/sdk-trace-base` on 2.x), as NodeSDK takes it. Written out here, so that this
 * package's types name no trace SDK package: the app has the one of its own line.
 */
export interface SpanProcessor {
  onStart(span: never, parentContext: Context): void;
  onEnd(span: never): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The instrumentation of each provider of the list (./providers.ts): the compiler refuses a provider without one. */
const INSTRUMENTATIONS: { readonly [Name in ProviderName]: new (config: object) => Instrumentation } = {
  openai: OpenAIInstrumentation,
  anthropic: AnthropicInstrumentation,
  gemini: GeminiInstrumentation,
  bedrock: BedrockInstrumentation,
  groq: GroqInstrumentation,
  mistral: MistralInstrumentation,
  cohere: CohereInstrumentation,
  ollama: OllamaInstrumentation,
  together: TogetherInstrumentation,
  cerebras: CerebrasInstrumentation,
};

/** Options of {@link llmObserver}; every part is on unless set to `false`. */
export interface LlmObserverOptions {
  /** The OpenAI instrumentation's config, or `false` to leave `openai` untraced. */
  readonly openai?: OpenAIInstrumentationConfig | false;
  /** The Anthropic instrumentation's config, or `false` to leave `@anthropic-ai/sdk` untraced. */
  readonly anthropic?: AnthropicInstrumentationConfig | false;
  /** The Gemini instrumentation's config, or `false` to leave `@google/genai` (and `@google/generative-ai`) untraced. */
  readonly gemini?: GeminiInstrumentationConfig | false;
  /** The Amazon Bedrock instrumentation's config, or `false` to leave `@aws-sdk/client-bedrock-runtime` untraced. */
  readonly bedrock?: BedrockInstrumentationConfig | false;
  /** The Groq instrumentation's config, or `false` to leave `groq-sdk` untraced. */
  readonly groq?: GroqInstrumentationConfig | false;
  /** The Mistral AI instrumentation's config, or `false` to leave `@mistralai/mistralai` untraced. */
  readonly mistral?: MistralInstrumentationConfig | false;
  /** The Cohere instrumentation's config, or `false` to leave `cohere-ai` untraced. */
  readonly cohere?: CohereInstrumentationConfig | false;
  /** The Ollama instrumentation's config, or `false` to leave `ollama` untraced. */
  readonly ollama?: OllamaInstrumentationConfig | false;
  /** The Together AI instrumentation's config, or `false` to leave `together-ai` untraced. */
  readonly together?: TogetherInstrumentationConfig | false;
  /** The Cerebras instrumentation's config, or `false` to leave `@cerebras/cerebras_cloud_sdk` untraced. */
  readonly cerebras?: CerebrasInstrumentationConfig | false;
  /** The cost processor's config, or `false` for spans without cost attributes. */
  readonly cost?: CostSpanProcessorConfig | false;
  /**
   * The processors that export spans, placed after this package's processors. Defaults to none:
   * give your exporter here (`[new BatchSpanProcessor({ exporter })]`).
   */
  readonly exportingProcessors?: readonly SpanProcessor[];
  /**
   * The app's sampler. Given, the parts carry it with every LLM call recorded: a call whose trace
   * it does not sample is still priced and counted in the metrics and the report, and not
   * exported (./sampler.ts). Without it, a call whose span is not sampled is not seen at all.
   */
  readonly sampler?: Sampler;
}

/** What to hand a NodeSDK: `new NodeSDK({ ...llmObserver(), resource })`. */
export interface LlmObserverParts {
  readonly instrumentations: Instrumentation[];
  readonly spanProcessors: SpanProcessor[];
  /** The `sampler` option's, with every LLM call recorded when the cost processor is on; absent without the option. */
  readonly sampler?: Sampler;
}

/**
 * The instrumentations and span processors of this package, for an app that builds its own
 * OTel SDK: `new NodeSDK({ ...llmObserver({ exportingProcessors: [new BatchSpanProcessor({ exporter })] }) })`.
 * The cost processor comes first, so that the exporting processors see the cost on every OTel
 * JS line (see docs/cost.md).
 */
export function llmObserver(options: LlmObserverOptions = {}): LlmObserverParts {
  const instrumentations: Instrumentation[] = [];
  for (const name of PROVIDER_NAMES) {
    const config = options[name];
    if (config !== false) instrumentations.push(new INSTRUMENTATIONS[name](config ?? {}));
  }
  const spanProcessors: SpanProcessor[] = [];
  if (options.cost !== false) spanProcessors.push(new CostSpanProcessor(options.cost ?? {}));
  spanProcessors.push(...(options.exportingProcessors ?? []));
  const sampler = options.sampler === undefined || options.cost === false ? options.sampler : new LlmCallRecordingSampler(options.sampler);
  return sampler === undefined ? { instrumentations, spanProcessors } : { instrumentations, spanProcessors, sampler };
}

/**
 * The options `otel-llm-observer/register` builds its parts with, from the environment
 * (src/environment.ts reads it): the providers `OTEL_LLM_OBSERVER_PROVIDERS` lists, with tool names
 * as `OTEL_LLM_OBSERVER_TOOL_NAMES` says, and the pricing file, handed to the cost processor as its
 * `pricing` option so that a bad one is reported where register runs.
 */
export function optionsFromEnv(env?: NodeJS.ProcessEnv): LlmObserverOptions {
  const settings = registerSettingsFromEnv(PROVIDER_NAMES, env);
  const instrumentation = settings.recordToolNames ? {} : { recordToolNames: false };
  const options: { -readonly [Name in ProviderName]?: object | false } & { cost?: CostSpanProcessorConfig } = {};
  for (const name of PROVIDER_NAMES) options[name] = settings.providers === undefined || settings.providers.includes(name) ? instrumentation : false;
  if (settings.pricingFile !== undefined) options.cost = { pricing: settings.pricingFile };
  return options;
}
