import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import {
  base62,
  CALLS,
  exported,
  hex,
  INSTALL_TIMEOUT_MS,
  KEYS,
  lowerAlnum,
  MEDIA_FIELDS,
  plainCanary,
  prepareLegacyFolder,
  runApps,
  TEXT_FIELDS as FIELDS,
  UNRECORDED_TEXT_FIELDS,
  URL_FIELDS,
} from './canary-apps.js';

/**
 * What leaves the process, proven on the bytes that leave it. An app started with
 * `--import otel-llm-observer/register` calls every surface of every SDK, streamed and not, with a
 * unique random canary in every field that holds content, requests and fixture responses alike:
 * system prompts, user and assistant history, tool descriptions and parameter schemas, tool call
 * arguments and results, image URLs and inline media, reasoning, outputs and their stream deltas,
 * error bodies that echo the input, the API keys and the organization and project ids. Its spans
 * leave through the real OTLP exporter, and the test searches the exact bytes the receiver got.
 * A second app makes the legacy Anthropic completions, with the SDK 0.134.0 that still has them.
 *
 * Each text field reads `note <plain> ref <secret> end`: a plain canary, and a secret of one of the
 * kinds that redaction finds (each kind in several fields). By default no canary of any kind
 * leaves; with content capture on, every plain canary does and no secret does.
 */

const base64url = (bytes: number) => randomBytes(bytes).toString('base64url');
const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

/** A 16-digit card number starting with 4 that passes the Luhn check, in groups of four. */
function cardNumber(): string {
  const body = `4${digits(14)}`;
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    const digit = Number(body[body.length - 1 - index]);
    sum += index % 2 === 0 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
  }
  const number = `${body}${(10 - (sum % 10)) % 10}`;
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A random secret of each kind that redaction finds: its text, and what to search the export for. */
const SECRETS = {
  private_key: () => {
    const body = randomBytes(48).toString('base64');
    return [`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`, body];
  },
  anthropic_api_key: () => [`sk-ant-api03-${base62(40)}`],
  openai_api_key: () => [`sk-proj-${base62(40)}`],
  aws_access_key_id: () => [`AKIA${base62(16).toUpperCase()}`],
  bearer_token: () => {
    const token = base62(32);
    return [`Bearer ${token}`, token];
  },
  jwt: () => [`eyJ${base64url(18)}.eyJ${base64url(18)}.${base64url(24)}`],
  base64_data: () => [randomBytes(120).toString('base64')],
  email: () => [`u${hex(5)}@mail-${hex(3)}.example.com`],
  card_number: () => [cardNumber()],
  ipv6: () => [`2001:db8:${hex(2)}:${hex(2)}::${hex(2)}`],
  ipv4: () => [`10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 256)}`],
  phone: () => [`+44 20 ${digits(4)} ${digits(4)}`],
  // A fake in the shape of Together AI's keys: tgp_v1_ and 43 base64url characters (32 random bytes).
  together_api_key: () => [`tgp_v1_${base64url(32)}`],
  // A fake in the shape of Cerebras's keys: csk- and 48 lowercase letters and digits.
  cerebras_api_key: () => [`csk-${lowerAlnum(48)}`],
} satisfies Record<string, () => [text: string, needle?: string]>;

type SecretKind = keyof typeof SECRETS;

/**
 * The kind of secret each field's text holds (see ./canary-apps.ts for the fields); fields inside
 * a JSON string inside JSON hold secrets without quotes, backslashes or line breaks.
 */
