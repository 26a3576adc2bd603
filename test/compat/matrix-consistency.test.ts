import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMatrix, rowName, type MatrixRow } from '../../compat/matrix.js';
import {
  AnthropicInstrumentation,
  BedrockInstrumentation,
  CerebrasInstrumentation,
  CohereInstrumentation,
  GeminiInstrumentation,
  GroqInstrumentation,
  MistralInstrumentation,
  OllamaInstrumentation,
  OpenAIInstrumentation,
  TogetherInstrumentation,
} from '../../src/index.js';
import { isSupportedVersion, versionRange } from '../../src/instrumentation/genai-instrumentation.js';
import type { SupportedVersions } from '../../src/instrumentation/provider-contract.js';

/**
 * The compatibility claims live in four places that must agree: the versions the instrumentations
 * patch (`supportedVersions`), the rows of compat/matrix.json, the jobs that
 * .github/workflows/compat.yml makes of them, and docs/compatibility-matrix.md, which maps each
 * claimed range to its jobs.
 */

const matrix = readMatrix();
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const doc = read('docs/compatibility-matrix.md');
const workflow = read('.github/workflows/compat.yml');
const enginesNode = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

/**
 * The SDKs, each with its pin in a row: `@google/genai`, `@aws-sdk/client-bedrock-runtime`,
 * `groq-sdk`, `@mistralai/mistralai`, `cohere-ai`, `ollama`, `together-ai` and
 * `@cerebras/cerebras_cloud_sdk` are in some traced rows, and every SDK but the ones with
 * `noReleaseOutside` is in every warned row. `noReleaseOutside` says why a warned row cannot pin
 * the SDK: the registry holds no release outside its range (the doc says so, and its claim of what
 * is outside every range leaves the SDK out).
 */
const SDKS: readonly { name: string; supported: SupportedVersions; pin: (row: MatrixRow) => string | undefined; noReleaseOutside?: string }[] = [
  { name: 'openai', supported: OpenAIInstrumentation.supportedVersions, pin: (row) => row.openai },
  { name: '@anthropic-ai/sdk', supported: AnthropicInstrumentation.supportedVersions, pin: (row) => row['@anthropic-ai/sdk'] },
  { name: '@google/genai', supported: GeminiInstrumentation.supportedVersions, pin: (row) => row['@google/genai'] },
  {
    name: '@aws-sdk/client-bedrock-runtime',
    supported: BedrockInstrumentation.supportedVersions,
    pin: (row) => row['@aws-sdk/client-bedrock-runtime'],
  },
  { name: 'groq-sdk', supported: GroqInstrumentation.supportedVersions, pin: (row) => row['groq-sdk'] },
  { name: '@mistralai/mistralai', supported: MistralInstrumentation.supportedVersions, pin: (row) => row['@mistralai/mistralai'] },
  { name: 'cohere-ai', supported: CohereInstrumentation.supportedVersions, pin: (row) => row['cohere-ai'] },
  { name: 'ollama', supported: OllamaInstrumentation.supportedVersions, pin: (row) => row.ollama },
  { name: 'together-ai', supported: TogetherInstrumentation.supportedVersions, pin: (row) => row['together-ai'] },
  {
    name: '@cerebras/cerebras_cloud_sdk',
    supported: CerebrasInstrumentation.supportedVersions,
    pin: (row) => row['@cerebras/cerebras_cloud_sdk'],
    noReleaseOutside: '1.3.0, the floor, is the oldest release the registry holds, and there is no 2.x',
  },
];

const traced = matrix.rows.filter((row) => row.expect === 'traced');
const warned = matrix.rows.filter((row) => row.expect === 'warned');
const jobName = (row: MatrixRow) => `compat ${rowName(row)}`;
const major = (version: string | undefined) => Number(version?.split('.')[0]);
const isAtLeast = (version: string, minimum: string) => isSupportedVersion(version, { minimum, belowMajor: Infinity });

/** The majors a range claims, each with its own range: `[4, '>=4.0.0 <5']`. */
function claimedMajors({ minimum, belowMajor }: SupportedVersions): [number, string][] {
  const majors: [number, string][] = [];
  for (let each = major(minimum); each < belowMajor; each++) {
    majors.push([each, versionRange({ minimum: each === major(minimum) ? minimum : `${each}.0.0`, belowMajor: each + 1 })]);
  }
  return majors;
}

interface Claim {
  readonly claim: string;
  readonly range: string;
  readonly jobs: string[];
}

/** Each claim the doc should make, computed from the code, package.json and the matrix. */
function expectedClaims(): Claim[] {
  const claims: Claim[] = [];
  for (const sdk of SDKS) {
    for (const [each, range] of claimedMajors(sdk.supported)) {
      claims.push({ claim: `\`${sdk.name}\` ${each}.x`, range, jobs: traced.filter((row) => major(sdk.pin(row)) === each).map(jobName) });
    }
  }
  for (const [line, { pins }] of Object.entries(matrix.otelLines)) {
    const range = Object.entries(pins).map(([name, version]) => `\`${name}\` ${version}`).join(', ');
    claims.push({ claim: `OpenTelemetry JS ${line}`, range, jobs: traced.filter((row) => row.otel === line).map(jobName) });
  }
  for (const nodeMajor of new Set(traced.map((row) => major(row.node)))) {
    claims.push({ claim: `Node.js ${nodeMajor}`, range: enginesNode, jobs: traced.filter((row) => major(row.node) === nodeMajor).map(jobName) });
  }
  const outside = SDKS.filter((sdk) => sdk.noReleaseOutside === undefined)
    .map(({ name, supported }) => `\`${name}\` <${supported.minimum} or >=${supported.belowMajor}`)
    .join(', ');
  claims.push({ claim: 'outside every range', range: outside, jobs: warned.map(jobName) });
  return claims;
}

