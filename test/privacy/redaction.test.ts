import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waterLevel } from '../../src/privacy/byte-cap.js';
import { createRedactor, type RedactionContext } from '../../src/privacy/redaction.js';

const context: RedactionContext = { attribute: 'gen_ai.input.messages', role: 'user' };
const redactor = createRedactor();
const redact = (text: string) => redactor.redact(text, context);

// Credentials are assembled from pieces, so that no secret scanner takes this file for a leak.
const OPENAI_PROJECT_KEY = ['sk', 'proj', 'Xq3vT9kLm2Pa8Rw4Zt6Yb1Nc5Hd7Gf0Js3Ke9Lu2Mi'].join('-');
const OPENAI_LEGACY_KEY = `sk-${'Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp3rSt6v'}`;
const ANTHROPIC_KEY = ['sk', 'ant', 'api03', 'Qm4Rt7Yu1Io9Pa3Sd6Fg2Hj5Kl8Zx0Cv4Bn7Mq1We6RtAA'].join('-');
const PEM_HEADER = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ');
const PEM_FOOTER = ['-----END', 'RSA PRIVATE KEY-----'].join(' ');
const PEM_KEY = `${PEM_HEADER}\nMIIEowIBAAKCAQEAx4Gq2p7vR3tS9kLm\nQm4Rt7Yu1Io9Pa3Sd6Fg2Hj5Kl8Zx0Cv\n${PEM_FOOTER}`;

