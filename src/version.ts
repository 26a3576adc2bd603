/** This package's name and version, as `package.json` has them (test/package.test.ts checks). */
export const PACKAGE_NAME = 'otel-llm-observer';
export const PACKAGE_VERSION = '0.1.0'; // x-release-please-version: release-please bumps it with package.json
