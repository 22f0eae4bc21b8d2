import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSealingPrimitives } from '../../shared/opening/node-sealing-primitives.ts';
import type { BidBinding } from '../../shared/sealing/binding.ts';
import { concatBytes, fromUtf8, readU32be, utf8, writeU32be } from '../../shared/sealing/bytes.ts';
import { type EnvelopePart, readEnvelopeHeader } from '../../shared/sealing/envelope-header.ts';
import {
  BindingMismatchError,
  MalformedEnvelopeError,
  TamperedChunkError,
  TamperedHeaderError,
  TruncatedStreamError,
  UnsupportedFormatError,
  WrongOpeningKeyError,
} from '../../shared/sealing/errors.ts';
import { openDocument, openManifest, openPriceForm } from '../../shared/sealing/open-bid.ts';
import type { OpeningPrivateKey } from '../../shared/sealing/opening-keys.ts';
import type { SealingPrimitives } from '../../shared/sealing/primitives.ts';
import { webCryptoPrimitives } from '../../shared/sealing/web-primitives.ts';
import {
  binding,
  type DocumentFixture,
  documents,
  openingKeys,
  range,
  sealToBytes,
} from './envelope-fixtures.ts';
import { streamError } from './stream-helpers.ts';

let openingKey: OpeningPrivateKey;
let otherKey: OpeningPrivateKey;
let envelope: Uint8Array;
let docs: DocumentFixture[];

beforeAll(async () => {
  const keys = await openingKeys();
  openingKey = keys.openingKey;
  otherKey = (await openingKeys()).openingKey;
  docs = documents(3000, 3000, 2500);
  ({ envelope } = await sealToBytes({ publicKey: keys.pair.publicKeyJwk, documents: docs }));
});

