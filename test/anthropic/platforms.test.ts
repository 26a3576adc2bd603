import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS,
  ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLM_OBSERVER_COST_LOWER_BOUND,
  ATTR_LLM_OBSERVER_COST_TOTAL_USD,
  ATTR_LLM_OBSERVER_PRICING_ENTRY,
} from '../../src/semconv.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { platformAppFolder, runPlatformApp, type OtelLine, type PlatformRun, type PlatformSpan } from './platform-app.js';
import { OUR_SCOPE } from './testbed.js';

/**
 * Claude through Amazon Bedrock (`@anthropic-ai/bedrock-sdk` 1.2.1) and Google Vertex AI
 * (`@anthropic-ai/vertex-sdk` 1.1.5, both on `@anthropic-ai/sdk` 1.17.0), in CommonJS and ESM
 * apps on both OTel JS lines: each call has one span, with the platform as its provider, the
 * platform's model id, the usage, and the cost of the platform's price.
 */

/** A pinned install and its first child can take a while. */
const INSTALL_TIMEOUT_MS = 240_000;

const MESSAGE_CALLS = ['create', 'create-stream', 'stream-helper'];
const BEDROCK_CALLS = MESSAGE_CALLS.map((call) => `bedrock:${call}`);
const VERTEX_CALLS = MESSAGE_CALLS.map((call) => `vertex:${call}`);

/** Status codes of a span. */
const UNSET = 0;
const ERROR = 2;

const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const VERTEX_MODEL = 'claude-sonnet-4-5@20250929';

