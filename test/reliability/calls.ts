import type { ReliabilityBed } from './bed.js';
import { fixture, geminiFixture, interactionFixture, mistralFixture } from './bed.js';

/**
 * Every surface of every provider that the installed SDKs have, plain and streamed, as an app
 * calls it, succeeding and failing with an API error (before the response, and for streams also
 * in the middle of the stream): each call returns what the app gets, in a form two runs of the same
 * call can be compared in (`AppView`). `@anthropic-ai/sdk` 1.x has no legacy Completions.
 */

/** What an error the app gets says: its class, message and HTTP status. */
export interface Failure {
  readonly type: string;
  readonly message: string;
  readonly status: unknown;
}

/** What the app got from a call: its result (a stream's events, read to the end), or what it failed with, and the events read before. */
export interface AppView {
  readonly result?: unknown;
  readonly events?: unknown[];
  readonly failure?: Failure;
}

export function failureOf(error: unknown): Failure {
  const { constructor, message, status } = error as { constructor: { name: string }; message: unknown; status?: unknown };
  return { type: constructor.name, message: String(message), status };
}

/**
 * `value` with each function in it (at any depth) replaced by its name: an SDK may hand the app a
 * function made anew on each call (`@google/genai`'s `sdkHttpResponse.json`), which no two runs of
 * the same call share, so what the app gets is compared by what it can call, not by identity.
 */
function comparable(value: unknown, seen = new Set<unknown>()): unknown {
  if (typeof value === 'function') return `[function ${value.name}]`;
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => comparable(item, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item, seen)]));
}

/** What the app gets from awaiting `call`. */
export async function resultOf(call: () => Promise<unknown>): Promise<AppView> {
  try {
    return { result: comparable(await call()) };
  } catch (error) {
    return { failure: failureOf(error) };
  }
}

/** What the app gets from awaiting the stream `call` returns and reading it to its end. */
export async function eventsOf(call: () => Promise<AsyncIterable<unknown>>): Promise<AppView> {
  const events: unknown[] = [];
  try {
    for await (const event of await call()) events.push(event);
    return { events };
  } catch (error) {
    return { events, failure: failureOf(error) };
  }
}

export interface AppCall {
  /** `<provider> <surface> <plain|streamed> <outcome>`, as test names show it. */
  readonly name: string;
  run(bed: ReliabilityBed): Promise<AppView>;
}

export const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };
export const CHAT_STREAM = { ...CHAT, stream: true as const, stream_options: { include_usage: true } };
export const RESPONSE = { model: 'gpt-5.6', input: 'Capital of France?' };
export const RETRIEVED_ID = 'resp_fg1b2c3d4e5f60718293a4b5c6d7e8f9';
export const CANCELLED_ID = 'resp_bgq1b3d5f7a9c2e4b6d8f0a2c4e6b8d0f2';
export const COMPLETION = { model: 'gpt-3.5-turbo-instruct', prompt: 'Write a poem', max_tokens: 12 };
export const EMBEDDING = { model: 'text-embedding-3-small', input: 'Paris' };
export const IMAGE = { model: 'gpt-image-2.6-sunburst', prompt: 'A lighthouse at dusk' };
export const IMAGE_STREAM = { ...IMAGE, stream: true as const, partial_images: 2 };
/** A transcription's request: a few bytes uploaded as the audio file, made anew for each call as an app does. */
export async function transcription(bed: ReliabilityBed) {
  return { model: 'gpt-4o-transcribe', file: await bed.openaiSdk.toFile(Buffer.from('RIFF....WAVEfmt '), 'meeting.wav', { type: 'audio/wav' }) };
}
export const SPEECH = { model: 'gpt-4o-mini-tts', voice: 'coral' as const, input: 'Your order has shipped.' };
/** An edit's request: the prompt and a 1×1 PNG uploaded as a file, made anew for each call as an app does. */
export async function imageEdit(bed: ReliabilityBed) {
  const image = await bed.openaiSdk.toFile(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'), 'in.png', { type: 'image/png' });
  return { model: 'gpt-image-1.5', prompt: 'Make the sky stormy', image };
}
export const MESSAGE = {
  model: 'claude-sonnet-4-6',
  max_tokens: 1024,
  system: [{ type: 'text' as const, text: 'You answer geography questions in one sentence.', cache_control: { type: 'ephemeral' as const } }],
  messages: [{ role: 'user' as const, content: 'What is the capital of France?' }],
};

export const CONTENT = { model: 'gemini-2.5-flash', contents: 'What is the capital of France?' };
const geminiCall = (name: string) => ({ ...CONTENT, config: geminiFixture(name) });
export const INTERACTION = { model: 'gemini-3.6-flash', input: 'What is the capital of France?' };
export const INTERACTION_STREAM = { ...INTERACTION, stream: true as const };

export const CONVERSE = { modelId: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', messages: [{ role: 'user' as const, content: [{ text: 'Capital of France?' }] }] };
/** What a Bedrock ConverseCommand sends back; its stream's events, read to the end, for a ConverseStreamCommand. */
const converse = (bed: ReliabilityBed, name: string) => bed.bedrock(name).send(new bed.bedrockSdk.ConverseCommand(CONVERSE));
const converseStream = async (bed: ReliabilityBed, name: string): Promise<AsyncIterable<unknown>> => {
  const { stream } = await bed.bedrock(name).send(new bed.bedrockSdk.ConverseStreamCommand(CONVERSE));
  if (stream === undefined) throw new Error('a ConverseStream response without its stream');
  return stream;
};

/** The inference profile of Claude Sonnet 4.5 the Bedrock calls name: a global one, billed at the list price. */
const GLOBAL_SONNET = CONVERSE.modelId;

/** An InvokeModel request of Claude: its body in the Anthropic Messages API's format, as Bedrock takes it (a string). */
export const INVOKE_CLAUDE = {
  modelId: GLOBAL_SONNET,
  contentType: 'application/json',
  body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1024, messages: [{ role: 'user', content: 'What is the capital of France?' }] }),
};

