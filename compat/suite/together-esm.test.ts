import { register } from 'node:module';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TOGETHER_SCOPE, togetherClient, togetherSurfaces, type TogetherModule } from './together.ts';
import { installedVersion, requireFromApp, startRecording, testSurfaces, TOGETHER_SDK } from './row.ts';

/**
 * The ESM build of `together-ai` (its index.mjs, which `import` loads) is traced as its CommonJS
 * build is, once the app registers the loader hook of @opentelemetry/instrumentation for it before
 * importing it: every surface, one span each (./together.ts).
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: [TOGETHER_SDK] },
});
const version = installedVersion(TOGETHER_SDK);
const recording = await startRecording();
const sdk = (await import(TOGETHER_SDK)) as TogetherModule;
const client = togetherClient(sdk, recording);

describe(`${TOGETHER_SDK} ${version} imported as ESM`, () => testSurfaces(recording, client, version, TOGETHER_SCOPE, togetherSurfaces(sdk, recording, client, version)));
