import { metrics, type AttributeValue, type Attributes, type Counter, type Histogram, type UpDownCounter } from '@opentelemetry/api';
import type { CallInsight } from '../insights/engine.js';
import type { CallRecord } from '../call-record.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_LLM_OBSERVER_CACHE_RECOMMENDATION,
  ATTR_LLM_OBSERVER_PRICING_ENTRY,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_LLM_OBSERVER_CLIENT_CACHE_MISSED_SAVINGS,
  METRIC_LLM_OBSERVER_CLIENT_CACHE_SAVINGS,
  METRIC_LLM_OBSERVER_CLIENT_COST,
} from '../../semconv.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';

/**
 * The metrics of ended calls, through the OTel metrics API (the application's meter provider):
 * - the GenAI conventions' `gen_ai.client.token.usage` and `gen_ai.client.operation.duration`,
 *   for the spans of this package's instrumentations only: other instrumentations record their
 *   own, and recording theirs too would count their calls twice;
 * - this package's USD sums, cost, net cache savings and missed savings, for every priced span,
 *   by provider and pricing entry (a bounded set, where model ids are not); the missed savings
 *   also by the recommendation that would have saved them (one per provider).
 */

/** The conventions' advised buckets: powers of 4 from 1 to 4^13 tokens. */
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
/** The conventions' advised buckets: doubling from 0.01 s to 81.92 s. */
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

const OWN_SCOPE_PREFIX = `${PACKAGE_NAME}/`;

interface Instruments {
  readonly tokenUsage: Histogram;
  readonly duration: Histogram;
  readonly cost: Counter;
  readonly cacheSavings: UpDownCounter;
  readonly missedSavings: Counter;
}

function createInstruments(): Instruments {
  const meter = metrics.getMeter(PACKAGE_NAME, PACKAGE_VERSION);
  return {
    tokenUsage: meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
      unit: '{token}',
      description: 'Number of input and output tokens used',
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    }),
    duration: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, {
      unit: 's',
      description: 'GenAI operation duration',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    cost: meter.createCounter(METRIC_LLM_OBSERVER_CLIENT_COST, { unit: 'USD', description: 'The cost of priced LLM API calls' }),
    // Net savings go negative when cache writes do not pay back: not a monotonic counter.
    cacheSavings: meter.createUpDownCounter(METRIC_LLM_OBSERVER_CLIENT_CACHE_SAVINGS, {
      unit: 'USD',
      description: 'The net prompt-cache savings of priced LLM API calls',
    }),
    missedSavings: meter.createCounter(METRIC_LLM_OBSERVER_CLIENT_CACHE_MISSED_SAVINGS, {
      unit: 'USD',
      description: 'What prompt caching would have saved on LLM API calls that used no cache',
    }),
  };
}

export class CallMetrics {
  /**
   * Made at the first call, not with the processor: the metrics API hands out no-op meters until
   * the application registers its meter provider, which NodeSDK does after the processors exist.
   */
  private instruments: Instruments | undefined;
  /**
   * The attribute sets of the last call recorded, reused while the calls carry the same values (an
   * application calls few models, on few servers): a set is never changed once handed to the
   * meter, so one set can stand for many calls.
   */
  private readonly callSets = new CallAttributeSets();
  private byModel: Attributes = {};
  private byModelEntry: string | undefined;
  private byModelProvider: string | undefined;
  /** The last scope a call came from, and whether it is one of this package's instrumentations': the calls come from few scopes. */
  private lastScope: string | undefined;
  private lastScopeIsOwn = false;

  /** Records `call` and the missed savings the insights found on it. */
  record(call: CallRecord, insight: CallInsight): void {
    const instruments = (this.instruments ??= createInstruments());
    if (this.isOwnScope(call.scope)) recordConventionMetrics(instruments, call, this.callSets.of(call));
    if (call.model === undefined || call.costUsd === undefined) return;
    const byModel = this.byModelOf(call.model.id, call.provider);
    instruments.cost.add(call.costUsd, byModel);
    if (call.cacheSavingsUsd !== undefined && call.cacheSavingsUsd !== 0) instruments.cacheSavings.add(call.cacheSavingsUsd, byModel);
    const recommendation = insight.providerCache?.cacheThePrefix;
    if (insight.missedSavingsUsd > 0 && recommendation !== undefined) {
      instruments.missedSavings.add(insight.missedSavingsUsd, { ...byModel, [ATTR_LLM_OBSERVER_CACHE_RECOMMENDATION]: recommendation });
    }
  }

