// The fast path's premise (shared/canonical/canonical-span.ts): whatever it accepts is canonical
// JSON already, so hashing its bytes equals hashing canonicalJson of its parse. Checked on
// generated values written canonically, non-canonically, and with bytes damaged at random.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson } from '../../shared/canonical/canonical-json.ts';
import { canonicalJsonEnd } from '../../shared/canonical/canonical-span.ts';

const utf8 = new TextEncoder();
const accepts = (bytes: Uint8Array): boolean => canonicalJsonEnd(bytes, 0, bytes.length) === bytes.length;

/** The promise: accepted bytes are valid UTF-8 JSON whose canonical form is those very bytes. */
function soundIfAccepted(bytes: Uint8Array): void {
  if (!accepts(bytes)) return;
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  expect(Buffer.from(canonicalBytes(JSON.parse(text))).equals(Buffer.from(bytes))).toBe(true);
}

/** Keys the fast path takes as they are: printable ASCII without `"` or `\`. */
const plainKeys = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.every(plainKeys)
    : typeof value !== 'object' || value === null
      ? true
      : Object.entries(value).every(
          ([key, item]) => /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(key) && plainKeys(item),
        );

const values = fc.jsonValue({ maxDepth: 5 });
const unicodeValues = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('canonical span', () => {
  it('accepts canonical JSON with plain keys, and only with its own bytes', () => {
    fc.assert(
      fc.property(values, (value) => {
        const bytes = canonicalBytes(value);
        if (plainKeys(value)) expect(accepts(bytes)).toBe(true);
        soundIfAccepted(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('is sound for any code points, numbers and keys, written any way', () => {
    fc.assert(
      fc.property(unicodeValues, fc.nat(), (value, pick) => {
        const forms = [
          canonicalJson(value),
          JSON.stringify(value),
          JSON.stringify(value, null, 1),
          JSON.stringify(value)?.replace(/\//g, '\\/'),
        ];
        const text = forms[pick % forms.length];
        if (text !== undefined) soundIfAccepted(utf8.encode(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('is sound when canonical bytes are damaged', () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(2), (value, at, byte, how) => {
        const bytes = canonicalBytes(value);
        if (bytes.length === 0) return;
        const i = at % bytes.length;
        const damaged =
          how === 0
            ? Uint8Array.from(bytes, (b, k) => (k === i ? byte : b))
            : how === 1
              ? new Uint8Array([...bytes.subarray(0, i), byte, ...bytes.subarray(i)])
              : new Uint8Array([...bytes.subarray(0, i), ...bytes.subarray(i + 1)]);
        soundIfAccepted(damaged);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['{"b":1,"a":2}', 'keys out of order'],
    ['{"a":1,"a":2}', 'a duplicate key (JSON.parse keeps the last)'],
    ['{"a!":1,"a":2}', 'a key sorted by its quote'],
    ['{"a": 1}', 'a blank'],
    ['[1,2] ', 'a trailing blank'],
    ['1.0', 'a trailing zero'],
    ['1E5', 'an exponent Number#toString does not write'],
    ['-0', 'negative zero (prints as 0)'],
    ['0.0000001', 'a small number printed with an exponent'],
    ['1e400', 'a number that is not finite'],
    ['12345678901234567890', 'an integer beyond exact doubles'],
    ['"a\\/b"', 'an escaped slash'],
    ['"\\u0041"', 'an escape of a printable character'],
    ['"\\u001F"', 'an upper-case escape'],
    ['"\\u000a"', 'a \\u escape where \\n is written'],
    ['"\\ud800"', 'a surrogate escape (refused, left to the slow path)'],
    ['{"é":1}', 'a non-ASCII key (left to the slow path)'],
    ['"\t"', 'a raw control character'],
    ['[1,]', 'not JSON'],
    ['"abc', 'an unterminated string'],
    [`${'['.repeat(70)}${']'.repeat(70)}`, 'deep nesting (left to the slow path)'],
  ])('refuses %s: %s', (text) => {
    expect(accepts(utf8.encode(text))).toBe(false);
  });

  it.each([
    [[0x22, 0xff, 0x22], 'an invalid byte'],
    [[0x22, 0xc0, 0x80, 0x22], 'an overlong encoding'],
    [[0x22, 0xed, 0xa0, 0x80, 0x22], 'an encoded surrogate'],
    [[0x22, 0xf4, 0x90, 0x80, 0x80, 0x22], 'a code point past U+10FFFF'],
    [[0x22, 0xe2, 0x82, 0x22], 'a truncated sequence'],
  ])('refuses malformed UTF-8: %j, %s', (bytes) => {
    expect(accepts(new Uint8Array(bytes))).toBe(false);
  });

  it.each([
    '{"a":1,"a!":2,"b":[true,false,null],"c":{}}',
    '"\\u0000\\u001f\\b\\t\\n\\f\\r\\"\\\\ \u007f \u2028 ä 😀"',
    '[0,-1,0.5,-0.000001,123456789012345,1e+21,5e-7,94796.34]',
  ])('accepts %s', (text) => {
    expect(accepts(utf8.encode(text))).toBe(true);
    soundIfAccepted(utf8.encode(text));
  });

  it('reads numbers as Number#toString writes them, and only those', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
          fc
            .tuple(fc.stringMatching(/^-?(0|[1-9][0-9]{0,17})$/), fc.stringMatching(/^(\.[0-9]{1,18})?$/))
            .map(([int, frac]) => int + frac),
        ),
        (text) => {
          const bytes = utf8.encode(text);
          expect(accepts(bytes)).toBe(String(Number(text)) === text);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds the span of a top-level member', () => {
    const bytes = utf8.encode('{"a":{"eventId":"inner"},"eventId":"01J","z":[1]}');
    const found = new Int32Array(2);
    expect(canonicalJsonEnd(bytes, 0, bytes.length, utf8.encode('"eventId"'), found)).toBe(bytes.length);
    expect(new TextDecoder().decode(bytes.subarray(found[0], found[1]))).toBe('"01J"');
    const none = utf8.encode('{"a":{"eventId":"inner"}}');
    canonicalJsonEnd(none, 0, none.length, utf8.encode('"eventId"'), found);
    expect([...found]).toEqual([-1, -1]);
  });
});
