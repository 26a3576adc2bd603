import * as providerSdk from './provider-sdk.js';

/**
 * The `together-ai` SDK's provider contract (./provider-sdk.ts), loaded on first use: when the SDK is
 * patched. A plain import in the sources; the build loads the part's own file on the first call
 * (`LAZY_PARTS` in scripts/build.mjs), so that an application that does not use the SDK never
 * compiles its surfaces.
 */
export function togetherSdk(): typeof providerSdk {
  return providerSdk;
}