/** An InvokeModel request of Amazon Nova Pro: its body in Nova's own format (`messages-v1`), as bytes. */
export const INVOKE_NOVA = {
  modelId: 'us.amazon.nova-pro-v1:0',
  body: new TextEncoder().encode(
    JSON.stringify({ schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'What is the capital of France?' }] }], inferenceConfig: { max_new_tokens: 300 } }),
  ),
};

type InvokeInput = typeof INVOKE_CLAUDE | typeof INVOKE_NOVA;

/** What a Bedrock InvokeModelCommand of `input` sends back when answered with the fixture `name`: the body's bytes as they came. */
/** A chat completion of GroqCloud's, through groq-sdk. */
export const GROQ_CHAT = { model: 'openai/gpt-oss-120b', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };
/** Speech by GroqCloud's text-to-speech model (its response is the audio's bytes, as OpenAI's). */
const GROQ_SPEECH = { model: 'playai-tts', voice: 'Fritz-PlayAI', input: 'The close is on Friday.' };
/** A transcription of a few bytes of audio by Groq's Whisper. */
export const groqTranscription = async (bed: ReliabilityBed) => ({ model: 'whisper-large-v3', file: await bed.groqSdk.toFile(Buffer.from('RIFF0000WAVEfmt '), 'close.wav', { type: 'audio/wav' }) });

/** A chat completion, a FIM completion and an embedding of Mistral AI's, through `@mistralai/mistralai`. */
export const MISTRAL_CHAT = { model: 'mistral-small-latest', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };
export const MISTRAL_FIM = { model: 'codestral-latest', prompt: 'function add(a, b) {', suffix: '}' };
export const MISTRAL_EMBEDDING = { model: 'mistral-embed', inputs: ['Paris'] };
export const MISTRAL_AGENT = { agentId: 'ag_0197a3c2e8f47b1d9a6e5c4b3a2f1e0d', messages: [{ role: 'user' as const, content: 'When does my order ship?' }] };

/** A chat and an embedding of Cohere's, through `cohere-ai`'s v2 client, and a chat and an embedding through its v1 client. */
export const COHERE_CHAT = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };
export const COHERE_EMBED = { model: 'embed-v4.0', inputType: 'search_document' as const, embeddingTypes: ['float' as const, 'int8' as const], texts: ['quarterly close', 'annual report'] };
export const COHERE_V1_CHAT = { model: 'command-r-08-2024', message: 'Weather in Lyon?' };
export const COHERE_V1_EMBED = { model: 'embed-v4.0', inputType: 'search_document' as const, texts: ['quarterly close', 'annual report'] };