  /** Whether `scope` is one of this package's instrumentations', which the conventions' metrics are recorded for. */
  private isOwnScope(scope: string | undefined): boolean {
    if (scope !== this.lastScope) {
      this.lastScopeIsOwn = scope?.startsWith(OWN_SCOPE_PREFIX) === true;
      this.lastScope = scope;
    }
    return this.lastScopeIsOwn;
  }

  /** The USD sums' attributes: the pricing entry, and the provider when the span names one. */
  private byModelOf(entryId: string, provider: string | undefined): Attributes {
    if (entryId === this.byModelEntry && provider === this.byModelProvider && this.byModelEntry !== undefined) return this.byModel;
    const byModel: Attributes = { [ATTR_LLM_OBSERVER_PRICING_ENTRY]: entryId };
    if (provider !== undefined) byModel[ATTR_GEN_AI_PROVIDER_NAME] = provider;
    this.byModel = byModel;
    this.byModelEntry = entryId;
    this.byModelProvider = provider;
    return byModel;
  }
}

/** The span attributes the conventions put on both histograms, when the span has them, in the order of {@link CallAttributeSets}' values. */
const CALL_ATTRIBUTES = [
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
] as const;

/** The attribute sets of the conventions' histograms for one combination of {@link CALL_ATTRIBUTES}' values and error type. */
class CallAttributeSets {
  /** The values the sets were made of, in the order of {@link CALL_ATTRIBUTES}. */
  private readonly values: (AttributeValue | undefined)[] = [];
  private errorType: AttributeValue | undefined;
  private made = false;
  duration: Attributes = {};
  input: Attributes = {};
  output: Attributes = {};

  /**
   * The sets of `call`: this one's, made again only when a value differs from the last call's.
   * The values are compared one by one, not through a function per attribute: this runs for
   * every call, and a call per attribute costs more than the comparison until V8 optimizes it.
   */
  of(call: CallRecord): this {
    const values = this.values;
    if (
      this.made &&
      call.errorType === this.errorType &&
      call.operationName === values[0] &&
      call.provider === values[1] &&
      call.requestModelAttribute === values[2] &&
      call.responseModelAttribute === values[3] &&
      call.serverAddress === values[4] &&
      call.serverPort === values[5]
    ) {
      return this;
    }
    this.made = true;
    values[0] = call.operationName;
    values[1] = call.provider;
    values[2] = call.requestModelAttribute;
    values[3] = call.responseModelAttribute;
    values[4] = call.serverAddress;
    values[5] = call.serverPort;
    const attributes: Attributes = {};
    for (let index = 0; index < CALL_ATTRIBUTES.length; index++) {
      const value = values[index];
      if (value !== undefined) attributes[CALL_ATTRIBUTES[index] as (typeof CALL_ATTRIBUTES)[number]] = value;
    }
    const errorType = (this.errorType = call.errorType);
    this.duration = errorType === undefined ? attributes : { ...attributes, [ATTR_ERROR_TYPE]: errorType };
    this.input = { ...attributes, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' };
    this.output = { ...attributes, [ATTR_GEN_AI_TOKEN_TYPE]: 'output' };
    return this;
  }
}

function recordConventionMetrics(instruments: Instruments, call: CallRecord, sets: CallAttributeSets): void {
  instruments.duration.record(call.durationS, sets.duration);
  // A call billed by the duration of its audio counts no tokens: none to record, not zeros.
  if (!call.hasUsage || !call.tokensKnown) return;
  instruments.tokenUsage.record(call.usage.inputTokens, sets.input);
  instruments.tokenUsage.record(call.usage.outputTokens, sets.output);
}
