import type { Attributes } from '@opentelemetry/api';

/**
 * The token counts of a span that its price depends on, read as a cost processor reads them from
 * any producer: the conventions' names, with the cache-write total under either of the names the
 * conventions have had (`cache_creation`, which this package writes, or `cache_write`, which the
 * SDK's own tracing writes). Two spans with the same counts here cost the same.
 */
export function usageToPrice(span: { readonly attributes: Attributes }) {
  const { attributes } = span;
  return {
    inputTokens: attributes['gen_ai.usage.input_tokens'],
    cacheReadTokens: attributes['gen_ai.usage.cache_read.input_tokens'],
    cacheWriteTokens: attributes['gen_ai.usage.cache_creation.input_tokens'] ?? attributes['gen_ai.usage.cache_write.input_tokens'],
    cacheWrite5mTokens: attributes['anthropic.usage.cache_creation.ephemeral_5m_input_tokens'],
    cacheWrite1hTokens: attributes['anthropic.usage.cache_creation.ephemeral_1h_input_tokens'],
    outputTokens: attributes['gen_ai.usage.output_tokens'],
  };
}

/** The counts of the fixtures `message` and `message-stream`, the input inclusive of the cache. */
export const PRICED_USAGE = {
  // input_tokens 21, plus the 1800 read from and the 2100 written to the cache
  inputTokens: 3921,
  cacheReadTokens: 1800,
  cacheWriteTokens: 2100,
  cacheWrite5mTokens: 600,
  cacheWrite1hTokens: 1500,
  outputTokens: 9,
};

/**
 * What CostSpanProcessor makes of those counts for claude-sonnet-4-6 (data/pricing_v1.json: per
 * million tokens, input 3, cache read 0.30, 5-minute write 3.75, 1-hour write 6, output 15):
 * 21 × 3 + 1800 × 0.30 + 600 × 3.75 + 1500 × 6 + 9 × 15 = 11,988 per million, in USD.
 */
export const PRICED_COST_USD = 0.011988;
