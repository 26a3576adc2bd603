import { describe, expect, it } from 'vitest';
import { PrefixHasher } from '../../src/instrumentation/prefix-fingerprint.js';
import { anthropicCacheablePrefix } from '../../src/instrumentation/formats/anthropic/cache-prefix.js';
import { chatCacheablePrefix, responsesCacheablePrefix } from '../../src/instrumentation/formats/openai/cache-prefix.js';

/** Which part of a request each provider's cache would match: the parts handed to the fingerprint. */

const tools = [{ name: 'lookup_policy', description: 'Finds a policy section', input_schema: { type: 'object' } }];
const policy = 'You answer questions about the ACME expense policy.';
const marker = { type: 'ephemeral' };
const hasher = new PrefixHasher('cache-prefix-test');
const fingerprintOf = (parts: readonly unknown[] | undefined) => hasher.fingerprint(parts ?? []).fingerprint;

describe('the cacheable prefix of an Anthropic Messages request', () => {
  const turns = [
    { role: 'user', content: 'Who approves expenses?' },
    { role: 'assistant', content: 'The finance lead.' },
    { role: 'user', content: 'And above 5,000 EUR?' },
  ];

  it('is tools, system and every message but the last when nothing is marked', () => {
    expect(anthropicCacheablePrefix({ tools, system: policy, messages: turns })).toEqual([tools, policy, turns.slice(0, 2)]);
  });

  it('ends at the last cache_control breakpoint, later messages left out', () => {
    const marked = [
      { role: 'user', content: [{ type: 'text', text: 'Who approves expenses?', cache_control: marker }] },
      { role: 'assistant', content: [{ type: 'text', text: 'The finance lead.', cache_control: marker }] },
      { role: 'user', content: [{ type: 'text', text: 'And above 5,000 EUR?' }] },
    ];
    expect(anthropicCacheablePrefix({ tools, system: policy, messages: marked })).toEqual([tools, policy, marked.slice(0, 2)]);
  });

  it('cuts a message after its marked block', () => {
    const message = {
      role: 'user',
      content: [
        { type: 'text', text: 'The policy handbook follows.', cache_control: marker },
        { type: 'text', text: 'Who approves expenses?' },
      ],
    };
    expect(anthropicCacheablePrefix({ system: policy, messages: [message] })).toEqual([
      undefined,
      policy,
      [{ role: 'user', content: [{ type: 'text', text: 'The policy handbook follows.', cache_control: marker }] }],
    ]);
  });

  it('counts a breakpoint inside a tool_result as one on the tool_result block', () => {
    const toolResult = { type: 'tool_result', tool_use_id: 'toolu_01', content: [{ type: 'text', text: 'Section 3', cache_control: marker }] };
    const messages = [
      { role: 'user', content: [toolResult, { type: 'text', text: 'Summarize it.' }] },
      { role: 'user', content: 'Thanks.' },
    ];
    expect(anthropicCacheablePrefix({ messages })).toEqual([undefined, undefined, [{ role: 'user', content: [toolResult] }]]);
  });

  it('ends at a breakpoint in the system prompt or the tools, with no message', () => {
    const system = [
      { type: 'text', text: policy, cache_control: marker },
      { type: 'text', text: 'Today is Tuesday.' },
    ];
    expect(anthropicCacheablePrefix({ tools, system, messages: turns })).toEqual([tools, [system[0]], []]);
    const markedTools = [{ ...tools[0], cache_control: marker }, { name: 'file_claim', input_schema: { type: 'object' } }];
    expect(anthropicCacheablePrefix({ tools: markedTools, system: policy, messages: turns })).toEqual([[markedTools[0]], undefined, []]);
  });

  it('is the whole prompt when the request itself carries cache_control', () => {
    expect(anthropicCacheablePrefix({ tools, system: policy, messages: turns, cache_control: marker })).toEqual([tools, policy, turns]);
  });

  it('is the same prefix for a system prompt marked at its end and the same prompt unmarked, each before one question', () => {
    const question = [{ role: 'user', content: 'Who approves expenses?' }];
    const marked = anthropicCacheablePrefix({ system: [{ type: 'text', text: policy, cache_control: marker }], messages: question });
    const unmarked = anthropicCacheablePrefix({ system: [{ type: 'text', text: policy }], messages: question });
    expect(fingerprintOf(marked)).toBe(fingerprintOf(unmarked));
  });

  it('is none for a request without messages', () => {
    expect(anthropicCacheablePrefix({ system: policy })).toBeUndefined();
  });
});

describe('the cacheable prefix of an OpenAI chat completion request', () => {
  it('is the prompt_cache_key, the tools and every message but the last', () => {
    const messages = [
      { role: 'system', content: policy },
      { role: 'user', content: 'Who approves expenses?' },
      { role: 'assistant', content: 'The finance lead.' },
      { role: 'user', content: 'And above 5,000 EUR?' },
    ];
    expect(chatCacheablePrefix({ model: 'gpt-4o', prompt_cache_key: 'tenant-a', tools, messages })).toEqual(['tenant-a', tools, messages.slice(0, 3)]);
  });

  it('keeps every leading system and developer message, even with no message after them', () => {
    const messages = [
      { role: 'system', content: policy },
      { role: 'developer', content: 'Answer in one sentence.' },
    ];
    expect(chatCacheablePrefix({ model: 'gpt-4o', messages })).toEqual([undefined, undefined, messages]);
  });
});

describe('the cacheable prefix of an OpenAI Responses request', () => {
  it('is the prompt_cache_key, the instructions and the tools when the input is one string', () => {
    expect(responsesCacheablePrefix({ model: 'gpt-4.1', prompt_cache_key: 'tenant-a', instructions: policy, tools, input: 'Who approves expenses?' })).toEqual([
      'tenant-a',
      policy,
      tools,
      [],
    ]);
  });

  it('takes every input item but the last', () => {
    const input = [
      { role: 'developer', content: policy },
      { role: 'user', content: 'Who approves expenses?' },
    ];
    expect(responsesCacheablePrefix({ model: 'gpt-4.1', input })).toEqual([undefined, undefined, undefined, [input[0]]]);
  });
});
