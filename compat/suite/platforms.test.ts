import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { onlySpan, readStream, requireFromApp, startRecording } from './row.ts';

/**
 * Claude through Amazon Bedrock (`@anthropic-ai/bedrock-sdk`) and Google Vertex AI
 * (`@anthropic-ai/vertex-sdk`), in a row that installs them: each Messages call, plain, streamed
 * and through the `stream()` helper, has one span, this package's, with the platform as its
 * provider, the platform's model id, the usage and the cost of the fixtures
 * (test/fixtures/anthropic-platforms/). Offline credentials: static AWS keys, which SigV4 signs
 * with locally, and a Google access token held by a google-auth-library OAuth2Client.
 */

const OUR_SCOPE = 'otel-llm-observer/anthropic';
const recording = await startRecording();

const { AnthropicBedrock } = requireFromApp('@anthropic-ai/bedrock-sdk') as { AnthropicBedrock: new (options: object) => Client };
const { AnthropicVertex } = requireFromApp('@anthropic-ai/vertex-sdk') as { AnthropicVertex: new (options: object) => Client };
const { OAuth2Client } = requireFromApp('google-auth-library') as { OAuth2Client: new (options: object) => object };

interface Client {
  messages: {
    create(body: object, options: object): Promise<unknown>;
    stream(body: object, options: object): { finalMessage(): Promise<unknown> };
  };
}

const PLATFORMS = {
  bedrock: {
    client: new AnthropicBedrock({
      awsAccessKey: 'AKIAIOSFODNN7EXAMPLE',
      awsSecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      awsRegion: 'us-east-1',
      baseURL: recording.origin,
      maxRetries: 0,
    }),
    model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    span: {
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'gen_ai.response.model': 'claude-sonnet-4-5-20250929',
      'gen_ai.usage.input_tokens': 1821,
      'gen_ai.usage.output_tokens': 9,
      // (21 × 3 + 1800 × 0.30 + 9 × 15) per million, × 1.1 on the us. profile
      'llm_observer.cost.total_usd': 0.0008118,
    },
  },
  vertex: {
    client: new AnthropicVertex({
      region: 'us-east5',
      projectId: 'fixture-project',
      authClient: new OAuth2Client({ credentials: { access_token: 'ya29.fixture-access-token' } }),
      baseURL: `${recording.origin}/v1`,
      maxRetries: 0,
    }),
    model: 'claude-sonnet-4-5@20250929',
    span: {
      'gen_ai.provider.name': 'gcp.vertex_ai',
      'gen_ai.request.model': 'claude-sonnet-4-5@20250929',
      'gen_ai.response.model': 'claude-sonnet-4-5-20250929',
      'gen_ai.usage.input_tokens': 3921,
      'gen_ai.usage.output_tokens': 9,
      // 21 × 3 + 1800 × 0.30 + 600 × 3.75 + 1500 × 6 + 9 × 15 per million
      'llm_observer.cost.total_usd': 0.011988,
    },
  },
} as const;

const fixture = (name: string) => ({ headers: { 'x-fixture': `anthropic-platforms/${name}` } });
const question = (model: string) => ({ model, max_tokens: 1024, messages: [{ role: 'user', content: 'Capital of France?' }] });

for (const [platform, { client, model, span: expected }] of Object.entries(PLATFORMS)) {
  const CALLS = {
    'messages.create': () => client.messages.create(question(model), fixture(`${platform}-message`)),
    'messages.create, streamed': async () => readStream(await client.messages.create({ ...question(model), stream: true }, fixture(`${platform}-message-stream`))),
    'messages.stream()': () => client.messages.stream(question(model), fixture(`${platform}-message-stream`)).finalMessage(),
  };
  describe(`@anthropic-ai/${platform}-sdk`, () => {
    for (const [name, call] of Object.entries(CALLS)) {
      it(`gives ${name} one span, this package’s, with the platform, its model id, the usage and the cost`, async () => {
        await call();
        const span = onlySpan(recording);
        assert.equal(span.instrumentationScope?.name, OUR_SCOPE);
        const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, span.attributes[key]]));
        assert.deepEqual(actual, expected);
      });
    }
  });
}
