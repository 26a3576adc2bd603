import { register } from 'node:module';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { GROQ_SCOPE, groqClient, groqSurfaces, type GroqModule } from './groq.ts';
import { GROQ_SDK, installedVersion, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * The ESM build of `groq-sdk` (its index.mjs, which `import` loads) is traced as its CommonJS build
 * is, once the app registers the loader hook of @opentelemetry/instrumentation for it before
 * importing it: every surface, one span each (./groq.ts).
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: [GROQ_SDK] },
});
const version = installedVersion(GROQ_SDK);
const recording = await startRecording();
const sdk = (await import(GROQ_SDK)) as GroqModule;
const client = groqClient(sdk, recording);

describe(`${GROQ_SDK} ${version} imported as ESM`, () => testSurfaces(recording, client, version, GROQ_SCOPE, groqSurfaces(sdk, client)));
