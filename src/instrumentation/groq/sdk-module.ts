import type { SdkModule } from '../provider-contract.js';

/**
 * `groq-sdk`, GroqCloud's SDK, which sends the OpenAI API's wire format (its chat completions with
 * Groq's `x_groq` fields). 0.5 is the oldest release tested; 1.x is its current line.
 */
export const GROQ_MODULE: SdkModule = {
  moduleName: 'groq-sdk',
  supportedVersions: { minimum: '0.5.0', belowMajor: 2 },
};
