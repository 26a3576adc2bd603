import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CostSpanProcessor } from '../../src/index.js';
import { setupTracing } from '../support/tracing.js';

/**
 * Model ids as they reach spans in the wild, each with the entry of data/pricing_v1.json that
 * must price it and the rule that must find it (docs/cost.md, "Matching"), written by hand from
 * the providers' model lists: OpenAI's model pages and Azure OpenAI's model names; Anthropic's
 * models overview with its Bedrock (`anthropic.…-v1:0`, `-v1` from 4.6 on, `us.`/`eu.`/`apac.`/
 * `jp.`/`au.`/`us-gov.`/`global.` profiles, ARNs) and Vertex AI (`…@YYYYMMDD`) columns
 * (REFERENCE.md §6); OpenRouter's and LiteLLM's `provider/model` names. `null`: no entry, the
 * span is `unknown_model`.
 */

const tracing = setupTracing([], [new CostSpanProcessor()]);

/** The attributes of one span naming `attributes`' models, with usage, as exported. */
function priced(attributes: Attributes): Attributes {
  tracing.reset();
  tracing.provider
    .getTracer('matching-test')
    .startSpan('chat', { attributes: { ...attributes, 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 10 } })
    .end();
  return tracing.spans()[0]?.attributes ?? {};
}

type Rule = 'exact' | 'snapshot' | 'request_model' | 'platform' | 'alias';
type Row = readonly [modelId: string, entry: string | null, rule?: Rule];

