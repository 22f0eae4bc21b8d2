import { canonicalJson, type JsonValue } from '../canonical/canonical-json.ts';
import {
  type BidBinding,
  bindingStatement,
  checkBinding,
  MANIFEST_PART,
  PRICE_FORM_PART,
  partAssociatedData,
} from './binding.ts';
import { type Bytes, concatBytes, toHex, utf8 } from './bytes.ts';
import { withSha256 } from './digest-stream.ts';
import {
  checkEnvelopeChunkSize,
  type EnvelopeHeader,
  encodeHeaderBody,
  MAX_PRICE_FORM_SIZE,
  partNames,
  readEnvelopeHeader,
} from './envelope-header.ts';
import { DocumentSizeMismatchError, InvalidInputError } from './errors.ts';
import type { P256PublicJwk } from './jwk.ts';
import { sealerKeySchedule } from './key-schedule.ts';
import { checkDocumentDescriptions, type DocumentDescription, encodeManifest } from './manifest.ts';
import { importOpeningPublicKey, type OpeningPublicKey } from './opening-keys.ts';
import { sealBytes, sealStream } from './stream-aead.ts';
import { DEFAULT_CHUNK_SIZE, sealedLength } from './stream-format.ts';

export interface DocumentInput extends DocumentDescription {
  /** Must yield exactly `size` bytes; it is read only when the envelope stream reaches it. */
  readonly stream: ReadableStream<Uint8Array>;
}

export interface SealBidInput extends BidBinding {
  /** The tender's published opening key: JWK, raw point (bytes or base64url), or an imported key. */
  readonly tenderPublicKey: OpeningPublicKey | P256PublicJwk | Uint8Array | string;
  readonly priceForm: JsonValue;
  readonly documents: readonly DocumentInput[];
  /** Power of two in [1 KiB, 1 MiB]; default 64 KiB. */
  readonly chunkSize?: number;
}

export interface SealedBid {
  /** The envelope, produced on demand: documents are read and sealed only as this is consumed. */
  readonly stream: ReadableStream<Uint8Array>;
  /** Exact length of `stream`, known before any document is read (usable as Content-Length). */
  readonly size: number;
  /** Lowercase hex SHA-256 of `stream`; resolves once the stream has been read to the end. */
  readonly sha256Hex: Promise<string>;
  readonly header: EnvelopeHeader;
}

function isImportedKey(key: SealBidInput['tenderPublicKey']): key is OpeningPublicKey {
  return typeof key === 'object' && 'key' in key && 'raw' in key && 'keyId' in key;
}

export async function sealBid(input: SealBidInput): Promise<SealedBid> {
  const binding = checkBinding(input);
  const chunkSize = checkEnvelopeChunkSize(input.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const descriptions = checkDocumentDescriptions(input.documents);
  const streams = input.documents.map((d, i) => {
    if (typeof d.stream?.getReader !== 'function') {
      throw new InvalidInputError(`document ${i}: stream is not a ReadableStream`);
    }
    return d.stream;
  });
  let priceFormText: string;
  try {
    priceFormText = canonicalJson(input.priceForm);
  } catch (error) {
    throw new InvalidInputError(`price form is not JSON: ${(error as Error).message}`);
  }
  const priceForm = utf8(priceFormText);
  if (priceForm.length > MAX_PRICE_FORM_SIZE) throw new InvalidInputError('price form exceeds 1 MiB');
  const manifest = encodeManifest(descriptions);

  const recipient = isImportedKey(input.tenderPublicKey)
    ? input.tenderPublicKey
    : await importOpeningPublicKey(input.tenderPublicKey);
  const { ephemeralPublicKey, salt, keys } = await sealerKeySchedule(recipient);

  const sealSmall = async (part: string, plaintext: Bytes) =>
    sealBytes(plaintext, {
      ...(await keys.partKey(part)),
      associatedData: partAssociatedData(binding, part),
      chunkSize,
    });
  const [sealedPriceForm, sealedManifest, bindingCheck] = await Promise.all([
    sealSmall(PRICE_FORM_PART, priceForm),
    sealSmall(MANIFEST_PART, manifest),
    keys.bindingKey.sign(bindingStatement(binding)),
  ]);

  const body = encodeHeaderBody({
    recipientKeyId: recipient.keyId,
    ephemeralPublicKey,
    salt,
    chunkSize,
    bindingCheck,
    partLengths: [
      sealedPriceForm.length,
      sealedManifest.length,
      ...descriptions.map((d) => sealedLength(d.size, chunkSize)),
    ],
  });
  const mac = await keys.headerMacKey.sign(body);
  const prefix = concatBytes([body, mac, sealedPriceForm, sealedManifest]);
  const header = readEnvelopeHeader(prefix);
  const names = partNames(descriptions.length);

  const sources: (() => Promise<ReadableStream<Uint8Array>>)[] = [
    async () => singleChunk(prefix),
    ...descriptions.map((description, i) => async () => {
      const part = names[i + 2] as string;
      return sealStream(exactLength(streams[i] as ReadableStream<Uint8Array>, description), {
        ...(await keys.partKey(part)),
        associatedData: partAssociatedData(binding, part),
        chunkSize,
      });
    }),
  ];
  const hashed = withSha256(concatStreams(sources, streams));
  const sha256Hex = hashed.digest.then(toHex);
  // Callers that abort an upload may never look at the digest; that must not crash the process.
  sha256Hex.catch(() => {});
  return { stream: hashed.stream, size: header.totalLength, sha256Hex, header };
}

function singleChunk(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The header already promised `size` bytes, so a document that delivers any other amount is fatal. */
function exactLength(
  source: ReadableStream<Uint8Array>,
  { name, size }: DocumentDescription,
): ReadableStream<Uint8Array> {
  let seen = 0;
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > size) throw new DocumentSizeMismatchError(name, size, seen);
        controller.enqueue(chunk);
      },
      flush() {
        if (seen !== size) throw new DocumentSizeMismatchError(name, size, seen);
      },
    }),
  );
}

/**
 * Reads the sources one after another, opening each only when the previous one is exhausted.
 * `pending` are the raw document streams, cancelled if the envelope is abandoned midway so their
 * underlying files or uploads are released.
 */
function concatStreams(
  sources: readonly (() => Promise<ReadableStream<Uint8Array>>)[],
  pending: readonly ReadableStream<Uint8Array>[],
): ReadableStream<Uint8Array> {
  let next = 0;
  let current: ReadableStreamDefaultReader<Uint8Array> | undefined;
  // A locked stream is the one being read; it is cancelled through its reader instead.
  const releaseUnstarted = (reason: unknown) =>
    Promise.allSettled(pending.map((stream) => (stream.locked ? undefined : stream.cancel(reason))));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          if (!current) {
            const source = sources[next++];
            if (!source) {
              controller.close();
              return;
            }
            current = (await source()).getReader();
          }
          const { done, value } = await current.read();
          if (!done) {
            controller.enqueue(value);
            return;
          }
          current = undefined;
        }
      } catch (error) {
        await releaseUnstarted(error);
        throw error;
      }
    },
    async cancel(reason) {
      await Promise.allSettled([current?.cancel(reason), releaseUnstarted(reason)]);
    },
  });
}
