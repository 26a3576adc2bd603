import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { COHERE_SDK } from '../../src/instrumentation/cohere/provider-sdk.js';

/**
 * Where a `cohere-ai` client sends its calls, as CohereInstrumentation describes it: read from the
 * real SDK's clients (installed: 8.x), whose methods run with the v1 client or the v2 client
 * (`V2Client`, made by `CohereClientV2`) as `this`. No call is made.
 */

const require = createRequire(import.meta.url);
const sdk = require('cohere-ai') as typeof import('cohere-ai');
const aws = require('cohere-ai/aws') as typeof import('cohere-ai/aws');
type Described = Record<string, unknown>;
/** The v2 client that a `CohereClientV2` makes and binds its methods to. */
const v2Of = (client: object) => (client as { clientV2: Described }).clientV2;
const describe_ = (client: object) => COHERE_SDK.describeClient(client as Described, {});

describe('a cohere-ai client', () => {
  it("is Cohere's API when it names no other, for the v1 and the v2 client", () => {
    const expected = { provider: 'cohere', serverAddress: 'api.cohere.com', serverPort: 443 };
    expect(describe_(new sdk.CohereClient({ token: 'k' }))).toEqual(expected);
    expect(describe_(v2Of(new sdk.CohereClientV2({ token: 'k' })))).toEqual(expected);
  });

  it('is the host of its baseUrl, else of its environment (the v1 client with a trailing /v1 taken off)', () => {
    expect(describe_(v2Of(new sdk.CohereClientV2({ token: 'k', baseUrl: 'http://127.0.0.1:8080' })))).toMatchObject({ serverAddress: '127.0.0.1', serverPort: 8080 });
    expect(describe_(new sdk.CohereClient({ token: 'k', environment: 'https://cohere.internal.example/v1' }))).toMatchObject({
      serverAddress: 'cohere.internal.example',
      serverPort: 443,
    });
  });

  it('names no server when its base URL is a function the SDK would call (a Supplier)', () => {
    expect(describe_(v2Of(new sdk.CohereClientV2({ token: 'k', baseUrl: () => 'https://api.cohere.com' })))).toEqual({
      provider: 'cohere',
      serverAddress: undefined,
      serverPort: undefined,
    });
  });

  it("names no server for the SDK's Bedrock and SageMaker clients, whose fetcher sends each call to an AWS endpoint of their region", () => {
    const none = { provider: 'cohere', serverAddress: undefined, serverPort: undefined };
    expect(describe_(new aws.BedrockClient({ awsRegion: 'us-east-1' }))).toEqual(none);
    expect(describe_(v2Of(new aws.BedrockClientV2({ awsRegion: 'us-east-1' })))).toEqual(none);
    expect(describe_(new aws.SagemakerClient({ awsRegion: 'eu-west-1' }))).toEqual(none);
    expect(describe_(v2Of(new aws.SagemakerClientV2({ awsRegion: 'eu-west-1' })))).toEqual(none);
  });
});
