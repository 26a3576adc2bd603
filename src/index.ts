export { OpenAIInstrumentation, type OpenAIInstrumentationConfig } from './instrumentation/openai/instrumentation.js';
export {
  AnthropicInstrumentation,
  type AnthropicInstrumentationConfig,
} from './instrumentation/anthropic/instrumentation.js';
export { GeminiInstrumentation, type GeminiInstrumentationConfig } from './instrumentation/gemini/instrumentation.js';
export { BedrockInstrumentation, type BedrockInstrumentationConfig } from './instrumentation/bedrock/instrumentation.js';
export { GroqInstrumentation, type GroqInstrumentationConfig } from './instrumentation/groq/instrumentation.js';
export { MistralInstrumentation, type MistralInstrumentationConfig } from './instrumentation/mistral/instrumentation.js';
export { CohereInstrumentation, type CohereInstrumentationConfig } from './instrumentation/cohere/instrumentation.js';
export { OllamaInstrumentation, type OllamaInstrumentationConfig } from './instrumentation/ollama/instrumentation.js';
export { TogetherInstrumentation, type TogetherInstrumentationConfig } from './instrumentation/together/instrumentation.js';
export { CerebrasInstrumentation, type CerebrasInstrumentationConfig } from './instrumentation/cerebras/instrumentation.js';
export { registerLoaderHook } from './setup/loader-hook.js';
export { llmObserver, type LlmObserverOptions, type LlmObserverParts } from './setup/llm-observer.js';
export { CostSpanProcessor, type CostSpanProcessorConfig } from './processor/cost-span-processor.js';
export type { PricingFile } from './pricing/pricing-file.js';
export type { CaptureModeSetting, ContentCaptureConfig } from './privacy/capture-mode.js';
export type { RedactCallback, RedactionContext, RedactionOptions } from './privacy/redaction.js';
export type { PrefixFingerprintOptions } from './instrumentation/prefix-attributes.js';
export type { ModelUsage, Recommendation, UsageReport } from './processor/report/usage-report.js';
