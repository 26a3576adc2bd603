// The API calls of the producer tests, each named by the fixture of test/fixtures/ that answers
// it. A call is made with the SDK that `requireSdk` loads: the project's own in the test process
// (the OTel JS 3.x line), the pinned install's in traced-app.cjs. `fixtureOrigin` is the fixture
// server's origin. Each call reads its response to the end, so that its span has ended.
'use strict';

const { fixtureClient } = require('../../fixtures/apps/zero-code/bedrock-client.cjs');

const EXPENSES_QUESTION = { role: 'user', content: 'Who approves expenses above 500 EUR?' };

function openAIClient(requireSdk, fixtureOrigin) {
  const { OpenAI } = requireSdk('openai');
  return new OpenAI({ apiKey: 'sk-test-key', baseURL: `${fixtureOrigin}/v1`, maxRetries: 0 });
}

function anthropicClient(requireSdk, fixtureOrigin) {
  const { Anthropic } = requireSdk('@anthropic-ai/sdk');
  return new Anthropic({ apiKey: 'sk-ant-test-key', baseURL: fixtureOrigin, maxRetries: 0 });
}

const answeredBy = (fixture) => ({ headers: { 'x-fixture': fixture } });

/** A client of the AWS SDK's Bedrock Runtime, answered by `bedrock/<fixture>`, as the zero-code apps make it. */
function bedrockClient(requireSdk, fixtureOrigin, fixture) {
  const classes = { BedrockRuntimeClient: requireSdk('@aws-sdk/client-bedrock-runtime').BedrockRuntimeClient, NodeHttpHandler: requireSdk('@smithy/node-http-handler').NodeHttpHandler };
  return fixtureClient(classes, fixture, fixtureOrigin);
}

module.exports = {
  'bedrock/converse': async (requireSdk, fixtureOrigin) => {
    const { ConverseCommand } = requireSdk('@aws-sdk/client-bedrock-runtime');
    await bedrockClient(requireSdk, fixtureOrigin, 'converse').send(
      new ConverseCommand({ modelId: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', messages: [{ role: 'user', content: [{ text: EXPENSES_QUESTION.content }] }] }),
    );
  },
  'bedrock/invoke-claude': async (requireSdk, fixtureOrigin) => {
    const { InvokeModelCommand } = requireSdk('@aws-sdk/client-bedrock-runtime');
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 512, messages: [EXPENSES_QUESTION] });
    await bedrockClient(requireSdk, fixtureOrigin, 'invoke-claude').send(new InvokeModelCommand({ modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', body }));
  },
  'openai-cost/chat-cached': async (requireSdk, fixtureOrigin) => {
    await openAIClient(requireSdk, fixtureOrigin).chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'What does clause 14.2 say?' }] },
      answeredBy('openai-cost/chat-cached'),
    );
  },
  'openai-cost/responses-flex': async (requireSdk, fixtureOrigin) => {
    await openAIClient(requireSdk, fixtureOrigin).responses.create(
      { model: 'o4-mini', input: 'Can the nightly job use flex?', service_tier: 'flex' },
      answeredBy('openai-cost/responses-flex'),
    );
  },
  'openai-cost/responses-cache-12h': async (requireSdk, fixtureOrigin) => {
    await openAIClient(requireSdk, fixtureOrigin).responses.create(
      { model: 'gpt-6.2-sol', input: 'What does clause 14.2 say?', prompt_cache_options: { ttl: '12h' } },
      answeredBy('openai-cost/responses-cache-12h'),
    );
  },
  'openai/responses-compact': async (requireSdk, fixtureOrigin) => {
    await openAIClient(requireSdk, fixtureOrigin).responses.compact(
      { model: 'gpt-5.6-terra', input: 'How do I speed up a query on unarchived rows?', service_tier: 'flex' },
      answeredBy('openai/responses-compact'),
    );
  },
  'anthropic-cost/messages-cache-read': async (requireSdk, fixtureOrigin) => {
    await anthropicClient(requireSdk, fixtureOrigin).messages.create(
      { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [EXPENSES_QUESTION] },
      answeredBy('anthropic-cost/messages-cache-read'),
    );
  },
  'anthropic-cost/messages-cache-write': async (requireSdk, fixtureOrigin) => {
    await anthropicClient(requireSdk, fixtureOrigin).messages.create(
      { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [EXPENSES_QUESTION] },
      answeredBy('anthropic-cost/messages-cache-write'),
    );
  },
  'anthropic-cost/messages-cache-read-stream': async (requireSdk, fixtureOrigin) => {
    const stream = await anthropicClient(requireSdk, fixtureOrigin).messages.create(
      { model: 'claude-haiku-4-5', max_tokens: 1024, messages: [EXPENSES_QUESTION], stream: true },
      answeredBy('anthropic-cost/messages-cache-read-stream'),
    );
    for await (const event of stream) void event;
  },
};
