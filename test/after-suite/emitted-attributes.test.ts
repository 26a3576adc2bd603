import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEmittedAttributes, registryViolations, type RegisteredAttribute } from '../support/emitted-attributes.js';

/**
 * Runs after the rest of the suite (vitest.config.ts orders it last): the attributes this
 * package emitted in every other test, held against the registry.
 */

const registry = JSON.parse(readFileSync(new URL('../../semconv/registry_v1.json', import.meta.url), 'utf8')) as {
  attributes: RegisteredAttribute[];
};

describe('the attributes this package emitted across the test suite', () => {
  it('were recorded: the suite emitted spans of this package', () => {
    expect(readEmittedAttributes().map((attribute) => attribute.name)).toContain('gen_ai.operation.name');
  });

  it('are each registered in semconv/registry_v1.json with the type of the value emitted', () => {
    expect(registryViolations(readEmittedAttributes(), registry.attributes)).toEqual([]);
  });
});
