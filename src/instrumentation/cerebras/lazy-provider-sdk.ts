import * as providerSdk from './provider-sdk.js';

/**
 * The `@cerebras/cerebras_cloud_sdk` SDK's provider contract (./provider-sdk.ts), loaded on first
 * use: when the SDK is patched. A plain import in the sources; the build loads the part's own file
 * on the first call (`LAZY_PARTS` in scripts/build.mjs), so that an application that does not use
 * the SDK never compiles its surfaces.
 */
export function cerebrasSdk(): typeof providerSdk {
  return providerSdk;
}
