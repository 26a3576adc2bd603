import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { API_KEY, fixture, openAITestbed } from './testbed.js';

const bed = openAITestbed();

/** Texts that must never reach a span: what the app sent and what the model answered. */
const PROMPT = 'Plan the surprise party for Ingrid on the 14th';
const INSTRUCTIONS = 'You are the private assistant of the Lindqvist family';
const TOOL_ARGUMENTS = '{"city":"Lyon"}';

/** Every text a span carries: its name, status message, attribute values, events and links. */
function everythingSpansSay(spans: ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((span) => [span.name, span.status, span.attributes, span.events, span.links]),
  );
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const event of stream) void event;
}

const calls: [string, () => Promise<unknown>, string[]][] = [
  [
    'a chat completion',
    () => bed.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: INSTRUCTIONS }, { role: 'user', content: PROMPT }] }, fixture('chat')),
    ['The capital of France is Paris.'],
  ],
  [
    'a streamed chat completion',
    async () => drain(await bed.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], stream: true }, fixture('chat-stream'))),
    ['The capital of France is Paris.', ' capital'],
  ],
  [
    'a Responses API call with instructions',
    () => bed.client.responses.create({ model: 'gpt-5.6', instructions: INSTRUCTIONS, input: PROMPT }, fixture('responses')),
    ['Use a partial index on the rows where archived_at is null.'],
  ],
  [
    'a streamed Responses API call',
    async () => drain(await bed.client.responses.create({ model: 'gpt-5.6', input: PROMPT, stream: true }, fixture('responses-stream'))),
    ['Index the foreign keys first.', ' foreign'],
  ],
  [
    'a legacy completion',
    () => bed.client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: PROMPT }, fixture('completion')),
    ['Roses are red'],
  ],
  [
    'an embeddings call',
    () => bed.client.embeddings.create({ model: 'text-embedding-3-small', input: [PROMPT] }, fixture('embeddings')),
    ['8IVJPBHHOr1TlqE9UkmdOt9PDb262oo9WYa4vVuxvzw='],
  ],
  [
    'a call that fails with an error message that quotes the request',
    () => bed.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] }, fixture('error-400')).catch(() => undefined),
    ["'narrator' is not one of", 'Invalid'],
  ],
  [
    'a call refused for its API key',
    () => bed.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] }, fixture('error-401')).catch(() => undefined),
    ['Incorrect API key provided', 'sk-test-*******-key'],
  ],
];

describe('by default, no span carries content', () => {
  it.each(calls)('the spans of %s hold neither the prompt, the instructions, the answer nor the API key', async (_, call, answerTexts) => {
    await call();
    const said = everythingSpansSay(bed.tracing.spans());
    expect(bed.tracing.spans()).toHaveLength(1);
    for (const secret of [PROMPT, INSTRUCTIONS, API_KEY, ...answerTexts]) expect(said).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  it('the spans of a runTools() run hold neither the tool arguments nor what the tool returned', async () => {
    const runner = bed.client.chat.completions.runTools(
      {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: PROMPT }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Current weather in a city',
              parameters: { type: 'object', properties: { city: { type: 'string' } } },
              parse: (input: string) => JSON.parse(input) as { city: string },
              function: () => ({ sky: 'drizzle over the Saône' }),
            },
          },
        ],
      },
      fixture('chat-tool-call,chat-tool-answer'),
    );
    await runner.finalContent();
    const said = everythingSpansSay(bed.tracing.spans());
    expect(bed.tracing.spans()).toHaveLength(2);
    for (const secret of [TOOL_ARGUMENTS, 'Lyon', 'drizzle over the Saône', PROMPT, API_KEY]) {
      expect(said).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
  });
});
