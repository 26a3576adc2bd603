import { describe, expect, it } from 'vitest';
import { callSpans, fixture, insightsBed, systemPromptOf } from './insights-bed.js';

/**
 * The cache insights price what caching would have saved exactly as the pricer priced the call:
 * with the entry its model ids matched, whichever rule matched them, and under the call's
 * conditions (service tier, fast mode, US inference, Bedrock profile).
 */

const bed = insightsBed();
const system = systemPromptOf(6000);

describe('a Claude Opus 4.6 call in fast mode that sent its prompt uncached', () => {
  /**
   * Three calls, each the same 6,000-token system prompt and a new question, answered in fast
   * mode with no cache reads or writes: 6,020 input and 50 output tokens. Opus 4.6's prices
   * ($5 input, $0.50 cache read, $6.25 5-minute write, $25 output per 1M tokens) times fast
   * mode's 6: $30, $3, $37.50, $150.
   * Each call costs 6,020 × 30 + 50 × 150 = 180,600 + 7,500 = $0.1881 per 1M → $0.1881.
   * Caching the prompt would have read it at 6,000 × (30 − 3) = $0.162 less, and written it once
   * at 6,000 × (37.50 − 30) = $0.045 more: the second call missed 0.162 − 0.045 = $0.117, the
   * third $0.162. At the standard rate these would be $0.0195 and $0.027.
   */
  async function askInFastMode(question: string): Promise<void> {
    await bed.anthropic.messages.create(
      { model: 'claude-opus-4-6', max_tokens: 1024, speed: 'fast', system, messages: [{ role: 'user', content: question }] },
      fixture('anthropic-fast-uncached'),
    );
  }

  it('claims the missed savings at the fast-mode rates the call was billed at', async () => {
    for (let index = 1; index <= 3; index++) await askInFastMode(`Question ${index}: who approves expenses?`);
    const spans = callSpans(bed);
    expect(spans.map((span) => span.attributes['llm_observer.cost.total_usd'])).toEqual([0.1881, 0.1881, 0.1881]);
    expect(spans[0]?.attributes['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    expect(spans[1]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.117, 9);
    expect(spans[2]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.162, 9);
  });

  it('reports $0.279 missed on claude-opus-4-6, the fast-mode amounts', async () => {
    for (let index = 1; index <= 3; index++) await askInFastMode(`Question ${index}: who approves expenses?`);
    const report = bed.processor.getReport();
    // 0.117 + 0.162 = 0.279
    expect(report.models.map(({ model, missedSavingsUsd }) => [model, missedSavingsUsd])).toEqual([['claude-opus-4-6', expect.closeTo(0.279, 9)]]);
    expect(report.recommendations.map(({ code, estimatedSavingsUsd }) => [code, estimatedSavingsUsd])).toEqual([
      ['anthropic.add_cache_control', expect.closeTo(0.279, 9)],
    ]);
  });
});

describe('an OpenAI call priced by its request model, behind a gateway that names its own route', () => {
  /**
   * Three chat completions requested as gpt-4o ($2.50 input, $1.25 cached input per 1M tokens),
   * answered by a gateway whose responses name the model `support-bot-route`, which the table does
   * not list: the pricer matches the request model (`llm_observer.pricing.match = request_model`).
   * The system message of 8,192 characters, its role included, is estimated at 2,050 tokens: the
   * second and third calls each missed 2,050 × (2.50 − 1.25) = $0.0025625 per 1M → $0.0025625.
   */
  it('gets the insights of the entry the pricer matched', async () => {
    for (let index = 1; index <= 3; index++) {
      await bed.openai.chat.completions.create(
        {
          model: 'gpt-4o',
          messages: [
            { role: 'system', content: systemPromptOf(2048) },
            { role: 'user', content: `Question ${index}: who approves expenses?` },
          ],
        },
        fixture('openai-gateway-uncached'),
      );
    }
    const spans = callSpans(bed);
    expect(spans.map((span) => [span.attributes['llm_observer.pricing.entry'], span.attributes['llm_observer.pricing.match']])).toEqual(
      Array(3).fill(['gpt-4o', 'request_model']),
    );
    expect(spans[0]?.attributes['llm_observer.cache.missed_savings_usd']).toBeUndefined();
    expect(spans[1]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0025625, 9);
    expect(spans[2]?.attributes['llm_observer.cache.missed_savings_usd']).toBeCloseTo(0.0025625, 9);
    expect(spans[2]?.attributes['llm_observer.cache.recommendation']).toBe('openai.set_prompt_cache_key');
  });
});
