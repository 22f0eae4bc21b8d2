import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../shared/sealing/bytes.ts';
import { sha256OfStream, withSha256 } from '../../shared/sealing/digest-stream.ts';
import { Sha256, sha256 } from '../../shared/sealing/sha256.ts';
import { collect, streamOf } from './stream-helpers.ts';

const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Sha256', () => {
  // FIPS 180-4 / NIST CAVP example vectors.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes %j to the published digest', (message, digest) => {
    expect(toHex(sha256(utf8(message)))).toBe(digest);
  });

  it('hashes one million "a" fed in uneven pieces', () => {
    const hash = new Sha256();
    const piece = utf8('a'.repeat(997));
    let left = 1_000_000;
    while (left > 0) {
      const n = Math.min(left, piece.length);
      hash.update(piece.subarray(0, n));
      left -= n;
    }
    expect(toHex(hash.digest())).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('handles every length around the 55/56/64-byte padding boundaries like node:crypto', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(toHex(sha256(bytes)), `length ${length}`).toBe(nodeSha256(bytes));
    }
  });

  it('matches node:crypto for random data split into random updates', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 5000 }),
        // Empty updates stay in the mix, but some cut must be non-empty or the loop never ends.
        fc
          .array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 20 })
          .filter((cuts) => cuts.some((n) => n > 0)),
        (bytes, cuts) => {
          const hash = new Sha256();
          let offset = 0;
          for (let turn = 0; offset < bytes.length; turn++) {
            const n = cuts[turn % cuts.length] as number;
            hash.update(bytes.subarray(offset, offset + n));
            offset += n;
          }
          expect(toHex(hash.digest())).toBe(nodeSha256(bytes));
        },
      ),
    );
  });

  it('refuses to be used after digest()', () => {
    const hash = new Sha256();
    hash.digest();
    expect(() => hash.update(new Uint8Array(1))).toThrow();
    expect(() => hash.digest()).toThrow();
  });
});

describe('stream hashing', () => {
  it('sha256OfStream equals node:crypto over the concatenated chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 20000 }),
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 5 }),
        async (bytes, pieces) => {
          expect(toHex(await sha256OfStream(streamOf(bytes, pieces)))).toBe(nodeSha256(bytes));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('withSha256 passes bytes through unchanged and resolves the digest at the end', async () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
    const { stream, digest } = withSha256(streamOf(bytes, [333, 4096]));
    expect(await collect(stream)).toEqual(bytes);
    expect(toHex(await digest)).toBe(nodeSha256(bytes));
  });

  it('withSha256 rejects the digest when the stream is cancelled or fails', async () => {
    const cancelled = withSha256(streamOf(new Uint8Array(10)));
    await cancelled.stream.cancel(new Error('client went away'));
    await expect(cancelled.digest).rejects.toThrow('client went away');

    const failing = withSha256(
      new ReadableStream({
        start(controller) {
          controller.error(new Error('disk error'));
        },
      }),
    );
    await expect(collect(failing.stream)).rejects.toThrow('disk error');
    await expect(failing.digest).rejects.toThrow('disk error');
  });
});
