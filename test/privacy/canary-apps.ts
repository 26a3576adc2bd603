import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FixtureServer } from '../support/fixture-server.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { installPinned, ROOT, runNode } from '../support/pinned-install.js';

/**
 * The apps that prove on the exported bytes what leaves the process (canary.test.ts,
 * secret-corpus-otlp.test.ts): an app started with `--import otel-llm-observer/register` calls
 * every surface of every SDK, streamed and not, with a text of the test's in every field that
 * holds content, requests and fixture responses alike; a second app makes the legacy Anthropic
 * completions, with the SDK 0.134.0 that still has them. Their spans leave through the real OTLP
 * exporter, and the test searches the exact bytes the receiver got.
 */

const APPS = join(ROOT, 'test', 'fixtures', 'apps', 'privacy');
const LEGACY_APP = 'legacy-completion-calls.mjs';
/** The pins of the Anthropic child apps (test/anthropic/child-app.ts): one install serves both. */
const LEGACY_SDK = { '@anthropic-ai/sdk': '0.134.0', '@opentelemetry/api': '1.10.0' };
/** Pinned installs can take a while the first time. */
export const INSTALL_TIMEOUT_MS = 180_000;
/** The apps' API calls, each a CLIENT span (OTLP kind 3); the package's usage report at shutdown is another span. */
export const CALLS = 68;
const OTLP_CLIENT_KIND = 3;

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const base62 = (length: number) => Array.from({ length }, () => BASE62[randomInt(BASE62.length)]).join('');
export const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const lowerAlnum = (length: number) => Array.from({ length }, () => LOWER_ALNUM[randomInt(LOWER_ALNUM.length)]).join('');
export const plainCanary = () => `canary${hex(6)}`;

/**
 * Every field that holds text, in the app's requests (test/fixtures/apps/privacy/canary-calls.mjs
 * and legacy-completion-calls.mjs) and in the fixtures' responses (test/fixtures/privacy/).
 */
