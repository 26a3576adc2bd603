import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnthropicInstrumentation,
  BedrockInstrumentation,
  CohereInstrumentation,
  GeminiInstrumentation,
  GroqInstrumentation,
  MistralInstrumentation,
  OllamaInstrumentation,
  OpenAIInstrumentation,
  TogetherInstrumentation,
  CerebrasInstrumentation,
} from '../src/index.js';
import { exportSettingsFromEnv } from '../src/environment.js';
import { optionsFromEnv } from '../src/setup/llm-observer.js';
import { appSampler } from '../src/setup/sampler.js';
import * as sdkTrace from '@opentelemetry/sdk-trace';
import { INSTRUMENTED_MODULES } from '../src/setup/loader-hook.js';

describe('the loader hook', () => {
  it('wraps exactly the modules the instrumentations patch', () => {
    const definitions = [
      new OpenAIInstrumentation({ enabled: false }),
      new AnthropicInstrumentation({ enabled: false }),
      new GeminiInstrumentation({ enabled: false }),
      new BedrockInstrumentation({ enabled: false }),
      new GroqInstrumentation({ enabled: false }),
      new MistralInstrumentation({ enabled: false }),
      new CohereInstrumentation({ enabled: false }),
      new OllamaInstrumentation({ enabled: false }),
      new TogetherInstrumentation({ enabled: false }),
      new CerebrasInstrumentation({ enabled: false }),
    ].flatMap(
      (instrumentation) => instrumentation.getModuleDefinitions(),
    );
    // A file of a module is imported by its specifier: the file's path without its extension; and
    // ollama-js's browser build (dist/browser.cjs, dist/browser.mjs) by the subpath its package.json exports it as.
    const specifiers = definitions.flatMap((definition) => [
      definition.name,
      ...definition.files.map((file) => file.name.replace(/\.m?js$/, '')),
    ]);
    expect([...new Set([...specifiers, 'ollama/browser'])].sort()).toEqual([...INSTRUMENTED_MODULES].sort());
  });
});

