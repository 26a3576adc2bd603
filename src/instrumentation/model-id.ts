/**
 * A model id as a span may carry it. Amazon Bedrock names a model by its id (`amazon.nova-pro-v1:0`),
 * an inference profile's (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`), or an ARN, whichever SDK
 * sends it (the AWS SDK, `@anthropic-ai/bedrock-sdk`, the `openai` SDK at Bedrock's OpenAI endpoint);
 * an ARN of an inference profile, a provisioned or a custom model holds the AWS account's id
 * (`arn:aws:bedrock:us-east-1:123456789012:inference-profile/…`), which identifies the account and
 * never leaves the process: its field is left empty, as a foundation model's ARN has it
 * (`arn:aws:bedrock:us-east-1::foundation-model/…`). The resource, which names the model, stays.
 */

/** `arn:<partition>:<service>:<region>:<account>:` with a 12-digit account. */
const ACCOUNT_IN_ARN = /^(arn:[^:]*:[^:]*:[^:]*:)\d{12}:/;

/** `modelId` with the account of an ARN left out; `undefined` for what is no string. */
export function modelIdWithoutAccount(modelId: unknown): string | undefined {
  if (typeof modelId !== 'string') return undefined;
  return modelId.startsWith('arn:') ? modelId.replace(ACCOUNT_IN_ARN, '$1:') : modelId;
}
