import { apiPromiseSurfaces, callMethod, fixture, readStream, type Recording, type Surface } from './row.ts';

/**
 * What the CommonJS and ESM files of `groq-sdk` share (groq.test.ts, groq-esm.test.ts): a client of
 * the fixture server, and every surface that GroqInstrumentation traces, each called once against
 * its fixture, for `testSurfaces` (./row.ts) to check its one span, as `groq`.
 *
 * The fixtures are GroqCloud's wire format: test/fixtures/groq/, and the Groq fixtures of
 * test/fixtures/openai-backends/ (which the `openai` SDK's tests read too: the two SDKs receive the
 * same bytes); a translation and a speech call read OpenAI's (test/fixtures/openai/), whose shapes
 * GroqCloud's endpoints answer in. The chat fixtures: openai/gpt-oss-120b, 2,100 prompt tokens of
 * which 1,024 cached, 300 completion tokens, at GroqCloud's 0.15 in, 0.075 cached, 0.60 out per
 * million: 1,076 × 0.15 + 1,024 × 0.075 + 300 × 0.60 = 161.4 + 76.8 + 180 = 418.2 µUSD.
 *
 * What differs between the releases of the range that the rows pin (0.5.0, the floor; 1.6.0, the
 * latest): `audio.speech` from 0.17.0; 1.x is Stainless's newer layout (client.js, `core/`), with
 * the same resource classes under `Groq`, whose `create` is traced.
 */

export const GROQ_SCOPE = 'otel-llm-observer/groq';

/** What the app loads of `groq-sdk`, by `require` or `import`. */
export interface GroqModule {
  Groq: new (options: object) => object;
  toFile(data: Buffer, name: string, options: object): Promise<unknown>;
}

/** A client of the fixture server: the fixture server's origin in place of GroqCloud's, one attempt. */
export function groqClient(sdk: GroqModule, recording: Recording): object {
  return new sdk.Groq({ apiKey: 'gsk_compat-test', baseURL: recording.origin, maxRetries: 0 });
}

const CHAT = { model: 'openai/gpt-oss-120b', messages: [{ role: 'user', content: 'What is the capital of France?' }] };
const CHAT_USAGE = {
  'gen_ai.provider.name': 'groq',
  'gen_ai.usage.input_tokens': 2100,
  'gen_ai.usage.cache_read.input_tokens': 1024,
  'gen_ai.usage.output_tokens': 300,
  'llm_observer.cost.total_usd': 0.0004182,
};
/** A transcription's or translation's span: its model, and no usage (GroqCloud bills the audio by the hour and reports none). */
const AUDIO_CALL = {
  'gen_ai.operation.name': 'generate_content',
  'gen_ai.provider.name': 'groq',
  'gen_ai.request.model': 'whisper-large-v3',
  'gen_ai.usage.input_tokens': undefined,
  'llm_observer.call.outcome': 'completed',
};

/** Every surface of `groq-sdk` that this package traces, each called once with `client`. */
export function groqSurfaces(sdk: GroqModule, client: object): Surface[] {
  const call = (path: string, ...args: unknown[]) => callMethod(client, path, args);
  const audio = () => sdk.toFile(Buffer.from('RIFF0000WAVEfmt '), 'close.wav', { type: 'audio/wav' });
  return [
    {
      method: 'chat.completions.create',
      since: '0.5.0',
      run: () => call('chat.completions.create', CHAT, fixture('openai-backends', 'groq-chat')),
      records: 'its usage, cached tokens included',
      span: { ...CHAT_USAGE, 'gen_ai.operation.name': 'chat', 'gen_ai.response.model': 'openai/gpt-oss-120b' },
      pricedAs: 'groq/gpt-oss-120b',
    },
    {
      method: 'chat.completions.create',
      variant: 'streamed without stream_options',
      since: '0.5.0',
      run: async () => readStream(await call('chat.completions.create', { ...CHAT, stream: true }, fixture('openai-backends', 'groq-chat-stream-x-groq'))),
      records: "the usage of the last chunk's x_groq",
      span: { ...CHAT_USAGE, 'gen_ai.request.stream': true },
      pricedAs: 'groq/gpt-oss-120b',
    },
    ...apiPromiseSurfaces('groq', (options) => call('chat.completions.create', CHAT, options), {
      method: 'chat.completions.create',
      since: '0.5.0',
      fixtureFolder: 'openai-backends',
      fixtureName: 'groq-chat',
      responseId: 'chatcmpl-9b1f3c0e-5d2a-4f7e-8c61-2a7d9e4b0f13',
      usage: { 'gen_ai.usage.input_tokens': 2100, 'gen_ai.usage.output_tokens': 300 },
    }),
    {
      method: 'embeddings.create',
      since: '0.5.0',
      run: () => call('embeddings.create', { model: 'nomic-embed-text-v1_5', input: 'quarterly close' }, fixture('groq', 'embeddings')),
      records: 'its input tokens',
      span: { 'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'groq', 'gen_ai.usage.input_tokens': 9 },
    },
    {
      method: 'audio.transcriptions.create',
      since: '0.5.0',
      run: async () => call('audio.transcriptions.create', { model: 'whisper-large-v3', file: await audio() }, fixture('groq', 'transcription')),
      records: 'its model, and no usage',
      span: AUDIO_CALL,
    },
    {
      method: 'audio.translations.create',
      since: '0.5.0',
      run: async () => call('audio.translations.create', { model: 'whisper-large-v3', file: await audio() }, fixture('openai', 'audio-translation')),
      records: 'its model, and no usage',
      span: AUDIO_CALL,
    },
    {
      method: 'audio.speech.create',
      since: '0.17.0',
      run: async () => {
        const speech = await call<Promise<Response>>('audio.speech.create', { model: 'playai-tts', voice: 'Fritz-PlayAI', input: 'The close is on Friday.' }, fixture('openai', 'audio-speech'));
        return speech.arrayBuffer();
      },
      records: 'its model and its speech output, and no usage',
      span: {
        'gen_ai.operation.name': 'generate_content',
        'gen_ai.provider.name': 'groq',
        'gen_ai.request.model': 'playai-tts',
        'gen_ai.output.type': 'speech',
        'gen_ai.usage.input_tokens': undefined,
      },
    },
  ];
}
