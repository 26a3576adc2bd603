// An ESM TypeScript app: the `import` condition of the exports map, under module Node16 and under a bundler.
import { llmObserver, OpenAIInstrumentation } from 'otel-llm-observer';

export const parts = llmObserver({ openai: false });
export const instrumentation = new OpenAIInstrumentation();