/** Opens every part of `bytes` as `who`; resolves to the first error, or undefined if all opened. */
async function firstOpeningError(
  primitives: SealingPrimitives,
  bytes: Uint8Array,
  who: BidBinding = binding,
  key = openingKey,
) {
  try {
    const context = { openingKey: key, binding: who, primitives };
    const { header } = await openPriceForm(context, bytes);
    await openManifest(context, bytes);
    for (const part of header.documents) {
      const index = header.documents.indexOf(part);
      const ciphertext = range(bytes, part.offset, part.length);
      const error = await streamError(await openDocument({ ...context, header, index, ciphertext })).catch(
        () => undefined,
      );
      if (error) return error;
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Re-encodes the header JSON after `mutate`, keeping the original MAC. */
function rewriteHeader(bytes: Uint8Array, mutate: (header: Record<string, unknown>) => void): Uint8Array {
  const jsonLength = readU32be(bytes, 5);
  const json = JSON.parse(fromUtf8(bytes.subarray(9, 9 + jsonLength))) as Record<string, unknown>;
  mutate(json);
  const newJson = utf8(JSON.stringify(json));
  const fixed = bytes.slice(0, 9);
  writeU32be(fixed, 5, newJson.length);
  return concatBytes([fixed, newJson, bytes.subarray(9 + jsonLength)]);
}

// The opener opens with node:crypto, the tests of the format with WebCrypto: both must refuse alike.
describe.each([webCryptoPrimitives, nodeSealingPrimitives])(
  'opening a sealed bid with $name refuses',
  (primitives) => {
    const firstError = (bytes: Uint8Array, who?: BidBinding, key?: OpeningPrivateKey) =>
      firstOpeningError(primitives, bytes, who, key);

    it('nothing when everything is as sealed (control case)', async () => {
      expect(await firstError(envelope)).toBeUndefined();
    });

    it('a bid replayed into another tender, lot or contractor', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('tenderId', 'lotId', 'contractorId'),
          fc.string({ minLength: 1, maxLength: 20 }),
          async (field, value) => {
            fc.pre(value !== binding[field]);
            const error = await firstError(envelope, { ...binding, [field]: value });
            expect(error).toBeInstanceOf(BindingMismatchError);
          },
        ),
        { numRuns: 30 },
      );
    });

    it('a binding that only differs in how fields could be concatenated', async () => {
      const shifted = { tenderId: `${binding.tenderId}lot-`, lotId: '1', contractorId: binding.contractorId };
      expect(await firstError(envelope, shifted)).toBeInstanceOf(BindingMismatchError);
    });

    it('the wrong opening key, naming both key ids', async () => {
      const error = await firstError(envelope, binding, otherKey);
      expect(error).toBeInstanceOf(WrongOpeningKeyError);
      expect(error).toMatchObject({
        actualKeyId: otherKey.publicKey.keyId,
        expectedKeyId: openingKey.publicKey.keyId,
      });
    });

    it('any edit to the header fields', async () => {
      const edits: ((h: Record<string, unknown>) => void)[] = [
        (h) => {
          const salt = h.salt as string;
          h.salt = `${salt.slice(0, 10)}${salt[10] === 'A' ? 'B' : 'A'}${salt.slice(11)}`;
        },
        (h) => {
          const check = h.bindingCheck as string;
          h.bindingCheck = `${check[0] === 'A' ? 'B' : 'A'}${check.slice(1)}`;
        },
        (h) => {
          const parts = h.parts as { name: string; length: number }[];
          const [a, b] = [parts[2], parts[4]] as [{ length: number }, { length: number }];
          [a.length, b.length] = [b.length, a.length];
        },
      ];
      for (const edit of edits) {
        expect(await firstError(rewriteHeader(envelope, edit))).toBeInstanceOf(TamperedHeaderError);
      }
      const badMac = envelope.slice();
      const macAt = readEnvelopeHeader(envelope).headerLength - 1;
      badMac[macAt] = (badMac[macAt] as number) ^ 0x80;
      expect(await firstError(badMac)).toBeInstanceOf(TamperedHeaderError);
    });

    it('envelopes that are not this format or version', async () => {
      const badMagic = envelope.slice();
      badMagic[0] = 0;
      expect(await firstError(badMagic)).toBeInstanceOf(MalformedEnvelopeError);
      const badVersion = envelope.slice();
      badVersion[4] = 2;
      expect(await firstError(badVersion)).toBeInstanceOf(UnsupportedFormatError);
      const extraField = rewriteHeader(envelope, (h) => {
        h.comment = 'hi';
      });
      expect(await firstError(extraField)).toBeInstanceOf(MalformedEnvelopeError);
      const brokenJson = envelope.slice();
      brokenJson[9] = 0x7d;
      expect(await firstError(brokenJson)).toBeInstanceOf(MalformedEnvelopeError);
    });

    it('a flipped byte anywhere in the sealed parts, reported as the chunk that holds it', async () => {
      const header = readEnvelopeHeader(envelope);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: header.headerLength, max: envelope.length - 1 }), async (at) => {
          const tampered = envelope.slice();
          tampered[at] = (tampered[at] as number) ^ 1;
          const error = await firstError(tampered);
          expect(error).toBeInstanceOf(TamperedChunkError);
          const part = header.parts.find((p) => at >= p.offset && at < p.offset + p.length);
          expect((error as TamperedChunkError).chunkIndex).toBe(
            Math.floor((at - (part?.offset ?? 0)) / (1024 + 16)),
          );
        }),
        { numRuns: 30 },
      );
    });

    it('documents swapped between slots of the same envelope', async () => {
      const header = readEnvelopeHeader(envelope);
      const d0 = header.documents[0] as EnvelopePart;
      const d1 = header.documents[1] as EnvelopePart;
      expect(d0.length).toBe(d1.length);
      const swapped = envelope.slice();
      swapped.set(envelope.subarray(d1.offset, d1.offset + d1.length), d0.offset);
      swapped.set(envelope.subarray(d0.offset, d0.offset + d0.length), d1.offset);
      const error = await firstError(swapped);
      expect(error).toBeInstanceOf(TamperedChunkError);
      expect((error as TamperedChunkError).chunkIndex).toBe(0);
    });

    it('a truncated envelope: the last document misses its final chunk', async () => {
      const header = readEnvelopeHeader(envelope);
      const last = header.documents[header.documents.length - 1] as EnvelopePart;
      const context = { openingKey, binding, primitives };
      const cut = envelope.subarray(0, envelope.length - 100);
      const stream = await openDocument({
        ...context,
        header,
        index: header.documents.length - 1,
        ciphertext: range(cut, last.offset, last.length),
      });
      expect(await streamError(stream)).toBeInstanceOf(TruncatedStreamError);
    });
  },
);
