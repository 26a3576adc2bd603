import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

/**
 * Hostile responses, generated with fast-check from the wire fixtures of test/fixtures/: the same
 * bodies and streams with their usage, events, length and strings made malformed, written as
 * fixture files into a folder of their own that the fixture server serves.
 */

/** A folder of generated fixtures, `hostile/case-<n>`, removed by `remove()`. */
export class HostileFixtures {
  readonly folder = mkdtempSync(join(tmpdir(), 'otel-llm-observer-hostile-'));
  private written = 0;

  constructor() {
    mkdirSync(join(this.folder, 'hostile'));
  }

  /** Writes a JSON response whose body is `rawBody` exactly, and returns its fixture name. */
  json(status: number, headers: Record<string, string> | undefined, rawBody: string): string {
    return this.write('json', JSON.stringify({ status, headers, rawBody }));
  }

  /** Writes an SSE response of exactly `text`, and returns its fixture name. */
  sse(text: string): string {
    return this.write('sse', text);
  }

  /**
   * Writes a newline-delimited JSON stream (Cohere's v1 chat stream, Ollama's streams) of exactly
   * `text`, sent as `contentType` when given (Ollama's `application/x-ndjson`; else as the fixture
   * server's default, `application/stream+json`, Cohere's), and returns its fixture name.
   */
  ndjson(text: string, contentType?: string): string {
    // The fixture server reads the content type from a comment line, which it does not send.
    return this.write('ndjson', contentType === undefined ? text : `# content-type: ${contentType}\n${text}`);
  }

  /**
   * Writes an AWS event stream response (Amazon Bedrock's streams) of `messages`, each payload sent
   * as its text is, cut after `keepFraction` of the stream's bytes when given, and returns its fixture name.
   */
  eventStream(status: number, headers: Record<string, string> | undefined, messages: readonly EventStreamMessage[], keepFraction?: number): string {
    const eventStream = messages.map(({ headers: messageHeaders, payload }) => ({ headers: messageHeaders, rawPayload: payload }));
    return this.write('json', JSON.stringify({ status, headers, eventStream, keepFraction }));
  }

  /** Removes the fixture `name` (a large one, once read). */
  discard(name: string): void {
    rmSync(join(this.folder, `${name}.json`), { force: true });
    rmSync(join(this.folder, `${name}.sse`), { force: true });
    rmSync(join(this.folder, `${name}.ndjson`), { force: true });
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }

  private write(extension: string, text: string): string {
    const name = `case-${++this.written}`;
    writeFileSync(join(this.folder, 'hostile', `${name}.${extension}`), text);
    return `hostile/${name}`;
  }
}

/** A value written into a JSON text as it is: numbers `JSON.stringify` cannot write (beyond 2^53, `1e400`) included. */
export type JsonText = string;

/** A message of an AWS event stream: its headers (`:event-type`, `:message-type`, …) and its payload, as its text is (JSON or not). */
export interface EventStreamMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string;
}

/**
 * A token count as a response might send it: usually a count, else missing, null, a string (of a
 * number, or "NaN"), negative, fractional, above 2^53, too large for a double, or not a number.
 */
export const hostileCount: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.nat({ max: 200_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-0', '1e3', '9007199254740991') },
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('null') },
  { weight: 1, arbitrary: fc.constantFrom('"NaN"', '"12"', '"Infinity"', 'true', '[]', '{}') },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: -1 }).map(String) },
  { weight: 1, arbitrary: fc.double({ min: 0.01, max: 1e6, noNaN: true }).filter((value) => !Number.isInteger(value)).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('1e400', '-1e400', '1e308') },
);

