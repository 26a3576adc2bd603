import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { installedVersion, isAtLeast, requireFromApp, row } from './row.ts';

interface SupportedVersions {
  readonly minimum: string;
  readonly belowMajor: number;
}

/**
 * The row tests what it pins: each package the app loads is the pinned version, each SDK version
 * is inside the range this package claims (outside it, in a row that expects the warning), and
 * this package runs on the app's own OTel API and instrumentation packages, not on copies of its own.
 */

const observer = requireFromApp('otel-llm-observer') as Record<string, { supportedVersions?: SupportedVersions } | undefined>;
const requireFromPackage = createRequire(requireFromApp.resolve('otel-llm-observer'));

describe(`row ${row.name}`, () => {
  it(`runs on Node.js ${row.node}`, () => {
    assert.equal(process.version, `v${row.node}`);
  });

  for (const [name, version] of Object.entries(row.pins)) {
    it(`loads ${name} ${version}`, () => {
      assert.equal(installedVersion(name), version);
    });
  }

  const sdks = [
    ['openai', 'OpenAIInstrumentation'],
    ['@anthropic-ai/sdk', 'AnthropicInstrumentation'],
    ['@google/genai', 'GeminiInstrumentation'],
    ['@aws-sdk/client-bedrock-runtime', 'BedrockInstrumentation'],
    ['groq-sdk', 'GroqInstrumentation'],
    ['@mistralai/mistralai', 'MistralInstrumentation'],
    ['cohere-ai', 'CohereInstrumentation'],
    ['ollama', 'OllamaInstrumentation'],
    ['together-ai', 'TogetherInstrumentation'],
    ['@cerebras/cerebras_cloud_sdk', 'CerebrasInstrumentation'],
  ] as const;
  // @google/genai, @aws-sdk/client-bedrock-runtime, groq-sdk, @mistralai/mistralai, cohere-ai, ollama, together-ai and
  // @cerebras/cerebras_cloud_sdk are in the rows that pin them.
  for (const [sdk, instrumentation] of sdks.filter(([name]) => name in row.pins)) {
    const { minimum, belowMajor } = observer[instrumentation]?.supportedVersions as SupportedVersions;
    const version = row.pins[sdk] as string;
    const inside = row.expect === 'traced';
    it(`pins ${sdk} ${version} ${inside ? 'inside' : 'outside'} the range ${instrumentation} patches, >=${minimum} <${belowMajor}`, () => {
      assert.equal(isAtLeast(version, minimum) && Number(version.split('.')[0]) < belowMajor, inside);
    });
  }

  it('loads this package, with its instrumentations and cost processor', () => {
    for (const name of ['OpenAIInstrumentation', 'AnthropicInstrumentation', 'CostSpanProcessor']) {
      assert.equal(typeof observer[name], 'function', name);
    }
  });

  for (const shared of ['@opentelemetry/api', '@opentelemetry/instrumentation']) {
    it(`gives this package the app's ${shared} ${row.pins[shared]}`, () => {
      assert.equal(requireFromPackage.resolve(shared), requireFromApp.resolve(shared));
    });
  }
});
