import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohereFixtureClient, ONE_ATTEMPT, type CohereModule } from './cohere.ts';
import { ollamaFixtureClient, type OllamaModule } from './ollama.ts';
import { BEDROCK_RUNTIME, COHERE_SDK, fixture, GROQ_SDK, installedVersion, MISTRAL_SDK, OLLAMA_SDK, requireFromApp, startRecording, TOGETHER_SDK } from './row.ts';

/**
 * SDK versions outside every range this package claims: loading one draws the instrumentation's
 * diag warning, naming the version and the supported range, and its calls have no span (the
 * version is not patched), rather than spans that silently go missing. The AWS SDK's
 * `@aws-sdk/client-bedrock-runtime` is pinned below 3.587.0, before the Converse commands that
 * BedrockInstrumentation traces: its own calls (InvokeModelCommand) are not traced in any release.
 * `groq-sdk` is pinned at 0.3.3, the last release without `embeddings` (0.4.0 has every resource
 * that 0.5.0, the floor, has); its chat completions are not traced. `@mistralai/mistralai` is
 * pinned at 1.9.18, the last release before 1.10.0, the floor (the same generated client, whose
 * own reader of server-sent events can drop a stream's last events); its chat completions are not
 * traced. `cohere-ai` is pinned at 7.13.0, below 7.14.0, the floor (7.13's v2 client has no
 * `embed`); its v2 chat is not traced. `ollama` is pinned at 0.5.2, the last release before 0.5.6,
 * the floor (0.5.3 to 0.5.5 were not published): it has no `embed`, and its chat is not traced.
 * `together-ai` is pinned at 0.5.2, the last release before 0.6.0, the floor: 0.1.0 to 0.5.2 are
 * another SDK (a default-exported `Together` whose one method, `inference`, posts to the retired
 * https://api.together.xyz/inference with the global `fetch`), and its call is not traced.
 * `@cerebras/cerebras_cloud_sdk` is not pinned: the registry holds no release outside its range
 * (1.3.0, the floor, is the oldest, and there is no 2.x), so there is none to check here.
 */

const recording = await startRecording();
const observer = requireFromApp('otel-llm-observer') as Record<string, { supportedVersions: { minimum: string; belowMajor: number } }>;
const openai = requireFromApp('openai') as {
  Configuration: new (options: object) => object;
  OpenAIApi: new (configuration: object) => { createChatCompletion(body: object, options: object): Promise<unknown> };
};
const { Anthropic } = requireFromApp('@anthropic-ai/sdk') as {
  Anthropic: new (options: object) => { messages: { create(body: object, options: object): Promise<unknown> } };
};
const { GoogleGenAI } = requireFromApp('@google/genai') as {
  GoogleGenAI: new (options: object) => { models: { generateContent(params: object): Promise<unknown> } };
};

const bedrockRuntime = requireFromApp(BEDROCK_RUNTIME) as {
  BedrockRuntimeClient: new (config: object) => {
    send(command: object): Promise<{ body: Uint8Array }>;
    middlewareStack: { add(middleware: (next: (args: { request: unknown }) => unknown) => (args: { request: unknown }) => unknown, options: object): void };
  };
  InvokeModelCommand: new (input: object) => object;
  ConverseCommand?: unknown;
  ConverseStreamCommand?: unknown;
};
const { Groq } = requireFromApp(GROQ_SDK) as {
  Groq: new (options: object) => { chat: { completions: { create(body: object, options: object): Promise<unknown> } } };
};

const { Mistral } = requireFromApp(MISTRAL_SDK) as {
  Mistral: new (options: object) => { chat: { complete(body: object, options: object): Promise<unknown> } };
};

const { CohereClientV2 } = requireFromApp(COHERE_SDK) as CohereModule;

const ollama = requireFromApp(OLLAMA_SDK) as OllamaModule;

const { default: OldTogether } = requireFromApp(TOGETHER_SDK) as {
  default: new (options: { auth: string }) => { inference(model: string, inputs: object): Promise<unknown> };
};

const SDKS = [
  { name: 'openai', instrumentation: 'OpenAIInstrumentation' },
  { name: '@anthropic-ai/sdk', instrumentation: 'AnthropicInstrumentation' },
  { name: '@google/genai', instrumentation: 'GeminiInstrumentation' },
  { name: BEDROCK_RUNTIME, instrumentation: 'BedrockInstrumentation' },
  { name: GROQ_SDK, instrumentation: 'GroqInstrumentation' },
  { name: MISTRAL_SDK, instrumentation: 'MistralInstrumentation' },
  { name: COHERE_SDK, instrumentation: 'CohereInstrumentation' },
  { name: OLLAMA_SDK, instrumentation: 'OllamaInstrumentation' },
  { name: TOGETHER_SDK, instrumentation: 'TogetherInstrumentation' },
] as const;

