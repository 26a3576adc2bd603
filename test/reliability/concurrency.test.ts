import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, expect, it } from 'vitest';
import { liveObjectHeapBytes } from '../support/telemetry-checks.js';
import {
  bedrockClient,
  cerebrasClient,
  cohereClient,
  cohereV1Client,
  fixture,
  geminiFixture,
  interactionFixture,
  mistralClient,
  mistralFixture,
  ollamaClient,
  reliabilityBed,
  reportedErrors,
  spansEndedTwice,
  togetherClient,
  withHeaders,
  type AnthropicClient,
  type BedrockClient,
  type CerebrasClient,
  type CohereClient,
  type CohereV1Client,
  type GeminiClient,
  type GroqClient,
  type MistralClient,
  type OllamaClient,
  type OpenAIClient,
  type TogetherClient,
} from './bed.js';
import {
  CEREBRAS_CHAT,
  CEREBRAS_STREAM,
  CHAT,
  CHAT_STREAM,
  COHERE_CHAT,
  COHERE_V1_CHAT,
  CONTENT,
  CONVERSE,
  GROQ_CHAT,
  INTERACTION,
  INTERACTION_STREAM,
  INVOKE_CLAUDE,
  INVOKE_NOVA,
  MESSAGE,
  MISTRAL_CHAT,
  OLLAMA_CHAT,
  OLLAMA_GENERATE,
  TOGETHER_CHAT,
} from './calls.js';
import { FIGURES } from './figures.js';
import { eventStreamFixture, jsonFixture, ndjsonFixture, sseFixture } from './wire-fixtures.js';

/**
 * Many calls at once, across every provider, plain and streamed, each made while handling a
 * request of its own (its own parent span). Each call answers from a fixture of its own, made from
 * the wire fixtures with the call's number in its response id and in its input token count: a span
 * that took another call's response, usage or parent shows it. The fixture server runs in a process
 * of its own, one per run: one process holding both ends of every connection would run out of
 * file descriptors.
 */

const CALLS = FIGURES.concurrentCalls;
/** Calls made, and their spans dropped, before the heap is first measured: modules warm and the connection pool at its size. */
const WARM_UP_CALLS = CALLS;
/**
 * How much the heap may grow over the calls, once their results and spans are dropped: 1 KB a
 * call (2 MB for 2,000 calls, 10 MB for 10,000), where a span kept for each call would take several.
 */
const HEAP_GROWTH_BOUND_BYTES = CALLS * 1024;

