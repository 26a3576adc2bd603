import {
  SamplingDecision,
  type Attributes,
  type Context,
  type Link,
  type Sampler,
  type SamplingResult,
  type SpanKind,
} from '@opentelemetry/api';
import type { SamplerSettings } from '../environment.js';
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_SYSTEM, OPENINFERENCE_SPAN_KIND, SPAN_LLM_OBSERVER_REPORT } from '../semconv.js';
import type { AppSdk } from './app-sdk.js';

/** OpenInference's kinds of span that are a model call. */
const OPENINFERENCE_CALL_KINDS: ReadonlySet<unknown> = new Set(['LLM', 'EMBEDDING']);

/**
 * Whether a span that starts with `attributes` is an LLM call's, by the attributes the GenAI
 * conventions ask a producer to set at a span's start for samplers to read: this package's spans,
 * `@anthropic-ai/sdk`'s own and those of any producer of the conventions; `gen_ai.system` for
 * producers of their older versions; OpenInference's span kind.
 */
function isLlmCall(attributes: Attributes | undefined): boolean {
  if (attributes === undefined) return false;
  return (
    attributes[ATTR_GEN_AI_OPERATION_NAME] !== undefined ||
    attributes[ATTR_GEN_AI_PROVIDER_NAME] !== undefined ||
    attributes[ATTR_GEN_AI_SYSTEM] !== undefined ||
    OPENINFERENCE_CALL_KINDS.has(attributes[OPENINFERENCE_SPAN_KIND])
  );
}

/**
 * The app's sampler, with every LLM call recorded: where the app's sampler drops an LLM call's
 * span, the span is recorded all the same, without the sampled flag (`RECORD`), so that the cost
 * processor prices it and counts it in the metrics and the report, and no exporting processor
 * exports it (they export sampled spans only); the trace the app samples is unchanged. The
 * report's span, one a process at shutdown, is always sampled: it is the account of every call.
 * Every other span is sampled as the app's sampler says.
 */
export class LlmCallRecordingSampler implements Sampler {
  constructor(private readonly appSampler: Sampler) {}

  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const result = this.appSampler.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    if (result.decision !== SamplingDecision.NOT_RECORD) return result;
    if (spanName === SPAN_LLM_OBSERVER_REPORT) return { ...result, decision: SamplingDecision.RECORD_AND_SAMPLED };
    return isLlmCall(attributes) ? { ...result, decision: SamplingDecision.RECORD } : result;
  }

  toString(): string {
    return `LlmCallRecordingSampler{${this.appSampler.toString()}}`;
  }
}

/** The sampler `OTEL_TRACES_SAMPLER` names (src/environment.ts reads it), built from the app's own trace SDK, as NodeSDK builds it. */
export function appSampler(trace: AppSdk['trace'], settings: SamplerSettings): Sampler {
  const root = (name: string): Sampler => {
    if (name === 'always_off') return new trace.AlwaysOffSampler();
    if (name === 'traceidratio') return new trace.TraceIdRatioBasedSampler(settings.ratio);
    return new trace.AlwaysOnSampler();
  };
  const name = settings.name;
  return name.startsWith('parentbased_') ? new trace.ParentBasedSampler({ root: root(name.slice('parentbased_'.length)) }) : root(name);
}
