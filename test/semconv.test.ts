import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as semconv from '../src/semconv.js';

interface RegisteredAttribute {
  name: string;
  type: string;
}

const registry = JSON.parse(readFileSync(new URL('../semconv/registry_v1.json', import.meta.url), 'utf8')) as {
  attributes: RegisteredAttribute[];
};
const constants = Object.entries(semconv).filter(([key]) => key.startsWith('ATTR_')) as [string, string][];

describe('the attribute names in src/semconv.ts', () => {
  it('are each registered in semconv/registry_v1.json', () => {
    const registered = new Set(registry.attributes.map((attribute) => attribute.name));
    expect(constants.map(([, name]) => name).filter((name) => !registered.has(name))).toEqual([]);
  });

  it('are all the registry holds: no registered attribute lacks its constant', () => {
    const named = new Set(constants.map(([, name]) => name));
    expect(registry.attributes.map((attribute) => attribute.name).filter((name) => !named.has(name))).toEqual([]);
  });
});