const folder = mkdtempSync(join(tmpdir(), 'otel-llm-observer-concurrency-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
mkdirSync(join(folder, 'concurrent'));
const bed = await reliabilityBed();

interface Clients {
  readonly openai: OpenAIClient;
  readonly anthropic: AnthropicClient;
  readonly gemini: GeminiClient;
  readonly bedrock: BedrockClient;
  readonly groq: GroqClient;
  readonly mistral: MistralClient;
  readonly cohere: CohereClient;
  readonly cohereV1: CohereV1Client;
  /** An Ollama client whose calls answer with the fixture `name`: its calls take no headers of their own. */
  ollama(name: string): OllamaClient;
  readonly together: TogetherClient;
  readonly cerebras: CerebrasClient;
}

/**
 * Runs `run` with clients of a fixture server of `folder` started for it in a child process, which
 * is stopped after it: no connection outlives the run, so the heap measured after it holds none.
 */
async function withFixtureServerProcess<T>(run: (clients: Clients) => Promise<T>): Promise<T> {
  const script = join(import.meta.dirname, '..', 'fixtures', 'reliability', 'fixture-server-process.mjs');
  const child = spawn(process.execPath, [script, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [printed] = (await once(child.stdout, 'data')) as [Buffer];
    const origin = printed.toString().trim();
    return await run({
      openai: new bed.openaiSdk.OpenAI({ apiKey: 'sk-test-reliability', baseURL: `${origin}/v1`, maxRetries: 0 }),
      anthropic: new bed.anthropicSdk.Anthropic({ apiKey: 'sk-ant-test-reliability', baseURL: origin, maxRetries: 0 }),
      gemini: new bed.geminiSdk.GoogleGenAI({ apiKey: 'AIzaSy-test-reliability', httpOptions: { baseUrl: origin } }),
      bedrock: bedrockClient(bed.bedrockSdk, origin),
      groq: new bed.groqSdk.Groq({ apiKey: 'gsk_test-reliability', baseURL: origin, maxRetries: 0 }),
      mistral: mistralClient(bed.mistralSdk, origin),
      cohere: cohereClient(bed.cohereSdk, origin),
      cohereV1: cohereV1Client(bed.cohereSdk, origin),
      ollama: (name) => ollamaClient(bed.ollamaSdk, origin, name),
      together: togetherClient(bed.togetherSdk, origin),
      cerebras: cerebrasClient(bed.cerebrasSdk, origin),
    });
  } finally {
    const exited = once(child, 'exit');
    child.kill();
    await exited;
  }
}

interface CallKind {
  /** Writes the fixture of call `n`; returns the response id and input token count its span must have. */
  write(n: number): { responseId: string; inputTokens: number };
  /** Makes the call, answered from the fixture `name`. */
  call(clients: Clients, name: string): Promise<unknown>;
}

async function readAll(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const event of stream) void event;
}

const chat = jsonFixture('openai/chat');
const chatStream = sseFixture('openai/chat-stream').join('\n\n');
const message = jsonFixture('anthropic/message');
const messageStream = sseFixture('anthropic/message-stream').join('\n\n');
const content = jsonFixture('gemini/generate-content');
const contentStream = sseFixture('gemini/generate-content-stream').join('\n\n');
const interaction = jsonFixture('gemini/interaction');
const interactionStream = sseFixture('gemini/interaction-stream').join('\n\n');
const groqChat = jsonFixture('openai-backends/groq-chat');
const groqChatStream = sseFixture('openai-backends/groq-chat-stream-x-groq').join('\n\n');
const mistralChat = jsonFixture('mistral/chat');
const mistralChatStream = sseFixture('mistral/chat-stream').join('\n\n');
const cohereChat = jsonFixture('cohere/v2-chat');
const cohereChatStream = sseFixture('cohere/v2-chat-stream');
const cohereV1Chat = jsonFixture('cohere/v1-chat');
const cohereV1ChatStream = ndjsonFixture('cohere/v1-chat-stream').map((line) => JSON.parse(line) as Record<string, unknown>);
const ollamaChat = jsonFixture('ollama/chat');
const ollamaGenerateStream = ndjsonFixture('ollama/generate-stream').map((line) => JSON.parse(line) as Record<string, unknown>);
const togetherChat = jsonFixture('openai-backends/together-chat');
const togetherChatStream = sseFixture('openai-backends/together-chat-stream').join('\n\n');
const cerebrasChat = jsonFixture('openai-backends/cerebras-chat');
const cerebrasChatStream = sseFixture('openai-backends/cerebras-chat-stream').join('\n\n');
const converse = jsonFixture('bedrock/converse');
const converseStream = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'bedrock', 'converse-stream.json'), 'utf8')) as { eventStream: { payload: Record<string, unknown> }[] };
const invokeClaude = jsonFixture('bedrock/invoke-claude');
const invokeClaudeStream = eventStreamFixture('bedrock/invoke-claude-stream');
const invokeNova = jsonFixture('bedrock/invoke-nova');
const invokeNovaStream = eventStreamFixture('bedrock/invoke-nova-stream');

/** The messages of an InvokeModelWithResponseStream fixture with each chunk's model event (its `bytes`, which the fixture server sends base64) made by `change`. */
function withModelEvents(eventStream: readonly { headers: Record<string, string>; payload: Record<string, unknown> }[], change: (event: Record<string, unknown>) => Record<string, unknown>) {
  return eventStream.map((message) => ({ ...message, payload: { ...message.payload, bytes: change(message.payload['bytes'] as Record<string, unknown>) } }));
}