export const TEXT_FIELDS = [
  'chat_system', 'chat_developer', 'chat_user', 'chat_assistant', 'chat_arguments', 'chat_tool_result',
  'chat_tool_description', 'chat_tool_parameter', 'chat_output', 'chat_output_arguments', 'chat_stream_user',
  'chat_stream_output', 'chat_stream_output_arguments', 'responses_instructions', 'responses_user', 'responses_reasoning',
  'responses_call_arguments', 'responses_call_output', 'responses_tool_description', 'responses_tool_parameter',
  'responses_output', 'responses_output_reasoning', 'responses_output_arguments', 'responses_stream_input',
  'responses_stream_output', 'responses_stream_output_reasoning', 'responses_stream_output_arguments', 'completion_prompt',
  'completion_output', 'completion_stream_prompt', 'completion_stream_output', 'openai_error_user', 'message_system',
  'message_user', 'message_document_text', 'message_thinking', 'message_assistant', 'message_input', 'message_tool_result',
  'message_tool_description', 'message_tool_parameter', 'message_output_thinking', 'message_output', 'message_output_input',
  'message_stream_user', 'message_stream_output_thinking', 'message_stream_output', 'message_stream_output_input',
  'message_beta_user', 'anthropic_error_user', 'legacy_prompt', 'legacy_output', 'legacy_stream_prompt', 'legacy_stream_output',
  'gemini_system', 'gemini_user', 'gemini_thought', 'gemini_model', 'gemini_args', 'gemini_function_response', 'gemini_tool_description',
  'gemini_tool_parameter', 'gemini_output_thought', 'gemini_output', 'gemini_output_args', 'gemini_stream_user', 'gemini_stream_output',
  'gemini_error_user', 'gemini_legacy_system', 'gemini_legacy_user', 'bedrock_system', 'bedrock_user', 'bedrock_reasoning', 'bedrock_assistant',
  'bedrock_input', 'bedrock_tool_result', 'bedrock_tool_description', 'bedrock_tool_parameter', 'bedrock_output_reasoning', 'bedrock_output',
  'bedrock_output_input', 'bedrock_stream_user', 'bedrock_stream_output', 'bedrock_error_user', 'invoke_claude_system', 'invoke_claude_user',
  'invoke_claude_thinking', 'invoke_claude_assistant', 'invoke_claude_input', 'invoke_claude_tool_result', 'invoke_claude_tool_description',
  'invoke_claude_tool_parameter', 'invoke_claude_output_thinking', 'invoke_claude_output', 'invoke_claude_output_input', 'invoke_claude_stream_system',
  'invoke_claude_stream_user', 'invoke_claude_stream_thinking', 'invoke_claude_stream_assistant', 'invoke_claude_stream_input',
  'invoke_claude_stream_tool_result', 'invoke_claude_stream_tool_description', 'invoke_claude_stream_tool_parameter',
  'invoke_claude_stream_output_thinking', 'invoke_claude_stream_output', 'invoke_claude_stream_output_input', 'invoke_nova_system', 'invoke_nova_user',
  'invoke_nova_assistant', 'invoke_nova_input', 'invoke_nova_tool_result', 'invoke_nova_tool_description', 'invoke_nova_tool_parameter',
  'invoke_nova_output', 'invoke_nova_output_input', 'invoke_error_user', 'image_prompt', 'image_edit_prompt', 'transcription_prompt', 'transcription_output', 'speech_input',
  'speech_instructions', 'groq_system', 'groq_user', 'groq_output', 'groq_stream_user', 'groq_stream_output', 'groq_error_user',
  'mistral_system', 'mistral_user', 'mistral_assistant', 'mistral_arguments', 'mistral_tool_result', 'mistral_tool_description', 'mistral_tool_parameter',
  'mistral_output', 'mistral_output_arguments', 'mistral_stream_user', 'mistral_stream_output', 'mistral_error_user', 'mistral_fim_prompt', 'mistral_fim_suffix',
  'mistral_fim_output', 'cohere_system', 'cohere_user', 'cohere_tool_plan', 'cohere_arguments', 'cohere_tool_result', 'cohere_assistant',
  'cohere_followup', 'cohere_tool_description', 'cohere_tool_parameter', 'cohere_output_tool_plan', 'cohere_output_arguments', 'cohere_stream_user',
  'cohere_stream_output', 'cohere_error_user', 'cohere_v1_preamble', 'cohere_v1_history_user', 'cohere_v1_history_chatbot', 'cohere_v1_arguments',
  'cohere_v1_tool_result', 'cohere_v1_user', 'cohere_v1_tool_description', 'cohere_v1_tool_parameter', 'cohere_v1_output', 'cohere_v1_output_arguments',
  'cohere_v1_stream_user', 'cohere_v1_stream_output', 'ollama_system', 'ollama_user', 'ollama_thinking', 'ollama_assistant', 'ollama_arguments',
  'ollama_tool_result', 'ollama_tool_description', 'ollama_tool_parameter', 'ollama_stop', 'ollama_output_thinking', 'ollama_output',
  'ollama_output_arguments', 'ollama_stream_user', 'ollama_stream_output_thinking', 'ollama_stream_output', 'ollama_error_user',
  'ollama_stream_error_user', 'ollama_generate_system', 'ollama_generate_prompt', 'ollama_generate_suffix', 'ollama_generate_stop',
  'ollama_generate_output', 'ollama_generate_stream_prompt', 'ollama_generate_stream_output_thinking', 'ollama_generate_stream_output',
  'together_system', 'together_user', 'together_output', 'together_stream_user', 'together_stream_output', 'together_error_user',
  'together_completion_prompt', 'together_completion_output', 'cerebras_system', 'cerebras_user', 'cerebras_output_reasoning', 'cerebras_output',
  'cerebras_stream_user', 'cerebras_stream_output_reasoning', 'cerebras_stream_output', 'cerebras_error_user', 'cerebras_completion_prompt', 'cerebras_completion_output',
] as const;

/**
 * Fields inside a JSON string inside JSON (the tool arguments of responses): their text holds no
 * quote, backslash or line break, so that the fixture stays the JSON the API sends.
 */
export const NESTED_JSON_FIELDS: ReadonlySet<string> = new Set(['chat_output_arguments', 'responses_output_arguments', 'responses_stream_output_arguments', 'mistral_output_arguments', 'cohere_output_arguments']);

/** Inline media (base64, shorter than a bare run redaction would find): recorded in no mode, only its size. */
export const MEDIA_FIELDS = [
  'chat_image_data',
  'chat_audio_data',
  'chat_file_data',
  'responses_image_data',
  'message_image_data',
  'message_document_data',
  'message_tool_result_image',
  'gemini_image_data',
  'bedrock_image_data',
  'invoke_claude_image_data',
  'invoke_claude_stream_image_data',
  'invoke_nova_image_data',
  'ollama_image_data',
  'ollama_generate_image_data',
];

/**
 * Texts recorded in no mode: an embeddings input, error bodies that echo the input, the bytes of a
 * file an image edit or a transcription uploads, the images of the Images API's responses, and the
 * audio of a speech call's.
 */
export const UNRECORDED_TEXT_FIELDS = [
  'embeddings_input',
  'openai_error_echo',
  'anthropic_error_echo',
  'gemini_error_echo',
  'bedrock_error_echo',
  'invoke_error_echo',
  'groq_error_echo',
  'mistral_error_echo',
  'cohere_error_echo',
  'ollama_error_echo',
  'ollama_stream_error_echo',
  'ollama_embed_input',
  'ollama_embeddings_prompt',
  'together_error_echo',
  'cerebras_error_echo',
  'image_upload',
  'image_output_data',
  'image_stream_output_data',
  'audio_upload',
  'speech_audio',
];

