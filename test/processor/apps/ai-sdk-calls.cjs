// The Vercel AI SDK calls of the producer tests, each named by the AI SDK function and the fixture
// of test/fixtures/ that answers it. The AI SDK (`ai` and its providers: OpenAI, Anthropic, Google, Groq, Azure, Amazon Bedrock) is
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

/** A GroqCloud model of `@ai-sdk/groq`, which names itself `groq.chat`. */
function groqModel(requireSdk, fixtureOrigin, model) {
  const { createGroq } = requireSdk('@ai-sdk/groq');
  return createGroq({ apiKey: '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', baseURL: `${fixtureOrigin}/openai/v1` })(model);
}

/** An Azure OpenAI deployment of `@ai-sdk/azure` through its chat completions, which names itself `azure.chat`. */
function azureModel(requireSdk, fixtureOrigin, deployment) {
  const { createAzure } = requireSdk('@ai-sdk/azure');
  return createAzure({ apiKey: '3f9c2a7e5b1d4c8fa6e0b2d9c7f1a3e5', baseURL: `${fixtureOrigin}/openai` }).chat(deployment);
}

/** A Bedrock model of `@ai-sdk/amazon-bedrock` (its Converse API, signed with AWS's documented example keys), which names itself `amazon-bedrock`. */
function bedrockModel(requireSdk, fixtureOrigin, model) {
  const { createAmazonBedrock } = requireSdk('@ai-sdk/amazon-bedrock');
  return createAmazonBedrock({
    region: 'us-east-1',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    baseURL: fixtureOrigin,
  })(model);
}

/** An OpenAI embedding model of `@ai-sdk/openai`, which names itself `openai.embedding`. */
function openAIEmbeddingModel(requireSdk, fixtureOrigin, model) {
  const { createOpenAI } = requireSdk('@ai-sdk/openai');
  return createOpenAI({ apiKey: 'sk-test-key', baseURL: `${fixtureOrigin}/v1` }).embedding(model);
}

/** `embed` of one value, or `embedMany` of several (one provider call for all: OpenAI takes 2,048 a request). */
async function embed(requireSdk, model, fixture, values) {
  const options = { model, headers: answeredBy(fixture), maxRetries: 0, experimental_telemetry: TELEMETRY_ON };
  const ai = requireSdk('ai');
  await (values.length === 1 ? ai.embed({ ...options, value: values[0] }) : ai.embedMany({ ...options, values }));
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
  'ai-sdk embed openai/embeddings-float': (requireSdk, fixtureOrigin) =>
    embed(requireSdk, openAIEmbeddingModel(requireSdk, fixtureOrigin, 'text-embedding-3-small'), 'openai/embeddings-float', [EXPENSES_QUESTION]),
  'ai-sdk embedMany openai-cost/embeddings-float-two': (requireSdk, fixtureOrigin) =>
    embed(requireSdk, openAIEmbeddingModel(requireSdk, fixtureOrigin, 'text-embedding-3-small'), 'openai-cost/embeddings-float-two', [
      EXPENSES_QUESTION,
      'Who approves travel?',
    ]),
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
  'ai-sdk generateText openai-backends/groq-chat': (requireSdk, fixtureOrigin) =>
    generateText(requireSdk, groqModel(requireSdk, fixtureOrigin, 'openai/gpt-oss-120b'), 'openai-backends/groq-chat'),
  'ai-sdk generateText azure openai-cost/chat-cached': (requireSdk, fixtureOrigin) =>
    generateText(requireSdk, azureModel(requireSdk, fixtureOrigin, 'gpt-4o'), 'openai-cost/chat-cached'),
  'ai-sdk generateText bedrock/converse-cache-read': (requireSdk, fixtureOrigin) =>
    generateText(requireSdk, bedrockModel(requireSdk, fixtureOrigin, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'bedrock/converse-cache-read'),
  /** The same Anthropic call twice: through the AI SDK, then through @anthropic-ai/sdk. */
  'ai-sdk and @anthropic-ai/sdk anthropic-cost/messages-cache-write': async (requireSdk, fixtureOrigin) => {
    await generateText(requireSdk, anthropicModel(requireSdk, fixtureOrigin, 'claude-sonnet-4-6'), 'anthropic-cost/messages-cache-write');
    await API_CALLS['anthropic-cost/messages-cache-write'](requireSdk, fixtureOrigin);
  },
};