/** A chat completion, a completion, an embedding and speech of Together AI's, through together-ai. */
export const TOGETHER_CHAT = { model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };
export const TOGETHER_COMPLETION = { model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', prompt: 'The quarterly close is on', max_tokens: 8 };
export const TOGETHER_EMBEDDING = { model: 'BAAI/bge-base-en-v1.5', input: 'quarterly close' };
const TOGETHER_SPEECH = { model: 'cartesia/sonic', voice: 'friendly sidekick', input: 'The close is on Friday.' };
/** A transcription of a few bytes of audio by Together's Whisper. */
export const togetherTranscription = async (bed: ReliabilityBed) => ({
  model: 'openai/whisper-large-v3' as const,
  file: await bed.togetherSdk.toFile(Buffer.from('RIFF0000WAVEfmt '), 'close.wav', { type: 'audio/wav' }),
});

/** A chat completion and a completion of Cerebras's, through @cerebras/cerebras_cloud_sdk. */
export const CEREBRAS_CHAT = { model: 'gpt-oss-120b', messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };
export const CEREBRAS_COMPLETION = { model: 'gpt-oss-120b', prompt: 'The quarterly close is on', max_tokens: 8 };
/** A stream of Cerebras's, its usage asked for: Cerebras sends it in the last chunk. */
export const CEREBRAS_STREAM = { stream: true as const, stream_options: { include_usage: true } };

/**
 * A chat, a completion (fill-in-the-middle), an embedding and an embedding of the older endpoint of
 * Ollama's, through `ollama` (ollama-js), each made on a client whose headers name its fixture
 * (`bed.ollama(name)`). The SDK writes `stream: false` into a request that names none: each call is
 * given a copy of its own, so that every run of a call sends the same request.
 */
export const OLLAMA_CHAT = { model: 'llama3.2', messages: [{ role: 'user', content: 'What is the capital of France?' }] };
export const OLLAMA_GENERATE = { model: 'qwen2.5-coder:7b', prompt: 'function add(a, b) {\n', suffix: '}\n', options: { temperature: 0, num_predict: 64 } };
export const OLLAMA_EMBED = { model: 'embeddinggemma', input: ['quarterly close', 'annual report'], dimensions: 4 };
export const OLLAMA_EMBEDDINGS = { model: 'nomic-embed-text', prompt: 'quarterly close' };

/** An Ollama chat answered with the fixture `name`, plain; and streamed, its chunks read to the end. */
export const ollamaChat = (bed: ReliabilityBed, name: string) => resultOf(() => bed.ollama(name).chat({ ...OLLAMA_CHAT }));
export const ollamaChatStream = (bed: ReliabilityBed, name: string) => eventsOf(() => bed.ollama(name).chat({ ...OLLAMA_CHAT, stream: true }));
/** An Ollama completion answered with the fixture `name`, plain; and streamed, its chunks read to the end. */
export const ollamaGenerate = (bed: ReliabilityBed, name: string) => resultOf(() => bed.ollama(name).generate({ ...OLLAMA_GENERATE }));
export const ollamaGenerateStream = (bed: ReliabilityBed, name: string) => eventsOf(() => bed.ollama(name).generate({ ...OLLAMA_GENERATE, stream: true }));
/** Ollama's embeddings answered with the fixture `name`: `/api/embed`, and the older `/api/embeddings`. */
export const ollamaEmbed = (bed: ReliabilityBed, name: string) => resultOf(() => bed.ollama(name).embed({ ...OLLAMA_EMBED }));
export const ollamaEmbeddings = (bed: ReliabilityBed, name: string) => resultOf(() => bed.ollama(name).embeddings({ ...OLLAMA_EMBEDDINGS }));

export const invokeModel = (bed: ReliabilityBed, name: string, input: InvokeInput) => bed.bedrock(name).send(new bed.bedrockSdk.InvokeModelCommand({ ...input }));

/** The events of an InvokeModelWithResponseStreamCommand of `input` answered with the fixture `name`: each a chunk whose bytes are one of the model's events. */
export async function invokeModelStream(bed: ReliabilityBed, name: string, input: InvokeInput): Promise<AsyncIterable<unknown>> {
  const { body } = await bed.bedrock(name).send(new bed.bedrockSdk.InvokeModelWithResponseStreamCommand({ ...input }));
  if (body === undefined) throw new Error('an InvokeModelWithResponseStream response without its body');
  return body;
}

export const APP_CALLS: readonly AppCall[] = [
  { name: 'openai chat plain success', run: (bed) => resultOf(() => bed.openai.chat.completions.create(CHAT, fixture('openai/chat'))) },
  { name: 'openai chat plain API error', run: (bed) => resultOf(() => bed.openai.chat.completions.create(CHAT, fixture('openai/error-429'))) },
  { name: 'openai chat streamed success', run: (bed) => eventsOf(() => bed.openai.chat.completions.create(CHAT_STREAM, fixture('openai/chat-stream'))) },
  { name: 'openai chat streamed API error', run: (bed) => eventsOf(() => bed.openai.chat.completions.create(CHAT_STREAM, fixture('openai/error-429'))) },
  { name: 'openai chat streamed API error mid-stream', run: (bed) => eventsOf(() => bed.openai.chat.completions.create(CHAT_STREAM, fixture('openai/chat-stream-error'))) },
  { name: 'openai responses plain success', run: (bed) => resultOf(() => bed.openai.responses.create(RESPONSE, fixture('openai/responses'))) },
  { name: 'openai responses plain API error', run: (bed) => resultOf(() => bed.openai.responses.create(RESPONSE, fixture('openai/error-429'))) },
  { name: 'openai responses streamed success', run: (bed) => eventsOf(() => bed.openai.responses.create({ ...RESPONSE, stream: true }, fixture('openai/responses-stream'))) },
  { name: 'openai responses streamed API error', run: (bed) => eventsOf(() => bed.openai.responses.create({ ...RESPONSE, stream: true }, fixture('openai/error-429'))) },
  { name: 'openai responses streamed API error mid-stream', run: (bed) => eventsOf(() => bed.openai.responses.create({ ...RESPONSE, stream: true }, fixture('openai/responses-stream-error'))) },
  { name: 'openai responses compact success', run: (bed) => resultOf(() => bed.openai.responses.compact(RESPONSE, fixture('openai/responses-compact'))) },
  { name: 'openai responses compact API error', run: (bed) => resultOf(() => bed.openai.responses.compact(RESPONSE, fixture('openai/error-429'))) },
  // A response made in the foreground: its retrieval carries no usage, so every run of it gets the same span.
  { name: 'openai responses retrieve success', run: (bed) => resultOf(() => bed.openai.responses.retrieve(RETRIEVED_ID, {}, fixture('openai-cost/responses-foreground-completed'))) },
  { name: 'openai responses retrieve API error', run: (bed) => resultOf(() => bed.openai.responses.retrieve(RETRIEVED_ID, {}, fixture('openai/error-429'))) },
  // Cancelled while queued: no usage to bill, so every run of it gets the same span.
  { name: 'openai responses cancel success', run: (bed) => resultOf(() => bed.openai.responses.cancel(CANCELLED_ID, fixture('openai-cost/responses-background-cancelled-queued'))) },
  { name: 'openai responses cancel API error', run: (bed) => resultOf(() => bed.openai.responses.cancel(CANCELLED_ID, fixture('openai/error-429'))) },
  { name: 'openai completions plain success', run: (bed) => resultOf(() => bed.openai.completions.create(COMPLETION, fixture('openai/completion'))) },
  { name: 'openai completions plain API error', run: (bed) => resultOf(() => bed.openai.completions.create(COMPLETION, fixture('openai/error-429'))) },
  { name: 'openai completions streamed success', run: (bed) => eventsOf(() => bed.openai.completions.create({ ...COMPLETION, stream: true }, fixture('openai/completion-stream'))) },
  { name: 'openai completions streamed API error', run: (bed) => eventsOf(() => bed.openai.completions.create({ ...COMPLETION, stream: true }, fixture('openai/error-429'))) },
  { name: 'openai embeddings plain success', run: (bed) => resultOf(() => bed.openai.embeddings.create(EMBEDDING, fixture('openai/embeddings'))) },
  { name: 'openai embeddings plain API error', run: (bed) => resultOf(() => bed.openai.embeddings.create(EMBEDDING, fixture('openai/error-429'))) },
  { name: 'openai images generate plain success', run: (bed) => resultOf(() => bed.openai.images.generate(IMAGE, fixture('openai/images-generate'))) },
  { name: 'openai images generate plain API error', run: (bed) => resultOf(() => bed.openai.images.generate(IMAGE, fixture('openai/images-error-moderation'))) },
  { name: 'openai images generate streamed success', run: (bed) => eventsOf(() => bed.openai.images.generate(IMAGE_STREAM, fixture('openai/images-generate-stream'))) },
  { name: 'openai images generate streamed API error', run: (bed) => eventsOf(() => bed.openai.images.generate(IMAGE_STREAM, fixture('openai/error-429'))) },
  { name: 'openai images edit plain success', run: async (bed) => resultOf(async () => bed.openai.images.edit(await imageEdit(bed), fixture('openai/images-edit'))) },
  { name: 'openai images edit plain API error', run: async (bed) => resultOf(async () => bed.openai.images.edit(await imageEdit(bed), fixture('openai/error-429'))) },
  { name: 'openai images edit streamed success', run: async (bed) => eventsOf(async () => bed.openai.images.edit({ ...(await imageEdit(bed)), stream: true, partial_images: 2 }, fixture('openai/images-edit-stream'))) },
  { name: 'openai images edit streamed API error', run: async (bed) => eventsOf(async () => bed.openai.images.edit({ ...(await imageEdit(bed)), stream: true, partial_images: 2 }, fixture('openai/error-429'))) },
  { name: 'openai audio transcriptions plain success', run: async (bed) => resultOf(async () => bed.openai.audio.transcriptions.create(await transcription(bed), fixture('openai/audio-transcription'))) },
  { name: 'openai audio transcriptions plain API error', run: async (bed) => resultOf(async () => bed.openai.audio.transcriptions.create(await transcription(bed), fixture('openai/error-429'))) },
  {
    name: 'openai audio transcriptions streamed success',
    run: async (bed) => eventsOf(async () => bed.openai.audio.transcriptions.create({ ...(await transcription(bed)), stream: true }, fixture('openai/audio-transcription-stream'))),
  },
  {
    name: 'openai audio transcriptions streamed API error',
    run: async (bed) => eventsOf(async () => bed.openai.audio.transcriptions.create({ ...(await transcription(bed)), stream: true }, fixture('openai/error-429'))),
  },
  { name: 'openai audio translations plain success', run: async (bed) => resultOf(async () => bed.openai.audio.translations.create({ ...(await transcription(bed)), model: 'whisper-1' }, fixture('openai/audio-translation'))) },
  { name: 'openai audio translations plain API error', run: async (bed) => resultOf(async () => bed.openai.audio.translations.create({ ...(await transcription(bed)), model: 'whisper-1' }, fixture('openai/error-429'))) },
  { name: 'openai audio speech plain success', run: (bed) => resultOf(async () => (await bed.openai.audio.speech.create(SPEECH, fixture('openai/audio-speech'))).text()) },
  { name: 'openai audio speech plain API error', run: (bed) => resultOf(async () => (await bed.openai.audio.speech.create(SPEECH, fixture('openai/error-429'))).text()) },
  { name: 'anthropic messages plain success', run: (bed) => resultOf(() => bed.anthropic.messages.create(MESSAGE, fixture('anthropic/message'))) },
  { name: 'anthropic messages plain API error', run: (bed) => resultOf(() => bed.anthropic.messages.create(MESSAGE, fixture('anthropic/error-429'))) },
  { name: 'anthropic messages streamed success', run: (bed) => eventsOf(() => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/message-stream'))) },
  { name: 'anthropic messages streamed API error', run: (bed) => eventsOf(() => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/error-429'))) },
  { name: 'anthropic messages streamed API error mid-stream', run: (bed) => eventsOf(() => bed.anthropic.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/message-stream-overloaded'))) },
  { name: 'anthropic beta messages plain success', run: (bed) => resultOf(() => bed.anthropic.beta.messages.create(MESSAGE, fixture('anthropic/message'))) },
  { name: 'anthropic beta messages plain API error', run: (bed) => resultOf(() => bed.anthropic.beta.messages.create(MESSAGE, fixture('anthropic/error-429'))) },
  { name: 'anthropic beta messages streamed success', run: (bed) => eventsOf(() => bed.anthropic.beta.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/message-stream'))) },
  { name: 'anthropic beta messages streamed API error', run: (bed) => eventsOf(() => bed.anthropic.beta.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/error-429'))) },
  { name: 'anthropic beta messages streamed API error mid-stream', run: (bed) => eventsOf(() => bed.anthropic.beta.messages.create({ ...MESSAGE, stream: true }, fixture('anthropic/message-stream-overloaded'))) },
  { name: 'gemini generateContent plain success', run: (bed) => resultOf(() => bed.gemini.models.generateContent(geminiCall('gemini/generate-content'))) },
  { name: 'gemini generateContent plain API error', run: (bed) => resultOf(() => bed.gemini.models.generateContent(geminiCall('gemini/error-429'))) },
  { name: 'gemini generateContent streamed success', run: (bed) => eventsOf(() => bed.gemini.models.generateContentStream(geminiCall('gemini/generate-content-stream'))) },
  { name: 'gemini generateContent streamed API error', run: (bed) => eventsOf(() => bed.gemini.models.generateContentStream(geminiCall('gemini/error-429'))) },
  { name: 'gemini generateContent streamed API error mid-stream', run: (bed) => eventsOf(() => bed.gemini.models.generateContentStream(geminiCall('gemini/generate-content-stream-error'))) },
  { name: 'gemini embedContent plain success', run: (bed) => resultOf(() => bed.gemini.models.embedContent({ model: 'gemini-embedding-001', contents: ['Paris'], config: geminiFixture('gemini/embed-content') })) },
  { name: 'gemini countTokens plain success', run: (bed) => resultOf(() => bed.gemini.models.countTokens({ ...CONTENT, config: geminiFixture('gemini/count-tokens') })) },
  { name: 'gemini caches.create plain success', run: (bed) => resultOf(() => bed.gemini.caches.create({ model: 'gemini-2.5-pro', config: { ...geminiFixture('gemini/cache-create'), contents: 'The contract…', ttl: '3600s' } })) },
  { name: 'gemini interactions plain success', run: (bed) => resultOf(() => bed.gemini.interactions.create(INTERACTION, interactionFixture('gemini/interaction'))) },
  { name: 'gemini interactions plain API error', run: (bed) => resultOf(() => bed.gemini.interactions.create(INTERACTION, interactionFixture('gemini/interaction-error-429'))) },
  { name: 'gemini interactions streamed success', run: (bed) => eventsOf(() => bed.gemini.interactions.create(INTERACTION_STREAM, interactionFixture('gemini/interaction-stream'))) },
  { name: 'gemini interactions streamed API error', run: (bed) => eventsOf(() => bed.gemini.interactions.create(INTERACTION_STREAM, interactionFixture('gemini/interaction-error-429'))) },
  { name: 'gemini interactions streamed API error mid-stream', run: (bed) => eventsOf(() => bed.gemini.interactions.create(INTERACTION_STREAM, interactionFixture('gemini/interaction-stream-error'))) },
  { name: 'bedrock converse plain success', run: (bed) => resultOf(() => converse(bed, 'bedrock/converse')) },
  { name: 'bedrock converse plain API error', run: (bed) => resultOf(() => converse(bed, 'bedrock/error-429')) },
  { name: 'bedrock converse streamed success', run: (bed) => eventsOf(() => converseStream(bed, 'bedrock/converse-stream')) },
  { name: 'bedrock converse streamed API error', run: (bed) => eventsOf(() => converseStream(bed, 'bedrock/error-429')) },
  { name: 'bedrock converse streamed API error mid-stream', run: (bed) => eventsOf(() => converseStream(bed, 'bedrock/converse-stream-error')) },
  { name: 'bedrock invokeModel claude plain success', run: (bed) => resultOf(() => invokeModel(bed, 'bedrock/invoke-claude', INVOKE_CLAUDE)) },
  { name: 'bedrock invokeModel claude plain API error', run: (bed) => resultOf(() => invokeModel(bed, 'bedrock/error-429', INVOKE_CLAUDE)) },
  { name: 'bedrock invokeModel claude streamed success', run: (bed) => eventsOf(() => invokeModelStream(bed, 'bedrock/invoke-claude-stream', INVOKE_CLAUDE)) },
  { name: 'bedrock invokeModel claude streamed API error', run: (bed) => eventsOf(() => invokeModelStream(bed, 'bedrock/error-429', INVOKE_CLAUDE)) },
  { name: 'bedrock invokeModel claude streamed API error mid-stream', run: (bed) => eventsOf(() => invokeModelStream(bed, 'bedrock/invoke-stream-throttled', INVOKE_CLAUDE)) },
  { name: 'bedrock invokeModel nova plain success', run: (bed) => resultOf(() => invokeModel(bed, 'bedrock/invoke-nova', INVOKE_NOVA)) },
  { name: 'bedrock invokeModel nova plain API error', run: (bed) => resultOf(() => invokeModel(bed, 'bedrock/error-429', INVOKE_NOVA)) },
  { name: 'bedrock invokeModel nova streamed success', run: (bed) => eventsOf(() => invokeModelStream(bed, 'bedrock/invoke-nova-stream', INVOKE_NOVA)) },
  { name: 'bedrock invokeModel nova streamed API error', run: (bed) => eventsOf(() => invokeModelStream(bed, 'bedrock/error-429', INVOKE_NOVA)) },
  { name: 'groq chat plain success', run: (bed) => resultOf(() => bed.groq.chat.completions.create(GROQ_CHAT, fixture('openai-backends/groq-chat'))) },
  { name: 'groq chat plain API error', run: (bed) => resultOf(() => bed.groq.chat.completions.create(GROQ_CHAT, fixture('groq/error-429'))) },
  { name: 'groq chat streamed success', run: (bed) => eventsOf(() => bed.groq.chat.completions.create({ ...GROQ_CHAT, stream: true }, fixture('openai-backends/groq-chat-stream-x-groq'))) },
  { name: 'groq chat streamed API error', run: (bed) => eventsOf(() => bed.groq.chat.completions.create({ ...GROQ_CHAT, stream: true }, fixture('groq/error-429'))) },
  { name: 'groq chat streamed API error mid-stream', run: (bed) => eventsOf(() => bed.groq.chat.completions.create({ ...GROQ_CHAT, stream: true }, fixture('groq/chat-stream-error'))) },
  { name: 'groq embeddings plain success', run: (bed) => resultOf(() => bed.groq.embeddings.create({ model: 'nomic-embed-text-v1_5', input: 'Paris' }, fixture('groq/embeddings'))) },
  { name: 'groq embeddings plain API error', run: (bed) => resultOf(() => bed.groq.embeddings.create({ model: 'nomic-embed-text-v1_5', input: 'Paris' }, fixture('groq/error-429'))) },
  { name: 'groq audio transcriptions plain success', run: async (bed) => resultOf(async () => bed.groq.audio.transcriptions.create(await groqTranscription(bed), fixture('groq/transcription'))) },
  { name: 'groq audio transcriptions plain API error', run: async (bed) => resultOf(async () => bed.groq.audio.transcriptions.create(await groqTranscription(bed), fixture('groq/error-429'))) },
  { name: 'groq audio translations plain success', run: async (bed) => resultOf(async () => bed.groq.audio.translations.create(await groqTranscription(bed), fixture('groq/transcription'))) },
  { name: 'groq audio speech plain success', run: (bed) => resultOf(async () => (await bed.groq.audio.speech.create(GROQ_SPEECH, fixture('openai/audio-speech'))).text()) },
  { name: 'mistral chat plain success', run: (bed) => resultOf(() => bed.mistral.chat.complete(MISTRAL_CHAT, mistralFixture('mistral/chat'))) },
  { name: 'mistral chat plain API error', run: (bed) => resultOf(() => bed.mistral.chat.complete(MISTRAL_CHAT, mistralFixture('mistral/error-429'))) },
  { name: 'mistral chat plain validation error', run: (bed) => resultOf(() => bed.mistral.chat.complete(MISTRAL_CHAT, mistralFixture('mistral/error-422'))) },
  { name: 'mistral chat streamed success', run: (bed) => eventsOf(() => bed.mistral.chat.stream(MISTRAL_CHAT, mistralFixture('mistral/chat-stream'))) },
  { name: 'mistral chat streamed API error', run: (bed) => eventsOf(() => bed.mistral.chat.stream(MISTRAL_CHAT, mistralFixture('mistral/error-429'))) },
  { name: 'mistral fim plain success', run: (bed) => resultOf(() => bed.mistral.fim.complete(MISTRAL_FIM, mistralFixture('mistral/fim'))) },
  { name: 'mistral fim streamed success', run: (bed) => eventsOf(() => bed.mistral.fim.stream(MISTRAL_FIM, mistralFixture('mistral/fim-stream'))) },
  { name: 'mistral agents plain success', run: (bed) => resultOf(() => bed.mistral.agents.complete(MISTRAL_AGENT, mistralFixture('mistral/agents'))) },
  { name: 'mistral agents streamed success', run: (bed) => eventsOf(() => bed.mistral.agents.stream(MISTRAL_AGENT, mistralFixture('mistral/chat-stream'))) },
  { name: 'mistral embeddings plain success', run: (bed) => resultOf(() => bed.mistral.embeddings.create(MISTRAL_EMBEDDING, mistralFixture('mistral/embeddings'))) },
  { name: 'mistral embeddings plain API error', run: (bed) => resultOf(() => bed.mistral.embeddings.create(MISTRAL_EMBEDDING, mistralFixture('mistral/error-429'))) },
  { name: 'cohere v2 chat plain success', run: (bed) => resultOf(() => bed.cohere.chat(COHERE_CHAT, fixture('cohere/v2-chat'))) },
  { name: 'cohere v2 chat plain API error', run: (bed) => resultOf(() => bed.cohere.chat(COHERE_CHAT, fixture('cohere/error-429'))) },
  { name: 'cohere v2 chat plain bad request', run: (bed) => resultOf(() => bed.cohere.chat(COHERE_CHAT, fixture('cohere/error-400'))) },
  { name: 'cohere v2 chat streamed success', run: (bed) => eventsOf(() => bed.cohere.chatStream(COHERE_CHAT, fixture('cohere/v2-chat-stream'))) },
  { name: 'cohere v2 chat streamed API error', run: (bed) => eventsOf(() => bed.cohere.chatStream(COHERE_CHAT, fixture('cohere/error-429'))) },
  { name: 'cohere v2 embed plain success', run: (bed) => resultOf(() => bed.cohere.embed(COHERE_EMBED, fixture('cohere/v2-embed'))) },
  { name: 'cohere v2 embed plain API error', run: (bed) => resultOf(() => bed.cohere.embed(COHERE_EMBED, fixture('cohere/error-429'))) },
  { name: 'cohere v1 chat plain success', run: (bed) => resultOf(() => bed.cohereV1.chat(COHERE_V1_CHAT, fixture('cohere/v1-chat'))) },
  { name: 'cohere v1 chat plain API error', run: (bed) => resultOf(() => bed.cohereV1.chat(COHERE_V1_CHAT, fixture('cohere/error-429'))) },
  { name: 'cohere v1 chat streamed success', run: (bed) => eventsOf(() => bed.cohereV1.chatStream(COHERE_V1_CHAT, fixture('cohere/v1-chat-stream'))) },
  { name: 'cohere v1 chat streamed API error', run: (bed) => eventsOf(() => bed.cohereV1.chatStream(COHERE_V1_CHAT, fixture('cohere/error-429'))) },
  { name: 'cohere v1 embed plain success', run: (bed) => resultOf(() => bed.cohereV1.embed(COHERE_V1_EMBED, fixture('cohere/v1-embed'))) },
  { name: 'cohere v1 embed plain API error', run: (bed) => resultOf(() => bed.cohereV1.embed(COHERE_V1_EMBED, fixture('cohere/error-429'))) },
  // Ollama answers a model it does not have with a 404, its body the error's text; an error once a
  // stream has begun comes as a line of the stream, which the SDK throws.
  { name: 'ollama chat plain success', run: (bed) => ollamaChat(bed, 'ollama/chat') },
  { name: 'ollama chat plain API error', run: (bed) => ollamaChat(bed, 'ollama/error-404') },
  { name: 'ollama chat streamed success', run: (bed) => ollamaChatStream(bed, 'ollama/chat-stream') },
  { name: 'ollama chat streamed API error', run: (bed) => ollamaChatStream(bed, 'ollama/error-404') },
  { name: 'ollama chat streamed API error mid-stream', run: (bed) => ollamaChatStream(bed, 'ollama/chat-stream-error') },
  { name: 'ollama generate plain success', run: (bed) => ollamaGenerate(bed, 'ollama/generate') },
  { name: 'ollama generate plain API error', run: (bed) => ollamaGenerate(bed, 'ollama/error-404') },
  { name: 'ollama generate streamed success', run: (bed) => ollamaGenerateStream(bed, 'ollama/generate-stream') },
  { name: 'ollama embed plain success', run: (bed) => ollamaEmbed(bed, 'ollama/embed') },
  { name: 'ollama embed plain API error', run: (bed) => ollamaEmbed(bed, 'ollama/error-404') },
  { name: 'ollama embeddings plain success', run: (bed) => ollamaEmbeddings(bed, 'ollama/embeddings') },
  // Together sends a stream's usage in its last chunk, asked for or not; its embeddings and transcriptions carry no usage.
  { name: 'together chat plain success', run: (bed) => resultOf(() => bed.together.chat.completions.create(TOGETHER_CHAT, fixture('openai-backends/together-chat'))) },
  { name: 'together chat plain API error', run: (bed) => resultOf(() => bed.together.chat.completions.create(TOGETHER_CHAT, fixture('together/error-429'))) },
  {
    name: 'together chat streamed success',
    run: (bed) => eventsOf(() => bed.together.chat.completions.create({ ...TOGETHER_CHAT, stream: true }, fixture('openai-backends/together-chat-stream'))),
  },
  { name: 'together chat streamed API error', run: (bed) => eventsOf(() => bed.together.chat.completions.create({ ...TOGETHER_CHAT, stream: true }, fixture('together/error-429'))) },
  {
    name: 'together chat streamed API error mid-stream',
    run: (bed) => eventsOf(() => bed.together.chat.completions.create({ ...TOGETHER_CHAT, stream: true }, fixture('together/chat-stream-error'))),
  },
  { name: 'together completions plain success', run: (bed) => resultOf(() => bed.together.completions.create(TOGETHER_COMPLETION, fixture('together/completion'))) },
  { name: 'together completions plain API error', run: (bed) => resultOf(() => bed.together.completions.create(TOGETHER_COMPLETION, fixture('together/error-429'))) },
  { name: 'together embeddings plain success', run: (bed) => resultOf(() => bed.together.embeddings.create(TOGETHER_EMBEDDING, fixture('together/embeddings'))) },
  { name: 'together embeddings plain API error', run: (bed) => resultOf(() => bed.together.embeddings.create(TOGETHER_EMBEDDING, fixture('together/error-429'))) },
  {
    name: 'together audio transcriptions plain success',
    run: async (bed) => resultOf(async () => bed.together.audio.transcriptions.create(await togetherTranscription(bed), fixture('together/transcription'))),
  },
  {
    name: 'together audio transcriptions plain API error',
    run: async (bed) => resultOf(async () => bed.together.audio.transcriptions.create(await togetherTranscription(bed), fixture('together/error-429'))),
  },
  {
    name: 'together audio translations plain success',
    run: async (bed) => resultOf(async () => bed.together.audio.translations.create(await togetherTranscription(bed), fixture('together/transcription'))),
  },
  { name: 'together audio speech plain success', run: (bed) => resultOf(async () => (await bed.together.audio.speech.create(TOGETHER_SPEECH, fixture('openai/audio-speech'))).text()) },
  // Cerebras sends its error object unwrapped, which the SDK keeps whole; an error event mid-stream becomes an APIConnectionError.
  { name: 'cerebras chat plain success', run: (bed) => resultOf(() => bed.cerebras.chat.completions.create(CEREBRAS_CHAT, fixture('openai-backends/cerebras-chat'))) },
  { name: 'cerebras chat plain API error', run: (bed) => resultOf(() => bed.cerebras.chat.completions.create(CEREBRAS_CHAT, fixture('cerebras/error-429'))) },
  {
    name: 'cerebras chat streamed success',
    run: (bed) => eventsOf(() => bed.cerebras.chat.completions.create({ ...CEREBRAS_CHAT, ...CEREBRAS_STREAM }, fixture('openai-backends/cerebras-chat-stream'))),
  },
  { name: 'cerebras chat streamed API error', run: (bed) => eventsOf(() => bed.cerebras.chat.completions.create({ ...CEREBRAS_CHAT, ...CEREBRAS_STREAM }, fixture('cerebras/error-429'))) },
  {
    name: 'cerebras chat streamed API error mid-stream',
    run: (bed) => eventsOf(() => bed.cerebras.chat.completions.create({ ...CEREBRAS_CHAT, ...CEREBRAS_STREAM }, fixture('cerebras/chat-stream-error'))),
  },
  { name: 'cerebras completions plain success', run: (bed) => resultOf(() => bed.cerebras.completions.create(CEREBRAS_COMPLETION, fixture('cerebras/completion'))) },
  { name: 'cerebras completions plain API error', run: (bed) => resultOf(() => bed.cerebras.completions.create(CEREBRAS_COMPLETION, fixture('cerebras/error-404-model'))) },
];