/** Image URLs: the path is content, recorded in content mode; the query may sign the URL, recorded in none. */
export const URL_FIELDS = ['chat_image_url', 'responses_image_url', 'message_image_url', 'gemini_image_url', 'mistral_image_url', 'cohere_image_url'];

/** The clients' keys and ids, and the organization ids the responses' headers carry. */
export const KEYS: Readonly<Record<string, () => string>> = {
  openai_api_key: () => `sk-proj-${base62(40)}`,
  openai_organization: () => `org-${base62(24)}`,
  openai_project: () => `proj_${base62(24)}`,
  anthropic_api_key: () => `sk-ant-api03-${base62(40)}`,
  anthropic_organization: () => randomUUID(),
  gemini_api_key: () => `AIza${base62(35)}`,
  bedrock_access_key_id: () => `AKIA${base62(16).toUpperCase()}`,
  bedrock_secret_access_key: () => base62(40),
  groq_api_key: () => `gsk_${base62(52)}`,
  // Mistral AI's keys: 32 letters and digits, no prefix.
  mistral_api_key: () => base62(32),
  // Cohere's keys: 40 letters and digits, no prefix.
  cohere_api_key: () => base62(40),
  // Ollama's cloud keys (made at ollama.com/settings/keys, sent as a bearer token): Ollama documents
  // no format (docs.ollama.com/api/authentication, docs.ollama.com/cloud/api); this fake takes the
  // form such keys are commonly reported in, not checked against a documented source: 32 hex
  // digits, a dot, and 24 letters and digits.
  ollama_api_key: () => `${hex(16)}.${base62(24)}`,
  // A fake in the shape of Together AI's keys: tgp_v1_ and 43 base64url characters (32 random bytes), sent as a bearer token.
  together_api_key: () => `tgp_v1_${randomBytes(32).toString('base64url')}`,
  // A fake in the shape of Cerebras's keys: csk- and 48 lowercase letters and digits, sent as a bearer token.
  cerebras_api_key: () => `csk-${lowerAlnum(48)}`,
};

/** What the apps read: the text of each field and the clients' keys, and the fixtures' placeholders. */
export interface AppInputs {
  readonly texts: Readonly<Record<string, string>>;
  readonly keys: Readonly<Record<string, string>>;
}

/** A text a stream sends in three deltas: the fixture placeholders of each delta. */
export function deltaPlaceholders(field: string, pieces: readonly [string, string, string]): Record<string, string> {
  return Object.fromEntries(pieces.map((piece, index) => [`${field}/${index + 1}`, piece]));
}

/** Makes the legacy app's folder: the apps, and the pinned SDK as their `node_modules`; the package resolves to this repository's. */
export function prepareLegacyFolder(name: string): string {
  const installed = installPinned(LEGACY_SDK);
  const folder = join(ROOT, '.tmp', 'apps', name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  cpSync(APPS, folder, { recursive: true });
  symlinkSync(join(installed, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

/**
 * Runs the apps, and after them the apps of this folder that `moreApps` names, with content capture
 * set to `capture`; returns the bodies the OTLP receiver got, the calls' spans and every span.
 */
export async function runApps(server: FixtureServer, legacyFolder: string, inputs: AppInputs, capture: string, protocol: string, moreApps: readonly string[] = []) {
  const receiver = await startOtlpReceiver();
  // In a file: a variable holds at most 128 KiB on Linux.
  const textsFile = join(legacyFolder, `texts-${hex(4)}.json`);
  writeFileSync(textsFile, JSON.stringify(inputs.texts));
  try {
    for (const [cwd, app] of [
      [ROOT, join(APPS, 'canary-calls.mjs')],
      [legacyFolder, LEGACY_APP],
      ...moreApps.map((app) => [ROOT, join(APPS, app)] as const),
    ] as const) {
      const result = await runNode(['--import', 'otel-llm-observer/register', app], {
        cwd,
        env: {
          FIXTURE_ORIGIN: server.origin,
          CANARY_TEXTS_FILE: textsFile,
          CANARY_KEYS: JSON.stringify(inputs.keys),
          OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: capture,
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
          OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
          OTEL_TRACES_EXPORTER: 'otlp',
          // The exit waits up to a minute for the export, as runNode gives every child app: what leaves is the test, not how soon.
        },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    return { bodies: receiver.bodies, calls: receiver.spans.filter((span) => span.kind === OTLP_CLIENT_KIND), spans: receiver.spans };
  } finally {
    await receiver.close();
    rmSync(textsFile, { force: true });
  }
}

/** Whether `needle` is in any of `bodies`, as it is or as a JSON string escapes it. */
export function exported(bodies: readonly Buffer[], needle: string): boolean {
  const forms = [needle, JSON.stringify(needle).slice(1, -1)];
  return bodies.some((body) => forms.some((form) => body.includes(form)));
}
