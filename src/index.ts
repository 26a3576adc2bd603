export { OpenAIInstrumentation, type OpenAIInstrumentationConfig } from './instrumentation/openai/instrumentation.js';
export { llmObserver, type LlmObserverOptions, type LlmObserverParts } from './setup/llm-observer.js';
