import { register } from 'node:module';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { MISTRAL_SCOPE, mistralClient, mistralSurfaces, type MistralModule } from './mistral.ts';
import { installedVersion, MISTRAL_SDK, requireFromApp, startRecording, testSurfaces } from './row.ts';

/**
 * `@mistralai/mistralai` loaded with `import` (2.x: its ESM build; 1.x, CommonJS only: the same
 * build, through Node's CommonJS interop) is traced as it is with `require`, once the app registers
 * the loader hook of @opentelemetry/instrumentation for it before importing it: every surface, one
 * span each (./mistral.ts).
 */

register('@opentelemetry/instrumentation/hook.mjs', pathToFileURL(requireFromApp.resolve('@opentelemetry/instrumentation')), {
  data: { include: [MISTRAL_SDK] },
});
const version = installedVersion(MISTRAL_SDK);
const recording = await startRecording();
const sdk = (await import(MISTRAL_SDK)) as MistralModule;
const client = mistralClient(sdk, recording);

describe(`${MISTRAL_SDK} ${version} imported as ESM`, () => testSurfaces(recording, client, version, MISTRAL_SCOPE, mistralSurfaces(client)));
