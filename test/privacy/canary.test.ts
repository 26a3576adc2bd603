import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { installPinned, ROOT, runNode } from '../support/pinned-install.js';

/**
 * What leaves the process, proven on the bytes that leave it. An app started with
 * `--import otel-llm-observer/register` calls every surface of both SDKs, streamed and not, with a
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

const APPS = join(ROOT, 'test', 'fixtures', 'apps', 'privacy');
const LEGACY_APP = 'legacy-completion-calls.mjs';
/** The pins of the Anthropic child apps (test/anthropic/child-app.ts): one install serves both. */
const LEGACY_SDK = { '@anthropic-ai/sdk': '0.134.0', '@opentelemetry/api': '1.10.0' };
/** Pinned installs can take a while the first time. */
const INSTALL_TIMEOUT_MS = 180_000;
/** The apps' API calls, each a CLIENT span (OTLP kind 3); the package's usage report at shutdown is another span. */
const CALLS = 14;
const OTLP_CLIENT_KIND = 3;

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const base62 = (length: number) => Array.from({ length }, () => BASE62[randomInt(BASE62.length)]).join('');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
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
} satisfies Record<string, () => [text: string, needle?: string]>;

type SecretKind = keyof typeof SECRETS;

/**
 * Every field that holds text, in the app's requests (test/fixtures/apps/privacy/canary-calls.mjs)
 * and in the fixtures' responses (test/fixtures/privacy/), with the kind of secret its text holds.
 * Fields inside a JSON string inside JSON (tool arguments of responses) hold secrets without
 * quotes, backslashes or line breaks, so that the fixture stays the JSON the API sends.
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
};

/** Inline media (base64, shorter than a bare run redaction would find): recorded in no mode, only its size. */
const MEDIA_FIELDS = [
  'chat_image_data',
  'chat_audio_data',
  'chat_file_data',
  'responses_image_data',
  'message_image_data',
  'message_document_data',
  'message_tool_result_image',
];

/** Texts recorded in no mode: an embeddings input, and error bodies that echo the input. */
const UNRECORDED_TEXT_FIELDS = ['embeddings_input', 'openai_error_echo', 'anthropic_error_echo'];

/** Image URLs: the path is content, recorded in content mode; the query may sign the URL, recorded in none. */
const URL_FIELDS = ['chat_image_url', 'responses_image_url', 'message_image_url'];

/** The clients' keys and ids, and the organization ids the responses' headers carry. */
const KEYS: Readonly<Record<string, () => string>> = {
  openai_api_key: () => `sk-proj-${base62(40)}`,
  openai_organization: () => `org-${base62(24)}`,
  openai_project: () => `proj_${base62(24)}`,
  anthropic_api_key: () => `sk-ant-api03-${base62(40)}`,
  anthropic_organization: () => randomUUID(),
};

/** A canary and what it is: `plain` canaries are content; `secret` ones must never leave. */
interface Canary {
  readonly field: string;
  readonly what: string;
  readonly needle: string;
}

const plainCanary = () => `canary${hex(6)}`;

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

/** The legacy app's folder: the apps, and the pinned SDK as their `node_modules`; the package resolves to this repository's. */
let legacyFolder = '';
beforeAll(() => {
  const installed = installPinned(LEGACY_SDK);
  legacyFolder = join(ROOT, '.tmp', 'apps', 'privacy-anthropic-0.134.0');
  rmSync(legacyFolder, { recursive: true, force: true });
  mkdirSync(legacyFolder, { recursive: true });
  cpSync(APPS, legacyFolder, { recursive: true });
  symlinkSync(join(installed, 'node_modules'), join(legacyFolder, 'node_modules'), 'dir');
}, INSTALL_TIMEOUT_MS);

/** Runs the apps with content capture set to `capture` and returns the bodies the OTLP receiver got and the calls' spans. */
async function runApps(capture: string, protocol: string) {
  const receiver = await startOtlpReceiver();
  try {
    for (const [cwd, app] of [
      [ROOT, join(APPS, 'canary-calls.mjs')],
      [legacyFolder, LEGACY_APP],
    ] as const) {
      const result = await runNode(['--import', 'otel-llm-observer/register', app], {
        cwd,
        env: {
          FIXTURE_ORIGIN: server.origin,
          CANARY_TEXTS: JSON.stringify(canaries.texts),
          CANARY_KEYS: JSON.stringify(canaries.keys),
          OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: capture,
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
          OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
          OTEL_TRACES_EXPORTER: 'otlp',
        },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    return { bodies: receiver.bodies, calls: receiver.spans.filter((span) => span.kind === OTLP_CLIENT_KIND) };
  } finally {
    await receiver.close();
  }
}

/** Whether `needle` is in any of `bodies`, as it is or as a JSON string escapes it. */
function exported(bodies: readonly Buffer[], needle: string): boolean {
  const forms = [needle, JSON.stringify(needle).slice(1, -1)];
  return bodies.some((body) => forms.some((form) => body.includes(form)));
}

const describeCanary = ({ field, what }: Canary) => `${field} (${what})`;

describe.each(['http/protobuf', 'http/json'])('the bytes exported as OTLP %s', (protocol) => {
  it('hold no canary of any field, text, secret, key or id, when content capture is off', async () => {
    const { bodies, calls } = await runApps('', protocol);
    expect(calls).toHaveLength(CALLS);
    // The spans carry the shape of each call, and the canaries searched for were sent.
    for (const span of calls) expect(span.attributes['llm_observer.request.messages.count']).toBeGreaterThan(0);
    expect(server.requests.some((request) => JSON.stringify(request.body).includes(canaries.plain[0]?.needle ?? '-'))).toBe(true);
    expect(canaries.everything.filter((canary) => exported(bodies, canary.needle)).map(describeCanary)).toEqual([]);
  });

  it('hold the plain text of every field and none of the secrets, keys or ids, when content capture is on', async () => {
    const { bodies, calls } = await runApps('SPAN_AND_EVENT', protocol);
    expect(calls).toHaveLength(CALLS);
    expect(canaries.plain.filter((canary) => !exported(bodies, canary.needle)).map(describeCanary)).toEqual([]);
    expect(canaries.secret.filter((canary) => exported(bodies, canary.needle)).map(describeCanary)).toEqual([]);
  });
});
