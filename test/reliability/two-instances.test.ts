import { describe, expect, it } from 'vitest';
import { reliabilityBed } from './bed.js';
import { APP_CALLS } from './calls.js';

/**
 * An app that registers each instrumentation twice (two `llmObserver()`s, or one and a hand-made
 * instance), both before it loads the SDKs: the first instance wraps each method, and the second
 * finds it wrapped and leaves it. Each call still has one span, not two.
 */

const bed = await reliabilityBed({ instances: 2 });

describe.each(['openai', 'anthropic', 'gemini', 'bedrock'])('with two %s instrumentations registered', (provider) => {
  it.each(APP_CALLS.filter(({ name }) => name.startsWith(provider)).map((call) => [call.name, call] as const))(
    '%s has one span',
    async (_, call) => {
      await call.run(bed);
      expect(bed.tracing.spans().map((span) => span.instrumentationScope.name)).toEqual([`otel-llm-observer/${provider}`]);
      expect([...bed.ends.endsBySpanId.values()]).toEqual([1]);
    },
  );
});
