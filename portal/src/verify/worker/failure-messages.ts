// The verifier's failure reasons and the receipt checks' reasons as catalogue message ids, so the
// page names what is wrong in the reader's language and never shows the library's English.
import type { ReceiptFailure } from '../../../../shared/receipts/verify-receipt.ts';
import type { FailureReason } from '../../../../shared/tlog/index.ts';

export const failureMessages: Record<FailureReason, string> = {
  'malformed bundle': 'verify.failure.malformedBundle',
  'pinned key not in bundle': 'verify.failure.pinnedKeyNotInBundle',
  'bundle key differs from pinned key': 'verify.failure.bundleKeyDiffers',
  'malformed checkpoint': 'verify.failure.malformedCheckpoint',
  'unknown key name': 'verify.failure.unknownKeyName',
  'key id mismatch': 'verify.failure.keyIdMismatch',
  'bad signature': 'verify.failure.badSignature',
  'origin mismatch': 'verify.failure.originMismatch',
  'checkpoints out of order': 'verify.failure.checkpointsOutOfOrder',
  'missing consistency proof': 'verify.failure.missingConsistencyProof',
  'consistency proof failed': 'verify.failure.consistencyProofFailed',
  'no checkpoint for tree size': 'verify.failure.noCheckpointForTreeSize',
  'malformed entry': 'verify.failure.malformedEntry',
  'sequence number mismatch': 'verify.failure.sequenceNumberMismatch',
  'leaf hash mismatch': 'verify.failure.leafHashMismatch',
  'root mismatch': 'verify.failure.rootMismatch',
  'missing entries': 'verify.failure.missingEntries',
  'leaf index out of range': 'verify.failure.leafIndexOutOfRange',
  'inclusion proof failed': 'verify.failure.inclusionProofFailed',
  'revealed event missing': 'verify.failure.revealedEventMissing',
  'revealed event not in scope': 'verify.failure.revealedEventNotInScope',
  'revealed event mismatch': 'verify.failure.revealedEventMismatch',
  'minutes signature invalid': 'verify.failure.minutesSignatureInvalid',
  'receipt not found': 'verify.receipt.notInLog',
  'receipt not covered by a checkpoint': 'verify.receipt.notCovered',
};

export const receiptMessages: Record<ReceiptFailure | 'not-json', string> = {
  'not-json': 'verify.receipt.notJson',
  'malformed-receipt': 'verify.receipt.malformed',
  'bad-public-key': 'verify.receipt.badKey',
  'key-mismatch': 'verify.receipt.keyMismatch',
  'bad-signature': 'verify.receipt.badSignature',
};