/** Sends an InvokeModelWithResponseStreamCommand of `input` answered from the fixture `name`, and reads its events to the end. */
async function invokeModelStream(bedrock: BedrockClient, input: typeof INVOKE_CLAUDE | typeof INVOKE_NOVA, name: string): Promise<void> {
  const { body } = await bedrock.send(withHeaders(new bed.bedrockSdk.InvokeModelWithResponseStreamCommand({ ...input }), { 'x-fixture': name }));
  if (body === undefined) throw new Error('an InvokeModelWithResponseStream response without its body');
  await readAll(body);
}

/**
 * Converse's responses carry no id, nor Nova's through InvokeModel: such a Bedrock call's span is
 * known by its input tokens, which no other call of the run has. (Claude's through InvokeModel has
 * its Message's id, `msg_bdrk_…`.)
 */
const byUsage = (inputTokens: number) => `input ${inputTokens}`;

const fixtureFile = (n: number, extension: string) => join(folder, 'concurrent', `call-${n}.${extension}`);

const KINDS: readonly CallKind[] = [
  {
    write(n) {
      const usage = { inputTokens: 1000 + n, outputTokens: 9, totalTokens: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...converse, body: { ...converse.body, usage } }));
      return { responseId: byUsage(1000 + n), inputTokens: 1000 + n };
    },
    call: ({ bedrock }, name) => bedrock.send(withHeaders(new bed.bedrockSdk.ConverseCommand(CONVERSE), { 'x-fixture': name })),
  },
  {
    write(n) {
      const eventStream = converseStream.eventStream.map((message) =>
        message.payload['usage'] === undefined ? message : { ...message, payload: { ...message.payload, usage: { inputTokens: 1000 + n, outputTokens: 9, totalTokens: 1009 + n } } },
      );
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...converseStream, eventStream }));
      return { responseId: byUsage(1000 + n), inputTokens: 1000 + n };
    },
    async call({ bedrock }, name) {
      const { stream } = await bedrock.send(withHeaders(new bed.bedrockSdk.ConverseStreamCommand(CONVERSE), { 'x-fixture': name }));
      if (stream === undefined) throw new Error('a ConverseStream response without its stream');
      await readAll(stream);
    },
  },
  {
    write(n) {
      const usage = { input_tokens: 1000 + n, output_tokens: 9 };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...invokeClaude, body: { ...invokeClaude.body, id: `msg_bdrk_call_${n}`, usage } }));
      return { responseId: `msg_bdrk_call_${n}`, inputTokens: 1000 + n };
    },
    call: ({ bedrock }, name) => bedrock.send(withHeaders(new bed.bedrockSdk.InvokeModelCommand({ ...INVOKE_CLAUDE }), { 'x-fixture': name })),
  },
  {
    write(n) {
      // message_start says the Message's id and its input; the invocation metrics of message_stop, which a Claude span does not read, are left as they are.
      const eventStream = withModelEvents(invokeClaudeStream.eventStream, (event) =>
        event['type'] === 'message_start' ? { ...event, message: { ...(event['message'] as object), id: `msg_bdrk_call_${n}`, usage: { input_tokens: 1000 + n, output_tokens: 1 } } } : event,
      );
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...invokeClaudeStream, eventStream }));
      return { responseId: `msg_bdrk_call_${n}`, inputTokens: 1000 + n };
    },
    call: ({ bedrock }, name) => invokeModelStream(bedrock, INVOKE_CLAUDE, name),
  },
  {
    write(n) {
      const usage = { inputTokens: 1000 + n, outputTokens: 9, totalTokens: 1009 + n, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...invokeNova, body: { ...invokeNova.body, usage } }));
      return { responseId: byUsage(1000 + n), inputTokens: 1000 + n };
    },
    call: ({ bedrock }, name) => bedrock.send(withHeaders(new bed.bedrockSdk.InvokeModelCommand({ ...INVOKE_NOVA }), { 'x-fixture': name })),
  },
  {
    write(n) {
      const eventStream = withModelEvents(invokeNovaStream.eventStream, (event) =>
        event['metadata'] === undefined ? event : { ...event, metadata: { ...(event['metadata'] as object), usage: { inputTokens: 1000 + n, outputTokens: 9, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 } } },
      );
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...invokeNovaStream, eventStream }));
      return { responseId: byUsage(1000 + n), inputTokens: 1000 + n };
    },
    call: ({ bedrock }, name) => invokeModelStream(bedrock, INVOKE_NOVA, name),
  },
  {
    write(n) {
      const usage = { prompt_tokens: 1000 + n, completion_tokens: 9, total_tokens: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...chat, body: { ...chat.body, id: `chatcmpl-call-${n}`, usage } }));
      return { responseId: `chatcmpl-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ openai }, name) => openai.chat.completions.create(CHAT, fixture(name)),
  },
  {
    write(n) {
      const text = chatStream
        .replaceAll('chatcmpl-CfZ4stream000000000000001', `chatcmpl-call-${n}`)
        .replace('"prompt_tokens":2310', `"prompt_tokens":${1000 + n}`)
        .replace('"cached_tokens":1920', '"cached_tokens":0');
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `chatcmpl-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ openai }, name) => readAll(await openai.chat.completions.create(CHAT_STREAM, fixture(name))),
  },
  {
    write(n) {
      const usage = { input_tokens: 1000 + n, output_tokens: 9 };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...message, body: { ...message.body, id: `msg_call_${n}`, usage } }));
      return { responseId: `msg_call_${n}`, inputTokens: 1000 + n };
    },
    call: ({ anthropic }, name) => anthropic.messages.create(MESSAGE, fixture(name)),
  },
  {
    write(n) {
      // The input of message-stream.sse is 21 tokens, plus 1,800 read from the cache and 2,100 written to it.
      const text = messageStream.replaceAll('msg_01StrEaM4bC5dE6fG7hI8jK9', `msg_call_${n}`).replaceAll('"input_tokens":21', `"input_tokens":${1000 + n}`);
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `msg_call_${n}`, inputTokens: 1000 + n + 1800 + 2100 };
    },
    call: async ({ anthropic }, name) => readAll(await anthropic.messages.create({ ...MESSAGE, stream: true }, fixture(name))),
  },
  {
    write(n) {
      const usageMetadata = { promptTokenCount: 1000 + n, candidatesTokenCount: 9, totalTokenCount: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...content, body: { ...content.body, responseId: `gemini-call-${n}`, usageMetadata } }));
      return { responseId: `gemini-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ gemini }, name) => gemini.models.generateContent({ ...CONTENT, config: geminiFixture(name) }),
  },
  {
    write(n) {
      // Every chunk of generate-content-stream.sse says 2,400 prompt tokens (2,048 of them read from the cache).
      const text = contentStream.replaceAll('rH5GafO1BtHq7M8PkZ2xqQg', `gemini-call-${n}`).replaceAll('"promptTokenCount": 2400', `"promptTokenCount": ${1000 + n}`).replaceAll('"cachedContentTokenCount": 2048', '"cachedContentTokenCount": 0');
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `gemini-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ gemini }, name) => readAll(await gemini.models.generateContentStream({ ...CONTENT, config: geminiFixture(name) })),
  },
  {
    write(n) {
      const usage = { total_input_tokens: 1000 + n, total_output_tokens: 9, total_tokens: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...interaction, body: { ...interaction.body, id: `v1_call_${n}`, usage } }));
      return { responseId: `v1_call_${n}`, inputTokens: 1000 + n };
    },
    call: ({ gemini }, name) => gemini.interactions.create(INTERACTION, interactionFixture(name)),
  },
  {
    write(n) {
      // interaction.completed of interaction-stream.sse says 62 input tokens, none of them cached.
      const text = interactionStream.replaceAll('v1_ChdTdHJlYW1lZEludGVyYWN0aW9uT25lEhdTdHJlYW1lZA', `v1_call_${n}`).replace('"total_input_tokens":62', `"total_input_tokens":${1000 + n}`);
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `v1_call_${n}`, inputTokens: 1000 + n };
    },
    call: async ({ gemini }, name) => readAll(await gemini.interactions.create(INTERACTION_STREAM, interactionFixture(name))),
  },
  {
    write(n) {
      const usage = { prompt_tokens: 1000 + n, completion_tokens: 9, total_tokens: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...groqChat, body: { ...groqChat.body, id: `chatcmpl-groq-call-${n}`, usage } }));
      return { responseId: `chatcmpl-groq-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ groq }, name) => groq.chat.completions.create(GROQ_CHAT, fixture(name)),
  },
  {
    write(n) {
      // The last chunk of groq-chat-stream-x-groq.sse says 2,100 prompt tokens (1,024 of them cached) in its x_groq.usage.
      const text = groqChatStream
        .replaceAll('chatcmpl-4e2a9c71-0b3d-4f58-a6e1-7c9d2b8f5a30', `chatcmpl-groq-call-${n}`)
        .replace('"prompt_tokens":2100', `"prompt_tokens":${1000 + n}`)
        .replace('"cached_tokens":1024', '"cached_tokens":0');
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `chatcmpl-groq-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ groq }, name) => readAll(await groq.chat.completions.create({ ...GROQ_CHAT, stream: true }, fixture(name))),
  },
  {
    write(n) {
      const usage = { prompt_tokens: 1000 + n, completion_tokens: 9, total_tokens: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...mistralChat, body: { ...mistralChat.body, id: `mistral-call-${n}`, usage } }));
      return { responseId: `mistral-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ mistral }, name) => mistral.chat.complete(MISTRAL_CHAT, mistralFixture(name)),
  },
  {
    write(n) {
      // The last chunk of mistral/chat-stream.sse says 2,300 prompt tokens (1,984 of them cached).
      const text = mistralChatStream
        .replaceAll('9d41a7c3e25f4b08b6e0c1f2a3d4e5f6', `mistral-call-${n}`)
        .replace('"prompt_tokens":2300', `"prompt_tokens":${1000 + n}`)
        .replace('"cached_tokens":1984', '"cached_tokens":0');
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `mistral-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ mistral }, name) => readAll(await mistral.chat.stream(MISTRAL_CHAT, mistralFixture(name))),
  },
  {
    write(n) {
      const usage = { billed_units: { input_tokens: 1000 + n, output_tokens: 9 } };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...cohereChat, body: { ...cohereChat.body, id: `cohere-call-${n}`, usage } }));
      return { responseId: `cohere-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ cohere }, name) => cohere.chat(COHERE_CHAT, fixture(name)),
  },
  {
    write(n) {
      // The id comes in message-start, the billed units in message-end's delta; the stream ends with `data: [DONE]`.
      const events = cohereChatStream.map((event) =>
        event.replace(/^data: (\{.*)$/m, (_, data: string) => {
          const chunk = JSON.parse(data) as Record<string, unknown>;
          if (chunk['type'] === 'message-start') return `data: ${JSON.stringify({ ...chunk, id: `cohere-call-${n}` })}`;
          if (chunk['type'] !== 'message-end') return `data: ${data}`;
          const usage = { billed_units: { input_tokens: 1000 + n, output_tokens: 9 } };
          return `data: ${JSON.stringify({ ...chunk, delta: { ...(chunk['delta'] as object), usage } })}`;
        }),
      );
      writeFileSync(fixtureFile(n, 'sse'), `${events.join('\n\n')}\n\n`);
      return { responseId: `cohere-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ cohere }, name) => readAll(await cohere.chatStream(COHERE_CHAT, fixture(name))),
  },
  {
    write(n) {
      const meta = { api_version: { version: '1' }, billed_units: { input_tokens: 1000 + n, output_tokens: 9 } };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...cohereV1Chat, body: { ...cohereV1Chat.body, generation_id: `cohere-v1-call-${n}`, meta } }));
      return { responseId: `cohere-v1-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ cohereV1 }, name) => cohereV1.chat(COHERE_V1_CHAT, fixture(name)),
  },
  {
    write(n) {
      // The generation's id comes in stream-start, the billed units in stream-end's response.
      const meta = { api_version: { version: '1' }, billed_units: { input_tokens: 1000 + n, output_tokens: 9 } };
      const lines = cohereV1ChatStream.map((event) => {
        if (event['event_type'] === 'stream-start') return { ...event, generation_id: `cohere-v1-call-${n}` };
        if (event['event_type'] === 'stream-end') return { ...event, response: { ...(event['response'] as object), generation_id: `cohere-v1-call-${n}`, meta } };
        return event;
      });
      writeFileSync(fixtureFile(n, 'ndjson'), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
      return { responseId: `cohere-v1-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ cohereV1 }, name) => readAll(await cohereV1.chatStream(COHERE_V1_CHAT, fixture(name))),
  },
  // Ollama's responses have no id: its spans are known by their input tokens.
  {
    write(n) {
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...ollamaChat, body: { ...ollamaChat.body, prompt_eval_count: 1000 + n, eval_count: 9 } }));
      return { responseId: byUsage(1000 + n), inputTokens: 1000 + n };
    },
    call: ({ ollama }, name) => ollama(name).chat({ ...OLLAMA_CHAT }),
  },
  {
    write(n) {
      // The counts come in the last chunk, the one done.
      const lines = ollamaGenerateStream.map((chunk) => (chunk['done'] === true ? { ...chunk, prompt_eval_count: 1000 + n, eval_count: 9 } : chunk));
      writeFileSync(fixtureFile(n, 'ndjson'), `# content-type: application/x-ndjson\n${lines.map((line) => `${JSON.stringify(line)}\n`).join('')}`);
      return { responseId: byUsage(1000 + n), inputTokens: 1000 + n };
    },
    call: async ({ ollama }, name) => readAll(await ollama(name).generate({ ...OLLAMA_GENERATE, stream: true })),
  },
  {
    write(n) {
      const usage = { prompt_tokens: 1000 + n, completion_tokens: 9, total_tokens: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...togetherChat, body: { ...togetherChat.body, id: `together-call-${n}`, usage } }));
      return { responseId: `together-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ together }, name) => together.chat.completions.create(TOGETHER_CHAT, fixture(name)),
  },
  {
    write(n) {
      // The last chunk of together-chat-stream.sse says 1,000 prompt tokens (600 of them cached, flat in its usage).
      const text = togetherChatStream
        .replaceAll('o9Xk2cT-3NKUce-9a1f2b3c4d5e6f70', `together-call-${n}`)
        .replace('"prompt_tokens":1000', `"prompt_tokens":${1000 + n}`)
        .replace('"cached_tokens":600', '"cached_tokens":0');
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `together-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ together }, name) => readAll(await together.chat.completions.create({ ...TOGETHER_CHAT, stream: true }, fixture(name))),
  },
  {
    write(n) {
      const usage = { prompt_tokens: 1000 + n, completion_tokens: 9, total_tokens: 1009 + n };
      writeFileSync(fixtureFile(n, 'json'), JSON.stringify({ ...cerebrasChat, body: { ...cerebrasChat.body, id: `chatcmpl-cerebras-call-${n}`, usage } }));
      return { responseId: `chatcmpl-cerebras-call-${n}`, inputTokens: 1000 + n };
    },
    call: ({ cerebras }, name) => cerebras.chat.completions.create(CEREBRAS_CHAT, fixture(name)),
  },
  {
    write(n) {
      // The last chunk of cerebras-chat-stream.sse says 2,000 prompt tokens (1,024 of them cached).
      const text = cerebrasChatStream
        .replaceAll('chatcmpl-4e7b2a91-0c3d-4f58-9a16-b2d8e5c07f43', `chatcmpl-cerebras-call-${n}`)
        .replace('"prompt_tokens":2000', `"prompt_tokens":${1000 + n}`)
        .replace('"cached_tokens":1024', '"cached_tokens":0');
      writeFileSync(fixtureFile(n, 'sse'), `${text}\n\n`);
      return { responseId: `chatcmpl-cerebras-call-${n}`, inputTokens: 1000 + n };
    },
    call: async ({ cerebras }, name) => readAll(await cerebras.chat.completions.create({ ...CEREBRAS_CHAT, ...CEREBRAS_STREAM }, fixture(name))),
  },
];