/** A JSON object written from `fields`, leaving out those without a value. */
export function jsonObject(fields: Readonly<Record<string, JsonText | undefined>>): JsonText {
  const members = Object.entries(fields).filter((entry): entry is [string, JsonText] => entry[1] !== undefined);
  return `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

/** `value` as JSON, with the marker string `"@@usage@@"` anywhere in it replaced by `usage`. */
export function withUsage(value: unknown, usage: JsonText | undefined): JsonText {
  return JSON.stringify(value).replace('"@@usage@@"', usage ?? 'null');
}

export const USAGE_MARKER = '@@usage@@';

/** A usage of the Chat Completions API: its counts hostile, the details objects present, null or absent. */
export const hostileChatUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"usage"', '[]') },
  {
    weight: 12,
    arbitrary: fc
      .record({
        prompt: hostileCount,
        completion: hostileCount,
        total: hostileCount,
        cached: hostileCount,
        cacheWrite: hostileCount,
        details: fc.constantFrom('object', 'null', 'absent'),
      })
      .map(({ prompt, completion, total, cached, cacheWrite, details }) =>
        jsonObject({
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: total,
          prompt_tokens_details: details === 'object' ? jsonObject({ cached_tokens: cached, cache_write_tokens: cacheWrite }) : details === 'null' ? 'null' : undefined,
        }),
      ),
  },
);

/**
 * A chat completion usage of a backend the `openai` SDK is pointed at, in its dialect: OpenAI's
 * counts hostile, and a field of the backend's own (`flatField`: DeepSeek's
 * `prompt_cache_hit_tokens`, Together's flat `cached_tokens`, OpenRouter's `cost`) hostile too.
 */
export function hostileBackendUsage(flatField: string): fc.Arbitrary<JsonText> {
  return fc
    .record({ prompt: hostileCount, completion: hostileCount, cached: hostileCount, cacheWrite: hostileCount, flat: hostileCount, details: fc.constantFrom('object', 'null', 'absent') })
    .map(({ prompt, completion, cached, cacheWrite, flat, details }) =>
      jsonObject({
        prompt_tokens: prompt,
        completion_tokens: completion,
        prompt_tokens_details: details === 'object' ? jsonObject({ cached_tokens: cached, cache_write_tokens: cacheWrite }) : details === 'null' ? 'null' : undefined,
        [flatField]: flat,
      }),
    );
}

/** A usage of the Images API: its counts hostile, each details object present, null or absent. */
export const hostileImageUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"usage"', '[]') },
  {
    weight: 12,
    arbitrary: fc
      .record({
        input: hostileCount,
        inputImage: hostileCount,
        inputText: hostileCount,
        output: hostileCount,
        outputImage: hostileCount,
        outputText: hostileCount,
        total: hostileCount,
        inputDetails: fc.constantFrom('object', 'null', 'absent'),
        outputDetails: fc.constantFrom('object', 'null', 'absent'),
      })
      .map(({ input, inputImage, inputText, output, outputImage, outputText, total, inputDetails, outputDetails }) => {
        const details = (kind: string, image: JsonText | undefined, text: JsonText | undefined) =>
          kind === 'object' ? jsonObject({ image_tokens: image, text_tokens: text }) : kind === 'null' ? 'null' : undefined;
        return jsonObject({
          input_tokens: input,
          input_tokens_details: details(inputDetails, inputImage, inputText),
          output_tokens: output,
          output_tokens_details: details(outputDetails, outputImage, outputText),
          total_tokens: total,
        });
      }),
  },
);

/**
 * A transcription's usage billed by duration (`type: "duration"`): its seconds as a response might
 * send them: usually a duration with a fraction (half seconds among them), else a whole one, none,
 * null, a string, negative, beyond what a double rounds to exactly, or too large for a double.
 */
export const hostileDurationUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"usage"', '[]') },
  {
    weight: 12,
    arbitrary: fc
      .record({
        seconds: fc.oneof(
          { weight: 6, arbitrary: fc.double({ min: 0, max: 36_000, noNaN: true }).map(String) },
          { weight: 2, arbitrary: fc.nat({ max: 7_200 }).map((whole) => `${whole}.5`) },
          { weight: 1, arbitrary: fc.constantFrom('0', '-0', '0.4', '0.5', '9007199254740991', '1e300', '1e400', '-1e400') },
          { weight: 1, arbitrary: fc.double({ min: -1e6, max: -0.01, noNaN: true }).map(String) },
          { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"8.5"', '"NaN"', 'true', '{}') },
        ),
        type: fc.constantFrom('"duration"', '"tokens"', undefined, '7'),
      })
      .map(({ seconds, type }) => jsonObject({ type, seconds })),
  },
);

/** A usage of the Messages API: its counts hostile, `cache_creation` present, null or absent, a service tier, and web searches (`server_tool_use`). */
export const hostileMessageUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"usage"') },
  {
    weight: 12,
    arbitrary: fc
      .record({
        input: hostileCount,
        cacheRead: hostileCount,
        cacheWrite: hostileCount,
        writes5m: hostileCount,
        writes1h: hostileCount,
        output: hostileCount,
        cacheCreation: fc.constantFrom('object', 'null', 'absent'),
        serviceTier: fc.constantFrom(undefined, '"standard"', '"batch"', '"priority"', 'null', '7'),
        searches: hostileCount,
        serverToolUse: fc.constantFrom('object', 'null', 'absent', '7'),
      })
      .map(({ input, cacheRead, cacheWrite, writes5m, writes1h, output, cacheCreation, serviceTier, searches, serverToolUse }) =>
        jsonObject({
          input_tokens: input,
          cache_read_input_tokens: cacheRead,
          cache_creation_input_tokens: cacheWrite,
          cache_creation:
            cacheCreation === 'object'
              ? jsonObject({ ephemeral_5m_input_tokens: writes5m, ephemeral_1h_input_tokens: writes1h })
              : cacheCreation === 'null'
                ? 'null'
                : undefined,
          output_tokens: output,
          service_tier: serviceTier,
          server_tool_use: serverToolUse === 'object' ? jsonObject({ web_search_requests: searches, web_fetch_requests: '1' }) : serverToolUse === 'absent' ? undefined : serverToolUse,
        }),
      ),
  },
);

/** A Gemini `usageMetadata`: each count of a kind `hostileCount` makes, or left out. */
export const hostileGeminiUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        promptTokenCount: hostileCount,
        candidatesTokenCount: hostileCount,
        cachedContentTokenCount: hostileCount,
        thoughtsTokenCount: hostileCount,
        toolUsePromptTokenCount: hostileCount,
      })
      .map(jsonObject),
  },
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '[]', '"usage"', '42') },
);

/**
 * A Gemini candidate's `groundingMetadata`, hostile: its `webSearchQueries` missing, not a list, or
 * a list of queries (repeated, empty, any text, a 1 MB one) among values that are no text.
 */
export const hostileGroundingMetadata: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '42', '"grounded"', '[]', '{}') },
  {
    weight: 8,
    arbitrary: fc
      .record({
        webSearchQueries: fc.oneof(
          { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"capital of France"', '7', '{}') },
          {
            weight: 6,
            arbitrary: fc
              .array(
                fc.oneof(
                  { weight: 6, arbitrary: fc.constantFrom('"capital of France"', '"Paris population 2026"', '""') },
                  { weight: 3, arbitrary: fc.string().map((text) => JSON.stringify(text)) },
                  { weight: 2, arbitrary: fc.constantFrom('null', '3', '1e400', 'true', '{}', '["capital of France"]') },
                  { weight: 1, arbitrary: fc.constant(JSON.stringify('q'.repeat(2 ** 20))) },
                ),
                { maxLength: 8 },
              )
              .map((queries) => `[${queries.join(',')}]`),
          },
        ),
        searchEntryPoint: fc.constantFrom(undefined, '{"renderedContent":"<div></div>"}', 'null'),
      })
      .map(jsonObject),
  },
);

/** An interaction's `grounding_tool_count`, hostile: absent, not a list, or a list of counts by tool, each count of a kind `hostileCount` makes. */
const hostileGroundingToolCount: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(undefined, 'null', '{}', '"google_search"') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.record({ type: fc.constantFrom('"google_search"', '"google_maps"', '"retrieval"', 'null', '7'), count: hostileCount }).map(jsonObject), { maxLength: 3 })
      .map((items) => `[${items.join(',')}]`),
  },
);

/** The `usage` of a Gemini interaction (the Interactions API's names), hostile. */
export const hostileInteractionUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        total_input_tokens: hostileCount,
        total_output_tokens: hostileCount,
        total_cached_tokens: hostileCount,
        total_thought_tokens: hostileCount,
        total_tool_use_tokens: hostileCount,
        grounding_tool_count: hostileGroundingToolCount,
      })
      .map(jsonObject),
  },
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '[]', '"usage"', '42') },
);

/** The usage of a `message_delta` event: the top-level counts the API revises, hostile. */
export const hostileDeltaUsage: fc.Arbitrary<JsonText | undefined> = fc
  .record({ input: hostileCount, cacheRead: hostileCount, cacheWrite: hostileCount, output: hostileCount })
  .map(({ input, cacheRead, cacheWrite, output }) =>
    jsonObject({ input_tokens: input, cache_read_input_tokens: cacheRead, cache_creation_input_tokens: cacheWrite, output_tokens: output }),
  );

/**
 * A token count of a Bedrock `TokenUsage` as a response might send it: one of `hostileCount`, or
 * an object or a list holding a count.
 */
const hostileConverseCount: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 16, arbitrary: hostileCount },
  { weight: 1, arbitrary: fc.constantFrom('{"value":12}', '[12]', '{"n":{"n":{"n":1}}}') },
);

/**
 * A Bedrock `cacheDetails` (the cache writes by lifetime), of any shape: absent, null, not a
 * list, empty, or a list of entries, each a lifetime the API names (`5m`, `1h`) with a count of a
 * kind `hostileConverseCount` makes, or an entry that is not one (another lifetime, none, no object).
 */
const hostileCacheDetails: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(undefined, 'null', '[]', '{}', '"5m"', '7', '{"ttl":"5m","inputTokens":10}') },
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.oneof(
          { weight: 6, arbitrary: fc.record({ ttl: fc.constantFrom('"5m"', '"1h"'), inputTokens: hostileConverseCount }).map(jsonObject) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'null',
              '7',
              '"5m"',
              '{}',
              '[]',
              '{"ttl":"24h","inputTokens":5}',
              '{"ttl":"5M","inputTokens":5}',
              '{"ttl":"","inputTokens":5}',
              '{"ttl":null,"inputTokens":5}',
              '{"ttl":{"5m":true},"inputTokens":5}',
              '{"inputTokens":5}',
            ),
          },
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((entries) => `[${entries.join(',')}]`),
  },
);

/**
 * A Bedrock Converse `usage` (`TokenUsage`): absent, not an object, or its counts hostile and its
 * `cacheDetails` of any shape; or counts that are all whole, with writes split by lifetime in
 * entries that add up to `cacheWriteInputTokens` (or list a lifetime twice), so that the writes
 * priced at each lifetime's price are tried too, and input totals past the long-context threshold;
 * and entries that do not add up to the writes (a lifetime's left out, or the total).
 */
export const hostileConverseUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"usage"', '[]', '42') },
  {
    weight: 8,
    arbitrary: fc
      .record({
        inputTokens: hostileConverseCount,
        outputTokens: hostileConverseCount,
        totalTokens: hostileConverseCount,
        cacheReadInputTokens: hostileConverseCount,
        cacheWriteInputTokens: hostileConverseCount,
        cacheDetails: hostileCacheDetails,
      })
      .map(jsonObject),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({
        input: fc.nat({ max: 200_000 }),
        output: fc.nat({ max: 50_000 }),
        cacheRead: fc.nat({ max: 200_000 }),
        writes5m: fc.nat({ max: 100_000 }),
        writes1h: fc.nat({ max: 100_000 }),
        listed: fc.constantFrom('both', '1h first', '5m only', '1h only', '5m twice', 'none', 'the 5m of both', 'no total'),
      })
      .map(({ input, output, cacheRead, writes5m, writes1h, listed }) => {
        const entry = (ttl: string, tokens: number) => jsonObject({ ttl: JSON.stringify(ttl), inputTokens: String(tokens) });
        const half = Math.floor(writes5m / 2);
        const entries = {
          both: [entry('5m', writes5m), entry('1h', writes1h)],
          '1h first': [entry('1h', writes1h), entry('5m', writes5m)],
          '5m only': [entry('5m', writes5m)],
          '1h only': [entry('1h', writes1h)],
          '5m twice': [entry('5m', half), entry('5m', writes5m - half), entry('1h', writes1h)],
          none: undefined,
          // Entries that do not add up to the writes: one lifetime's left out, or the total.
          'the 5m of both': [entry('5m', writes5m)],
          'no total': [entry('5m', writes5m), entry('1h', writes1h)],
        }[listed];
        const writes = listed === '5m only' ? writes5m : listed === '1h only' ? writes1h : writes5m + writes1h;
        return jsonObject({
          inputTokens: String(input),
          outputTokens: String(output),
          totalTokens: String(input + output + cacheRead + writes),
          cacheReadInputTokens: String(cacheRead),
          cacheWriteInputTokens: listed === 'no total' ? undefined : String(writes),
          cacheDetails: entries === undefined ? undefined : `[${entries.join(',')}]`,
        });
      }),
  },
);

/**
 * An Amazon Nova `usage` in InvokeModel's body (Nova's own names: `inputTokens`, `outputTokens`,
 * `totalTokens`, `cacheReadInputTokenCount`, `cacheWriteInputTokenCount`): absent, not an
 * object, or its counts hostile; or counts that are all whole, with a total that adds them up.
 */
export const hostileNovaUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"usage"', '[]', '42') },
  {
    weight: 8,
    arbitrary: fc
      .record({
        inputTokens: hostileConverseCount,
        outputTokens: hostileConverseCount,
        totalTokens: hostileConverseCount,
        cacheReadInputTokenCount: hostileConverseCount,
        cacheWriteInputTokenCount: hostileConverseCount,
      })
      .map(jsonObject),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ input: fc.nat({ max: 300_000 }), output: fc.nat({ max: 10_000 }), cacheRead: fc.nat({ max: 300_000 }), cacheWrite: fc.nat({ max: 300_000 }) })
      .map(({ input, output, cacheRead, cacheWrite }) =>
        jsonObject({
          inputTokens: String(input),
          outputTokens: String(output),
          totalTokens: String(input + output + cacheRead + cacheWrite),
          cacheReadInputTokenCount: String(cacheRead),
          cacheWriteInputTokenCount: String(cacheWrite),
        }),
      ),
  },
);

/**
 * The `X-Amzn-Bedrock-Service-Tier` header of an InvokeModel response: mostly absent or the
 * default, else another tier the API names, or a value it does not (empty, another case, another
 * provider's tier).
 */
export const hostileInvokeServiceTier: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(undefined, 'default') },
  { weight: 3, arbitrary: fc.constantFrom('flex', 'priority', 'reserved') },
  { weight: 2, arbitrary: fc.constantFrom('', 'FLEX', 'batch', 'standard', 'priority ') },
);

/** A Converse response's `serviceTier`: mostly absent or the default, else null, another tier the API names (`ServiceTier.type`), or of another shape. */
export const hostileConverseServiceTier: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(undefined, { type: 'default' }) },
  { weight: 2, arbitrary: fc.constantFrom({ type: 'flex' }, { type: 'priority' }, { type: 'reserved' }) },
  { weight: 2, arbitrary: fc.constantFrom(null, { type: 7 }, { type: null }, {}, 'flex', 7) },
);

/** A service tier of an OpenAI response: absent, one the table prices, or one it does not. */
export const hostileServiceTier = fc.constantFrom(undefined, 'default', 'flex', 'priority', 'scale', '');

/** Cohere's `billed_units`, what it bills: its counts hostile, or not an object. */
const hostileBilledUnits: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"billed_units"', '[]', '42') },
  {
    weight: 8,
    arbitrary: fc.record({ input_tokens: hostileCount, output_tokens: hostileCount, search_units: hostileCount, classifications: hostileCount }).map(jsonObject),
  },
);

/** The `tokens` Cohere reports beside what it bills (every token, those of its prompt template included), hostile too. */
const hostileCohereTokens: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '7') },
  { weight: 4, arbitrary: fc.record({ input_tokens: hostileCount, output_tokens: hostileCount }).map(jsonObject) },
);

/** The `usage` of a Cohere v2 chat (a response's, or a stream's `message-end` delta's): its billed units, tokens and cached tokens hostile; or not an object. */
export const hostileCohereUsage: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"usage"', '[]') },
  { weight: 12, arbitrary: fc.record({ billed_units: hostileBilledUnits, tokens: hostileCohereTokens, cached_tokens: hostileCount }).map(jsonObject) },
);

/** The `meta` of a Cohere v1 chat (a response's, or a stream's `stream-end` response's): its billed units and tokens hostile beside its API version; or not an object. */
export const hostileCohereMeta: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '"meta"', '[]') },
  {
    weight: 12,
    arbitrary: fc
      .record({ billed_units: hostileBilledUnits, tokens: hostileCohereTokens })
      .map((meta) => jsonObject({ api_version: '{"version":"1"}', ...meta })),
  },
);

/**
 * A token count of Ollama's as a response might send it: one of `hostileCount`, or 2^32 − 1 and
 * 2^32 (whole counts at and past the largest unsigned 32-bit integer), or a count nested in an
 * object or a list.
 */
const hostileOllamaCount: fc.Arbitrary<JsonText | undefined> = fc.oneof(
  { weight: 16, arbitrary: hostileCount },
  { weight: 1, arbitrary: fc.constantFrom(String(2 ** 32 - 1), String(2 ** 32)) },
  { weight: 1, arbitrary: fc.constantFrom('{"value":12}', '[12]', '{"n":{"n":{"n":1}}}', '[[31]]') },
);

/**
 * The token counts of an Ollama response (chat, generate or embed; a stream's last chunk), the
 * top-level fields `prompt_eval_count`, `prompt_eval_cached_count` and `eval_count`, each hostile;
 * written into a body with {@link withFields}.
 */
export const hostileOllamaCounts: fc.Arbitrary<Readonly<Record<string, JsonText | undefined>>> = fc.record({
  prompt_eval_count: hostileOllamaCount,
  prompt_eval_cached_count: hostileOllamaCount,
  eval_count: hostileOllamaCount,
});

/** The JSON text of `value` (an object) with `fields` in place of its own of those names, those without a value left out. */
export function withFields(value: Readonly<Record<string, unknown>>, fields: Readonly<Record<string, JsonText | undefined>>): JsonText {
  const rest = Object.fromEntries(Object.entries(value).filter(([key]) => !Object.hasOwn(fields, key)));
  const members = jsonObject(fields).slice(1, -1);
  const text = JSON.stringify(rest);
  return members === '' ? text : text === '{}' ? `{${members}}` : `${text.slice(0, -1)},${members}}`;
}

/** The data of an event no SDK version documents: JSON or not. */
const UNKNOWN_EVENT_DATA = ['{"type":"mystery","payload":{"nested":[1,2,3]}}', '{}', '[]', '42'];

/** An SSE event no SDK version documents, with data that is JSON or not. */
export const unknownEvent: fc.Arbitrary<string> = fc
  .record({
    name: fc.option(fc.constantFrom('mystery', 'ping', 'content_block_future', 'response.unknown_kind', 'thread.run.future'), { nil: undefined }),
    data: fc.constantFrom(...UNKNOWN_EVENT_DATA),
  })
  .map(({ name, data }) => (name === undefined ? `data: ${data}` : `event: ${name}\ndata: ${data}`));

/** An event of an AWS event stream of a type the Converse API does not name (`ConverseStreamOutput`'s members), with a payload that is JSON or not. */
export const unknownEventStreamMessage: fc.Arbitrary<EventStreamMessage> = fc
  .record({
    type: fc.constantFrom('mystery', 'ping', 'contentBlockFuture', 'messageUnknownKind', 'metadata2'),
    payload: fc.constantFrom(...UNKNOWN_EVENT_DATA, 'not json'),
  })
  .map(({ type, payload }) => ({ headers: { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' }, payload }));

/** The headers of an InvokeModelWithResponseStream's `chunk` event. */
const CHUNK_HEADERS = { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' };

/**
 * A `chunk` event of an InvokeModelWithResponseStream whose bytes are `eventText` (one of the
 * model's events, as its text is: JSON or not), base64 in its payload's `bytes`, as Bedrock sends
 * it, with the padding `p` when given.
 */
export function chunkMessage(eventText: string, padding?: string): EventStreamMessage {
  return { headers: CHUNK_HEADERS, payload: JSON.stringify({ bytes: Buffer.from(eventText, 'utf8').toString('base64'), p: padding }) };
}

/**
 * A `chunk` event of an InvokeModelWithResponseStream whose bytes hold an event no version of the
 * model's API documents (JSON: bytes that are not are a problem reported, which a property of
 * their own tries).
 */
export const unknownChunkMessage: fc.Arbitrary<EventStreamMessage> = fc
  .constantFrom(...UNKNOWN_EVENT_DATA, '{"type":"ping"}', '{"type":"content_block_future","index":0}', 'null')
  .map((event) => chunkMessage(event));

/** `events` with `unknown` ones inserted at their positions (taken modulo the number of places). */
export function withUnknown<Event>(events: readonly Event[], unknown: readonly (readonly [number, Event])[]): Event[] {
  const all = [...events];
  for (const [position, event] of unknown) all.splice(position % (all.length + 1), 0, event);
  return all;
}

/**
 * The text of an SSE response from `events`, with `unknown` events inserted at their positions
 * (taken modulo the number of places), and cut after `keepFraction` of its characters when given.
 */
export function sseText(events: readonly string[], unknown: readonly (readonly [number, string])[], keepFraction: number | undefined): string {
  const text = withUnknown(events, unknown)
    .map((event) => `${event}\n\n`)
    .join('');
  return keepFraction === undefined ? text : text.slice(0, Math.floor(text.length * keepFraction));
}

/**
 * The text of a newline-delimited JSON stream (Cohere's v1 chat stream) from `lines`, with
 * `unknown` lines inserted at their positions (taken modulo the number of places), and cut after
 * `keepFraction` of its characters when given.
 */
export function ndjsonText(lines: readonly string[], unknown: readonly (readonly [number, string])[], keepFraction: number | undefined): string {
  const text = withUnknown(lines, unknown)
    .map((line) => `${line}\n`)
    .join('');
  return keepFraction === undefined ? text : text.slice(0, Math.floor(text.length * keepFraction));
}

/** Unknown events of a kind `unknown` makes, each with where it goes, and whether and where the stream is cut short. */
function hazards<Event>(unknown: fc.Arbitrary<Event>) {
  return fc.record({
    unknown: fc.array(fc.tuple(fc.nat(), unknown), { maxLength: 3 }),
    keepFraction: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 3 }),
  });
}

/** Unknown SSE events, each with where it goes, and whether and where the stream is cut short. */
export const streamHazards = hazards(unknownEvent);

/**
 * The same for a newline-delimited JSON stream: lines of events no SDK version documents, or that
 * Cohere's v1 chat stream sends and the instrumentation does not read, among its lines.
 */
export const ndjsonHazards = hazards(
  fc.constantFrom(...UNKNOWN_EVENT_DATA, '{"is_finished":false,"event_type":"mystery"}', '{"is_finished":false,"event_type":"citation-generation","citations":[]}'),
);

/**
 * The same for Ollama's newline-delimited JSON streams: lines no version of its API documents, and
 * lines of its own out of place: the `success` that ends a pull's progress (the SDK's read ends at
 * it, as at a done chunk), an error line (the SDK throws it), and a chunk not done that holds
 * counts, which are not the call's.
 */
export const ollamaNdjsonHazards = hazards(
  fc.constantFrom(
    ...UNKNOWN_EVENT_DATA,
    '{"status":"success"}',
    '{"error":"an error was encountered while running the model: unexpected EOF"}',
    '{"model":"llama3.2","created_at":"2026-12-07T09:20:01.141277Z","message":{"role":"assistant","content":"!"},"done":false,"prompt_eval_count":7,"eval_count":3}',
  ),
);

/**
 * Ollama's streams, each the wire fixture its hostile streams are made from and the call that reads
 * them (a key of hostile-responses.test.ts's `EACH_CALL`): one property runs on each, `hostileRuns`
 * times (readme-figures.test.ts counts them).
 */
export const OLLAMA_STREAMS = [
  { stream: 'chat', fixture: 'ollama/chat-stream', kind: 'ollama chat streamed' },
  { stream: 'completion', fixture: 'ollama/generate-stream', kind: 'ollama generate streamed' },
] as const;

/** The same for an AWS event stream: unknown events among its messages, and whether and where its bytes are cut short (inside a message, maybe). */
export const eventStreamHazards = hazards(unknownEventStreamMessage);

/** The same for an InvokeModelWithResponseStream: unknown events among its chunks, either events of the stream or chunks of the model's unknown events, and whether and where its bytes are cut short. */
export const invokeStreamHazards = hazards(fc.oneof(unknownEventStreamMessage, unknownChunkMessage));

/**
 * Strings a response field should not hold but might: any code points (control characters,
 * right-to-left marks, emoji sequences), a lone surrogate, the empty string.
 */
export const unusualString: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.string({ unit: 'grapheme', maxLength: 16 }),
    fc.constantFrom('\ud800', 'a\udfffb', '\u202egpt-4o-mini', '\u0000', '', 'gpt-4o-mini\u200b', '👩🏽‍🚀'.repeat(40)),
  )
  // The fixture server fills {{name}} placeholders.
  .filter((text) => !text.includes('{{'));
