import { isWrapped } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { reliabilityBed, type ReliabilityBed } from './bed.js';
import { APP_CALLS } from './calls.js';

/** The mark of this package's wrappers (src/instrumentation/genai-instrumentation.ts), which every copy of it shares. */
const OUR_UNWRAP = Symbol.for('otel-llm-observer.unwrap');

/**
 * What `disable()` and `enable()` do to the SDKs' classes: disabling puts back each method the
 * instrumentation wrapped, the very function the SDK defined; enabling wraps it again, once.
 * (Two instances registered together: two-instances.test.ts; the CommonJS and ESM builds of an
 * SDK in one process: both-builds.test.ts and test/openai/load-time.test.ts.)
 */

const bed = await reliabilityBed();

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** Every method an instrumentation wraps, by its path from the client class, with the prototype that holds it. */
function wrappedMethods(client: unknown, paths: readonly (readonly string[])[]): [string, Methods, string][] {
  return paths.map((path) => {
    const method = path.at(-1) as string;
    let resource = client as Record<string, unknown>;
    for (const key of path.slice(0, -1)) resource = resource[key] as Record<string, unknown>;
    return [path.join('.'), resource['prototype'] as Methods, method];
  });
}

/** The resource classes of a `Mistral` client, which the module does not export: the classes of a client's `chat`, `fim`, `agents` and `embeddings`. */
function mistralResources(bed: ReliabilityBed): Record<string, unknown> {
  const client = new bed.mistralSdk.Mistral({ apiKey: 'test-reliability-mistral' });
  const classOf = (resource: object) => (Object.getPrototypeOf(resource) as object).constructor;
  return { Chat: classOf(client.chat), Fim: classOf(client.fim), Agents: classOf(client.agents), Embeddings: classOf(client.embeddings) };
}

/**
 * The classes of `cohere-ai`'s clients that hold the methods: the v1 client the module's
 * `CohereClient` (`CustomClient`) extends, and the v2 client (`V2Client`), which the module does
 * not export: the class of a v1 client's `v2`. `CohereClientV2` binds the v2 client's methods when
 * it is made.
 */
function cohereClients(bed: ReliabilityBed): Record<string, unknown> {
  const client = new bed.cohereSdk.CohereClient({ token: 'test-reliability-cohere' });
  return { V1: Object.getPrototypeOf(bed.cohereSdk.CohereClient), V2: (Object.getPrototypeOf(client.v2) as object).constructor };
}

/**
 * The class of `ollama` whose prototype holds its API methods: the browser build's `Ollama`, which
 * the Node build's, the module's `Ollama`, extends (and the module's default instance is made of).
 */
function ollamaClass(bed: ReliabilityBed): Record<string, unknown> {
  return { Ollama: Object.getPrototypeOf(bed.ollamaSdk.Ollama) };
}

/** The class of `ai.interactions` (`@google/genai`'s NextGen client), which the module does not export. */
function interactionsClass(bed: ReliabilityBed): unknown {
  return (Object.getPrototypeOf(new bed.geminiSdk.GoogleGenAI({ apiKey: 'AIzaSy-test-reliability' }).interactions) as object).constructor;
}