describe('the built-in detectors', () => {
  it.each([
    ['an OpenAI project key', `key=${OPENAI_PROJECT_KEY}`, 'key=[REDACTED:openai_api_key]'],
    ['an OpenAI legacy key', `use ${OPENAI_LEGACY_KEY} here`, 'use [REDACTED:openai_api_key] here'],
    ['an Anthropic key', `ANTHROPIC_API_KEY=${ANTHROPIC_KEY}`, 'ANTHROPIC_API_KEY=[REDACTED:anthropic_api_key]'],
    ['an AWS access key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = [REDACTED:aws_access_key_id]'],
    ['a Bearer token', 'Authorization: Bearer 0a1B2c3D4e5F6g7H8i9J0k1L', 'Authorization: [REDACTED:bearer_token]'],
    [
      'a JSON Web Token',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r',
      'token [REDACTED:jwt]',
    ],
    ['a PEM private key', `before\n${PEM_KEY}\nafter`, 'before\n[REDACTED:private_key]\nafter'],
    ['a PEM private key cut before its END line, to the end of the text', `${PEM_HEADER}\nMIIEowIBAAKCAQEA`, '[REDACTED:private_key]'],
  ])('redact %s', (_name, text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it.each([
    ['a Python package named sk-learn', 'pip install sk-learn-is-not-the-name-anyway'],
    ['a word that contains sk-', 'the risk-assessment-of-the-new-feature-flag is done'],
    ['the word bearer', 'the bearer of this letter is a friend of mine'],
    ['a public key', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----'],
  ])('leave alone %s', (_name, text) => {
    expect(redact(text)).toBe(text);
  });

  it.each([
    'jane.doe@example.com',
    'j.o-e+tag@mail.example.co.uk',
    'ops_team%eu@corp-mail.io',
    'X1@sub.domain.example.museum',
  ])('redact the e-mail address %s', (address) => {
    expect(redact(`write to ${address}, please`)).toBe('write to [REDACTED:email], please');
  });

  it.each(['user@localhost', '@handle', 'a@b', 'name at example dot com'])('leave alone %j, which is no e-mail address', (text) => {
    expect(redact(text)).toBe(text);
  });

  it.each([
    ['a Visa test number', '4111111111111111'],
    ['a Visa test number in groups of four', '4111 1111 1111 1111'],
    ['a Mastercard test number with dashes', '5555-5555-5555-4444'],
    ['a 15-digit Amex test number', '3782 822463 10005'],
    ['a Discover test number', '6011111111111117'],
    ['a 19-digit Luhn-valid number', '6304000000000000000'],
  ])('redact %s, which passes the Luhn check', (_name, number) => {
    expect(redact(`paid with ${number}.`)).toBe('paid with [REDACTED:card_number].');
  });

  it.each([
    ['a 16-digit run that fails the Luhn check', '4111111111111112'],
    ['grouped digits that fail the Luhn check', '1234 5678 9012 3456'],
    ['a Luhn-valid card number inside a longer run of digits', '4111 1111 1111 1111 2222'],
    ['a 12-digit number', '411111111111'],
    ['the digits after a decimal point', '0.4111111111111111'],
  ])('leave alone %s', (_name, number) => {
    expect(redact(`ref ${number} end`)).toBe(`ref ${number} end`);
  });

  it.each([
    '+1 415 555 0100',
    '+44 20 7946 0958',
    '+44 (0) 20 7946 0958',
    '+33 1 23 45 67 89',
    '+4930123456789',
    '(415) 555-0100',
    '415-555-0100',
    '415.555.0100',
    '1-800-555-0100',
    '020 7946 0958',
    '01 23 45 67 89',
    '030-1234567',
  ])('redact the phone number %s', (number) => {
    expect(redact(`call ${number} today`)).toBe('call [REDACTED:phone] today');
  });

  it.each([
    ['a date', '2024-01-15'],
    ['a date and time', '2024-01-15 10:30:00'],
    ['a large amount in groups of three', '1 000 000 000'],
    ['a plain 9-digit number', '123456789'],
    ['a decimal number', '3.14159265358979'],
    ['decimals in a list', '0.5 0.25 0.125'],
    ['a version', '1.2.3'],
  ])('leave alone %s, which is no phone number', (_name, text) => {
    expect(redact(`value ${text} here`)).toBe(`value ${text} here`);
  });

  it.each(['192.168.1.10', '8.8.8.8', '10.0.0.255', '255.255.255.255'])('redact the IPv4 address %s', (address) => {
    expect(redact(`from ${address}:443 on`)).toBe('from [REDACTED:ipv4]:443 on');
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', '3.14'])('leave alone %s, which is no IPv4 address', (text) => {
    expect(redact(`got ${text} back`)).toBe(`got ${text} back`);
  });

  it.each(['2001:db8::8a2e:370:7334', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'fe80::1', '2001:db8::'])(
    'redact the IPv6 address %s',
    (address) => {
      expect(redact(`host ${address} is up`)).toBe('host [REDACTED:ipv6] is up');
    },
  );

  it.each(['10:30:00', 'std::vector', 'de:ad:be:ef:00:11', 'a:b', 'a[::2]', '::1'])('leave alone %s, which is no IPv6 address or names no one', (text) => {
    expect(redact(`see ${text} now`)).toBe(`see ${text} now`);
  });

  it('redact every finding in a text and keep the text around them', () => {
    expect(redact('Jane (jane@example.com, +1 415 555 0100) paid with 4111 1111 1111 1111 from 203.0.113.7.')).toBe(
      'Jane ([REDACTED:email], [REDACTED:phone]) paid with [REDACTED:card_number] from [REDACTED:ipv4].',
    );
  });
});

describe('binary data', () => {
  it('is replaced by a placeholder with its media type and size when it is a base64 data URL', () => {
    const data = Buffer.alloc(12345, 7).toString('base64');
    expect(redact(`see data:image/png;base64,${data} above`)).toBe('see [base64 image/png 12345 bytes] above');
  });

  it('counts the padding out of the size', () => {
    expect(redact('data:text/plain;base64,aGVsbG8=')).toBe('[base64 text/plain 5 bytes]');
    expect(redact('data:text/plain;base64,aGk=')).toBe('[base64 text/plain 2 bytes]');
    expect(redact('data:application/octet-stream;charset=utf-8;base64,aGVsbG8h')).toBe('[base64 application/octet-stream 6 bytes]');
  });

  it('is replaced by a placeholder naming the type it starts like when it is a long bare base64 run', () => {
    const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const body = Buffer.from(Array.from({ length: 292 }, (_, index) => index % 256));
    const base64 = Buffer.concat([pngSignature, body]).toString('base64');
    expect(redact(`image: ${base64}`)).toBe('image: [base64 image/png 300 bytes]');
  });

  it('is replaced by a placeholder with its size alone when its type is not known', () => {
    const base64 = Buffer.from(Array.from({ length: 150 }, (_, index) => (index * 7) % 256)).toString('base64');
    expect(redact(base64)).toBe('[base64 150 bytes]');
  });

  it.each([
    ['a SHA-256 digest in hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a long run of one letter', 'a'.repeat(300)],
  ])('is not taken to be %s', (_name, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("the application's own redaction", () => {
  it('replaces every match of its patterns, global or not', () => {
    const own = createRedactor({ patterns: [/EMP-\d{6}/, /\bproject (?:falcon|osprey)\b/gi] });
    expect(own.redact('EMP-123456 and EMP-654321 on Project Falcon', context)).toBe(
      '[REDACTED:custom] and [REDACTED:custom] on [REDACTED:custom]',
    );
  });

  it('ignores the empty matches of a pattern', () => {
    expect(createRedactor({ patterns: [/x*/] }).redact('abxxc', context)).toBe('ab[REDACTED:custom]c');
  });

  it('calls the callback last, with the redacted text and where it is going, and records what it returns', () => {
    const calls: [string, RedactionContext][] = [];
    const own = createRedactor({
      patterns: [/Falcon/],
      redact: (text, where) => {
        calls.push([text, where]);
        return text.replace('Acme', '[client]');
      },
    });
    const where: RedactionContext = { attribute: 'gen_ai.output.messages', role: 'assistant' };
    expect(own.redact('Acme, Falcon, jane@example.com', where)).toBe('[client], [REDACTED:custom], [REDACTED:email]');
    expect(calls).toEqual([['Acme, [REDACTED:custom], [REDACTED:email]', where]]);
  });

  it('rejects a pattern that is not a RegExp when the redactor is made', () => {
    expect(() => createRedactor({ patterns: ['secret' as unknown as RegExp] })).toThrow(TypeError);
  });
});

describe('the byte cap setting', () => {
  it('is 64 KiB by default', () => {
    expect(createRedactor().maxAttributeBytes).toBe(65536);
  });

  it('takes an integer of at least 256', () => {
    expect(createRedactor({ maxAttributeBytes: 256 }).maxAttributeBytes).toBe(256);
  });

  it.each([255, 1000.5, Number.NaN, -1])('rejects %s when the redactor is made', (maxAttributeBytes) => {
    expect(() => createRedactor({ maxAttributeBytes })).toThrow(TypeError);
  });
});

/** Twenty sequences built to make a backtracking pattern retry at every position. */
const ADVERSARIAL_MEGABYTES: [string, string][] = [
  ['one letter', 'a'.repeat(1 << 20)],
  ['digits and spaces', '1 '.repeat(1 << 19)],
  ['digits and dots', '1.'.repeat(1 << 19)],
  ['digits and dashes', '4-'.repeat(1 << 19)],
  ['at signs between letters', 'a@'.repeat(1 << 19)],
  ['one local part before an endless domain', `a@${'b.'.repeat(1 << 19)}`],
  ['dotted local parts', `${'a.'.repeat(1 << 19)}@`],
  ['key prefixes', 'sk-'.repeat(349525)],
  ['Anthropic key prefixes', 'sk-ant-'.repeat(149796)],
  ['PEM headers without an END line', `${PEM_HEADER}\n`.repeat(34952)],
  ['hex groups and colons', 'a:'.repeat(1 << 19)],
  ['colons', ':'.repeat(1 << 20)],
  ['JWT starts after dashes', '-eyJaaaaaaaa'.repeat(87381)],
  ['base64 with too much padding', `${'Ab1+'.repeat(1 << 18)}===`],
  ['data URL starts', 'data:;base64,'.repeat(80659)],
  ['plus signs and digits', '+1 '.repeat(349525)],
  ['parentheses and digits', '(1) '.repeat(1 << 18)],
  ['Bearer words', 'Bearer '.repeat(149796)],
  ['AKIA repeated', 'AKIA'.repeat(1 << 18)],
  ['near-misses of every kind', 'x@y.z 1-2 a:b 1.2 sk-a (1) '.repeat(38836)],
];

describe('the redaction of adversarial text', () => {
  // A cap above a megabyte, so that the whole megabyte is read rather than the start that fits 64 KiB.
  const wholeMegabyte = createRedactor({ maxAttributeBytes: 2 << 20 });

  it.each(ADVERSARIAL_MEGABYTES)('finishes on a megabyte of %s', (_name, text) => {
    const redacted = wholeMegabyte.redact(text, context);
    expect(typeof redacted).toBe('string');
  });

  it.each([
    ['one letter', 'a'.repeat(6_000_000)],
    ['an OpenAI key prefix', `sk-${'a1'.repeat(3_000_000)}`],
    ['an Anthropic key prefix', `sk-ant-${'a'.repeat(6_000_000)}`],
    ['the word Bearer', `Bearer ${'a'.repeat(6_000_000)}`],
    ['a PEM header', `${PEM_HEADER}\n${'a'.repeat(6_000_000)}`],
  ])('never throws on an unbroken run of six million characters after %s, when the cap lets it all be read', (_name, text) => {
    const huge = createRedactor({ maxAttributeBytes: 8 << 20 });
    expect(typeof huge.redact(text, context)).toBe('string');
  });

  it('leaves a megabyte of adversarial text with nothing to find unchanged', () => {
    const text = 'a@'.repeat(1 << 19);
    expect(wholeMegabyte.redact(text, context)).toBe(text);
  });
});

describe('the redaction of any text', () => {
  it('never throws, whatever the string, lone surrogates included', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit: anyCodeUnit, maxLength: 200 }), (text) => typeof redact(text) === 'string'),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => typeof redact(text) === 'string'));
  });

  it('finds every e-mail address of the common form, wherever it is in a text', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,12}$/);
    const address = fc
      .tuple(word, fc.constantFrom('', '.', '_', '+', '-'), word, fc.array(word, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
      .map(([first, joiner, second, labels, tld]) => `${first}${joiner}${second}@${labels.join('.')}.${tld}`);
    fc.assert(
      fc.property(fc.lorem(), address, fc.lorem(), (before, email, after) => {
        expect(redact(`${before} ${email} ${after}`)).toBe(`${before} [REDACTED:email] ${after}`);
      }),
    );
  });

  it('finds every Luhn-valid Visa number of 16 digits, grouped by spaces, dashes or dots or not', () => {
    const card = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }), fc.constantFrom('', ' ', '-', '.'))
      .map(([digits, separator]) => {
        const number = [4, ...digits, luhnCheckDigit([4, ...digits])].join('');
        return number.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
      });
    fc.assert(
      fc.property(card, (number) => {
        expect(redact(`card ${number} ok`)).toBe('card [REDACTED:card_number] ok');
      }),
    );
  });

  it('leaves alone every 16-digit run whose check digit is wrong', () => {
    const run = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }), fc.integer({ min: 1, max: 9 }))
      .map(([digits, offset]) => [...digits, (luhnCheckDigit(digits) + offset) % 10].join(''));
    fc.assert(
      fc.property(run, (digits) => {
        expect(redact(`id ${digits} ok`)).toBe(`id ${digits} ok`);
      }),
    );
  });
});

