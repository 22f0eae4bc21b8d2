// The browser's stand-in for node:crypto (portal/src/shims/node-crypto.ts) hashes exactly as
// node:crypto does, at every length around the SHA-256 block and padding boundaries and beyond.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash, sha256 } from '../../portal/src/shims/node-crypto.ts';

const node = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

describe('the browser SHA-256 shim', () => {
  it('matches node:crypto for every length up to three blocks', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(sha256(data), `length ${length}`).toEqual(node(data));
    }
  });
  it('matches node:crypto on random inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        expect(hash('sha256', data, 'buffer')).toEqual(node(data));
      }),
    );
  });
  it('refuses what it does not implement', () => {
    expect(() => hash('sha512', new Uint8Array(), 'buffer')).toThrow(/only hash\('sha256'/);
  });
});
