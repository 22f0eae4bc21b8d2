// Pins the byte-level encodings an opener in another language (or a later version of this code)
// must reproduce. A change here breaks every envelope already stored, so it must be deliberate.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindingStatement, partAssociatedData } from '../../shared/sealing/binding.ts';
import { toHex } from '../../shared/sealing/bytes.ts';
import { chunkNonce, plaintextLength, sealedLength } from '../../shared/sealing/stream-format.ts';

const binding = { tenderId: 'T-1', lotId: 'L|1', contractorId: 'C "1"' };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('format encodings', () => {
  it('associated data is RFC 8785 JSON of the binding and part', () => {
    expect(text(partAssociatedData(binding, 'document:3'))).toBe(
      '{"contractorId":"C \\"1\\"","format":"eproc-seal-v1","lotId":"L|1","part":"document:3","tenderId":"T-1"}',
    );
    expect(text(bindingStatement(binding))).toBe(
      '{"contractorId":"C \\"1\\"","format":"eproc-seal-v1","lotId":"L|1","tenderId":"T-1"}',
    );
  });

  it('chunk nonces are prefix || u32be(index) || last flag', () => {
    const prefix = Uint8Array.from([1, 2, 3, 4, 5, 6, 7]);
    expect(toHex(chunkNonce(prefix, 0x01020304, false))).toBe('010203040506070102030400');
    expect(toHex(chunkNonce(prefix, 0, true))).toBe('010203040506070000000001');
    expect(() => chunkNonce(prefix, 2 ** 32, false)).toThrow(RangeError);
  });

  it('sealed length adds one 16-byte tag per chunk, at least one chunk, and is invertible', () => {
    expect(sealedLength(0, 1024)).toBe(16);
    expect(sealedLength(1024, 1024)).toBe(1040);
    expect(sealedLength(1025, 1024)).toBe(1057);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 70_000 }),
        (length, chunkSize) => {
          expect(plaintextLength(sealedLength(length, chunkSize), chunkSize)).toBe(length);
        },
      ),
    );
    expect(plaintextLength(1024 + 16 + 5, 1024)).toBeUndefined();
    expect(plaintextLength(15, 1024)).toBeUndefined();
  });
});
