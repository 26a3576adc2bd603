import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

/** The tests' copies, removed once they have run. */
const scratch = mkdtempSync(join(tmpdir(), 'schema-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function schemaCheck(change: (registry: Registry) => void, version = '0.1.0') {
  const project = mkdtempSync(join(scratch, 'project-'));
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

interface Break {
  readonly change: (registry: Registry) => void;
  readonly version?: string;
  readonly message: string;
}

/** Each registry a release must not ship without a breaking version bump, and the line that says why. */
const BREAKS: Record<string, Break> = {
  'a released attribute is removed': {
    change: (registry) => remove(registry, 'gen_ai.request.seed'),
    version: '0.1.1',
    message: 'attributes: gen_ai.request.seed was removed or renamed',
  },
  'a released attribute is renamed': {
    change: (registry) => {
      attribute(registry, 'gen_ai.usage.cache_creation.input_tokens').name = 'gen_ai.usage.cache_creation.tokens';
    },
    message: 'attributes: gen_ai.usage.cache_creation.input_tokens was removed or renamed',
  },
  'a released attribute changes its type': {
    change: (registry) => {
      attribute(registry, 'server.port').type = 'string';
    },
    message: 'attributes: server.port changed its type from int to string',
  },
  'a released attribute changes its unit': {
    change: (registry) => {
      attribute(registry, 'gen_ai.response.time_to_first_chunk').unit = 'ms';
    },
    message: 'gen_ai.response.time_to_first_chunk changed its unit from s to ms',
  },
  'an entry breaks the registry JSON Schema': {
    change: (registry) => {
      attribute(registry, 'gen_ai.provider.name').unit = 's';
    },
    message: 'semconv/registry_v1.json/attributes/1: must NOT be valid',
  },
  'an attribute is registered twice': {
    change: (registry) => registry.attributes.push(attribute(registry, 'server.port')),
    message: 'attributes lists server.port more than once',
  },
  "the registry's package_version is not package.json's version": {
    change: (registry) => {
      registry.package_version = '0.1.0';
    },
    version: '0.1.1',
    message: "package_version is 0.1.0, package.json's version is 0.1.1",
  },
};

describe('schema:check', () => {
  it('passes a registry that only adds an attribute', async () => {
    const result = await schemaCheck((registry) =>
      registry.attributes.push({ ...attribute(registry, 'gen_ai.request.seed'), name: 'gen_ai.request.new_field', since: '0.1.0' } as Entry),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('allows a removal when the version is a breaking bump: another minor below 1.0.0', async () => {
    const result = await schemaCheck((registry) => remove(registry, 'gen_ai.request.seed'), '0.2.0');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each(Object.entries(BREAKS))('fails when %s', async (_, { change, version, message }) => {
    const result = await schemaCheck(change, version);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });
});