const PROVIDERS = {
  openai: {
    instrumentation: (bed: ReliabilityBed) => bed.openaiInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(bed.openaiSdk.OpenAI, [
        ['Chat', 'Completions', 'create'],
        ['Responses', 'create'],
        ['Responses', 'compact'],
        ['Completions', 'create'],
        ['Embeddings', 'create'],
        ['Images', 'generate'],
        ['Images', 'edit'],
        ['Audio', 'Transcriptions', 'create'],
        ['Audio', 'Translations', 'create'],
        ['Audio', 'Speech', 'create'],
      ]),
  },
  anthropic: {
    instrumentation: (bed: ReliabilityBed) => bed.anthropicInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(bed.anthropicSdk.Anthropic, [
        ['Messages', 'create'],
        ['Beta', 'Messages', 'create'],
        ['Messages', 'stream'],
        ['Beta', 'Messages', 'stream'],
      ]),
  },
  gemini: {
    instrumentation: (bed: ReliabilityBed) => bed.geminiInstrumentation,
    // The resource classes are exports of the module, not members of the client class; the
    // Interactions class is not exported: it is the class of a client's `interactions`, where the
    // instrumentation finds it too (src/instrumentation/gemini/provider-sdk.ts, `nextGenClass`).
    methods: (bed: ReliabilityBed) =>
      wrappedMethods({ ...bed.geminiSdk, GeminiNextGenInteractions: interactionsClass(bed) }, [
        ['Models', 'generateContentInternal'],
        ['Models', 'generateContentStreamInternal'],
        ['Models', 'embedContentInternal'],
        ['Models', 'countTokens'],
        ['Caches', 'create'],
        ['Caches', 'update'],
        ['Caches', 'delete'],
        ['GeminiNextGenInteractions', 'create'],
      ]),
  },
  bedrock: {
    instrumentation: (bed: ReliabilityBed) => bed.bedrockInstrumentation,
    // The one method every command goes through, which the client class inherits from the Smithy client.
    methods: (bed: ReliabilityBed) => wrappedMethods(bed.bedrockSdk, [['BedrockRuntimeClient', 'send']]),
  },
  groq: {
    instrumentation: (bed: ReliabilityBed) => bed.groqInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(bed.groqSdk.Groq, [
        ['Chat', 'Completions', 'create'],
        ['Embeddings', 'create'],
        ['Audio', 'Transcriptions', 'create'],
        ['Audio', 'Translations', 'create'],
        ['Audio', 'Speech', 'create'],
      ]),
  },
  mistral: {
    instrumentation: (bed: ReliabilityBed) => bed.mistralInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(mistralResources(bed), [
        ['Chat', 'complete'],
        ['Chat', 'stream'],
        ['Chat', 'parse'],
        ['Chat', 'parseStream'],
        ['Fim', 'complete'],
        ['Fim', 'stream'],
        ['Agents', 'complete'],
        ['Agents', 'stream'],
        ['Embeddings', 'create'],
      ]),
  },
  cohere: {
    instrumentation: (bed: ReliabilityBed) => bed.cohereInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(cohereClients(bed), [
        ['V2', 'chat'],
        ['V2', 'chatStream'],
        ['V2', 'embed'],
        ['V1', 'chat'],
        ['V1', 'chatStream'],
        ['V1', 'embed'],
      ]),
  },
  ollama: {
    instrumentation: (bed: ReliabilityBed) => bed.ollamaInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(ollamaClass(bed), [
        ['Ollama', 'chat'],
        ['Ollama', 'generate'],
        ['Ollama', 'embed'],
        ['Ollama', 'embeddings'],
      ]),
  },
  together: {
    instrumentation: (bed: ReliabilityBed) => bed.togetherInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(bed.togetherSdk.Together, [
        ['Chat', 'Completions', 'create'],
        ['Completions', 'create'],
        ['Embeddings', 'create'],
        ['Audio', 'Transcriptions', 'create'],
        ['Audio', 'Translations', 'create'],
        ['Audio', 'Speech', 'create'],
      ]),
  },
  cerebras: {
    instrumentation: (bed: ReliabilityBed) => bed.cerebrasInstrumentation,
    methods: (bed: ReliabilityBed) =>
      wrappedMethods(bed.cerebrasSdk.Cerebras, [
        ['Chat', 'Completions', 'create'],
        ['Completions', 'create'],
      ]),
  },
};

/** The spans of this package that the calls of `provider` in `APP_CALLS` make, one by one. */
async function ourSpansOfEachCall(provider: string): Promise<number[]> {
  const counts: number[] = [];
  for (const call of APP_CALLS.filter(({ name }) => name.startsWith(provider))) {
    bed.tracing.reset();
    await call.run(bed);
    counts.push(bed.tracing.spans().filter((span) => span.instrumentationScope.name.startsWith('otel-llm-observer/')).length);
  }
  return counts;
}

describe.each(Object.entries(PROVIDERS))('the %s instrumentation', (provider, { instrumentation, methods }) => {
  it('puts back the SDK’s own functions on disable(), after which no call has a span of this package', async () => {
    const originals = methods(bed).map(([path, prototype, method]) => [path, (prototype[method] as unknown as { __original: unknown }).__original]);
    instrumentation(bed).disable();
    try {
      expect(methods(bed).map(([path, prototype, method]) => [path, prototype[method]])).toEqual(originals);
      expect(new Set(await ourSpansOfEachCall(provider))).toEqual(new Set([0]));
    } finally {
      instrumentation(bed).enable();
    }
  });

  it('wraps them again on enable(), once each, after which every call has one span again', async () => {
    const originals = methods(bed).map(([, prototype, method]) => (prototype[method] as unknown as { __original: unknown }).__original);
    for (let round = 0; round < 3; round++) {
      instrumentation(bed).disable();
      instrumentation(bed).enable();
    }
    instrumentation(bed).enable();
    const now = methods(bed).map(([, prototype, method]) => prototype[method] as unknown as { __original: unknown; [OUR_UNWRAP]?: unknown });
    // This package's wrapper (its own mark, not shimmer's: another instrumentation's `_wrap` would take a shimmer wrapper off).
    expect(now.map((method) => [typeof method[OUR_UNWRAP], isWrapped(method)])).toEqual(now.map(() => ['function', false]));
    expect(now.map((method) => method.__original)).toEqual(originals);
    expect(new Set(await ourSpansOfEachCall(provider))).toEqual(new Set([1]));
  });
});