const kindOf = (n: number) => KINDS[n % KINDS.length] as CallKind;
const expected = Array.from({ length: WARM_UP_CALLS + CALLS }, (_, n) => kindOf(n).write(n));

const tracer = bed.tracing.provider.getTracer('reliability-app');

/** Makes calls `first` to `first + count - 1` at once, each in a request span of its own; returns the request spans' ids by call. */
async function handleRequests(clients: Clients, first: number, count: number): Promise<Map<number, string>> {
  const requestSpanIds = new Map<number, string>();
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      tracer.startActiveSpan(`handle request ${first + index}`, async (request) => {
        requestSpanIds.set(first + index, request.spanContext().spanId);
        try {
          await kindOf(first + index).call(clients, `concurrent/call-${first + index}`);
        } finally {
          request.end();
        }
      }),
    ),
  );
  return requestSpanIds;
}

/**
 * What is wrong with the spans of the calls `requestSpanIds` names: a call with no span, or more
 * than one, or whose span has another parent or another usage than its own.
 */
function callSpansAmiss(requestSpanIds: ReadonlyMap<number, string>): string[] {
  const spansByResponseId = new Map<unknown, ReadableSpan[]>();
  for (const span of bed.tracing.spans()) {
    if (!span.instrumentationScope.name.startsWith('otel-llm-observer/')) continue;
    const responseId = span.attributes['gen_ai.response.id'] ?? byUsage(Number(span.attributes['gen_ai.usage.input_tokens']));
    spansByResponseId.set(responseId, [...(spansByResponseId.get(responseId) ?? []), span]);
  }
  const amiss: string[] = [];
  for (const [n, requestSpanId] of requestSpanIds) {
    const { responseId, inputTokens } = expected[n] as { responseId: string; inputTokens: number };
    const spans = spansByResponseId.get(responseId) ?? [];
    const span = spans[0] as ReadableSpan | undefined;
    if (spans.length !== 1) amiss.push(`call ${n}: ${spans.length} spans`);
    if (span?.parentSpanContext?.spanId !== requestSpanId) amiss.push(`call ${n}: another parent`);
    if (span?.attributes['gen_ai.usage.input_tokens'] !== inputTokens) amiss.push(`call ${n}: another usage`);
  }
  return amiss;
}

/** The heap's objects once the garbage is collected, after dropping the spans the test keeps. */
function heapAfterDroppingSpans(): Promise<number> {
  bed.tracing.reset();
  bed.ends.endsBySpanId.clear();
  return liveObjectHeapBytes();
}

it(
  `gives each of ${CALLS} concurrent calls across every provider the right parent and its own usage, leaving no span open and the heap as it was`,
  async () => {
    await withFixtureServerProcess((clients) => handleRequests(clients, 0, WARM_UP_CALLS));
    const heapBefore = await heapAfterDroppingSpans();

    const requestSpanIds = await withFixtureServerProcess((clients) => handleRequests(clients, WARM_UP_CALLS, CALLS));

    expect(callSpansAmiss(requestSpanIds)).toEqual([]);
    expect(bed.openSpans.open).toBe(0);
    expect(spansEndedTwice(bed)).toEqual([]);
    expect(reportedErrors(bed)).toEqual([]);

    const heapAfter = await heapAfterDroppingSpans();
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
  },
  600_000,
);
