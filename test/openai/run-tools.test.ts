import { describe, expect, it } from 'vitest';
import { expectFailed, failureOf, fixture, openAITestbed } from './testbed.js';

const bed = openAITestbed();

/** The app's tool: what it was asked, and its answer. */
function weatherTool(calls: unknown[]) {
  return {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      parse: (input: string) => JSON.parse(input) as { city: string },
      function: (args: { city: string }) => {
        calls.push(args);
        return { city: args.city, celsius: 14, sky: 'overcast' };
      },
    },
  };
}
const request = (calls: unknown[]) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Weather in Lyon?' }],
  tools: [weatherTool(calls)],
});

describe('chat.completions.runTools()', () => {
  it('gives each underlying API call one span, and no span of its own', async () => {
    const calls: unknown[] = [];
    const runner = bed.client.chat.completions.runTools(request(calls), fixture('chat-tool-call,chat-tool-answer'));
    expect(await runner.finalContent()).toBe('It is 14 °C and overcast in Lyon.');
    expect(calls).toEqual([{ city: 'Lyon' }]);
    expect(bed.server.requests).toHaveLength(2);
    const spans = bed.tracing.spans();
    expect(spans.map((span) => span.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
    expect([...bed.ends.endsBySpanId.values()]).toEqual([1, 1]);
    expect(spans.map((span) => span.attributes['gen_ai.response.id'])).toEqual([
      'chatcmpl-CfZ5toolcall00000000000001',
      'chatcmpl-CfZ5toolanswer0000000000002',
    ]);
    expect(spans.map((span) => span.attributes['gen_ai.response.finish_reasons'])).toEqual([['tool_calls'], ['stop']]);
    expect(spans.map((span) => span.attributes['gen_ai.usage.input_tokens'])).toEqual([81, 118]);
  });

  it('ends the span of the failing call as ERROR when the second call of the run fails', async () => {
    const runner = bed.client.chat.completions.runTools(request([]), fixture('chat-tool-call,error-500'));
    const failure = await failureOf(runner.finalContent());
    expect(failure).toBeInstanceOf(bed.sdk.InternalServerError);
    const spans = bed.tracing.spans();
    expect(spans.map((span) => span.attributes['llm_observer.call.outcome'])).toEqual(['completed', 'failed']);
    expectFailed(spans[1]!, 'InternalServerError');
    expect([...bed.ends.endsBySpanId.values()]).toEqual([1, 1]);
  });
});
