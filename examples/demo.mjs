// The README's first command: instrumented OpenAI calls, plain and streamed, against the local
// fixture server (no API key, no network), with each call's span printed as it ends.
import { register } from 'node:module';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OpenAIInstrumentation } from 'otel-llm-observer';
import { startFixtureServer } from '../test/support/fixture-server.ts';

// ESM apps are patched through import-in-the-middle's loader hook, registered before `openai` loads.
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

/** A span exporter that prints each span as a few readable lines. */
const printer = {
  export(spans, done) {
    for (const span of spans) {
      const seconds = span.duration[0] + span.duration[1] / 1e9;
      console.log(`\n● ${span.name}  (${(seconds * 1000).toFixed(1)} ms)`);
      for (const [key, value] of Object.entries(span.attributes)) {
        console.log(`    ${key.padEnd(44)} ${JSON.stringify(value)}`);
      }
    }
    done({ code: 0 });
  },
  shutdown: async () => {},
};

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: printer })] });
trace.setGlobalTracerProvider(provider);
registerInstrumentations({ instrumentations: [new OpenAIInstrumentation()], tracerProvider: provider });

const { default: OpenAI } = await import('openai');
const server = await startFixtureServer();
const client = new OpenAI({ apiKey: 'sk-demo-not-a-real-key', baseURL: `${server.origin}/v1` });
const question = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is the capital of France?' }] };

console.log('Plain call:');
const completion = await client.chat.completions.create(question, { headers: { 'x-fixture': 'openai/chat' } });
console.log(`  answer: ${completion.choices[0].message.content}`);

console.log('\nStreamed call:');
const stream = await client.chat.completions.create(
  { ...question, stream: true, stream_options: { include_usage: true } },
  { headers: { 'x-fixture': 'openai/chat-stream' } },
);
let answer = '';
for await (const chunk of stream) answer += chunk.choices[0]?.delta.content ?? '';
console.log(`  answer: ${answer}`);

await provider.shutdown();
await server.close();
