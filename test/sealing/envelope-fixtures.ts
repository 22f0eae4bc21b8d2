import type { JsonValue } from '../../shared/canonical/canonical-json.ts';
import { importOpeningPrivateKeyForNode } from '../../shared/opening/node-sealing-primitives.ts';
import type { BidBinding } from '../../shared/sealing/binding.ts';
import { generateOpeningKeyPair, type OpeningPrivateKey } from '../../shared/sealing/opening-keys.ts';
import { type SealedBid, sealBid } from '../../shared/sealing/seal-bid.ts';
import { collect, randomBytes, streamOf } from './stream-helpers.ts';

export const binding: BidBinding = { tenderId: 'T-2026-0042', lotId: 'lot-1', contractorId: 'C-1001' };

export interface DocumentFixture {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export async function openingKeys() {
  const pair = await generateOpeningKeyPair();
  // Usable by both primitives (the opener's node:crypto ECDH needs its own handle).
  const openingKey: OpeningPrivateKey = await importOpeningPrivateKeyForNode(pair.privateKeyPkcs8);
  return { pair, openingKey };
}

export function documents(...sizes: number[]): DocumentFixture[] {
  return sizes.map((size, i) => ({
    name: `doc-${i}.pdf`,
    contentType: 'application/pdf',
    bytes: randomBytes(size),
  }));
}

export async function sealToBytes(options: {
  publicKey: Parameters<typeof sealBid>[0]['tenderPublicKey'];
  priceForm?: JsonValue;
  documents?: readonly DocumentFixture[];
  chunkSize?: number;
  binding?: BidBinding;
}): Promise<{ envelope: Uint8Array; sealed: SealedBid }> {
  const sealed = await sealBid({
    ...(options.binding ?? binding),
    tenderPublicKey: options.publicKey,
    priceForm:
      'priceForm' in options ? (options.priceForm as JsonValue) : { currency: 'EUR', total: '1000.00' },
    documents: (options.documents ?? []).map((d) => ({
      name: d.name,
      contentType: d.contentType,
      size: d.bytes.length,
      stream: streamOf(d.bytes, [1000, 333]),
    })),
    chunkSize: options.chunkSize ?? 1024,
  });
  return { envelope: await collect(sealed.stream), sealed };
}

/** What an S3 ranged GET of [offset, offset + length) would return, as a stream. */
export function range(envelope: Uint8Array, offset: number, length: number): ReadableStream<Uint8Array> {
  return streamOf(envelope.subarray(offset, offset + length), [700, 2048]);
}
