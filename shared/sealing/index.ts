// Public API of the bid sealing library. Runs unchanged in browsers and Node 24: WebCrypto and
// web streams only. See README.md for the format.

export type { JsonValue } from '../canonical/canonical-json.ts';
export type { BidBinding } from './binding.ts';
export { documentPart, FORMAT_LABEL, MANIFEST_PART, PRICE_FORM_PART, partAssociatedData } from './binding.ts';
export { fromBase64Url, toBase64Url, toHex } from './bytes.ts';
export type { ConfirmationStatement } from './confirmation.ts';
export {
  CONFIRMATION_STATEMENT_LABEL,
  confirmationStatementBytes,
  signConfirmation,
  verifyConfirmation,
} from './confirmation.ts';
export type { HashedStream } from './digest-stream.ts';
export { sha256OfStream, withSha256 } from './digest-stream.ts';
export type { EnvelopeHeader, EnvelopePart } from './envelope-header.ts';
export {
  MAX_DOCUMENT_SIZE,
  MAX_DOCUMENTS,
  MAX_PRICE_FORM_SIZE,
  readEnvelopeHeader,
} from './envelope-header.ts';
export * from './errors.ts';
export type { P256PublicJwk } from './jwk.ts';
export { jwkThumbprint } from './jwk.ts';
export type { EnvelopeKeys } from './key-schedule.ts';
export type { DocumentDescription } from './manifest.ts';
export type {
  OpenDocumentParams,
  OpenedDocumentEntry,
  OpenedPriceForm,
  OpeningContext,
  UnlockedEnvelope,
} from './open-bid.ts';
export { openDocument, openManifest, openPriceForm, unlockEnvelope } from './open-bid.ts';
export type { OpeningKeyPair, OpeningPrivateKey, OpeningPublicKey } from './opening-keys.ts';
export { generateOpeningKeyPair, importOpeningPrivateKey, importOpeningPublicKey } from './opening-keys.ts';
export type { DocumentInput, SealBidInput, SealedBid } from './seal-bid.ts';
export { sealBid } from './seal-bid.ts';
export { Sha256, sha256 } from './sha256.ts';
export type { SigningKeyPair, SubmissionStatement } from './signatures.ts';
export {
  generateSigningKeyPair,
  signSubmission,
  submissionStatementBytes,
  verifySubmission,
} from './signatures.ts';
export type { OpenStreamParams, StreamParams } from './stream-aead.ts';
export { openBytes, openStream, sealBytes, sealStream } from './stream-aead.ts';
export type { StreamKey } from './stream-format.ts';
export { DEFAULT_CHUNK_SIZE, NONCE_PREFIX_LENGTH, sealedLength, TAG_LENGTH } from './stream-format.ts';
