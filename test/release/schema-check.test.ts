import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runNode } from '../support/pinned-install.js';

/**
 * `npm run schema:check` on a copy of the registry, its schema and its baseline, with one change
 * made to the copy per test.
 */

interface Entry {
  name: string;
  type?: string;
  unit?: string;
}
interface Registry {
  package_version: string;
  attributes: Entry[];
}

async function schemaCheck(change: (registry: Registry) => void, version = '0.1.0') {
  const project = mkdtempSync(join(tmpdir(), 'schema-check-'));
  cpSync(join(ROOT, 'semconv'), join(project, 'semconv'), { recursive: true });
  const registryPath = join(project, 'semconv', 'registry_v1.json');
  const baselinePath = join(project, 'semconv', 'baseline', 'registry_v1.json');
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as Registry;
  const registry = structuredClone(baseline);
  registry.package_version = version;
  change(registry);
  writeFileSync(registryPath, JSON.stringify(registry));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'otel-llm-observer', version }));
  return runNode([join(ROOT, 'scripts', 'schema-check.mjs'), project], { cwd: project });
}

const attribute = (registry: Registry, name: string): Entry => {
  const found = registry.attributes.find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`the baseline has no ${name}`);
  return found;
};
const remove = (registry: Registry, name: string) => {
  registry.attributes = registry.attributes.filter((entry) => entry.name !== name);
};

describe('schema:check', () => {
  it('passes a registry that only adds an attribute', async () => {
    const result = await schemaCheck((registry) =>
      registry.attributes.push({ ...attribute(registry, 'gen_ai.request.seed'), name: 'gen_ai.request.new_field', since: '0.1.0' } as Entry),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails when a released attribute is removed without a breaking version bump', async () => {
    const result = await schemaCheck((registry) => remove(registry, 'gen_ai.request.seed'), '0.1.1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('attributes: gen_ai.request.seed was removed or renamed');
  });

  it('fails when a released attribute is renamed', async () => {
    const result = await schemaCheck((registry) => {
      attribute(registry, 'gen_ai.usage.cache_creation.input_tokens').name = 'gen_ai.usage.cache_creation.tokens';
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('attributes: gen_ai.usage.cache_creation.input_tokens was removed or renamed');
  });

  it('fails when a released attribute changes its type', async () => {
    const result = await schemaCheck((registry) => {
      attribute(registry, 'server.port').type = 'string';
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('attributes: server.port changed its type from int to string');
  });

  it('fails when a released attribute changes its unit', async () => {
    const result = await schemaCheck((registry) => {
      attribute(registry, 'gen_ai.response.time_to_first_chunk').unit = 'ms';
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('gen_ai.response.time_to_first_chunk changed its unit from s to ms');
  });

  it('allows a removal when the version is a breaking bump: another minor below 1.0.0', async () => {
    const result = await schemaCheck((registry) => remove(registry, 'gen_ai.request.seed'), '0.2.0');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails when an entry breaks the registry JSON Schema', async () => {
    const result = await schemaCheck((registry) => {
      attribute(registry, 'gen_ai.provider.name').unit = 's';
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('semconv/registry_v1.json/attributes/1: must NOT be valid');
  });

  it('fails when an attribute is registered twice', async () => {
    const result = await schemaCheck((registry) => registry.attributes.push(attribute(registry, 'server.port')));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('attributes lists server.port more than once');
  });

  it("fails when the registry's package_version is not package.json's version", async () => {
    const result = await schemaCheck((registry) => {
      registry.package_version = '0.1.0';
    }, '0.1.1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("package_version is 0.1.0, package.json's version is 0.1.1");
  });
});
