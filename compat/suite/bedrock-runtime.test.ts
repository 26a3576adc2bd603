import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertConverseStreamTraced, assertConverseTraced, assertInvokeModelStreamTraced, assertInvokeModelTraced, type BedrockRuntimeModule, type HttpHandlerModule } from './bedrock-runtime.ts';
import { BEDROCK_RUNTIME, installedVersion, isAtLeast, requireFromApp, startRecording } from './row.ts';

/**
 * The AWS SDK's `@aws-sdk/client-bedrock-runtime`, in a row that installs it, loaded with
 * `require` (dist-cjs, the build Node loads): a ConverseCommand, a ConverseStreamCommand, an
 * InvokeModelCommand and an InvokeModelWithResponseStreamCommand of Claude, each sent once against its fixture (test/fixtures/bedrock/), give one chat span each, this
 * package's, with the usage and the cost of ./bedrock-runtime.ts.
 *
 * What differs between the releases of the range that the rows pin (3.587.0, the first with the
 * Converse commands; 3.928.0, the last whose client serializes with its own protocol code; 3.1178.0,
 * the latest): from 3.723.0 the client is built on Smithy 4 (`@smithy/node-http-handler` 4.x, and
 * Node.js >=18), before on Smithy 3; from 3.798.0 its default request handler is
 * `NodeHttp2Handler`, before `NodeHttpHandler`; from 3.929.0 it serializes and parses through the
 * schemas of `@aws-sdk/core` (dist-es/schemas/), before through dist-es/protocols/Aws_restJson1.
 * Every release sends each command through the client's `send`, which is traced.
 */

const version = installedVersion(BEDROCK_RUNTIME);
const recording = await startRecording();
const sdk = requireFromApp(BEDROCK_RUNTIME) as BedrockRuntimeModule;
const handlers = requireFromApp('@smithy/node-http-handler') as HttpHandlerModule;

describe(`${BEDROCK_RUNTIME} ${version} (CommonJS)`, () => {
  it('ConverseCommand: one chat span, with its usage and its cost', async () => {
    await assertConverseTraced(sdk, handlers, recording);
  });

  it('ConverseStreamCommand: one chat span once the stream is read, with the usage of its metadata event and its cost', async () => {
    await assertConverseStreamTraced(sdk, handlers, recording);
  });

  it("InvokeModelCommand of Claude: one chat span, read in the Anthropic API's format", async () => {
    await assertInvokeModelTraced(sdk, handlers, recording);
  });

  it('InvokeModelWithResponseStreamCommand of Claude: one chat span once the events are read', async () => {
    await assertInvokeModelStreamTraced(sdk, handlers, recording);
  });

  it(`defaults to ${isAtLeast(version, '3.798.0') ? 'HTTP/2 (from 3.798.0)' : 'HTTP/1.1 (before 3.798.0)'}, which is why the app passes NodeHttpHandler`, () => {
    const { config } = new sdk.BedrockRuntimeClient({ region: 'us-east-1' }) as unknown as { config: { requestHandler: object } };
    assert.equal(config.requestHandler.constructor.name, isAtLeast(version, '3.798.0') ? 'NodeHttp2Handler' : 'NodeHttpHandler');
  });

  it('draws no diag warning', () => {
    assert.deepEqual(recording.warnings, []);
  });
});
