import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../shared/canonical/canonical-json.ts';
import { utf8 } from '../../shared/sealing/bytes.ts';
import { readEnvelopeHeader } from '../../shared/sealing/envelope-header.ts';
import {
  DocumentSizeMismatchError,
  IncompleteEnvelopeError,
  InvalidInputError,
} from '../../shared/sealing/errors.ts';
import { openDocument, openManifest, openPriceForm } from '../../shared/sealing/open-bid.ts';
import { sealBid } from '../../shared/sealing/seal-bid.ts';
import { sealedLength } from '../../shared/sealing/stream-format.ts';
import { binding, documents, openingKeys, range, sealToBytes } from './envelope-fixtures.ts';
import { collect, containsSequence, randomBytes, streamError, streamOf } from './stream-helpers.ts';

const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const CS = 1024;

describe('sealed bid envelope', () => {
  it('roundtrips random price forms and documents of boundary sizes', async () => {
    const { pair, openingKey } = await openingKeys();
    const size = fc.oneof(
      fc.constantFrom(0, 1, CS - 1, CS, CS + 1, 2 * CS - 1, 2 * CS, 2 * CS + 1),
      fc.integer({ min: 0, max: 5000 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.array(size, { maxLength: 4 }), async (priceForm, sizes) => {
        const docs = documents(...sizes);
        const { envelope, sealed } = await sealToBytes({
          publicKey: pair.publicKeyJwk,
          priceForm: priceForm as JsonValue,
          documents: docs,
        });
        expect(envelope.length).toBe(sealed.size);
        expect(await sealed.sha256Hex).toBe(nodeSha256(envelope));

        const context = { openingKey, binding };
        const prefix = envelope.slice(0, sealed.header.prefixLength);
        const opened = await openPriceForm(context, prefix);
        expect(opened.priceForm).toEqual(JSON.parse(canonicalJson(priceForm)));

        const manifest = await openManifest(context, prefix);
        expect(manifest.map(({ name, contentType, size }) => ({ name, contentType, size }))).toEqual(
          docs.map((d) => ({ name: d.name, contentType: d.contentType, size: d.bytes.length })),
        );
        for (const entry of manifest) {
          expect(entry.sealedLength).toBe(sealedLength(entry.size, CS));
          const plaintext = await openDocument({
            ...context,
            header: opened.header,
            index: entry.index,
            ciphertext: range(envelope, entry.offset, entry.sealedLength),
          });
          expect(await collect(plaintext)).toEqual(docs[entry.index]?.bytes);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('roundtrips a multi-megabyte document with the default 64 KiB chunks', async () => {
    const { pair, openingKey } = await openingKeys();
    const doc = documents(3 * 1024 * 1024 + 17);
    const { envelope, sealed } = await sealToBytes({
      publicKey: pair.publicKeyRaw,
      documents: doc,
      chunkSize: 65536,
    });
    expect(await sealed.sha256Hex).toBe(nodeSha256(envelope));
    const { offset, length } = sealed.header.documents[0] ?? { offset: 0, length: 0 };
    const stream = await openDocument({
      openingKey,
      binding,
      header: sealed.header,
      index: 0,
      ciphertext: range(envelope, offset, length),
    });
    expect(await collect(stream)).toEqual(doc[0]?.bytes);
  });

  it('opens the price form from the first bytes alone, and says how many bytes it needs', async () => {
    const { pair, openingKey } = await openingKeys();
    const { envelope, sealed } = await sealToBytes({
      publicKey: pair.publicKeyJwk,
      priceForm: { total: '42.00' },
      documents: documents(50_000, 70_000),
    });
    const { header } = sealed;
    const priceFormEnd = header.priceForm.offset + header.priceForm.length;
    expect(priceFormEnd).toBeLessThan(2048);

    expect(() => readEnvelopeHeader(envelope.subarray(0, 4))).toThrow(IncompleteEnvelopeError);
    const needed = (() => {
      try {
        readEnvelopeHeader(envelope.subarray(0, 9));
      } catch (error) {
        return (error as IncompleteEnvelopeError).bytesNeeded;
      }
    })();
    expect(needed).toBe(header.headerLength);
    expect(readEnvelopeHeader(envelope.subarray(0, header.headerLength)).totalLength).toBe(envelope.length);

    const context = { openingKey, binding };
    await expect(openPriceForm(context, envelope.subarray(0, header.headerLength))).rejects.toMatchObject({
      code: 'INCOMPLETE_ENVELOPE',
      bytesNeeded: priceFormEnd,
    });
    const opened = await openPriceForm(context, envelope.slice(0, priceFormEnd));
    expect(opened.priceForm).toEqual({ total: '42.00' });
  });

  it('streams: no document is read before the envelope stream reaches it', async () => {
    const { pair } = await openingKeys();
    let pulls = 0;
    // highWaterMark 0: the source itself prefetches nothing, so every pull is one we caused.
    const lazyDocument = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(new Uint8Array(CS));
          if (pulls === 100) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const sealed = await sealBid({
      ...binding,
      tenderPublicKey: pair.publicKeyJwk,
      priceForm: { total: '1' },
      documents: [
        { name: 'big.bin', contentType: 'application/octet-stream', size: 100 * CS, stream: lazyDocument },
      ],
      chunkSize: CS,
    });
    const reader = sealed.stream.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBe(sealed.header.prefixLength);
    expect(pulls).toBe(0);
    await reader.read();
    expect(pulls).toBeGreaterThan(0);
    expect(pulls).toBeLessThan(10);
    await reader.cancel();
  });

  it('never contains the plaintext price, document bytes, names or content types', async () => {
    const { pair } = await openingKeys();
    const docs = [
      {
        name: 'alternative-offer-with-discount.pdf',
        contentType: 'application/x-secret-offer',
        bytes: randomBytes(3000),
      },
    ];
    const priceForm = { total: '98765432.10', currency: 'EUR', note: 'our lowest price ever' };
    const { envelope } = await sealToBytes({ publicKey: pair.publicKeyJwk, priceForm, documents: docs });
    for (const secret of [
      '98765432.10',
      'our lowest price ever',
      docs[0]?.name ?? '',
      docs[0]?.contentType ?? '',
    ]) {
      expect(containsSequence(envelope, utf8(secret)), secret).toBe(false);
    }
    const docBytes = docs[0]?.bytes ?? new Uint8Array();
    for (let i = 0; i + 16 <= docBytes.length; i += 16) {
      expect(containsSequence(envelope, docBytes.subarray(i, i + 16))).toBe(false);
    }
  });

  it('errors the envelope stream when a document delivers more or fewer bytes than declared', async () => {
    const { pair } = await openingKeys();
    for (const actual of [99, 101]) {
      const sealed = await sealBid({
        ...binding,
        tenderPublicKey: pair.publicKeyJwk,
        priceForm: {},
        documents: [
          { name: 'a.txt', contentType: 'text/plain', size: 100, stream: streamOf(randomBytes(actual)) },
        ],
        chunkSize: CS,
      });
      const error = await streamError(sealed.stream);
      expect(error).toBeInstanceOf(DocumentSizeMismatchError);
      await expect(sealed.sha256Hex).rejects.toBeInstanceOf(DocumentSizeMismatchError);
    }
  });

  it('cancelling the envelope releases documents that were never read', async () => {
    const { pair } = await openingKeys();
    const cancelled: unknown[] = [];
    const doc = (size: number) =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new Uint8Array(size));
          controller.close();
        },
        cancel(reason) {
          cancelled.push(reason);
        },
      });
    const sealed = await sealBid({
      ...binding,
      tenderPublicKey: pair.publicKeyJwk,
      priceForm: {},
      documents: [
        { name: 'a', contentType: 'x/y', size: 10, stream: doc(10) },
        { name: 'b', contentType: 'x/y', size: 10, stream: doc(10) },
      ],
      chunkSize: CS,
    });
    await sealed.stream.cancel('upload aborted');
    expect(cancelled).toEqual(['upload aborted', 'upload aborted']);
  });

  it('rejects unusable input before producing anything', async () => {
    const { pair } = await openingKeys();
    const base = { ...binding, tenderPublicKey: pair.publicKeyJwk, priceForm: {}, documents: [] };
    await expect(sealBid({ ...base, tenderId: '' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(sealBid({ ...base, priceForm: { n: Number.NaN } })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      sealBid({
        ...base,
        documents: [{ name: '', contentType: 'a/b', size: 0, stream: streamOf(new Uint8Array()) }],
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(sealBid({ ...base, chunkSize: 1000 })).rejects.toThrow(RangeError);
  });
});