/** The Luhn check digit of `digits`, computed here apart from the code under test. */
function luhnCheckDigit(digits: readonly number[]): number {
  let sum = 0;
  digits
    .slice()
    .reverse()
    .forEach((digit, index) => {
      const doubled = index % 2 === 0 ? digit * 2 : digit;
      sum += doubled > 9 ? doubled - 9 : doubled;
    });
  return (10 - (sum % 10)) % 10;
}

describe('text split or escaped', () => {
  it('redacts a private key split over two texts of a message in both', () => {
    const [first, second] = redactor.redactAll([`key: ${PEM_KEY.slice(0, 60)}`, `${PEM_KEY.slice(60)}\nthanks`], context);
    expect([first, second]).toEqual(['key: [REDACTED:private_key]', '\nthanks']);
  });

  it('finds an e-mail address whose @ is a JSON escape', () => {
    expect(redact(String.raw`{"to":"jane\u0040example.com"}`)).toBe('{"to":"[REDACTED:email]"}');
  });

  it('replaces a line-wrapped data URL whole, and keeps the text after it', () => {
    const lines = Buffer.alloc(171, 9).toString('base64').match(/.{1,76}/g) as string[];
    expect(lines.map((line) => line.length)).toEqual([76, 76, 76]);
    expect(redact(`see data:image/png;base64,${lines.join('\n')}\nNext line`)).toBe('see [base64 image/png 171 bytes]\nNext line');
  });

  it('finds a base64 blob right after an =', () => {
    const base64 = Buffer.from(Array.from({ length: 150 }, (_, index) => (index * 7) % 256)).toString('base64');
    expect(redact(`payload=${base64}`)).toBe('payload=[base64 150 bytes]');
  });
});

