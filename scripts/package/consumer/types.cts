// A CommonJS TypeScript app (module Node16: the `require` condition of the exports map).
import { llmObserver, OpenAIInstrumentation } from 'otel-llm-observer';

export const parts = llmObserver({ openai: false });
export const instrumentation = new OpenAIInstrumentation();
