import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { expect, vi } from 'vitest';

/**
 * What the in-process privacy tests (openai-content.test.ts, anthropic-content.test.ts) share:
 * the texts that fill the placeholders of the fixtures in test/fixtures/privacy/ (see
 * test/support/fixture-server.ts), short enough to count by hand; reading the content attributes
 * back; and objects that count how often they are serialized.
 */

/** Request options that pick the fixture `privacy/<name>`. */
export const privacyFixture = (name: string) => ({ headers: { 'x-fixture': `privacy/${name}` } });

const CONTENT_ATTRIBUTES = ['gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.system_instructions', 'gen_ai.tool.definitions'];

/** The content attributes among `attributes`, each parsed from its JSON. */
export function contentOf(attributes: Attributes): Record<string, unknown> {
  return Object.fromEntries(
    CONTENT_ATTRIBUTES.filter((name) => attributes[name] !== undefined).map((name) => [name, JSON.parse(attributes[name] as string)]),
  );
}

/** Checks that `span` carries no content attribute and no event: the default, metadata mode. */
export function expectNoContent(span: ReadableSpan): void {
  expect(contentOf(span.attributes)).toEqual({});
  expect(span.events).toEqual([]);
}

/** Marks an object of a request so that it counts its serializations. */
export type Counting = <T extends object>(value: T) => T;

/**
 * How the objects of a request `make` builds were serialized while `run` ran with it: the calls of
 * their `toJSON` and `toString`, both enumerable, as an application's own classes might have them,
 * and the calls of `JSON.stringify` that got one of them (or the list of messages) to serialize.
 */
async function serializationsOf<Request>(
  make: (counting: Counting) => { request: Request; messages: object },
  run: (request: Request) => Promise<unknown>,
): Promise<{ counts: { toJSON: number; toString: number }; stringified: unknown[] }> {
  const counts = { toJSON: 0, toString: 0 };
  const objects = new Set<object>();
  const counting: Counting = (value) => {
    objects.add(value);
    return Object.assign(value, {
      toJSON(this: object) {
        counts.toJSON++;
        return Object.fromEntries(Object.entries(this).filter(([, field]) => typeof field !== 'function'));
      },
      toString() {
        counts.toString++;
        return '[counted]';
      },
    });
  };
  const { request, messages } = make(counting);
  objects.add(messages);
  const stringify = vi.spyOn(JSON, 'stringify');
  try {
    await run(request);
    return { counts, stringified: stringify.mock.calls.map(([value]) => value).filter((value) => objects.has(value as object)) };
  } finally {
    stringify.mockRestore();
  }
}

/** A text a stream sends in three deltas: the placeholders of the whole and of each delta. */
export function streamed(name: string, ...deltas: [string, string, string]): Record<string, string> {
  return Object.fromEntries([[name, deltas.join('')], ...deltas.map((delta, index) => [`${name}/${index + 1}`, delta])]);
}

export const FIXTURE_TEXTS: Readonly<Record<string, string>> = {
  openai_organization: 'org-fixture',
  openai_project: 'proj_fixture',
  openai_error_echo: 'Weather in Lyon?',
  anthropic_organization: '4f1c2a9e-7b3d-4e8a-9c61-0d2f5b8e7a13',
  anthropic_error_echo: 'Weather in Lyon?',
  // 'Let me check.': 13 characters; arguments {"city":"Lyon"}
  chat_output: 'Let me check.',
  chat_output_arguments: 'Lyon',
  ...streamed('chat_stream_output', 'Let', ' me', ' check.'),
  ...streamed('chat_stream_output_arguments', 'Ly', 'o', 'n'),
  // 'Weather lookup.': 15 characters; 'Checking Lyon.': 14
  responses_output_reasoning: 'Weather lookup.',
  responses_output: 'Checking Lyon.',
  responses_output_arguments: 'Lyon',
  ...streamed('responses_stream_output_reasoning', 'Weather', ' look', 'up.'),
  ...streamed('responses_stream_output', 'Checking', ' Ly', 'on.'),
  ...streamed('responses_stream_output_arguments', 'Ly', 'o', 'n'),
  // 'Roses are red': 13 characters
  completion_output: 'Roses are red',
  ...streamed('completion_stream_output', 'Roses', ' are', ' red'),
  // 'Lyon is mild.': 13 characters; 'Let me check.': 13
  message_output_thinking: 'Lyon is mild.',
  message_output: 'Let me check.',
  message_output_input: 'Lyon',
  ...streamed('message_stream_output_thinking', 'Lyon', ' is', ' mild.'),
  ...streamed('message_stream_output', 'Let', ' me', ' check.'),
  ...streamed('message_stream_output_input', 'Ly', 'o', 'n'),
};

/**
 * Checks that the objects of a request `make` builds are serialized while `observed` runs with it
 * exactly as while `baseline` (the same call without this package) does: the SDK serializes the
 * body it sends, and nothing else serializes any of them.
 */
export async function expectSerializedOnlyByTheSdk<Request>(
  make: (counting: Counting) => { request: Request; messages: object },
  baseline: (request: Request) => Promise<unknown>,
  observed: (request: Request) => Promise<unknown>,
): Promise<void> {
  const bySdk = await serializationsOf(make, baseline);
  // The SDK serialized the body it sent: the counts are not vacuous.
  expect(bySdk.counts.toJSON).toBeGreaterThan(0);
  const withThisPackage = await serializationsOf(make, observed);
  expect(withThisPackage).toEqual(bySdk);
  expect(withThisPackage.stringified).toEqual([]);
}