describe('a string longer than its attribute can hold', () => {
  const small = createRedactor({ maxAttributeBytes: 1024 });

  it('is cut, past a margin, before it is redacted, and marked as cut', () => {
    const redacted = small.redact(`${'word '.repeat(10_000)}jane@example.com`, context);
    // 1,024 characters the cap can keep, 1,024 of margin, and the marker.
    expect(redacted.length).toBe(1024 + 1024 + '…[truncated]'.length);
    expect(redacted.endsWith('…[truncated]')).toBe(true);
  });

  it('has a secret that straddles the cap redacted whole', () => {
    const key = `ghp_${'a1B2c3D4e5'.repeat(3)}Xy9Zw8`;
    const redacted = small.redact(`${'x'.repeat(1010)} ${key} ${'y'.repeat(20_000)}`, context);
    expect(redacted).toContain('[REDACTED:github_token]');
    expect(redacted).not.toContain('ghp_');
  });

  it('keeps the size of a data URL it holds, and the text after it', () => {
    const data = Buffer.alloc(300_000, 1).toString('base64');
    expect(small.redact(`data:image/png;base64,${data} after`, context)).toBe('[base64 image/png 300000 bytes] after');
  });
});

describe('waterLevel', () => {
  it('is the length each string keeps when they share the bytes, the short ones whole', () => {
    // 10 and 20 fit whole (30 bytes); the 100-character string keeps the 30 bytes left.
    expect(waterLevel([100, 10, 20], 60)).toBe(30);
  });

  it('is infinite when every string fits whole', () => {
    expect(waterLevel([5, 5], 100)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('ordinary numbers that look like personal data', () => {
  it.each([
    ['a four-part version after v', 'v1.2.3.4'],
    ['a four-part version after the word', 'version 10.0.19041.1'],
    ['a browser version', 'Chrome/120.0.0.1'],
    ['a pre-release', '1.2.3.4-beta'],
    ['a section of a standard', 'Section 20.3.1.2'],
    ['a 16-digit id starting with 1 that passes the Luhn check', '1000000000000008'],
  ])('leave alone %s', (_name, text) => {
    expect(redact(`see ${text} now`)).toBe(`see ${text} now`);
  });

  it('redacts a card number written with dots', () => {
    expect(redact('card 4111.1111.1111.1111 ok')).toBe('card [REDACTED:card_number] ok');
  });
});