/** The claims the doc makes: the rows of its table under "Claimed ranges and their jobs". */
function documentedClaims(): Claim[] {
  const section = doc.split('## Claimed ranges and their jobs')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| claim |') && !line.startsWith('| ---'))
    .map((line) => {
      const [claim = '', range = '', jobs = ''] = line.slice(2, -2).split(' | ');
      return { claim, range: range.replace(/^`([^`]*)`$/, '$1'), jobs: [...jobs.matchAll(/`(compat [^`]+)`/g)].map((match) => match[1] as string) };
    });
}

describe('compat/matrix.json', () => {
  it('names each row once', () => {
    const names = matrix.rows.map(rowName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('runs every row on an OpenTelemetry JS line it defines', () => {
    expect(matrix.rows.filter((row) => matrix.otelLines[row.otel] === undefined).map(rowName)).toEqual([]);
  });

  for (const sdk of SDKS) {
    const inWarned = sdk.noReleaseOutside === undefined ? 'outside it in every warned row' : 'in no warned row (no release outside it exists)';
    it(`pins ${sdk.name} inside ${versionRange(sdk.supported)} in every traced row that installs it, and ${inWarned}`, () => {
      const installing = traced.filter((row) => sdk.pin(row) !== undefined);
      expect(installing.filter((row) => !isSupportedVersion(sdk.pin(row) as string, sdk.supported)).map(rowName)).toEqual([]);
      if (sdk.noReleaseOutside === undefined) {
        expect(warned.filter((row) => sdk.pin(row) === undefined || isSupportedVersion(sdk.pin(row) as string, sdk.supported)).map(rowName)).toEqual([]);
      } else {
        expect(warned.filter((row) => sdk.pin(row) !== undefined).map(rowName)).toEqual([]);
      }
    });

    it(`tests the floor of ${sdk.name}, ${sdk.supported.minimum}, and every major the range claims`, () => {
      expect(traced.map(sdk.pin)).toContain(sdk.supported.minimum);
      const untested = claimedMajors(sdk.supported).filter(([each]) => !traced.some((row) => major(sdk.pin(row)) === each));
      expect(untested).toEqual([]);
    });

    it(`tests ${sdk.name} on every OpenTelemetry JS line`, () => {
      const lines = new Set(traced.filter((row) => sdk.pin(row) !== undefined).map((row) => row.otel));
      expect(Object.keys(matrix.otelLines).filter((line) => !lines.has(line as MatrixRow['otel']))).toEqual([]);
    });

    it(`leaves the next major of ${sdk.name} out of its range, so that loading it warns`, () => {
      expect(isSupportedVersion(`${sdk.supported.belowMajor}.0.0`, sdk.supported)).toBe(false);
    });
  }

  it(`runs every row on a Node.js inside engines.node (${enginesNode}), one of them on its floor`, () => {
    const floor = /^>=(\d+\.\d+\.\d+)$/.exec(enginesNode)?.[1];
    expect(floor).toBeDefined();
    expect(matrix.rows.filter((row) => !isAtLeast(row.node, floor as string)).map(rowName)).toEqual([]);
    expect(traced.map((row) => row.node)).toContain(floor);
  });
});

describe('docs/compatibility-matrix.md', () => {
  it('maps each claimed range to exactly the jobs that test it, and claims nothing else', () => {
    expect(documentedClaims()).toEqual(expectedClaims());
  });

  it('says, under "Outside the ranges", that the warned row pins no SDK that has no release outside its range', () => {
    const section = doc.split('\n## Outside the ranges\n')[1]?.split('\n## ')[0] ?? '';
    const unsaid = SDKS.filter((sdk) => sdk.noReleaseOutside !== undefined && !section.includes(`The warned row pins no \`${sdk.name}\``));
    expect(unsaid.map((sdk) => sdk.name)).toEqual([]);
  });

  it('links the workflow that runs the jobs', () => {
    expect(doc).toContain('](../.github/workflows/compat.yml)');
  });
});

describe('.github/workflows/compat.yml', () => {
  it('makes one job of each row of the matrix, named `compat <row>`', () => {
    expect(workflow).toContain('run: echo "rows=$(node compat/run.ts --list)" >> "$GITHUB_OUTPUT"');
    const listed = execFileSync(process.execPath, ['compat/run.ts', '--list'], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
    expect(JSON.parse(listed)).toEqual(matrix.rows.map(rowName));
    expect(workflow).toContain('row: ${{ fromJSON(needs.rows.outputs.rows) }}');
    expect(workflow).toContain('name: compat ${{ matrix.row }}');
  });

  it('runs each job as a person runs the row', () => {
    expect(workflow).toContain('ROW: ${{ matrix.row }}');
    expect(workflow).toContain('run: npm run compat -- "$ROW"');
  });
});
