import type { JsonValue } from '../canonical/canonical-json.ts';
import { type BidBinding, bindingStatement, checkBinding, partAssociatedData } from './binding.ts';
import { type Bytes, fromUtf8 } from './bytes.ts';
import { type EnvelopeHeader, type EnvelopePart, readEnvelopeHeader } from './envelope-header.ts';
import {
  BindingMismatchError,
  IncompleteEnvelopeError,
  InvalidInputError,
  MalformedEnvelopeError,
  TamperedHeaderError,
  WrongOpeningKeyError,
} from './errors.ts';
import { type EnvelopeKeys, openerKeySchedule } from './key-schedule.ts';
import { type DocumentDescription, decodeManifest } from './manifest.ts';
import type { OpeningPrivateKey } from './opening-keys.ts';
import type { SealingPrimitives } from './primitives.ts';
import { openBytes, openStream } from './stream-aead.ts';

export interface OpeningContext {
  readonly openingKey: OpeningPrivateKey;
  /** From the opener's own records (the submission row), never from the envelope. */
  readonly binding: BidBinding;
  /** WebCrypto unless given (the opener passes node:crypto's, shared/platform). */
  readonly primitives?: SealingPrimitives | undefined;
}

export interface UnlockedEnvelope {
  readonly header: EnvelopeHeader;
  readonly binding: BidBinding;
  readonly keys: EnvelopeKeys;
}

/**
 * Checks, in order, that the envelope is for this key, that its header is as sealed, and that it
 * was sealed for this tender/lot/contractor, so each failure gets its own error before any part
 * is decrypted.
 */
export async function unlockEnvelope(
  header: EnvelopeHeader,
  context: OpeningContext,
): Promise<UnlockedEnvelope> {
  const binding = checkBinding(context.binding);
  const keyId = context.openingKey.publicKey.keyId;
  if (header.recipientKeyId !== keyId) throw new WrongOpeningKeyError(header.recipientKeyId, keyId);
  const keys = await openerKeySchedule(
    context.openingKey,
    header.ephemeralPublicKey,
    header.salt,
    context.primitives,
  );
  if (!(await keys.headerMacKey.verify(header.mac, header.authenticated))) throw new TamperedHeaderError();
  if (!(await keys.bindingKey.verify(header.bindingCheck, bindingStatement(binding)))) {
    throw new BindingMismatchError();
  }
  return { header, binding, keys };
}

async function openSmallPart(unlocked: UnlockedEnvelope, part: EnvelopePart, envelopePrefix: Uint8Array) {
  const end = part.offset + part.length;
  if (envelopePrefix.length < end) throw new IncompleteEnvelopeError(end, envelopePrefix.length);
  const { keys, binding, header } = unlocked;
  return openBytes(envelopePrefix.subarray(part.offset, end), {
    ...(await keys.partKey(part.name)),
    associatedData: partAssociatedData(binding, part.name),
    chunkSize: header.chunkSize,
    ciphertextLength: part.length,
  });
}

export interface OpenedPriceForm {
  readonly priceForm: JsonValue;
  readonly header: EnvelopeHeader;
}

/**
 * Needs only the envelope's first `header.priceForm.offset + header.priceForm.length` bytes
 * (an IncompleteEnvelopeError says how many when given fewer).
 */
export async function openPriceForm(
  context: OpeningContext,
  envelopePrefix: Uint8Array,
): Promise<OpenedPriceForm> {
  const header = readEnvelopeHeader(envelopePrefix);
  const unlocked = await unlockEnvelope(header, context);
  const plaintext = await openSmallPart(unlocked, header.priceForm, envelopePrefix);
  return { priceForm: parseJson(plaintext, 'price form'), header };
}

export interface OpenedDocumentEntry extends DocumentDescription {
  readonly index: number;
  /** Where the sealed document lies in the envelope, for a ranged GET. */
  readonly offset: number;
  readonly sealedLength: number;
}

/** Needs the envelope's first `header.prefixLength` bytes. */
export async function openManifest(
  context: OpeningContext,
  envelopePrefix: Uint8Array,
): Promise<OpenedDocumentEntry[]> {
  const header = readEnvelopeHeader(envelopePrefix);
  const unlocked = await unlockEnvelope(header, context);
  const documents = decodeManifest(await openSmallPart(unlocked, header.manifest, envelopePrefix));
  if (documents.length !== header.documents.length) {
    throw new MalformedEnvelopeError('manifest and header disagree on the number of documents');
  }
  return documents.map((description, index) => {
    const part = header.documents[index] as EnvelopePart;
    if (part.plaintextLength !== description.size) {
      throw new MalformedEnvelopeError(`manifest and header disagree on the size of document ${index}`);
    }
    return { ...description, index, offset: part.offset, sealedLength: part.length };
  });
}

export interface OpenDocumentParams extends OpeningContext {
  readonly header: EnvelopeHeader;
  readonly index: number;
  /** Exactly the document's sealed bytes: envelope range [offset, offset + length). */
  readonly ciphertext: ReadableStream<Uint8Array>;
}

/**
 * Resolves once the envelope checks pass; the returned stream then fails with a typed error on
 * the first chunk that does not authenticate. Only a stream that closes cleanly is the document.
 */
export async function openDocument(params: OpenDocumentParams): Promise<ReadableStream<Bytes>> {
  const { header, index } = params;
  const part = header.documents[index];
  if (!Number.isInteger(index) || !part) throw new InvalidInputError(`envelope has no document ${index}`);
  const { keys, binding } = await unlockEnvelope(header, params);
  return openStream(params.ciphertext, {
    ...(await keys.partKey(part.name)),
    associatedData: partAssociatedData(binding, part.name),
    chunkSize: header.chunkSize,
    ciphertextLength: part.length,
  });
}

function parseJson(bytes: Uint8Array, what: string): JsonValue {
  try {
    return JSON.parse(fromUtf8(bytes)) as JsonValue;
  } catch {
    throw new MalformedEnvelopeError(`${what} is not valid UTF-8 JSON`);
  }
}
