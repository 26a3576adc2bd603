// The Vercel AI SDK calls of the producer tests, each named by the AI SDK function and the fixture
// of test/fixtures/ that answers it. The AI SDK (`ai`, `@ai-sdk/openai`, `@ai-sdk/anthropic`, `@ai-sdk/google`) is
// loaded with `requireSdk` from the pinned install of traced-app.cjs; it calls the providers with
// its own fetch, pointed at the fixture server by the providers' `baseURL`. Each call turns
// telemetry on as AI SDK 6 wants it (`experimental_telemetry`; in AI SDK 7, where a registered
// integration turns it on, a deprecated alias of `telemetry`), and reads its result to the end, so
// that its spans have ended.
'use strict';
const API_CALLS = require('./calls.cjs');

const EXPENSES_QUESTION = 'Who approves expenses above 500 EUR?';
const answeredBy = (fixture) => ({ 'x-fixture': fixture });
const TELEMETRY_ON = { isEnabled: true };

function openAIModel(requireSdk, fixtureOrigin, model) {
  const { createOpenAI } = requireSdk('@ai-sdk/openai');
  return createOpenAI({ apiKey: 'sk-test-key', baseURL: `${fixtureOrigin}/v1` }).chat(model);
}

function anthropicModel(requireSdk, fixtureOrigin, model) {
  const { createAnthropic } = requireSdk('@ai-sdk/anthropic');
  return createAnthropic({ apiKey: 'sk-ant-test-key', baseURL: `${fixtureOrigin}/v1` })(model);
}

/** A Gemini API model of `@ai-sdk/google`, with its Google Search tool (grounding). */
function googleModelWithSearch(requireSdk, fixtureOrigin, model) {
  const { createGoogleGenerativeAI } = requireSdk('@ai-sdk/google');
  const google = createGoogleGenerativeAI({ apiKey: 'AIzaSyTest-Qx7vN2kW9pR4fixture', baseURL: `${fixtureOrigin}/v1beta` });
  return { model: google(model), tools: { google_search: google.tools.googleSearch({}) } };
}

async function generateText(requireSdk, model, fixture, tools = undefined) {
  await requireSdk('ai').generateText({
    model,
    ...(tools === undefined ? {} : { tools }),
    prompt: EXPENSES_QUESTION,
    headers: answeredBy(fixture),
    maxRetries: 0,
    experimental_telemetry: TELEMETRY_ON,
  });
}

async function streamText(requireSdk, model, fixture) {
  const result = requireSdk('ai').streamText({
    model,
    prompt: EXPENSES_QUESTION,
    headers: answeredBy(fixture),
    maxRetries: 0,
    experimental_telemetry: TELEMETRY_ON,
  });
  for await (const text of result.textStream) void text;
  await result.usage;
}

module.exports = {
  'ai-sdk generateText openai-cost/chat-cached': (requireSdk, fixtureOrigin) =>
    generateText(requireSdk, openAIModel(requireSdk, fixtureOrigin, 'gpt-4o'), 'openai-cost/chat-cached'),
  'ai-sdk streamText openai/chat-stream': (requireSdk, fixtureOrigin) =>
    streamText(requireSdk, openAIModel(requireSdk, fixtureOrigin, 'gpt-4o-mini'), 'openai/chat-stream'),
  'ai-sdk generateText anthropic-cost/messages-cache-write': (requireSdk, fixtureOrigin) =>
    generateText(requireSdk, anthropicModel(requireSdk, fixtureOrigin, 'claude-sonnet-4-6'), 'anthropic-cost/messages-cache-write'),
  'ai-sdk streamText anthropic-cost/messages-cache-read-stream': (requireSdk, fixtureOrigin) =>
    streamText(requireSdk, anthropicModel(requireSdk, fixtureOrigin, 'claude-haiku-4-5'), 'anthropic-cost/messages-cache-read-stream'),
  'ai-sdk generateText gemini/generate-content-grounded-gemini-2-5': (requireSdk, fixtureOrigin) => {
    const { model, tools } = googleModelWithSearch(requireSdk, fixtureOrigin, 'gemini-2.5-flash');
    return generateText(requireSdk, model, 'gemini/generate-content-grounded-gemini-2-5', tools);
  },
  /** The same Anthropic call twice: through the AI SDK, then through @anthropic-ai/sdk. */
  'ai-sdk and @anthropic-ai/sdk anthropic-cost/messages-cache-write': async (requireSdk, fixtureOrigin) => {
    await generateText(requireSdk, anthropicModel(requireSdk, fixtureOrigin, 'claude-sonnet-4-6'), 'anthropic-cost/messages-cache-write');
    await API_CALLS['anthropic-cost/messages-cache-write'](requireSdk, fixtureOrigin);
  },
};