const ID_FORMS: readonly Row[] = [
  // --- OpenAI: aliases and the snapshots the table lists ---
  ['gpt-4o', 'gpt-4o', 'exact'],
  ['gpt-4o-2024-08-06', 'gpt-4o', 'exact'],
  ['gpt-4o-2024-11-20', 'gpt-4o', 'exact'],
  ['gpt-4o-2024-05-13', 'gpt-4o-2024-05-13', 'exact'], // the launch snapshot keeps its own price
  ['gpt-4o-mini', 'gpt-4o-mini', 'exact'],
  ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini', 'exact'],
  ['gpt-4.1', 'gpt-4.1', 'exact'],
  ['gpt-4.1-2025-04-14', 'gpt-4.1', 'exact'],
  ['gpt-4.1-mini-2025-04-14', 'gpt-4.1-mini', 'exact'],
  ['gpt-4.1-nano', 'gpt-4.1-nano', 'exact'],
  ['gpt-5', 'gpt-5', 'exact'],
  ['gpt-5-2025-08-07', 'gpt-5', 'exact'],
  ['gpt-5-mini-2025-08-07', 'gpt-5-mini', 'exact'],
  ['gpt-5-nano-2025-08-07', 'gpt-5-nano', 'exact'],
  ['gpt-5.4', 'gpt-5.4', 'exact'],
  ['gpt-5.4-mini-2026-03-17', 'gpt-5.4-mini', 'exact'],
  ['gpt-5.4-nano-2026-03-17', 'gpt-5.4-nano', 'exact'],
  ['gpt-5.5-2026-04-23', 'gpt-5.5', 'exact'],
  ['gpt-5.6-terra', 'gpt-5.6-terra', 'exact'],
  ['gpt-6.1-sol', 'gpt-6.1-sol', 'exact'],
  ['gpt-6.2-sol', 'gpt-6.2-sol', 'exact'],
  ['gpt-6.2-astra', 'gpt-6.2-astra', 'exact'],
  ['gpt-5.2-2025-12-11', 'gpt-5.2', 'exact'],
  ['gpt-5.1-2025-11-13', 'gpt-5.1', 'exact'],
  ['o3', 'o3', 'exact'],
  ['o3-2025-04-16', 'o3', 'exact'],
  ['o4-mini-2025-04-16', 'o4-mini', 'exact'],
  ['o1-2024-12-17', 'o1', 'exact'],
  ['o3-mini-2025-01-31', 'o3-mini', 'exact'],
  ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo', 'exact'],
  ['gpt-4-0613', 'gpt-4', 'exact'],
  ['text-embedding-3-small', 'text-embedding-3-small', 'exact'],
  // --- OpenAI: dated snapshots the table does not list ---
  ['gpt-5.4-2026-03-05', 'gpt-5.4', 'snapshot'], // what gpt-5.4 answers as
  ['gpt-5.5-2026-09-01', 'gpt-5.5', 'snapshot'],
  ['gpt-5.6-terra-2026-07-30', 'gpt-5.6-terra', 'snapshot'],
  ['o3-2026-01-15', 'o3', 'snapshot'],
  ['o4-mini-2026-02-10', 'o4-mini', 'snapshot'],
  ['gpt-4o-2025-06-01', 'gpt-4o', 'snapshot'],
  ['gpt-4.1-mini-2026-01-01', 'gpt-4.1-mini', 'snapshot'], // gpt-4.1-mini, not gpt-4.1
  ['gpt-5-mini-2026-01-01', 'gpt-5-mini', 'snapshot'],
  // --- case ---
  ['GPT-4o', 'gpt-4o', 'exact'],
  ['GPT-4O-MINI', 'gpt-4o-mini', 'exact'],
  ['Claude-Sonnet-4-5', 'claude-sonnet-4-5', 'exact'],
  ['GPT-5.4-2026-03-05', 'gpt-5.4', 'snapshot'],
  // --- Azure OpenAI ---
  ['gpt-35-turbo', 'gpt-3.5-turbo', 'platform'],
  ['gpt-35-turbo-16k', 'gpt-3.5-turbo-16k', 'platform'],
  ['gpt-35-turbo-instruct', 'gpt-3.5-turbo-instruct', 'platform'],
  ['gpt-35-turbo-0125', 'gpt-3.5-turbo', 'platform'],
  ['azure/gpt-4o', 'gpt-4o', 'platform'],
  ['azure/gpt-4.1-mini', 'gpt-4.1-mini', 'platform'],
  // --- routers ---
  ['openai/gpt-4o', 'gpt-4o', 'platform'],
  ['openai/gpt-4o-mini-2024-07-18', 'gpt-4o-mini', 'platform'],
  ['openai/gpt-5.4-2026-03-05', 'gpt-5.4', 'platform'],
  ['openai/gpt-4o-2024-05-13', 'gpt-4o-2024-05-13', 'platform'],
  ['openrouter/openai/gpt-5', 'gpt-5', 'platform'],
  ['openrouter/openai/o4-mini', 'o4-mini', 'platform'],
  ['openai/gpt-6-astra', 'gpt-6-astra', 'platform'],
  ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5', 'platform'],
  ['anthropic/claude-opus-4.1', 'claude-opus-4-1', 'platform'],
  ['anthropic/claude-3.5-haiku', 'claude-3-5-haiku', 'platform'],
  ['anthropic/claude-3.7-sonnet', 'claude-3-7-sonnet', 'platform'],
  ['anthropic/claude-fable-5.2', 'claude-fable-5-2', 'platform'],
  ['openrouter/anthropic/claude-sonnet-4.6', 'claude-sonnet-4-6', 'platform'],
  ['openrouter/anthropic/claude-haiku-4.5', 'claude-haiku-4-5', 'platform'],
  ['anthropic/claude-sonnet-4-5-20250929', 'claude-sonnet-4-5', 'platform'],
  ['claude-sonnet-4.5', 'claude-sonnet-4-5', 'platform'],
  // --- Bedrock ---
  ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 'exact'],
  ['anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku', 'exact'],
  ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 'platform'],
  ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 'platform'],
  ['au.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 'platform'],
  ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 'platform'],
  ['apac.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4', 'platform'],
  ['jp.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5', 'platform'],
  ['us-gov.anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet', 'platform'],
  ['global.anthropic.claude-opus-4-5-20251101-v1:0', 'claude-opus-4-5', 'platform'],
  ['anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6', 'platform'],
  ['us.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6', 'platform'],
  ['anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku', 'platform'],
  ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet', 'platform'],
  ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 'platform'],
  ['arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5', 'platform'],
  ['bedrock/anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku', 'platform'],
  ['bedrock/us.anthropic.claude-opus-4-1-20250805-v1:0', 'claude-opus-4-1', 'platform'],
  ['BEDROCK/US.ANTHROPIC.CLAUDE-SONNET-4-5-20250929-V1:0', 'claude-sonnet-4-5', 'platform'],
  // an application inference profile names no model: its ARN is the user's own
  ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6', null],
  // --- Vertex AI ---
  ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5', 'exact'],
  ['claude-opus-4-1@20250805', 'claude-opus-4-1', 'exact'],
  ['claude-haiku-4-5@20251001', 'claude-haiku-4-5', 'exact'],
  ['claude-sonnet-4@20250514', 'claude-sonnet-4', 'exact'],
  ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet', 'platform'],
  ['claude-3-7-sonnet@20250219', 'claude-3-7-sonnet', 'platform'],
  ['claude-3-haiku@20240307', 'claude-3-haiku', 'platform'],
  ['claude-opus-4-5@20260101', 'claude-opus-4-5', 'platform'], // a Vertex date the table does not list
  ['vertex_ai/claude-sonnet-4-5@20250929', 'claude-sonnet-4-5', 'platform'],
  ['publishers/anthropic/models/claude-opus-4-5@20251101', 'claude-opus-4-5', 'platform'],
  // --- Anthropic: aliases and snapshots ---
  ['claude-opus-4-6', 'claude-opus-4-6', 'exact'],
  ['claude-sonnet-4-0', 'claude-sonnet-4', 'exact'],
  ['claude-sonnet-4-20250514', 'claude-sonnet-4', 'exact'],
  ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5', 'exact'],
  ['claude-opus-4-20250514', 'claude-opus-4', 'exact'],
  ['claude-3-5-haiku-latest', 'claude-3-5-haiku', 'exact'],
  ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet', 'exact'],
  ['claude-haiku-4-5-20251001', 'claude-haiku-4-5', 'exact'],
  ['claude-sonnet-5', 'claude-sonnet-5', 'exact'],
  ['claude-opus-5-5', 'claude-opus-5-5', 'exact'],
  ['claude-haiku-5-5', 'claude-haiku-5-5', 'exact'],
  ['claude-sonnet-4-6-20260217', 'claude-sonnet-4-6', 'snapshot'],
  ['claude-opus-4-7-20260401', 'claude-opus-4-7', 'snapshot'],
  ['claude-sonnet-4-20250601', 'claude-sonnet-4', 'snapshot'], // the entry's own id names the model
  ['claude-opus-4-1-20251231', 'claude-opus-4-1', 'snapshot'],
  // --- Gemini: the ids of @google/genai's Model union, Vertex AI's versioned ids, resource names ---
  ['gemini-3.8-flash', 'gemini-3.8-flash', 'exact'],
  ['gemini-4-argon', 'gemini-4-argon', 'exact'],
  ['gemini-4-neon', 'gemini-4-neon', 'exact'],
  ['gemini-3.1-pro-preview-customtools', 'gemini-3.1-pro-preview', 'exact'],
  ['gemini-2.0-flash-001', 'gemini-2.0-flash', 'exact'],
  ['models/gemini-3.5-flash', 'gemini-3.5-flash', 'platform'],
  ['publishers/google/models/gemini-2.5-pro', 'gemini-2.5-pro', 'platform'],
  ['gemini-3.1-flash-lite-image', 'gemini-3.1-flash-lite-image', 'exact'], // not gemini-3.1-flash-lite's
  ['gemini-3.8-flash-tts', null], // knowingly unpriced: no provider's price found; never gemini-3.8-flash's
  ['gemini-flash-latest', null], // an alias: priced only by the model its response names
  // --- never a guess across families ---
  ['gpt-5.4-pro', null],
  ['gpt-5.4-pro-2026-03-05', null],
  ['claude-opus-5-6', null],
  ['claude-mythos-5-2', null], // knowingly unpriced
  ['gpt-6.2-astra-law', null], // knowingly unpriced; never gpt-6.2-astra's
  ['gpt-6', null],
  ['ft:gpt-4o-mini-2024-07-18:acme::b7x2k9', null],
  ['my-gpt4o-deployment', null],
  ['mistral-large-latest', null],
  ['anthropic/claude-opus-5.6', null],
  ['us.anthropic.claude-sonnet-9-9-20300101-v1:0', null],
];

