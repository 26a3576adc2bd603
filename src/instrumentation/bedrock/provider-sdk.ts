import type { ClientDescription, ProviderSdk } from '../provider-contract.js';
import { observeAsyncResult } from '../promises/async-result.js';
import { BEDROCK_MODULE } from './sdk-module.js';
import { BEDROCK_SEND } from './send.js';

/**
 * What the core needs of the AWS SDK's Bedrock Runtime client to trace it (the provider contract,
 * ../provider-contract.ts): its one method that sends every command (./send.ts), and how a client
 * reads. Loaded when the SDK is patched (./lazy-provider-sdk.ts), not when the package loads.
 */

/**
 * Every client is Amazon Bedrock. Its address is not read: the SDK keeps the endpoint and the region
 * it was given only as functions that resolve them asynchronously (`config.endpoint()`,
 * `config.region()`, inside each command's middleware), so a span carries no `server.address`.
 */
const BEDROCK_CLIENT: ClientDescription = { provider: 'aws.bedrock', serverAddress: undefined, serverPort: undefined };

export const BEDROCK_SDK: ProviderSdk = {
  ...BEDROCK_MODULE,
  // Every call is a command sent through one method, whose surface the command's class tells: no resource method to patch.
  surfaces: [],
  sessions: [BEDROCK_SEND],
  clientClass: (moduleExports) => moduleExports.BedrockRuntimeClient,
  describeClient: () => BEDROCK_CLIENT,
  unreadableClient: BEDROCK_CLIENT,
  callMethod: 'send',
  clientOf: (resource) => resource,
  observeResult: observeAsyncResult,
};
