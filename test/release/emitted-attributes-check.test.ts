import { describe, expect, it } from 'vitest';
import { ownAttributes, registryViolations } from '../support/emitted-attributes.js';

const SCOPE = 'otel-llm-observer/openai';
const registered = [
  { name: 'gen_ai.usage.input_tokens', type: 'int' },
  { name: 'gen_ai.request.temperature', type: 'double' },
  { name: 'gen_ai.response.finish_reasons', type: 'string[]' },
];

describe('the check of emitted attributes against the registry', () => {
  it('reports an attribute that is not registered', () => {
    expect(registryViolations(ownAttributes(SCOPE, { 'gen_ai.usage.total_tokens': 12 }), registered)).toEqual([
      'gen_ai.usage.total_tokens (int, scope otel-llm-observer/openai) is not in semconv/registry_v1.json',
    ]);
  });

  it('reports a value of another type than the registered one', () => {
    expect(registryViolations(ownAttributes(SCOPE, { 'gen_ai.usage.input_tokens': '12' }), registered)).toEqual([
      'gen_ai.usage.input_tokens is registered as int but was emitted as string (scope otel-llm-observer/openai)',
    ]);
  });

  it('reports a fractional value of an int attribute', () => {
    expect(registryViolations(ownAttributes(SCOPE, { 'gen_ai.usage.input_tokens': 1.5 }), registered)).toHaveLength(1);
  });

  it('accepts a whole number for a double attribute and an empty array for an array attribute', () => {
    const emitted = ownAttributes(SCOPE, { 'gen_ai.request.temperature': 1, 'gen_ai.response.finish_reasons': [] });
    expect(registryViolations(emitted, registered)).toEqual([]);
  });

  it("keeps every attribute of this package's spans and only llm_observer.* ones of other scopes' spans", () => {
    const attributes = { 'gen_ai.usage.input_tokens': 12, 'llm_observer.cost.total_usd': 0.5 };
    expect(ownAttributes('com.anthropic.sdk.typescript', attributes).map((attribute) => attribute.name)).toEqual(['llm_observer.cost.total_usd']);
    expect(ownAttributes(SCOPE, attributes).map((attribute) => attribute.name)).toEqual(['gen_ai.usage.input_tokens', 'llm_observer.cost.total_usd']);
  });
});
