import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { OllamaInstrumentation } from '../../src/index.js';
import { fetchToFixtures } from '../support/fixture-server.js';
import { onlySpan, testbedParts } from '../support/testbed-parts.js';

/**
 * `ollama/browser` (ollama-js's browser build; installed: 0.6.4, loaded by `require`) imported
 * alone, as an app that wants no `fs` does: its file is hooked as the module's main file is, so its
 * calls are traced without the main module ever loading. A file of its own, so that this test
 * process has not loaded `ollama` (each test file runs in a process of its own). The fixture is
 * test/fixtures/ollama/chat.json.
 */

type Browser = typeof import('ollama/browser');
const parts = testbedParts(() => new OllamaInstrumentation(), [], () => undefined);
const require = createRequire(import.meta.url);
// Loaded once the instrumentation is registered, so that require-in-the-middle patches it.
const browser = require('ollama/browser') as Browser;
const question = { model: 'llama3.2', messages: [{ role: 'user', content: 'What is the capital of France?' }] };

describe('ollama/browser imported alone', () => {
  it('has its chat traced, the main module never loaded', async () => {
    const client = new browser.Ollama({ headers: { 'x-fixture': 'ollama/chat' }, fetch: fetchToFixtures(parts.server.origin, () => undefined) as typeof fetch });
    const response = await client.chat(question);
    expect(response.message.content).toBe('The capital of France is Paris.');
    expect(Object.keys(require.cache).filter((file) => /[\\/]ollama[\\/]dist[\\/]index\.c?js$/.test(file))).toEqual([]);
    const span = onlySpan(parts);
    expect([span.name, span.attributes['gen_ai.provider.name'], span.attributes['gen_ai.usage.input_tokens']]).toEqual(['chat llama3.2', 'ollama', 31]);
  });
});
