import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { callMethod, fixture, readStream, requireFromApp, MISTRAL_SDK, type Recording, type Surface } from './row.ts';

/**
 * What the CommonJS and ESM files of `@mistralai/mistralai` share (mistral.test.ts,
 * mistral-esm.test.ts): a client of the fixture server, and every surface that
 * MistralInstrumentation traces, each called once against its fixture, for `testSurfaces`
 * (./row.ts) to check its one span, as `mistral_ai`.
 *
 * The fixtures are Mistral AI's wire format, test/fixtures/mistral/, which the repository's own
 * test of the SDK reads too. Prices per million tokens, data/pricing_v1.json:
 * - chat (chat.json, chat-json.json, chat-stream.sse): mistral-small-latest (entry
 *   mistral-small-2603, 0.15 in, 0.015 cached, 0.60 out), 2,300 prompt tokens of which 1,984
 *   cached, 120 completion tokens: 316 × 0.15 + 1,984 × 0.015 + 120 × 0.60 = 47.4 + 29.76 + 72 =
 *   149.16 µUSD;
 * - FIM (fim.json, fim-stream.sse): codestral-latest (codestral-2508, 0.30 in, 0.90 out), 40 and
 *   8 tokens: 12 + 7.2 = 19.2 µUSD;
 * - an agent (agents.json): its response names mistral-medium-latest (mistral-medium-3-5, 1.50 in,
 *   7.50 out), 850 and 40 tokens: 1,275 + 300 = 1,575 µUSD; streamed, chat-stream.sse's chunks;
 * - embeddings (embeddings.json): mistral-embed, 0.10 in, 1,250 tokens: 125 µUSD.
 *
 * Every release of the range (from 1.10.0) has every surface below, returns its streams as a web
 * `ReadableStream`, and keeps the cached tokens that the API sends (1.x under
 * `additionalProperties`, 2.x beside the counts), so every row checks the same spans. What differs
 * between the releases the rows pin (1.10.0, the floor; 2.2.1, the one LangChain.js's
 * `@langchain/mistralai` depends on; 2.7.0, the latest): 1.x is CommonJS, 2.x ESM only (`require`
 * loads it as `require(esm)`).
 */

export const MISTRAL_SCOPE = 'otel-llm-observer/mistral';

/** What the app loads of `@mistralai/mistralai`, by `require` or `import`. */
export interface MistralModule {
  Mistral: new (options: object) => object;
}

/** A client of the fixture server: the fixture server's URL in place of Mistral AI's, one attempt. */
export function mistralClient(sdk: MistralModule, recording: Recording): object {
  return new sdk.Mistral({ apiKey: 'mistral-compat-test', serverURL: recording.origin, retryConfig: { strategy: 'none' } });
}

/** Request options that pick the fixture `mistral/<name>`: the SDK sends the headers of its `fetchOptions`. */
function answeredBy(name: string): { fetchOptions: { headers: Record<string, string> } } {
  return { fetchOptions: fixture('mistral', name) };
}

/** The usage and cost of the chat fixtures' span. */
const CHAT_USAGE = {
  'gen_ai.provider.name': 'mistral_ai',
  'gen_ai.usage.input_tokens': 2300,
  'gen_ai.usage.cache_read.input_tokens': 1984,
  'gen_ai.usage.output_tokens': 120,
  'llm_observer.cost.total_usd': 0.00014916,
};

const CHAT = { model: 'mistral-small-latest', messages: [{ role: 'user', content: 'What is the capital of France?' }] };
const FIM = { model: 'codestral-latest', prompt: 'function add(a, b) {', suffix: '}' };
const AGENT = { agentId: 'ag_0197a3c2e8f47b1d9a6e5c4b3a2f1e0d', messages: [{ role: 'user', content: 'When does my order ship?' }] };

/** The Zod schema of chat-json.json's answer, for `chat.parse`: built with the `zod` that the SDK itself loads. */
function answerSchema(): unknown {
  const z = createRequire(requireFromApp.resolve(MISTRAL_SDK))('zod') as { object(shape: object): unknown; string(): unknown };
  return z.object({ answer: z.string() });
}

/** The FIM fixtures' span. */
const FIM_SPAN = {
  'gen_ai.operation.name': 'text_completion',
  'gen_ai.provider.name': 'mistral_ai',
  'gen_ai.request.model': 'codestral-latest',
  'gen_ai.usage.input_tokens': 40,
  'gen_ai.usage.output_tokens': 8,
  'llm_observer.cost.total_usd': 0.0000192,
};

/** An agent's span: `invoke_agent`, named by the agent's id; the request names no model, the response does. */
const AGENT_SPAN = {
  'gen_ai.operation.name': 'invoke_agent',
  'gen_ai.provider.name': 'mistral_ai',
  'gen_ai.agent.id': 'ag_0197a3c2e8f47b1d9a6e5c4b3a2f1e0d',
  'gen_ai.request.model': undefined,
};