const TEXT_FIELDS: Readonly<Record<string, SecretKind>> = {
  chat_system: 'private_key',
  chat_developer: 'aws_access_key_id',
  chat_user: 'email',
  chat_assistant: 'phone',
  chat_arguments: 'card_number',
  chat_tool_result: 'ipv4',
  chat_tool_description: 'ipv6',
  chat_tool_parameter: 'openai_api_key',
  chat_output: 'jwt',
  chat_output_arguments: 'email',
  chat_stream_user: 'bearer_token',
  chat_stream_output: 'card_number',
  chat_stream_output_arguments: 'phone',
  responses_instructions: 'anthropic_api_key',
  responses_user: 'base64_data',
  responses_reasoning: 'aws_access_key_id',
  responses_call_arguments: 'ipv4',
  responses_call_output: 'phone',
  responses_tool_description: 'jwt',
  responses_tool_parameter: 'card_number',
  responses_output: 'private_key',
  responses_output_reasoning: 'bearer_token',
  responses_output_arguments: 'email',
  responses_stream_input: 'ipv6',
  responses_stream_output: 'base64_data',
  responses_stream_output_reasoning: 'openai_api_key',
  responses_stream_output_arguments: 'card_number',
  completion_prompt: 'email',
  completion_output: 'phone',
  completion_stream_prompt: 'jwt',
  completion_stream_output: 'ipv4',
  openai_error_user: 'email',
  message_system: 'email',
  message_user: 'card_number',
  message_document_text: 'phone',
  message_thinking: 'jwt',
  message_assistant: 'ipv4',
  message_input: 'email',
  message_tool_result: 'aws_access_key_id',
  message_tool_description: 'anthropic_api_key',
  message_tool_parameter: 'bearer_token',
  message_output_thinking: 'ipv6',
  message_output: 'openai_api_key',
  message_output_input: 'card_number',
  message_stream_user: 'email',
  message_stream_output_thinking: 'phone',
  message_stream_output: 'base64_data',
  message_stream_output_input: 'ipv4',
  message_beta_user: 'private_key',
  anthropic_error_user: 'card_number',
  legacy_prompt: 'ipv6',
  legacy_output: 'email',
  legacy_stream_prompt: 'aws_access_key_id',
  legacy_stream_output: 'jwt',
  gemini_system: 'anthropic_api_key',
  gemini_user: 'email',
  gemini_thought: 'phone',
  gemini_model: 'ipv4',
  gemini_args: 'card_number',
  gemini_function_response: 'aws_access_key_id',
  gemini_tool_description: 'jwt',
  gemini_tool_parameter: 'bearer_token',
  gemini_output_thought: 'ipv6',
  gemini_output: 'openai_api_key',
  gemini_output_args: 'email',
  gemini_stream_user: 'private_key',
  gemini_stream_output: 'phone',
  gemini_error_user: 'card_number',
  gemini_legacy_system: 'openai_api_key',
  gemini_legacy_user: 'private_key',
  bedrock_system: 'bearer_token',
  bedrock_user: 'phone',
  bedrock_reasoning: 'openai_api_key',
  bedrock_assistant: 'jwt',
  bedrock_input: 'email',
  bedrock_tool_result: 'aws_access_key_id',
  bedrock_tool_description: 'ipv4',
  bedrock_tool_parameter: 'anthropic_api_key',
  bedrock_output_reasoning: 'base64_data',
  bedrock_output: 'private_key',
  bedrock_output_input: 'card_number',
  bedrock_stream_user: 'ipv6',
  bedrock_stream_output: 'email',
  bedrock_error_user: 'phone',
  invoke_claude_system: 'jwt',
  invoke_claude_user: 'email',
  invoke_claude_thinking: 'private_key',
  invoke_claude_assistant: 'card_number',
  invoke_claude_input: 'phone',
  invoke_claude_tool_result: 'openai_api_key',
  invoke_claude_tool_description: 'aws_access_key_id',
  invoke_claude_tool_parameter: 'ipv6',
  invoke_claude_output_thinking: 'bearer_token',
  invoke_claude_output: 'anthropic_api_key',
  invoke_claude_output_input: 'ipv4',
  invoke_claude_stream_system: 'aws_access_key_id',
  invoke_claude_stream_user: 'base64_data',
  invoke_claude_stream_thinking: 'ipv4',
  invoke_claude_stream_assistant: 'bearer_token',
  invoke_claude_stream_input: 'card_number',
  invoke_claude_stream_tool_result: 'private_key',
  invoke_claude_stream_tool_description: 'email',
  invoke_claude_stream_tool_parameter: 'jwt',
  invoke_claude_stream_output_thinking: 'phone',
  invoke_claude_stream_output: 'openai_api_key',
  invoke_claude_stream_output_input: 'email',
  invoke_nova_system: 'ipv6',
  invoke_nova_user: 'anthropic_api_key',
  invoke_nova_assistant: 'email',
  invoke_nova_input: 'jwt',
  invoke_nova_tool_result: 'card_number',
  invoke_nova_tool_description: 'phone',
  invoke_nova_tool_parameter: 'private_key',
  invoke_nova_output: 'base64_data',
  invoke_nova_output_input: 'aws_access_key_id',
  invoke_error_user: 'email',
  image_prompt: 'jwt',
  image_edit_prompt: 'aws_access_key_id',
  transcription_prompt: 'email',
  transcription_output: 'phone',
  speech_input: 'card_number',
  speech_instructions: 'ipv4',
  groq_system: 'jwt',
  groq_user: 'email',
  groq_output: 'phone',
  groq_stream_user: 'private_key',
  groq_stream_output: 'card_number',
  groq_error_user: 'bearer_token',
  mistral_system: 'private_key',
  mistral_user: 'jwt',
  mistral_assistant: 'email',
  mistral_arguments: 'ipv6',
  mistral_tool_result: 'aws_access_key_id',
  mistral_tool_description: 'phone',
  mistral_tool_parameter: 'openai_api_key',
  mistral_output: 'card_number',
  mistral_output_arguments: 'ipv4',
  mistral_stream_user: 'anthropic_api_key',
  mistral_stream_output: 'base64_data',
  mistral_error_user: 'bearer_token',
  mistral_fim_prompt: 'jwt',
  mistral_fim_suffix: 'email',
  mistral_fim_output: 'phone',
  cohere_system: 'email',
  cohere_user: 'private_key',
  cohere_tool_plan: 'jwt',
  cohere_arguments: 'card_number',
  cohere_tool_result: 'aws_access_key_id',
  cohere_assistant: 'phone',
  cohere_followup: 'ipv4',
  cohere_tool_description: 'bearer_token',
  cohere_tool_parameter: 'anthropic_api_key',
  cohere_output_tool_plan: 'openai_api_key',
  cohere_output_arguments: 'ipv4',
  cohere_stream_user: 'ipv6',
  cohere_stream_output: 'base64_data',
  cohere_error_user: 'card_number',
  cohere_v1_preamble: 'jwt',
  cohere_v1_history_user: 'email',
  cohere_v1_history_chatbot: 'ipv6',
  cohere_v1_arguments: 'phone',
  cohere_v1_tool_result: 'private_key',
  cohere_v1_user: 'bearer_token',
  cohere_v1_tool_description: 'openai_api_key',
  cohere_v1_tool_parameter: 'aws_access_key_id',
  cohere_v1_output: 'card_number',
  cohere_v1_output_arguments: 'anthropic_api_key',
  cohere_v1_stream_user: 'base64_data',
  cohere_v1_stream_output: 'phone',
  ollama_system: 'jwt',
  ollama_user: 'email',
  ollama_thinking: 'private_key',
  ollama_assistant: 'aws_access_key_id',
  ollama_arguments: 'card_number',
  ollama_tool_result: 'bearer_token',
  ollama_tool_description: 'ipv6',
  ollama_tool_parameter: 'openai_api_key',
  ollama_stop: 'phone',
  ollama_output_thinking: 'anthropic_api_key',
  ollama_output: 'base64_data',
  ollama_output_arguments: 'email',
  ollama_stream_user: 'ipv4',
  ollama_stream_output_thinking: 'jwt',
  ollama_stream_output: 'private_key',
  ollama_error_user: 'card_number',
  ollama_stream_error_user: 'phone',
  ollama_generate_system: 'openai_api_key',
  ollama_generate_prompt: 'aws_access_key_id',
  ollama_generate_suffix: 'email',
  ollama_generate_stop: 'bearer_token',
  ollama_generate_output: 'ipv6',
  ollama_generate_stream_prompt: 'anthropic_api_key',
  ollama_generate_stream_output_thinking: 'card_number',
  ollama_generate_stream_output: 'base64_data',
  together_system: 'together_api_key',
  together_user: 'email',
  together_output: 'phone',
  together_stream_user: 'jwt',
  together_stream_output: 'card_number',
  together_error_user: 'bearer_token',
  together_completion_prompt: 'private_key',
  together_completion_output: 'ipv4',
  cerebras_system: 'cerebras_api_key',
  cerebras_user: 'phone',
  cerebras_output_reasoning: 'aws_access_key_id',
  cerebras_output: 'email',
  cerebras_stream_user: 'card_number',
  cerebras_stream_output_reasoning: 'openai_api_key',
  cerebras_stream_output: 'jwt',
  cerebras_error_user: 'private_key',
  cerebras_completion_prompt: 'bearer_token',
  cerebras_completion_output: 'ipv6',
};