describe('SDK versions outside the claimed ranges', () => {
  for (const { name, instrumentation } of SDKS) {
    const version = installedVersion(name);
    const { minimum, belowMajor } = (observer[instrumentation] as (typeof observer)[string]).supportedVersions;
    it(`loading ${name} ${version} draws a warning that it is outside >=${minimum} <${belowMajor}`, () => {
      const warning = recording.warnings.find((text) => text.includes(`${name} ${version} `));
      assert.ok(warning, `a warning naming ${name} ${version} among: ${JSON.stringify(recording.warnings)}`);
      assert.ok(warning.includes(`>=${minimum} <${belowMajor}`), warning);
    });
  }

  it(`a call of openai ${installedVersion('openai')} has no span`, async () => {
    const api = new openai.OpenAIApi(new openai.Configuration({ apiKey: 'sk-compat-test', basePath: `${recording.origin}/v1` }));
    await api.createChatCompletion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, fixture('openai', 'chat'));
    assert.deepEqual(recording.spans(), []);
  });

  it(`a call of @anthropic-ai/sdk ${installedVersion('@anthropic-ai/sdk')} has no span`, async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-compat-test', baseURL: recording.origin, maxRetries: 0 });
    await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }, fixture('anthropic', 'message'));
    assert.deepEqual(recording.spans(), []);
  });

  it(`a call of @google/genai ${installedVersion('@google/genai')} has no span`, async () => {
    const client = new GoogleGenAI({ apiKey: 'gemini-compat-test', httpOptions: { baseUrl: recording.origin } });
    await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'What is the capital of France?',
      config: { httpOptions: { headers: { 'x-fixture': 'gemini/generate-content' } } },
    });
    assert.deepEqual(recording.spans(), []);
  });

  it(`${BEDROCK_RUNTIME} ${installedVersion(BEDROCK_RUNTIME)} has no Converse commands, and its InvokeModelCommand has no span`, async () => {
    assert.equal(bedrockRuntime.ConverseCommand, undefined);
    assert.equal(bedrockRuntime.ConverseStreamCommand, undefined);
    // Static keys in AWS's documented example format (SigV4 signs locally); the client's default
    // request handler before 3.798.0 is NodeHttpHandler, HTTP/1.1, which the fixture server speaks.
    const client = new bedrockRuntime.BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: recording.origin,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      maxAttempts: 1,
    });
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-fixture'] = 'anthropic/message';
        return next(args);
      },
      { step: 'build', name: 'pickFixture' },
    );
    // Claude's Messages API through InvokeModel: the body is Anthropic's request, the answer its message.
    const output = await client.send(
      new bedrockRuntime.InvokeModelCommand({
        modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }),
      }),
    );
    assert.equal((JSON.parse(Buffer.from(output.body).toString('utf8')) as { type: string }).type, 'message');
    assert.deepEqual(recording.spans(), []);
  });

  it(`a call of ${GROQ_SDK} ${installedVersion(GROQ_SDK)} has no span`, async () => {
    const client = new Groq({ apiKey: 'gsk_compat-test', baseURL: recording.origin, maxRetries: 0 });
    await client.chat.completions.create(
      { model: 'openai/gpt-oss-120b', messages: [{ role: 'user', content: 'What is the capital of France?' }] },
      fixture('openai-backends', 'groq-chat'),
    );
    assert.deepEqual(recording.spans(), []);
  });

  it(`a call of ${MISTRAL_SDK} ${installedVersion(MISTRAL_SDK)} has no span`, async () => {
    const client = new Mistral({ apiKey: 'mistral-compat-test', serverURL: recording.origin, retryConfig: { strategy: 'none' } });
    const completion = (await client.chat.complete(
      { model: 'mistral-small-latest', messages: [{ role: 'user', content: 'What is the capital of France?' }] },
      { fetchOptions: fixture('mistral', 'chat') },
    )) as { id: string };
    assert.equal(completion.id, '6f0c2e8a91d44b7c8a3f5e1d2b9c7a04');
    assert.deepEqual(recording.spans(), []);
  });

  it(`a call of ${COHERE_SDK} ${installedVersion(COHERE_SDK)} has no span`, async () => {
    const answer = (await cohereFixtureClient(CohereClientV2, recording, 'v2-chat').chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'What is the capital of France?' }] }, ONE_ATTEMPT)) as {
      id: string;
    };
    assert.equal(answer.id, 'fbad5b25-a5e8-4027-b991-0cd7cd3a315f');
    assert.deepEqual(recording.spans(), []);
  });

  it(`${OLLAMA_SDK} ${installedVersion(OLLAMA_SDK)} has no embed, and a chat of it has no span`, async () => {
    const version = installedVersion(OLLAMA_SDK);
    const client = ollamaFixtureClient(ollama, recording, version, 'chat');
    assert.equal((client as Partial<typeof client>).embed, undefined);
    const response = (await client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'What is the capital of France?' }] })) as {
      message: { content: string };
    };
    assert.equal(response.message.content, 'The capital of France is Paris.');
    assert.deepEqual(recording.spans(), []);
  });

  it(`${TOGETHER_SDK} ${installedVersion(TOGETHER_SDK)} is another SDK, without chat completions, and its inference call has no span`, async () => {
    const client = new OldTogether({ auth: 'tgp_v1_compat-test' });
    assert.equal((client as { chat?: unknown }).chat, undefined);
    // Its URL is fixed, its fetch the global one: the call goes to the fixture server for this test only.
    const { fetch: globalFetch } = globalThis;
    const meantFor: string[] = [];
    globalThis.fetch = (url, init) => {
      const meant = new URL(url instanceof Request ? url.url : url);
      meantFor.push(meant.href);
      return globalFetch(`${recording.origin}${meant.pathname}`, { ...init, headers: { ...(init?.headers as Record<string, string>), ...fixture('together', 'completion').headers } });
    };
    try {
      const answer = (await client.inference('meta-llama/Llama-3.3-70B-Instruct-Turbo', { prompt: 'The quarterly close is on', max_tokens: 8 })) as { id: string };
      assert.equal(answer.id, 'o9Yb4dQ-3NKUce-9a1f2b3c4d5e6f71');
    } finally {
      globalThis.fetch = globalFetch;
    }
    assert.deepEqual(meantFor, ['https://api.together.xyz/inference']);
    assert.deepEqual(recording.spans(), []);
  });
});
