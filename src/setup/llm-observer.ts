import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import {
  OpenAIInstrumentation,
  type OpenAIInstrumentationConfig,
} from '../instrumentation/openai/instrumentation.js';

/** Options of {@link llmObserver}; every part is on unless set to `false`. */
export interface LlmObserverOptions {
  /** The OpenAI instrumentation's config, or `false` to leave `openai` untraced. */
  readonly openai?: OpenAIInstrumentationConfig | false;
  /**
   * The processors that export spans, placed after this package's processors. Defaults to none:
   * give your exporter here (`[new BatchSpanProcessor({ exporter })]`).
   */
  readonly exportingProcessors?: readonly SpanProcessor[];
}

/** What to hand a NodeSDK: `new NodeSDK({ ...llmObserver(), resource })`. */
export interface LlmObserverParts {
  readonly instrumentations: Instrumentation[];
  readonly spanProcessors: SpanProcessor[];
}

/**
 * The instrumentations and span processors of this package, for an app that builds its own
 * OTel SDK: `new NodeSDK({ ...llmObserver({ exportingProcessors: [new BatchSpanProcessor({ exporter })] }) })`.
 */
export function llmObserver(options: LlmObserverOptions = {}): LlmObserverParts {
  const instrumentations: Instrumentation[] = [];
  if (options.openai !== false) instrumentations.push(new OpenAIInstrumentation(options.openai ?? {}));
  return { instrumentations, spanProcessors: [...(options.exportingProcessors ?? [])] };
}
