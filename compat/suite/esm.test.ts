import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixture, installedVersion, onlySpan, requireFromApp, startRecording } from './row.ts';

/**
 * The ESM build of each SDK (its index.mjs, which `import` loads) is traced as its CommonJS build
 * is, once the app registers the loader hook of @opentelemetry/instrumentation before importing it,
 * for the SDKs' entry points only: a hook that wraps every module breaks the ESM builds of
 * openai 4.x and @anthropic-ai/sdk 0.x that set their runtime shims through a live `let` binding
 * (`you must import 'openai/shims/node' before importing anything else`).
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: ['openai', '@anthropic-ai/sdk', '@anthropic-ai/sdk/client'] },
});
const recording = await startRecording();
const { default: OpenAI } = (await import('openai')) as { default: new (options: object) => OpenAIClient };
const { default: Anthropic } = (await import('@anthropic-ai/sdk')) as { default: new (options: object) => AnthropicClient };

interface OpenAIClient {
  chat: { completions: { create(body: object, options: object): Promise<unknown> } };
}

interface AnthropicClient {
  messages: { create(body: object, options: object): Promise<unknown> };
}

describe('the ESM builds', () => {
  it(`traces a chat completion of openai ${installedVersion('openai')} imported as ESM`, async () => {
    const client = new OpenAI({ apiKey: 'sk-compat-test', baseURL: `${recording.origin}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, fixture('openai', 'chat'));
    const span = onlySpan(recording);
    assert.equal(span.instrumentationScope?.name, 'otel-llm-observer/openai');
    assert.equal(span.attributes['gen_ai.usage.input_tokens'], 2310);
  });

  it(`traces a message of @anthropic-ai/sdk ${installedVersion('@anthropic-ai/sdk')} imported as ESM`, async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-compat-test', baseURL: recording.origin, maxRetries: 0 });
    await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }, fixture('anthropic', 'message'));
    const span = onlySpan(recording);
    assert.equal(span.instrumentationScope?.name, 'otel-llm-observer/anthropic');
    assert.equal(span.attributes['gen_ai.usage.input_tokens'], 3921);
  });
});
