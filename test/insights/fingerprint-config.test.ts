import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrefixHasher } from '../../src/instrumentation/prefix-fingerprint.js';
import { callSpans, FINGERPRINT_KEY, fixture, insightsBed, systemPromptOf } from './insights-bed.js';

/**
 * When the instrumentations fingerprint a call's prefix: on by default, off by the
 * `prefixFingerprints` option or OTEL_LLM_OBSERVER_FINGERPRINTS=false, keyed by the option's key,
 * else OTEL_LLM_OBSERVER_FINGERPRINT_KEY, else a random key.
 */

const bed = insightsBed();
const question = { model: 'claude-sonnet-4-6', max_tokens: 1024, system: systemPromptOf(1500), messages: [{ role: 'user' as const, content: 'Who approves expenses?' }] };

async function fingerprintOfOneCall(): Promise<unknown> {
  await bed.anthropic.messages.create(question, fixture('anthropic-uncached'));
  const span = callSpans(bed).at(-1);
  return span?.attributes['llm_observer.prefix.fingerprint'];
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env['OTEL_LLM_OBSERVER_FINGERPRINTS'];
  delete process.env['OTEL_LLM_OBSERVER_FINGERPRINT_KEY'];
  bed.anthropicInstrumentation.setConfig({ prefixFingerprints: { key: FINGERPRINT_KEY } });
});

describe('prefix fingerprints', () => {
  it('are on by default: 32 hex digits and the estimated size of the prefix', async () => {
    bed.anthropicInstrumentation.setConfig({});
    await bed.anthropic.messages.create(question, fixture('anthropic-uncached'));
    expect(callSpans(bed)[0]?.attributes).toMatchObject({
      'llm_observer.prefix.fingerprint': expect.stringMatching(/^[0-9a-f]{32}$/),
      'llm_observer.prefix.estimated_tokens': 1500,
    });
  });

  it('are off with prefixFingerprints.enabled false: no attribute, and no request is hashed', async () => {
    const fingerprint = vi.spyOn(PrefixHasher.prototype, 'fingerprint');
    bed.anthropicInstrumentation.setConfig({ prefixFingerprints: { enabled: false } });
    await bed.anthropic.messages.create(question, fixture('anthropic-uncached'));
    await bed.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: systemPromptOf(1500) }, { role: 'user', content: 'Hi' }] }, fixture('openai-uncached'));
    const [anthropicSpan, openaiSpan] = callSpans(bed);
    expect(anthropicSpan?.attributes['llm_observer.prefix.fingerprint']).toBeUndefined();
    expect(anthropicSpan?.attributes['llm_observer.prefix.estimated_tokens']).toBeUndefined();
    // The OpenAI instrumentation, left on, hashed its one request.
    expect(openaiSpan?.attributes['llm_observer.prefix.fingerprint']).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint).toHaveBeenCalledTimes(1);
  });

  it('are off with OTEL_LLM_OBSERVER_FINGERPRINTS=false, unless the option turns them on', async () => {
    process.env['OTEL_LLM_OBSERVER_FINGERPRINTS'] = 'false';
    const fingerprint = vi.spyOn(PrefixHasher.prototype, 'fingerprint');
    bed.anthropicInstrumentation.setConfig({});
    expect(await fingerprintOfOneCall()).toBeUndefined();
    expect(fingerprint).not.toHaveBeenCalled();
    bed.anthropicInstrumentation.setConfig({ prefixFingerprints: { enabled: true } });
    expect(await fingerprintOfOneCall()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('match across processes given the same key, by option or by OTEL_LLM_OBSERVER_FINGERPRINT_KEY', async () => {
    bed.anthropicInstrumentation.setConfig({ prefixFingerprints: { key: 'fleet-key-1' } });
    const byOption = await fingerprintOfOneCall();
    process.env['OTEL_LLM_OBSERVER_FINGERPRINT_KEY'] = 'fleet-key-1';
    bed.anthropicInstrumentation.setConfig({});
    expect(await fingerprintOfOneCall()).toBe(byOption);
    process.env['OTEL_LLM_OBSERVER_FINGERPRINT_KEY'] = 'fleet-key-2';
    bed.anthropicInstrumentation.setConfig({});
    expect(await fingerprintOfOneCall()).not.toBe(byOption);
  });

  it('differ between two instrumentation configs with random keys', async () => {
    bed.anthropicInstrumentation.setConfig({});
    const first = await fingerprintOfOneCall();
    bed.anthropicInstrumentation.setConfig({});
    expect(await fingerprintOfOneCall()).not.toBe(first);
  });

  it('are written on OpenAI Responses calls, over the instructions', async () => {
    await bed.openai.responses.create({ model: 'gpt-4.1', instructions: systemPromptOf(1200), input: 'Who approves expenses?' }, { headers: { 'x-fixture': 'openai/responses' } });
    expect(callSpans(bed)[0]?.attributes['llm_observer.prefix.estimated_tokens']).toBe(1200);
  });
});