describe('the settings register reads from the environment', () => {
  it('leaves tool names off every instrumentation when OTEL_LLM_OBSERVER_TOOL_NAMES is false', () => {
    expect(optionsFromEnv({ OTEL_LLM_OBSERVER_TOOL_NAMES: 'false' })).toEqual({
      openai: { recordToolNames: false },
      anthropic: { recordToolNames: false },
      gemini: { recordToolNames: false },
      bedrock: { recordToolNames: false },
      groq: { recordToolNames: false },
      mistral: { recordToolNames: false },
      cohere: { recordToolNames: false },
      ollama: { recordToolNames: false },
      together: { recordToolNames: false },
      cerebras: { recordToolNames: false },
    });
  });

  it('refuses an OTEL_LLM_OBSERVER_TOOL_NAMES value it does not understand, naming the variable', () => {
    expect(() => optionsFromEnv({ OTEL_LLM_OBSERVER_TOOL_NAMES: 'no' })).toThrow('OTEL_LLM_OBSERVER_TOOL_NAMES="no": unknown value "no"');
  });

  it('hands the pricing file to the cost processor', () => {
    expect(optionsFromEnv({ OTEL_LLM_OBSERVER_PRICING_FILE: ' /etc/prices.json ' }).cost).toEqual({ pricing: '/etc/prices.json' });
  });

  it.each([
    [{}, 'http://localhost:4318/v1/traces', 'http://localhost:4318/v1/metrics'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'http://collector:4318/v1/traces', 'http://collector:4318/v1/metrics'],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/ingest' },
      'https://traces.example/ingest',
      'http://collector:4318/v1/metrics',
    ],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'http://localhost:4317', 'http://localhost:4317'],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317' }, 'http://collector:4317', 'http://collector:4317'],
    [
      { OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
      'http://collector:4318/v1/traces',
      'http://collector:4318',
    ],
  ])('names the OTLP endpoints as the specification builds them from %j', (env, traces, metrics) => {
    expect(exportSettingsFromEnv(env).endpoints).toEqual({ traces, metrics });
  });

  it.each([
    [{}, true],
    [{ OTEL_METRICS_EXPORTER: 'none' }, false],
    [{ OTEL_METRICS_EXPORTER: 'console' }, false],
    [{ OTEL_METRICS_EXPORTER: 'console,otlp' }, true],
  ])('exports metrics over OTLP by default, as the specification says, and as %j says', (env, otlpMetrics) => {
    expect(exportSettingsFromEnv(env).otlpMetrics).toBe(otlpMetrics);
  });

  it.each([
    [{}, 1000],
    [{ OTEL_LLM_OBSERVER_EXIT_TIMEOUT: '250' }, 250],
    [{ OTEL_LLM_OBSERVER_EXIT_TIMEOUT: 'soon' }, 1000],
    [{ OTEL_LLM_OBSERVER_EXIT_TIMEOUT: '-5' }, 1000],
  ])('waits at exit as long as %j says', (env, exitTimeoutMs) => {
    expect(exportSettingsFromEnv(env).exitTimeoutMs).toBe(exitTimeoutMs);
  });

  it.each([
    [{}, 'parentbased_always_on', 1],
    [{ OTEL_TRACES_SAMPLER: 'always_off' }, 'always_off', 1],
    [{ OTEL_TRACES_SAMPLER: ' ParentBased_TraceIdRatio ', OTEL_TRACES_SAMPLER_ARG: '0.25' }, 'parentbased_traceidratio', 0.25],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio' }, 'traceidratio', 1],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, 'traceidratio', 0],
  ])('samples as %j says, as NodeSDK reads it', (env, name, ratio) => {
    expect(exportSettingsFromEnv(env).sampler).toEqual({ name, ratio, problem: undefined });
  });

  it.each([
    [{ OTEL_TRACES_SAMPLER: 'jaeger_remote' }, 'parentbased_always_on', 1, 'OTEL_TRACES_SAMPLER names "jaeger_remote"'],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }, 'traceidratio', 1, 'OTEL_TRACES_SAMPLER_ARG is "1.5"'],
    [{ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: 'ten percent' }, 'parentbased_traceidratio', 1, 'OTEL_TRACES_SAMPLER_ARG is "ten percent"'],
  ])('keeps the default where %j cannot be used, and says so', (env, name, ratio, problem) => {
    const sampler = exportSettingsFromEnv(env).sampler;
    expect({ name: sampler.name, ratio: sampler.ratio }).toEqual({ name, ratio });
    expect(sampler.problem).toContain(problem);
  });

  it('reads any OTEL_TRACES_SAMPLER_ARG as a ratio from 0 to 1, and says so of each it cannot use', () => {
    const arg = fc.oneof(fc.string(), fc.double().map(String), fc.constantFrom('NaN', 'Infinity', '-0', '1e-400', ' 0.5 ', '0x1', '1.0000001'));
    fc.assert(
      fc.property(fc.constantFrom('traceidratio', 'parentbased_traceidratio'), arg, (name, value) => {
        const sampler = exportSettingsFromEnv({ OTEL_TRACES_SAMPLER: name, OTEL_TRACES_SAMPLER_ARG: value }).sampler;
        expect(sampler.ratio >= 0 && sampler.ratio <= 1).toBe(true);
        const number = value.trim() === '' ? 1 : Number(value);
        const usable = number >= 0 && number <= 1;
        expect(sampler.ratio).toBe(usable ? number : 1);
        expect(sampler.problem !== undefined).toBe(!usable);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['parentbased_always_on', new sdkTrace.ParentBasedSampler({ root: new sdkTrace.AlwaysOnSampler() })],
    ['parentbased_always_off', new sdkTrace.ParentBasedSampler({ root: new sdkTrace.AlwaysOffSampler() })],
    ['parentbased_traceidratio', new sdkTrace.ParentBasedSampler({ root: new sdkTrace.TraceIdRatioBasedSampler(0.25) })],
    ['always_on', new sdkTrace.AlwaysOnSampler()],
    ['always_off', new sdkTrace.AlwaysOffSampler()],
    ['traceidratio', new sdkTrace.TraceIdRatioBasedSampler(0.25)],
  ] as const)('builds %s from the app’s trace SDK as NodeSDK does', (name, expected) => {
    const built = appSampler(sdkTrace, { name, ratio: 0.25, problem: undefined });
    expect(built.constructor).toBe(expected.constructor);
    expect(built.toString()).toBe(expected.toString());
  });
});