/** A canary and what it is: `plain` canaries are content; `secret` ones must never leave. */
interface Canary {
  readonly field: string;
  readonly what: string;
  readonly needle: string;
}

function makeCanaries() {
  const texts: Record<string, string> = {};
  const placeholders: Record<string, string> = {};
  const keys: Record<string, string> = {};
  const plain: Canary[] = [];
  const secret: Canary[] = [];
  /** Texts that only a leak of what metadata mode never sends could show: plain canaries and stream pieces. */
  const content: Canary[] = [];

  for (const [field, kind] of Object.entries(TEXT_FIELDS)) {
    const canary = plainCanary();
    const [secretText, needle = secretText] = SECRETS[kind]();
    const half = Math.floor(secretText.length / 2);
    // Streamed, the text comes in three deltas, cutting both the canary and the secret in two.
    const pieces = [`note ${canary.slice(0, 9)}`, `${canary.slice(9)} ref ${secretText.slice(0, half)}`, `${secretText.slice(half)} end`];
    texts[field] = pieces.join('');
    pieces.forEach((piece, index) => {
      placeholders[`${field}/${index + 1}`] = piece;
      content.push({ field, what: `delta ${index + 1}`, needle: piece });
    });
    plain.push({ field, what: 'plain text', needle: canary });
    secret.push({ field, what: kind, needle });
  }
  for (const field of MEDIA_FIELDS) {
    texts[field] = randomBytes(48).toString('base64');
    secret.push({ field, what: 'inline media', needle: texts[field] });
  }
  for (const field of UNRECORDED_TEXT_FIELDS) {
    const canary = plainCanary();
    texts[field] = `note ${canary} end`;
    secret.push({ field, what: 'unrecorded text', needle: canary });
  }
  for (const field of URL_FIELDS) {
    const [canary, signature] = [plainCanary(), hex(32)];
    texts[field] = `https://images.example.com/${canary}/photo.png?X-Amz-Signature=${signature}`;
    plain.push({ field, what: 'URL path', needle: canary });
    secret.push({ field, what: 'URL query', needle: signature });
  }
  for (const [field, make] of Object.entries(KEYS)) {
    keys[field] = make();
    secret.push({ field, what: 'key or id', needle: keys[field] });
  }
  Object.assign(placeholders, texts, keys);
  return { texts, placeholders, keys, plain, secret, everything: [...plain, ...secret, ...content] };
}

