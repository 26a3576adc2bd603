import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestContentAttributes, responseContentAttributes, type BlobPart, type RequestContent } from '../../src/privacy/content.js';
import { blobPart } from '../../src/privacy/recording.js';
import { createRedactor, type RedactionContext } from '../../src/privacy/redaction.js';

const redactor = createRedactor();
const noRequest: RequestContent = { messages: [], systemInstructions: undefined, tools: [] };

function parsed(attribute: unknown): unknown {
  expect(typeof attribute).toBe('string');
  return JSON.parse(attribute as string);
}

describe('gen_ai.input.messages', () => {
  it('holds each message as its role and parts, in the conventions’ form', () => {
    const attributes = requestContentAttributes(
      {
        ...noRequest,
        messages: [
          { role: 'user', parts: [{ type: 'text', text: 'Weather in Paris?' }] },
          {
            role: 'assistant',
            parts: [
              { type: 'reasoning', text: 'The user wants the weather.' },
              { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris', days: 2 } },
            ],
          },
          { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy, 12°C' }] },
        ],
      },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'The user wants the weather.' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris', days: 2 } },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy, 12°C' }] },
    ]);
  });

  it('records an image URL as a uri part without its query, user info or fragment', () => {
    const attributes = requestContentAttributes(
      {
        ...noRequest,
        messages: [
          {
            role: 'user',
            parts: [
              { type: 'uri', modality: 'image', url: 'https://bob:pw@bucket.example.com/cat.png?X-Amz-Signature=abc123#top', mediaType: 'image/png' },
              { type: 'uri', modality: 'image', url: 'https://example.com/dog.jpg', mediaType: undefined },
            ],
          },
        ],
      },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'uri', modality: 'image', mime_type: 'image/png', uri: 'https://bucket.example.com/cat.png?[REDACTED:query]' },
          { type: 'uri', modality: 'image', uri: 'https://example.com/dog.jpg' },
        ],
      },
    ]);
  });

  it('records inline image data as a blob part whose content is a placeholder with the size', () => {
    const base64 = Buffer.alloc(3000, 1).toString('base64');
    const attributes = requestContentAttributes(
      {
        ...noRequest,
        messages: [
          {
            role: 'user',
            parts: [
              blobPart('image', base64, 'image/jpeg') as BlobPart,
              { type: 'uri', modality: 'image', url: `data:image/webp;base64,${base64}`, mediaType: undefined },
            ],
          },
        ],
      },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'blob', modality: 'image', mime_type: 'image/jpeg', content: '[base64 image/jpeg 3000 bytes]' },
          { type: 'blob', modality: 'image', mime_type: 'image/webp', content: '[base64 image/webp 3000 bytes]' },
        ],
      },
    ]);
  });

  it('records media the provider holds as a file part with its id', () => {
    const attributes = requestContentAttributes(
      { ...noRequest, messages: [{ role: 'user', parts: [{ type: 'file', modality: 'document', fileId: 'file-9Kq2mX4pT7' }] }] },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'file', modality: 'document', file_id: 'file-9Kq2mX4pT7' }] },
    ]);
  });

  it('redacts every string at any depth of tool arguments, keys included, and the text of tool responses', () => {
    const attributes = requestContentAttributes(
      {
        ...noRequest,
        messages: [
          {
            role: 'assistant',
            parts: [
              {
                type: 'tool_call',
                id: 'call_2',
                name: 'send_mail',
                arguments: { to: ['jane@example.com'], meta: { 'joe@example.com': true, ip: '10.1.2.3' } },
              },
              { type: 'tool_call', id: undefined, name: 'lookup', arguments: '{"phone":"+44 20 7946 0958"}' },
            ],
          },
          { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_2', response: 'sent by ops@example.org' }] },
        ],
      },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [
          {
            type: 'tool_call',
            id: 'call_2',
            name: 'send_mail',
            arguments: { to: ['[REDACTED:email]'], meta: { '[REDACTED:email]': true, ip: '[REDACTED:ipv4]' } },
          },
          { type: 'tool_call', name: 'lookup', arguments: '{"phone":"[REDACTED:phone]"}' },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_2', response: 'sent by [REDACTED:email]' }] },
    ]);
  });

  it('redacts each string as the application wrote it, before JSON escapes it, and tells the callback where it goes', () => {
    const seen: [string, RedactionContext][] = [];
    const own = createRedactor({
      redact: (text, where) => {
        seen.push([text, where]);
        return text;
      },
    });
    requestContentAttributes({ ...noRequest, messages: [{ role: 'user', parts: [{ type: 'text', text: 'say "hi"\nthen\\bye' }] }] }, own);
    expect(seen).toEqual([['say "hi"\nthen\\bye', { attribute: 'gen_ai.input.messages', role: 'user' }]]);
  });

  it("never calls the toJSON or toString of the application's objects", () => {
    const refuse = () => {
      throw new Error('the application object was serialized');
    };
    const args = { city: 'Oslo', toJSON: refuse, toString: refuse };
    const attributes = requestContentAttributes(
      { ...noRequest, messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: args }] }] },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: { city: 'Oslo' } }] },
    ]);
  });

  it('cuts a cycle in tool arguments with a marker instead of failing', () => {
    const args: Record<string, unknown> = { name: 'loop' };
    args['self'] = args;
    const attributes = requestContentAttributes(
      { ...noRequest, messages: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: args }] }] },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'c', name: 'f', arguments: { name: 'loop', self: '[unserialized: cycle or depth]' } }],
      },
    ]);
  });

  it('is not set for a request without messages', () => {
    expect(requestContentAttributes(noRequest, redactor)).toEqual({});
  });
});