describe('the pricing entry of a model id', () => {
  it('covers at least 100 id forms', () => {
    expect(ID_FORMS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(ID_FORMS)('%s → %s by %s', (modelId, entry, rule) => {
    const attributes = priced({ 'gen_ai.response.model': modelId, 'gen_ai.request.model': modelId });
    if (entry === null) {
      expect(attributes['llm_observer.cost.unpriced_reason']).toBe('unknown_model');
      expect(attributes['llm_observer.pricing.match']).toBeUndefined();
    } else {
      expect([attributes['llm_observer.pricing.entry'], attributes['llm_observer.pricing.match']]).toEqual([entry, rule]);
    }
  });
});

describe('the request model', () => {
  it('does not matter once the response model is listed (an Azure deployment name)', () => {
    const attributes = priced({ 'gen_ai.response.model': 'gpt-4.1-2025-04-14', 'gen_ai.request.model': 'prod-gpt41-eastus' });
    expect([attributes['llm_observer.pricing.entry'], attributes['llm_observer.pricing.match']]).toEqual(['gpt-4.1', 'exact']);
  });

  it('prices the span when the response model matches nothing', () => {
    const attributes = priced({ 'gen_ai.response.model': 'gateway-route-7', 'gen_ai.request.model': 'gpt-4o-mini' });
    expect([attributes['llm_observer.pricing.entry'], attributes['llm_observer.pricing.match']]).toEqual(['gpt-4o-mini', 'request_model']);
  });

  it('matches by the rules of a response model when the span has no response model', () => {
    const attributes = priced({ 'gen_ai.request.model': 'gpt-5.4-2026-03-05' });
    expect([attributes['llm_observer.pricing.entry'], attributes['llm_observer.pricing.match']]).toEqual(['gpt-5.4', 'snapshot']);
  });

  it('is tried before the platform form of the response model', () => {
    const attributes = priced({ 'gen_ai.response.model': 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'gen_ai.request.model': 'claude-sonnet-4-5' });
    expect([attributes['llm_observer.pricing.entry'], attributes['llm_observer.pricing.match']]).toEqual(['claude-sonnet-4-5', 'request_model']);
  });

  it('does not price a response model the table knowingly leaves unpriced', () => {
    const attributes = priced({ 'gen_ai.response.model': 'claude-mythos-5-2', 'gen_ai.request.model': 'claude-mythos-5-1' });
    expect(attributes['llm_observer.cost.unpriced_reason']).toBe('unknown_model');
  });
});