/** A Bedrock call's span (fixtures bedrock-message and bedrock-message-stream). */
const BEDROCK_CALL = {
  [ATTR_GEN_AI_PROVIDER_NAME]: 'aws.bedrock',
  [ATTR_GEN_AI_REQUEST_MODEL]: BEDROCK_MODEL,
  [ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-sonnet-4-5-20250929',
  // input_tokens 21, plus the 1,800 read from the cache
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1821,
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1800,
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 0,
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 9,
  [ATTR_LLM_OBSERVER_PRICING_ENTRY]: 'claude-sonnet-4-5',
  // Claude Sonnet 4.5 per million tokens: input 3, cache read 0.30, output 15; ×1.1 on the us. (geographic) profile:
  // (21 × 3 + 1800 × 0.30 + 9 × 15) × 1.1 = 738 × 1.1 = 811.8 per million
  [ATTR_LLM_OBSERVER_COST_TOTAL_USD]: 0.0008118,
};

/** A Vertex AI call's span (fixtures vertex-message and vertex-message-stream). */
const VERTEX_CALL = {
  [ATTR_GEN_AI_PROVIDER_NAME]: 'gcp.vertex_ai',
  [ATTR_GEN_AI_REQUEST_MODEL]: VERTEX_MODEL,
  [ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-sonnet-4-5-20250929',
  // input_tokens 21, plus the 1,800 read from the cache and the 2,100 written to it
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 3921,
  [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1800,
  [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 2100,
  [ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_5M_INPUT_TOKENS]: 600,
  [ATTR_ANTHROPIC_USAGE_CACHE_CREATION_EPHEMERAL_1H_INPUT_TOKENS]: 1500,
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 9,
  [ATTR_LLM_OBSERVER_PRICING_ENTRY]: 'claude-sonnet-4-5',
  // list prices (input 3, cache read 0.30, 5-minute write 3.75, 1-hour write 6, output 15):
  // 21 × 3 + 1800 × 0.30 + 600 × 3.75 + 1500 × 6 + 9 × 15 = 11,988 per million
  [ATTR_LLM_OBSERVER_COST_TOTAL_USD]: 0.011988,
};

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

/** The folder of the app on `line`, which the enclosing `describe` installs before its tests. */
function appOnLine(line: OtelLine): () => string {
  let folder = '';
  beforeAll(() => {
    folder = platformAppFolder(line);
  }, INSTALL_TIMEOUT_MS);
  return () => folder;
}

const run = (folder: () => string, settings: Omit<PlatformRun, 'fixtureOrigin'>) => runPlatformApp(folder(), { ...settings, fixtureOrigin: server.origin });

/** `spans` as `<scope>: <name>`, in order. */
const named = (spans: readonly PlatformSpan[]) => spans.map((span) => `${span.scope}: ${span.name}`);

function expectOneSpanEach(spans: readonly PlatformSpan[], scopes: { bedrock: string; vertex: string }, names: { bedrock: string; vertex: string }): void {
  expect(named(spans)).toEqual([
    ...BEDROCK_CALLS.map(() => `${scopes.bedrock}: ${names.bedrock}`),
    ...VERTEX_CALLS.map(() => `${scopes.vertex}: ${names.vertex}`),
  ]);
  for (const span of spans.slice(0, BEDROCK_CALLS.length)) expect(span.attributes).toMatchObject(BEDROCK_CALL);
  for (const span of spans.slice(BEDROCK_CALLS.length)) expect(span.attributes).toMatchObject(VERTEX_CALL);
  for (const span of spans) expect(span.status).toBe(UNSET);
}

const OURS = { bedrock: OUR_SCOPE, vertex: OUR_SCOPE };
const OUR_NAMES = { bedrock: `chat ${BEDROCK_MODEL}`, vertex: `chat ${VERTEX_MODEL}` };

describe.each(['3.x', '2.x'] as const)('Bedrock and Vertex AI on the OTel JS %s line', (line) => {
  const folder = appOnLine(line);

  it.each(['commonjs', 'esm'] as const)(
    'gives each call of a %s app (plain, streamed, the stream() helper) one span, this package’s, with its usage and cost',
    async (module) => {
      const result = await run(folder, { module, calls: [...BEDROCK_CALLS, ...VERTEX_CALLS], observer: true, sdkTracing: 'true' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expectOneSpanEach(result.spans, OURS, OUR_NAMES);
    },
  );

  it('gives each call one span, this package’s, with the SDK’s own tracing off (ANTHROPIC_OPEN_TELEMETRY=false)', async () => {
    const result = await run(folder, { module: 'commonjs', calls: [...BEDROCK_CALLS, ...VERTEX_CALLS], observer: true, sdkTracing: 'false' });
    expect(result.code).toBe(0);
    expectOneSpanEach(result.spans, OURS, OUR_NAMES);
  });

  it('gives each call one span, the SDK’s own, priced the same, when this package is not registered', async () => {
    const result = await run(folder, { module: 'commonjs', calls: [...BEDROCK_CALLS, ...VERTEX_CALLS], observer: false, sdkTracing: 'true' });
    expect(result.code).toBe(0);
    const sdkScopes = { bedrock: 'com.anthropic.sdk.typescript.bedrock', vertex: 'com.anthropic.sdk.typescript.vertex' };
    const sdkNames = { bedrock: 'anthropic.messages.create', vertex: 'anthropic.messages.create' };
    expect(named(result.spans)).toEqual([
      ...BEDROCK_CALLS.map(() => `${sdkScopes.bedrock}: ${sdkNames.bedrock}`),
      ...VERTEX_CALLS.map(() => `${sdkScopes.vertex}: ${sdkNames.vertex}`),
    ]);
    for (const [index, span] of result.spans.entries()) {
      const expected = index < BEDROCK_CALLS.length ? BEDROCK_CALL : VERTEX_CALL;
      expect(span.attributes[ATTR_GEN_AI_PROVIDER_NAME]).toBe(expected[ATTR_GEN_AI_PROVIDER_NAME]);
      expect(span.attributes[ATTR_LLM_OBSERVER_COST_TOTAL_USD]).toBe(expected[ATTR_LLM_OBSERVER_COST_TOTAL_USD]);
    }
  });
});

describe('Bedrock and Vertex AI calls that fail (OTel JS 3.x line)', () => {
  const folder = appOnLine('3.x');

  it('ends the span of a 429 from each platform with status ERROR and the SDK’s error class, unpriced', async () => {
    const result = await run(folder, { module: 'commonjs', calls: ['bedrock:error', 'vertex:error'], observer: true, sdkTracing: 'true' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('bedrock:error: RateLimitError 429\nvertex:error: RateLimitError 429\n');
    expect(named(result.spans)).toEqual([`${OUR_SCOPE}: chat ${BEDROCK_MODEL}`, `${OUR_SCOPE}: chat ${VERTEX_MODEL}`]);
    for (const span of result.spans) {
      expect(span.status).toBe(ERROR);
      expect(span.attributes[ATTR_ERROR_TYPE]).toBe('RateLimitError');
      expect(span.attributes[ATTR_LLM_OBSERVER_COST_TOTAL_USD]).toBeUndefined();
    }
  });

  it('ends the span of a Bedrock stream that a throttling exception cuts short with status ERROR and the usage so far, priced as a lower bound', async () => {
    const result = await run(folder, { module: 'commonjs', calls: ['bedrock:stream-error'], observer: true, sdkTracing: 'true' });
    expect(result.code).toBe(0);
    expect(result.spans).toHaveLength(1);
    const [span] = result.spans as [PlatformSpan];
    expect(span.status).toBe(ERROR);
    expect(span.attributes).toMatchObject({
      [ATTR_GEN_AI_RESPONSE_ID]: 'msg_bdrk_01StrEaMbDrK4c5d6e7f8g9h',
      [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1821,
      // message_start's placeholder: the stream never sent its final count
      [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 1,
      // (21 × 3 + 1800 × 0.30 + 1 × 15) × 1.1 = 618 × 1.1 = 679.8 per million
      [ATTR_LLM_OBSERVER_COST_TOTAL_USD]: 0.0006798,
      [ATTR_LLM_OBSERVER_COST_LOWER_BOUND]: true,
    });
  });
});

describe('Bedrock and Vertex AI requests, as the fixture server received them', () => {
  const folder = appOnLine('3.x');

  it('go to each platform’s model path with the platform model id, signed with SigV4 or the Google access token', async () => {
    const before = server.requests.length;
    await run(folder, { module: 'commonjs', calls: ['bedrock:create', 'bedrock:create-stream', 'vertex:create', 'vertex:create-stream'], observer: true, sdkTracing: 'true' });
    const requests = server.requests.slice(before);
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke',
      'POST /model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke-with-response-stream',
      'POST /v1/projects/fixture-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict',
      'POST /v1/projects/fixture-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict',
    ]);
    const authorizations = requests.map((request) => String(request.headers.authorization).split(' ')[0]);
    expect(authorizations).toEqual(['AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256', 'Bearer', 'Bearer']);
  });

  it('carry the trace context of each call’s span (the SDK’s tracing on), which the SigV4 signature leaves out', async () => {
    const before = server.requests.length;
    const result = await run(folder, { module: 'commonjs', calls: [...BEDROCK_CALLS, ...VERTEX_CALLS], observer: true, sdkTracing: 'true' });
    const requests = server.requests.slice(before);
    expectOneSpanEach(result.spans, OURS, OUR_NAMES);
    // The calls are made one after the other, each read to its end before the next: their requests and spans are in the same order.
    expect(requests.map((request) => request.headers.traceparent)).toEqual(result.spans.map((span) => `00-${span.traceId}-${span.spanId}-01`));
    const signedHeaders = requests.slice(0, BEDROCK_CALLS.length).map((request) => /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization))?.[1]?.split(';'));
    for (const names of signedHeaders) {
      expect(names).toContain('host');
      expect(names).not.toContain('traceparent');
    }
  });
});
