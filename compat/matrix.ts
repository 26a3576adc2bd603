import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * compat/matrix.json, read: the pinned versions each compatibility row installs. A row names one
 * `openai`, one `@anthropic-ai/sdk`, one OpenTelemetry JS line (whose pins the line carries) and
 * one Node.js, and may add the platform SDKs built on `@anthropic-ai/sdk` (Bedrock, Vertex AI),
 * `@google/genai`, the AWS SDK's `@aws-sdk/client-bedrock-runtime` (with the
 * `@smithy/node-http-handler` its app passes it), GroqCloud's `groq-sdk`, Mistral AI's
 * `@mistralai/mistralai` (with the package its install needs beside it from 2.6.1), Cohere's
 * `cohere-ai` (with the package its 7.14 to 7.19 releases load without declaring it), Ollama's
 * `ollama`, Together AI's `together-ai` and Cerebras's `@cerebras/cerebras_cloud_sdk`, and what the
 * row expects of them:
 * - `traced`: every version is inside the ranges this package claims, and each API call of each
 *   surface that the SDK version has gets one span;
 * - `warned`: every SDK version (`@google/genai`, `@aws-sdk/client-bedrock-runtime`, `groq-sdk`,
 *   `@mistralai/mistralai`, `cohere-ai`, `ollama` and `together-ai` too: a warned row pins them) is
 *   outside the claimed ranges, and loading each one draws the instrumentation's diag warning that
 *   names it, instead of spans. `@cerebras/cerebras_cloud_sdk` is the exception: the registry holds
 *   no release outside its range (1.3.0 is its oldest, and there is no 2.x), so no row can pin one.
 *
 * A row's name is its job name in .github/workflows/compat.yml (`compat <name>`) and its argument
 * to `npm run compat -- <name>`.
 */

export type OtelLineName = '3.x' | '2.x';

export interface OtelLine {
  /** The packages an app on this line depends on, at exact versions. */
  readonly pins: Readonly<Record<string, string>>;
}

export interface MatrixRow {
  readonly node: string;
  readonly otel: OtelLineName;
  readonly openai: string;
  readonly '@anthropic-ai/sdk': string;
  /** The platform SDKs built on `@anthropic-ai/sdk`, in a row that tests Claude through Amazon Bedrock and Google Vertex AI. */
  readonly '@anthropic-ai/bedrock-sdk'?: string;
  readonly '@anthropic-ai/vertex-sdk'?: string;
  /** `@google/genai`, in a row that tests the Gemini instrumentation. */
  readonly '@google/genai'?: string;
  /** `@aws-sdk/client-bedrock-runtime`, in a row that tests the Bedrock instrumentation (Converse API). */
  readonly '@aws-sdk/client-bedrock-runtime'?: string;
  /**
   * The HTTP/1.1 request handler that the row's app passes the Bedrock Runtime client (whose own
   * default speaks HTTP/2 from 3.798.0, which the fixture server does not): the release in the
   * client's own dependency range, so that the app and the client share one copy. Pinned, not named
   * in the row's name.
   */
  readonly '@smithy/node-http-handler'?: string;
  /** `groq-sdk`, in a row that tests the Groq instrumentation. */
  readonly 'groq-sdk'?: string;
  /** `@mistralai/mistralai`, in a row that tests the Mistral instrumentation. */
  readonly '@mistralai/mistralai'?: string;
  /**
   * The package that `@mistralai/mistralai` 2.6.1 onwards needs installed beside it, pinned, not
   * named in the row's name: `@opentelemetry/exporter-trace-otlp-http` in the range of the optional
   * peer those releases declare (`^0.220.0`), without which npm refuses the install next to the
   * OTel line's `@opentelemetry/sdk-node` and its own exporter of another minor (ERESOLVE).
   */
  readonly '@opentelemetry/exporter-trace-otlp-http'?: string;
  /** `cohere-ai`, in a row that tests the Cohere instrumentation. */
  readonly 'cohere-ai'?: string;
  /**
   * The package that `cohere-ai` 7.14.0 to 7.19.x require when the module loads (its AWS request
   * signing, loaded with its Bedrock and SageMaker clients) without declaring it, pinned, not named
   * in the row's name: the AWS SDK releases that its declared dependencies resolve to today no
   * longer bring it, and without it `require('cohere-ai')` throws MODULE_NOT_FOUND. The release in
   * the range that 7.20.0 onwards declare (`^5.2.0`).
   */
  readonly '@aws-crypto/sha256-js'?: string;
  /** `ollama` (ollama-js), in a row that tests the Ollama instrumentation. */
  readonly ollama?: string;
  /** `together-ai`, in a row that tests the Together instrumentation. */
  readonly 'together-ai'?: string;
  /** `@cerebras/cerebras_cloud_sdk`, in a row that tests the Cerebras instrumentation. */
  readonly '@cerebras/cerebras_cloud_sdk'?: string;
  readonly expect: 'traced' | 'warned';
}

/** The SDKs a row may add, each with the short name its row name gives it. */
const PLATFORM_SDKS = [
  ['@anthropic-ai/bedrock-sdk', 'bedrock'],
  ['@anthropic-ai/vertex-sdk', 'vertex'],
  ['@google/genai', 'genai'],
  ['@aws-sdk/client-bedrock-runtime', 'bedrockruntime'],
  ['groq-sdk', 'groq'],
  ['@mistralai/mistralai', 'mistral'],
  ['cohere-ai', 'cohere'],
  ['ollama', 'ollama'],
  ['together-ai', 'together'],
  ['@cerebras/cerebras_cloud_sdk', 'cerebras'],
] as const;

/** The packages a row may pin besides its SDKs, which its name leaves out. */
const HELPER_PINS = ['@smithy/node-http-handler', '@opentelemetry/exporter-trace-otlp-http', '@aws-crypto/sha256-js'] as const;

export interface Matrix {
  readonly otelLines: Readonly<Record<OtelLineName, OtelLine>>;
  readonly rows: readonly MatrixRow[];
}

export const MATRIX_FILE = join(import.meta.dirname, 'matrix.json');

export function readMatrix(): Matrix {
  return JSON.parse(readFileSync(MATRIX_FILE, 'utf8')) as Matrix;
}

export function rowName(row: MatrixRow): string {
  const platforms = PLATFORM_SDKS.map(([name, short]) => (row[name] === undefined ? '' : `-${short}${row[name]}`)).join('');
  return `node${row.node}-otel${row.otel}-openai${row.openai}-anthropic${row['@anthropic-ai/sdk']}${platforms}`;
}

/** Every package a row installs next to this package, at its exact version. */
export function rowPins(matrix: Matrix, row: MatrixRow): Record<string, string> {
  const pins: Record<string, string> = { openai: row.openai, '@anthropic-ai/sdk': row['@anthropic-ai/sdk'], ...matrix.otelLines[row.otel].pins };
  for (const name of [...PLATFORM_SDKS.map(([sdk]) => sdk), ...HELPER_PINS]) if (row[name] !== undefined) pins[name] = row[name];
  return pins;
}
