import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { expectCost } from './expect-cost.js';
import { GPT_4O_CHAT_WITHOUT_CACHE_COUNTS_COST } from './gpt-4o-cached-chat.js';
import { lineInChild } from './otel-line.js';

/**
 * @opentelemetry/instrumentation-openai's spans, priced by the built package (run `npm run build`
 * first) in a child process of their own: the instrumentation needs openai 6, which the project's
 * install cannot hold. Each OTel JS line has its own release of it: 0.22 needs API ^1.10 (npm
 * refuses it beside API 1.9), so the 2.x line runs 0.21, the last release for that line (API ^1.3,
 * @opentelemetry/instrumentation 0.223).
 */

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const LINES = [
  { release: '0.22', ...lineInChild(3, { openai: '6.49.0', '@opentelemetry/instrumentation-openai': '0.22.0' }, 'contrib-openai') },
  { release: '0.21', ...lineInChild(2, { openai: '6.49.0', '@opentelemetry/instrumentation-openai': '0.21.0' }, 'contrib-openai') },
];

describe.each(LINES)("the cost of @opentelemetry/instrumentation-openai $release's spans on $name", (line) => {
  it('prices a chat completion as if nothing was cached, since the spans report no cache reads', async () => {
    const spans = await line.call('openai-cost/chat-cached', server.origin);
    expect(spans.map((span) => span.scope)).toEqual(['@opentelemetry/instrumentation-openai']);
    expectCost(spans[0]?.attributes, GPT_4O_CHAT_WITHOUT_CACHE_COUNTS_COST);
  });
});
