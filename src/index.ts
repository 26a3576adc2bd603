export { OpenAIInstrumentation, type OpenAIInstrumentationConfig } from './instrumentation/openai/instrumentation.js';
