/**
 * The provider id of @pydantic/genai-prices for a provider the price table names as the OTel
 * conventions spell it (`gen_ai.provider.name`), where the two differ; any other is the same in both.
 * Used by scripts/prices-check.mjs and test/pricing/backend-model-coverage.test.ts.
 */
export const DATASET_PROVIDER = { x_ai: 'x-ai', mistral_ai: 'mistral', 'aws.bedrock': 'aws', moonshot: 'moonshotai', z_ai: 'zai' };

/** The dataset's id of the provider `provider`. */
export function datasetProvider(provider) {
  return DATASET_PROVIDER[provider] ?? provider;
}
