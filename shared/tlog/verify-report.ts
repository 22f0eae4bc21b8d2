// The verifier's report types, and the plumbing the stages share to fail with one of them.

import { fromBase64 } from './bytes.ts';
import type { PublicKeyInput } from './ecdsa-p256.ts';
import type { Hash } from './hash.ts';
import { HASH_SIZE } from './hash.ts';
import type { LeafRange } from './proof-ranges.ts';
import type { Receipt, ReceiptMatcher } from './receipts.ts';

export type VerifyStage = 'checkpoints' | 'consistency' | 'inclusion' | 'entries' | 'reveal' | 'receipts';

export interface VerifyProgress {
  readonly stage: VerifyStage;
  readonly done: number;
  readonly total: number;
}

/** A key name with its key, or a bare key whose name is looked up in the bundle's key list. */
export type PinnedKey = PublicKeyInput | { readonly name: string; readonly publicKey: PublicKeyInput };

export interface VerifyOptions<R = Receipt> {
  readonly pinnedPublicKey: PinnedKey;
  /** The log origin expected on every checkpoint; defaults to the bundle's own origin field. */
  readonly origin?: string;
  readonly receipts?: readonly R[];
  readonly receiptMatches?: ReceiptMatcher<R>;
  readonly onProgress?: (progress: VerifyProgress) => void;
}

export type FailureReason =
  | 'malformed bundle'
  | 'pinned key not in bundle'
  | 'bundle key differs from pinned key'
  | 'malformed checkpoint'
  | 'unknown key name'
  | 'key id mismatch'
  | 'bad signature'
  | 'origin mismatch'
  | 'checkpoints out of order'
  | 'missing consistency proof'
  | 'consistency proof failed'
  | 'no checkpoint for tree size'
  | 'malformed entry'
  | 'sequence number mismatch'
  | 'leaf hash mismatch'
  | 'root mismatch'
  | 'missing entries'
  | 'leaf index out of range'
  | 'inclusion proof failed'
  | 'revealed event missing'
  | 'revealed event not in scope'
  | 'revealed event mismatch'
  | 'minutes signature invalid'
  | 'receipt not found'
  | 'receipt not covered by a checkpoint';

export interface VerifyFailure {
  readonly ok: false;
  readonly reason: FailureReason;
  readonly detail: string;
  /** The first bad entry, when the evidence pins it to one index. */
  readonly index?: number;
  /** For a root mismatch: the entries that must hold the first bad one. */
  readonly range?: LeafRange;
  /** Positions in the bundle's arrays (or in options.receipts) of the failing item. */
  readonly checkpoint?: number;
  readonly consistencyProof?: number;
  readonly inclusionProof?: number;
  readonly receipt?: number;
}

export interface VerifySuccess {
  readonly ok: true;
  readonly origin: string;
  readonly keyName: string;
  /** Size and base64 root of the latest checkpoint (0 and the empty root when there is none). */
  readonly treeSize: number;
  readonly rootHash: string;
  readonly entries: number;
  /** Entries after the latest checkpoint: present but not yet vouched for by any signature. */
  readonly uncoveredEntries: number;
  readonly checkpoints: number;
  readonly consistencyProofs: number;
  readonly inclusionProofs: number;
  /** An opened tender's bundle: its bid entries tied to it by the signed minutes. */
  readonly revealed?: { readonly tenderId: string; readonly events: number; readonly bidVersions: number };
  /** For each receipt, in order, the index of the entry it matched. */
  readonly receipts: readonly { readonly receipt: number; readonly index: number }[];
}

export type VerifyReport = VerifySuccess | VerifyFailure;

export type Failure = Omit<VerifyFailure, 'ok'>;

/** Thrown inside the stages and turned into the report, so each check can bail out in one line. */
export class Failed extends Error {
  readonly failure: Failure;

  constructor(failure: Failure) {
    super(failure.detail);
    this.failure = failure;
  }
}

export const fail = (failure: Failure): never => {
  throw new Failed(failure);
};

/** How often, in items, long stages report progress. */
export const PROGRESS_EVERY = 4096;

export type ProgressFor = (stage: VerifyStage, total: number) => (done: number) => void;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isSize = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

export function decodeHashes(hashes: unknown, where: string): Hash[] {
  if (!Array.isArray(hashes))
    return fail({ reason: 'malformed bundle', detail: `${where} has no hash list` });
  return hashes.map((text) => {
    const hash = typeof text === 'string' ? fromBase64(text) : undefined;
    if (hash?.byteLength !== HASH_SIZE) {
      return fail({
        reason: 'malformed bundle',
        detail: `${where} holds something that is not a base64 hash`,
      });
    }
    return hash;
  });
}
