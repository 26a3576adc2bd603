import { describe } from 'node:test';
import {
  apiPromiseSurfaces,
  callMethod,
  fixture,
  installedVersion,
  readStream,
  requireFromApp,
  startRecording,
  testSurfaces,
  type Surface,
  type VersionedMethod,
} from './row.ts';

/**
 * Every surface of the installed `openai` that this package traces, each called once against its
 * fixture: one span, with the usage (cached tokens included) that the fixture's body carries, and
 * its cost where the model has a price. A surface the version does not have is checked absent.
 */

const recording = await startRecording();
const { OpenAI } = requireFromApp('openai') as { OpenAI: new (options: object) => object };
const version = installedVersion('openai');

const client = new OpenAI({ apiKey: 'sk-compat-test', baseURL: `${recording.origin}/v1`, maxRetries: 0 });

const call = (path: string, ...args: unknown[]) => callMethod(client, path, args);
const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Capital of France?' }] };
const STRUCTURED = {
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'Largest city in the south of France, as JSON.' }],
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'city',
      strict: true,
      schema: {
        type: 'object',
        properties: { city: { type: 'string' }, country: { type: 'string' }, population: { type: 'integer' } },
        required: ['city', 'country', 'population'],
        additionalProperties: false,
      },
    },
  },
};

/** A structured-output `parse()`: before 5.0 under `beta.`, from 5.0 on under `chat.completions`. */
function structuredOutput(method: VersionedMethod): Surface {
  return {
    ...method,
    run: () => call(method.method, STRUCTURED, fixture('openai', 'chat-structured')),
    records: 'its usage and JSON output',
    span: { 'gen_ai.operation.name': 'chat', 'gen_ai.output.type': 'json', 'gen_ai.usage.input_tokens': 96, 'gen_ai.usage.output_tokens': 19 },
    pricedAs: 'gpt-4o',
  };
}

const SURFACES: readonly Surface[] = [
  {
    method: 'chat.completions.create',
    since: '4.0.0',
    run: () => call('chat.completions.create', CHAT, fixture('openai', 'chat')),
    records: 'its usage, cached tokens included',
    span: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 9,
      'gen_ai.usage.cache_read.input_tokens': 2048,
    },
    pricedAs: 'gpt-4o-mini',
  },
  {
    method: 'chat.completions.create',
    variant: 'streamed with include_usage',
    since: '4.0.0',
    run: async () =>
      readStream(
        await call('chat.completions.create', { ...CHAT, stream: true, stream_options: { include_usage: true } }, fixture('openai', 'chat-stream')),
      ),
    records: "the usage of the stream's last chunk, cached tokens included",
    span: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': 2310,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 1920,
    },
    pricedAs: 'gpt-4o-mini',
  },
  ...apiPromiseSurfaces('openai', (options) => call('chat.completions.create', CHAT, options), {
    method: 'chat.completions.create',
    since: '4.0.0',
    fixtureName: 'chat',
    responseId: 'chatcmpl-CfZ3xQ9a1b2c3d4e5f6g7h8i9j',
    usage: { 'gen_ai.usage.input_tokens': 2310, 'gen_ai.usage.output_tokens': 9 },
  }),
  structuredOutput({ method: 'beta.chat.completions.parse', since: '4.55.0', until: '5.0.0' }),
  structuredOutput({ method: 'chat.completions.parse', since: '5.0.0' }),
  {
    method: 'responses.create',
    since: '4.87.0',
    run: () => call('responses.create', { model: 'gpt-5.6', input: 'Index for unarchived rows?' }, fixture('openai', 'responses')),
    records: 'its usage, with cache reads, cache writes and reasoning tokens',
    span: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.input_tokens': 6144,
      'gen_ai.usage.output_tokens': 312,
      'gen_ai.usage.cache_read.input_tokens': 4096,
      'gen_ai.usage.cache_creation.input_tokens': 1024,
      'gen_ai.usage.reasoning.output_tokens': 192,
    },
  },
  {
    method: 'responses.create',
    variant: 'streamed',
    since: '4.87.0',
    run: async () =>
      readStream(await call('responses.create', { model: 'gpt-5.6', input: 'Index?', stream: true }, fixture('openai', 'responses-stream'))),
    records: 'the usage of the final event, with cache reads and writes',
    span: {
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': 3300,
      'gen_ai.usage.output_tokens': 88,
      'gen_ai.usage.cache_read.input_tokens': 2048,
      'gen_ai.usage.cache_creation.input_tokens': 1152,
    },
  },
  {
    method: 'completions.create',
    since: '4.0.0',
    run: () => call('completions.create', { model: 'gpt-3.5-turbo-instruct', prompt: 'A poem' }, fixture('openai', 'completion')),
    records: 'its usage',
    span: { 'gen_ai.operation.name': 'text_completion', 'gen_ai.usage.input_tokens': 6, 'gen_ai.usage.output_tokens': 12 },
  },
  {
    method: 'embeddings.create',
    since: '4.0.0',
    run: () => call('embeddings.create', { model: 'text-embedding-3-small', input: ['a', 'b'] }, fixture('openai', 'embeddings')),
    records: 'its input tokens',
    span: { 'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 9 },
  },
  {
    method: 'images.generate',
    since: '4.0.0',
    run: () => call('images.generate', { model: 'gpt-image-2.6-sunburst', prompt: 'A lighthouse at dusk' }, fixture('openai', 'images-generate')),
    records: 'its usage, every output token an image token',
    span: {
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.output.type': 'image',
      'gen_ai.usage.input_tokens': 37,
      'gen_ai.usage.output_tokens': 4160,
      'openai.usage.output_tokens_details.image_tokens': 4160,
    },
    pricedAs: 'gpt-image-2.6-sunburst',
  },
  {
    method: 'audio.transcriptions.create',
    since: '4.0.0',
    run: async () => {
      const { toFile } = requireFromApp('openai') as { toFile: (data: Buffer, name: string) => Promise<unknown> };
      return call('audio.transcriptions.create', { model: 'gpt-4o-transcribe', file: await toFile(Buffer.from('RIFF....WAVEfmt '), 'meeting.wav') }, fixture('openai', 'audio-transcription'));
    },
    records: 'its usage, the audio tokens apart',
    span: {
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.usage.input_tokens': 214,
      'gen_ai.usage.output_tokens': 53,
      'openai.usage.prompt_tokens_details.audio_tokens': 202,
    },
    pricedAs: 'gpt-4o-transcribe',
  },
];

describe(`openai ${version}`, () => testSurfaces(recording, client, version, 'otel-llm-observer/openai', SURFACES));
