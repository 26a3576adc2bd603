import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { CLAUDE_CACHE_WRITE_LIFETIME_NOT_TOLD_COST } from './claude-cached-calls.js';
import { expectCost } from './expect-cost.js';
import { GPT_4O_CACHED_CHAT_COST } from './gpt-4o-cached-chat.js';
import { installedVersion, LINE_2_NAME, LINE_3_NAME, lineInChild } from './otel-line.js';

/**
 * OpenInference's (Arize's) instrumentations, priced by the built package (run `npm run build`
 * first) in child processes: their spans carry `llm.token_count.*` (the prompt count includes the
 * cache reads and writes, for Anthropic too), `llm.model_name` and `llm.provider`, and none of the
 * conventions' names. They depend on @opentelemetry/instrumentation 0.46, which npm nests beside
 * either line's. The OpenAI one needs openai 5 to 7 (openai 6 here, as for the other producers);
 * the Anthropic one patches @anthropic-ai/sdk 1.x, whose own spans come beside its own.
 */

const OPENAI_PINS = { openai: '6.49.0', '@arizeai/openinference-instrumentation-openai': '4.2.7' };
const ANTHROPIC_PINS = {
  '@anthropic-ai/sdk': installedVersion('@anthropic-ai/sdk'),
  '@arizeai/openinference-instrumentation-anthropic': '0.2.8',
};

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const LINES = [
  { line: 3, name: LINE_3_NAME },
  { line: 2, name: LINE_2_NAME },
] as const;

describe.each(LINES)('the cost of OpenInference spans on $name', ({ line }) => {
  it("prices @arizeai/openinference-instrumentation-openai 4.2's span of a chat completion with its cache reads", async () => {
    const spans = await lineInChild(line, OPENAI_PINS, 'openinference-openai').call('openai-cost/chat-cached', server.origin);
    expect(spans.map((span) => span.scope)).toEqual(['@arizeai/openinference-instrumentation-openai']);
    expect(spans[0]?.attributes).toMatchObject({ 'llm.token_count.prompt': 5120, 'llm.token_count.prompt_details.cache_read': 4096 });
    // It names the provider by the host of the base URL, which the fixture server's is not.
    expect(spans[0]?.attributes['llm.provider']).toBeUndefined();
    expectCost(spans[0]?.attributes, GPT_4O_CACHED_CHAT_COST);
  });

  it("prices @arizeai/openinference-instrumentation-anthropic 0.2's span of a call that wrote the cache at the 5-minute price, as an estimate", async () => {
    const spans = await lineInChild(line, ANTHROPIC_PINS, 'openinference-anthropic').call('anthropic-cost/messages-cache-write', server.origin);
    const openInference = spans.filter((span) => span.scope === '@arizeai/openinference-instrumentation-anthropic');
    expect(openInference).toHaveLength(1);
    // 24 uncached + 6000 written, counted in the prompt.
    expect(openInference[0]?.attributes).toMatchObject({ 'llm.token_count.prompt': 6024, 'llm.token_count.prompt_details.cache_write': 6000, 'llm.provider': 'anthropic' });
    expectCost(openInference[0]?.attributes, CLAUDE_CACHE_WRITE_LIFETIME_NOT_TOLD_COST);
    expect(openInference[0]?.attributes['llm_observer.cost.estimate']).toBe('cache_write_lifetime');
  });
});
