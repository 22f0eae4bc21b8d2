// Public API of the tamper-evident log library; see README.md for the formats.
export type {
  AuditBundle,
  BundleConsistencyProof,
  BundleEntry,
  BundleInclusionProof,
  BundlePublicKey,
  BundleReveal,
  CreateBundleInput,
} from './bundle.ts';
export { BUNDLE_FORMAT, bundlePublicKey, createBundle } from './bundle.ts';
export { fromBase64, toBase64 } from './bytes.ts';
export type { Checkpoint, OpenedCheckpoint } from './checkpoint.ts';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
export { CompactRange, rootFromLeafHashes } from './compact-range.ts';
export type { PublicKeyInput } from './ecdsa-p256.ts';
export {
  ECDSA_P256_SIGNATURE_TYPE,
  ecdsaP256KeyId,
  ecdsaP256RemoteSigner,
  ecdsaP256Signer,
  ecdsaP256Verifier,
  spkiDer,
  spkiPem,
} from './ecdsa-p256.ts';
export type { Hash } from './hash.ts';
export { copyHash, emptyRoot, entryBytes, entryLeafHash, HASH_SIZE, leafHash, nodeHash } from './hash.ts';
export type { AuthenticSubtree } from './locate-bad-leaf.ts';
export { locateFirstBadLeaf } from './locate-bad-leaf.ts';
export { MerkleTree } from './merkle-tree.ts';
export type { NoteErrorCode } from './note-error.ts';
export { NoteError } from './note-error.ts';
export type { LeafRange } from './proof-ranges.ts';
export { consistencyProofRanges, inclusionProofRanges } from './proof-ranges.ts';
export type { EntryView, Receipt, ReceiptMatcher } from './receipts.ts';
export { receiptMatches } from './receipts.ts';
export type { NoteSignature, NoteSigner, NoteVerifier, OpenedNote, ParsedNote } from './signed-note.ts';
export { isValidKeyName, MAX_NOTE_SIGNATURES, openNote, parseNote, signNote } from './signed-note.ts';
export type { TenderCommitmentInput } from './tender-commitment.ts';
export {
  newTenderSalt,
  TENDER_COMMITMENT_LABEL,
  TENDER_SALT_BYTES,
  tenderCommitment,
} from './tender-commitment.ts';
export { verifyBundle } from './verify-bundle.ts';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify-proofs.ts';
export type {
  FailureReason,
  PinnedKey,
  VerifyFailure,
  VerifyOptions,
  VerifyProgress,
  VerifyReport,
  VerifyStage,
  VerifySuccess,
} from './verify-report.ts';