/** Every surface of `@mistralai/mistralai` that this package traces, each called once with `client`. */
export function mistralSurfaces(client: object): Surface[] {
  const call = (path: string, ...args: unknown[]) => callMethod<Promise<unknown>>(client, path, args);
  return [
    {
      method: 'chat.complete',
      since: '1.10.0',
      run: () => call('chat.complete', CHAT, answeredBy('chat')),
      records: 'its usage, cached tokens included',
      span: {
        ...CHAT_USAGE,
        'gen_ai.operation.name': 'chat',
        'gen_ai.response.model': 'mistral-small-latest',
        'gen_ai.response.finish_reasons': ['stop'],
        'llm_observer.call.outcome': 'completed',
      },
      pricedAs: 'mistral-small-2603',
    },
    {
      method: 'chat.complete',
      variant: 'failed with a 429',
      since: '1.10.0',
      run: () => assert.rejects(call('chat.complete', CHAT, answeredBy('error-429')), { name: 'SDKError', statusCode: 429 }),
      records: "the failure and the error's class",
      span: { 'error.type': 'SDKError', 'llm_observer.call.outcome': 'failed' },
    },
    {
      method: 'chat.complete',
      variant: 'failed with a 422',
      since: '1.10.0',
      run: () => assert.rejects(call('chat.complete', CHAT, answeredBy('error-422')), { name: 'HTTPValidationError' }),
      records: "the failure and the error's class",
      span: { 'error.type': 'HTTPValidationError', 'llm_observer.call.outcome': 'failed' },
    },
    {
      method: 'chat.stream',
      since: '1.10.0',
      run: async () => readStream(await call('chat.stream', CHAT, answeredBy('chat-stream'))),
      records: 'the usage of its last chunk, cached tokens included',
      span: { ...CHAT_USAGE, 'gen_ai.request.stream': true, 'llm_observer.call.outcome': 'completed' },
      pricedAs: 'mistral-small-2603',
    },
    {
      method: 'chat.parse',
      since: '1.10.0',
      run: async () => {
        const completion = (await call('chat.parse', { ...CHAT, responseFormat: answerSchema() }, answeredBy('chat-json'))) as {
          choices: { message: { parsed: unknown } }[];
        };
        assert.deepEqual(completion.choices[0]?.message.parsed, { answer: 'Paris' });
      },
      records: 'its usage, cached tokens included, and JSON output',
      span: { ...CHAT_USAGE, 'gen_ai.operation.name': 'chat', 'gen_ai.output.type': 'json' },
      pricedAs: 'mistral-small-2603',
    },
    {
      method: 'chat.parseStream',
      since: '1.10.0',
      run: async () => readStream(await call('chat.parseStream', { ...CHAT, responseFormat: answerSchema() }, answeredBy('chat-stream'))),
      records: 'the usage of its last chunk, cached tokens included, and JSON output',
      span: { ...CHAT_USAGE, 'gen_ai.request.stream': true, 'gen_ai.output.type': 'json' },
      pricedAs: 'mistral-small-2603',
    },
    {
      method: 'fim.complete',
      since: '1.10.0',
      run: () => call('fim.complete', FIM, answeredBy('fim')),
      records: 'its usage',
      span: FIM_SPAN,
      pricedAs: 'codestral-2508',
    },
    {
      method: 'fim.stream',
      since: '1.10.0',
      run: async () => readStream(await call('fim.stream', FIM, answeredBy('fim-stream'))),
      records: 'the usage of its last chunk',
      span: { ...FIM_SPAN, 'gen_ai.request.stream': true },
      pricedAs: 'codestral-2508',
    },
    {
      method: 'agents.complete',
      since: '1.10.0',
      run: () => call('agents.complete', AGENT, answeredBy('agents')),
      records: "the agent's id, and the usage of the model the response names",
      span: {
        ...AGENT_SPAN,
        'gen_ai.response.model': 'mistral-medium-latest',
        'gen_ai.usage.input_tokens': 850,
        'gen_ai.usage.output_tokens': 40,
        'llm_observer.cost.total_usd': 0.001575,
      },
      pricedAs: 'mistral-medium-3-5',
    },
    {
      method: 'agents.stream',
      since: '1.10.0',
      run: async () => readStream(await call('agents.stream', AGENT, answeredBy('chat-stream'))),
      records: "the agent's id, and the usage of its last chunk, cached tokens included",
      span: { ...CHAT_USAGE, ...AGENT_SPAN, 'gen_ai.request.stream': true },
      pricedAs: 'mistral-small-2603',
    },
    {
      method: 'embeddings.create',
      since: '1.10.0',
      run: () => call('embeddings.create', { model: 'mistral-embed', inputs: ['quarterly close', 'annual report'] }, answeredBy('embeddings')),
      records: 'its input tokens',
      span: {
        'gen_ai.operation.name': 'embeddings',
        'gen_ai.provider.name': 'mistral_ai',
        'gen_ai.usage.input_tokens': 1250,
        'llm_observer.cost.total_usd': 0.000125,
      },
      pricedAs: 'mistral-embed',
    },
  ];
}