describe('gen_ai.system_instructions and gen_ai.tool.definitions', () => {
  it('hold the system instructions as parts and the tools as definitions, redacted', () => {
    const seen: RedactionContext[] = [];
    const own = createRedactor({
      redact: (text, where) => {
        seen.push(where);
        return text;
      },
    });
    const attributes = requestContentAttributes(
      {
        messages: [],
        systemInstructions: [{ type: 'text', text: 'You help ops@example.com.' }],
        tools: [
          {
            type: 'function',
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
          { type: 'web_search', name: 'web_search', description: undefined, parameters: undefined },
        ],
      },
      own,
    );
    expect(parsed(attributes['gen_ai.system_instructions'])).toEqual([{ type: 'text', content: 'You help [REDACTED:email].' }]);
    expect(parsed(attributes['gen_ai.tool.definitions'])).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      { type: 'web_search', name: 'web_search' },
    ]);
    expect(seen[0]).toEqual({ attribute: 'gen_ai.system_instructions', role: 'system' });
    expect(seen[1]).toEqual({ attribute: 'gen_ai.tool.definitions', role: undefined });
  });
});

describe('gen_ai.output.messages', () => {
  it('holds each output with its parts and finish reason', () => {
    const attributes = responseContentAttributes(
      [
        { role: 'assistant', finishReason: 'stop', parts: [{ type: 'text', text: 'Call me at 415-555-0100.' }] },
        {
          role: 'assistant',
          finishReason: 'tool_call',
          parts: [{ type: 'tool_call', id: 'call_9', name: 'get_time', arguments: { zone: 'UTC' } }],
        },
      ],
      redactor,
    );
    expect(parsed(attributes['gen_ai.output.messages'])).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Call me at [REDACTED:phone].' }], finish_reason: 'stop' },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_9', name: 'get_time', arguments: { zone: 'UTC' } }],
        finish_reason: 'tool_call',
      },
    ]);
  });
});

describe('gen_ai.output.messages of a response without outputs', () => {
  it('is not set', () => {
    expect(responseContentAttributes([], redactor)).toEqual({});
  });
});

describe('the byte cap of a content attribute', () => {
  const small = createRedactor({ maxAttributeBytes: 256 });
  const userText = (text: string): RequestContent => ({ ...noRequest, messages: [{ role: 'user', parts: [{ type: 'text', text }] }] });

  it('leaves an attribute within the cap whole', () => {
    const attributes = requestContentAttributes(userText('short'), small);
    expect(attributes['gen_ai.input.messages']).toBe('[{"role":"user","parts":[{"type":"text","content":"short"}]}]');
  });

  it('cuts four-byte characters whole, keeps the JSON valid and ends the cut text with the marker', () => {
    // 56 bytes of JSON around the text, 14 of marker: 186 bytes left, 46 four-byte emoji.
    const value = requestContentAttributes(userText('😀'.repeat(200)), small)['gen_ai.input.messages'] as string;
    expect(Buffer.byteLength(value)).toBe(254);
    expect(parsed(value)).toEqual([{ role: 'user', parts: [{ type: 'text', content: `${'😀'.repeat(46)}…[truncated]` }] }]);
  });

  it('cuts three-byte characters whole', () => {
    // 186 bytes left: 62 three-byte euro signs.
    const value = requestContentAttributes(userText('€'.repeat(100)), small)['gen_ai.input.messages'] as string;
    expect(Buffer.byteLength(value)).toBe(256);
    expect(parsed(value)).toEqual([{ role: 'user', parts: [{ type: 'text', content: `${'€'.repeat(62)}…[truncated]` }] }]);
  });

  it('counts a character as the bytes of its JSON escape', () => {
    // A quote takes two bytes escaped: 93 of them fit in 186.
    const value = requestContentAttributes(userText('"'.repeat(150)), small)['gen_ai.input.messages'] as string;
    expect(parsed(value)).toEqual([{ role: 'user', parts: [{ type: 'text', content: `${'"'.repeat(93)}…[truncated]` }] }]);
  });

  it('keeps short strings whole and cuts the longest ones to one level', () => {
    const attributes = requestContentAttributes(
      {
        ...noRequest,
        messages: [
          { role: 'user', parts: [{ type: 'text', text: 'a'.repeat(300) }] },
          { role: 'assistant', parts: [{ type: 'text', text: 'ok' }] },
          { role: 'user', parts: [{ type: 'text', text: 'b'.repeat(100) }] },
        ],
      },
      small,
    );
    // 173 bytes of JSON around the two long texts, 2 markers of 14: 55 bytes left, 27 for each.
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'text', content: `${'a'.repeat(27)}…[truncated]` }] },
      { role: 'assistant', parts: [{ type: 'text', content: 'ok' }] },
      { role: 'user', parts: [{ type: 'text', content: `${'b'.repeat(27)}…[truncated]` }] },
    ]);
  });

  it('leaves out the oldest messages when even their cut texts would not fit', () => {
    const messages = Array.from({ length: 10 }, (_, index) => ({
      role: 'user',
      parts: [{ type: 'text' as const, text: `message ${index}` }],
    }));
    // 63 bytes a message: four of them and the commas and brackets take 257.
    const value = requestContentAttributes({ ...noRequest, messages }, small)['gen_ai.input.messages'] as string;
    expect(parsed(value)).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'message 7' }] },
      { role: 'user', parts: [{ type: 'text', content: 'message 8' }] },
      { role: 'user', parts: [{ type: 'text', content: 'message 9' }] },
    ]);
  });

  it('keeps every attribute within the cap, valid JSON and free of split characters, whatever the text', () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const texts = fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(texts, fc.integer({ min: 256, max: 2048 }), (messageTexts, maxAttributeBytes) => {
        const capped = createRedactor({ maxAttributeBytes });
        const messages = messageTexts.map((text) => ({ role: 'user', parts: [{ type: 'text' as const, text }] }));
        const value = requestContentAttributes({ ...noRequest, messages }, capped)['gen_ai.input.messages'] as string;
        expect(Buffer.byteLength(value)).toBeLessThanOrEqual(maxAttributeBytes);
        const kept = JSON.parse(value) as { parts: { content: string }[] }[];
        for (const message of kept) expect(message.parts[0]?.content).not.toMatch(loneSurrogate);
      }),
    );
  });
});