const canaries = makeCanaries();

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
  Object.assign(server.placeholders, canaries.placeholders);
});
afterAll(() => server.close());

/** The legacy app's folder: the apps, and the pinned SDK as their `node_modules`. */
let legacyFolder = '';
beforeAll(() => {
  legacyFolder = prepareLegacyFolder('privacy-anthropic-0.134.0');
}, INSTALL_TIMEOUT_MS);

const describeCanary = ({ field, what }: Canary) => `${field} (${what})`;

it('gives every field that holds text a kind of secret', () => {
  expect(Object.keys(TEXT_FIELDS).sort()).toEqual([...FIELDS].sort());
});

describe.each(['http/protobuf', 'http/json'])('the bytes exported as OTLP %s', (protocol) => {
  it('hold no canary of any field, text, secret, key or id, when content capture is off', async () => {
    const { bodies, calls } = await runApps(server, legacyFolder, canaries, '', protocol);
    expect(calls).toHaveLength(CALLS);
    // The spans carry the shape of each call, and the canaries searched for were sent.
    for (const span of calls) expect(span.attributes['llm_observer.request.messages.count']).toBeGreaterThan(0);
    expect(server.requests.some((request) => JSON.stringify(request.body).includes(canaries.plain[0]?.needle ?? '-'))).toBe(true);
    expect(canaries.everything.filter((canary) => exported(bodies, canary.needle)).map(describeCanary)).toEqual([]);
  });

  it('hold the plain text of every field and none of the secrets, keys or ids, when content capture is on', async () => {
    const { bodies, calls } = await runApps(server, legacyFolder, canaries, 'SPAN_AND_EVENT', protocol);
    expect(calls).toHaveLength(CALLS);
    expect(canaries.plain.filter((canary) => !exported(bodies, canary.needle)).map(describeCanary)).toEqual([]);
    expect(canaries.secret.filter((canary) => exported(bodies, canary.needle)).map(describeCanary)).toEqual([]);
  });
});