describe('the redaction of an attribute of many long strings', () => {
  it('reads of each string only what the byte cap can keep of it, and a margin', () => {
    const seen: number[] = [];
    const counting = createRedactor({
      redact: (text) => {
        seen.push(text.length);
        return text;
      },
    });
    // 1,000 messages of 10,000 characters: 64 KiB shared by 1,000 strings keeps 65 characters of each.
    const text = `mail jane@example.com ${'word '.repeat(2000)}`.slice(0, 10_000);
    const messages = Array.from({ length: 1000 }, () => ({ role: 'user', parts: [{ type: 'text' as const, text }] }));
    const attributes = requestContentAttributes({ ...noRequest, messages }, counting);
    // 65 characters and 1,024 of margin for a secret that straddles the cut (the marker of a cut string comes after the callback).
    expect(Math.max(...seen)).toBe(65 + 1024);
    const json = attributes['gen_ai.input.messages'] as string;
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(65536);
    expect(json).not.toContain('jane@example.com');
  });

  it('reads a string whole when the strings of the attribute fit the cap together', () => {
    const seen: number[] = [];
    const counting = createRedactor({
      redact: (text) => {
        seen.push(text.length);
        return text;
      },
    });
    const text = 'x'.repeat(30_000);
    requestContentAttributes({ ...noRequest, messages: [{ role: 'user', parts: [{ type: 'text', text }, { type: 'text', text }] }] }, counting);
    expect(seen).toEqual([30_000, 30_000]);
  });
});

describe('the parts of a message that hold no text', () => {
  it('have their tool call ids, tool names and media types redacted too', () => {
    const email = ['ops', 'example.com'].join('@');
    const attributes = requestContentAttributes(
      {
        ...noRequest,
        messages: [
          {
            role: 'assistant',
            parts: [
              { type: 'tool_call', id: `call ${email}`, name: `notify ${email}`, arguments: '{}' },
              blobPart('image', 'aGk=', `image/png; owner=${email}`) as BlobPart,
            ],
          },
        ],
      },
      redactor,
    );
    const json = attributes['gen_ai.input.messages'] as string;
    expect(json).not.toContain(email);
    expect(parsed(json)).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'tool_call', id: 'call [REDACTED:email]', name: 'notify [REDACTED:email]', arguments: '{}' },
          { type: 'blob', modality: 'image', mime_type: 'image/png; owner=[REDACTED:email]', content: '[base64 image/png; owner=[REDACTED:email] 2 bytes]' },
        ],
      },
    ]);
  });

  it('leave a private key split over two text parts around them redacted in both', () => {
    const header = ['-----BEGIN', 'PRIVATE KEY-----'].join(' ');
    const footer = ['-----END', 'PRIVATE KEY-----'].join(' ');
    const attributes = requestContentAttributes(
      {
        ...noRequest,
        messages: [
          {
            role: 'user',
            parts: [
              { type: 'text', text: `my key: ${header}\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC` },
              { type: 'text', text: `BKcwggSjAgEAAoIBAQC7\n${footer}\nthanks` },
            ],
          },
        ],
      },
      redactor,
    );
    expect(parsed(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'my key: [REDACTED:private_key]' }, { type: 'text', content: '\nthanks' }] },
    ]);
  });
});
