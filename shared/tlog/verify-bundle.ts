// Offline verification of an audit bundle against one pinned public key. Stages run in a fixed
// order (keys, checkpoints, consistency proofs, inclusion proofs, entries, receipts) and the first
// failure is returned, naming the entry index where the evidence pins one down.

import type { AuditBundle, BundleEntry } from './bundle.ts';
import { BUNDLE_FORMAT } from './bundle.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import type { Checkpoint } from './checkpoint.ts';
import { openCheckpoint } from './checkpoint.ts';
import { CompactRange } from './compact-range.ts';
import type { PublicKeyInput } from './ecdsa-p256.ts';
import { ecdsaP256Verifier, spkiDer } from './ecdsa-p256.ts';
import type { Hash } from './hash.ts';
import { emptyRoot, entryBytes, HASH_SIZE, leafHash } from './hash.ts';
import type { AuthenticSubtree } from './locate-bad-leaf.ts';
import { locateFirstBadLeaf } from './locate-bad-leaf.ts';
import { MerkleTree } from './merkle-tree.ts';
import { NoteError } from './note-error.ts';
import type { LeafRange } from './proof-ranges.ts';
import { consistencyProofRanges, inclusionProofRanges } from './proof-ranges.ts';
import type { EntryView, Receipt, ReceiptMatcher } from './receipts.ts';
import { receiptMatches as defaultReceiptMatches } from './receipts.ts';
import type { NoteVerifier } from './signed-note.ts';
import { verifyConsistency, verifyInclusion } from './verify-proofs.ts';

export type VerifyStage = 'checkpoints' | 'consistency' | 'inclusion' | 'entries' | 'receipts';

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
  /** For each receipt, in order, the index of the entry it matched. */
  readonly receipts: readonly { readonly receipt: number; readonly index: number }[];
}

export type VerifyReport = VerifySuccess | VerifyFailure;

type Failure = Omit<VerifyFailure, 'ok'>;

/** Thrown inside the stages and turned into the report, so each check can bail out in one line. */
class Failed extends Error {
  readonly failure: Failure;

  constructor(failure: Failure) {
    super(failure.detail);
    this.failure = failure;
  }
}

const fail = (failure: Failure): never => {
  throw new Failed(failure);
};

const PROGRESS_EVERY = 4096;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSize = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function decodeHashes(hashes: unknown, where: string): Hash[] {
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

function sameSpki(a: PublicKeyInput, b: PublicKeyInput): boolean {
  return Buffer.from(spkiDer(a)).equals(spkiDer(b));
}

function resolveVerifier(bundle: AuditBundle, pinned: PinnedKey): NoteVerifier {
  const listed = bundle.publicKeys.map((key, i) => {
    if (!isObject(key) || typeof key.name !== 'string' || typeof key.publicKey !== 'string') {
      return fail({ reason: 'malformed bundle', detail: `public key ${i} is not {name, publicKey}` });
    }
    return key;
  });
  const named = isObject(pinned) && 'name' in pinned && 'publicKey' in pinned;
  if (named) {
    const { name, publicKey } = pinned as { name: string; publicKey: PublicKeyInput };
    const differing = listed.find((key) => key.name === name && !safeSameSpki(key.publicKey, publicKey));
    if (differing !== undefined) {
      return fail({
        reason: 'bundle key differs from pinned key',
        detail: `the bundle lists another public key under the pinned name ${name}`,
      });
    }
    return ecdsaP256Verifier(name, publicKey);
  }
  const key = pinned as PublicKeyInput;
  const match = listed.find((entry) => safeSameSpki(entry.publicKey, key));
  if (match === undefined) {
    return fail({
      reason: 'pinned key not in bundle',
      detail: 'no public key in the bundle equals the pinned key, so its key name is unknown',
    });
  }
  return ecdsaP256Verifier(match.name, key);
}

function safeSameSpki(listed: string, pinned: PublicKeyInput): boolean {
  try {
    return sameSpki(listed, pinned);
  } catch {
    return fail({
      reason: 'malformed bundle',
      detail: 'a public key in the bundle is not a P-256 SPKI PEM key',
    });
  }
}

const noteReasons: Record<NoteError['code'], FailureReason> = {
  'malformed-note': 'malformed checkpoint',
  'malformed-checkpoint': 'malformed checkpoint',
  'unknown-key-name': 'unknown key name',
  'key-id-mismatch': 'key id mismatch',
  'bad-signature': 'bad signature',
};

function openCheckpoints(
  bundle: AuditBundle,
  verifier: NoteVerifier,
  origin: string,
  progress: (done: number) => void,
): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  for (const [i, note] of bundle.checkpoints.entries()) {
    let checkpoint: Checkpoint;
    try {
      checkpoint = openCheckpoint(note, verifier).checkpoint;
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      return fail({ reason: noteReasons[error.code], detail: error.message, checkpoint: i });
    }
    if (checkpoint.origin !== origin) {
      fail({
        reason: 'origin mismatch',
        detail: `checkpoint ${i} is for ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`,
        checkpoint: i,
      });
    }
    // Only one root is right for the empty tree, and it needs no entries to check.
    if (checkpoint.size === 0 && !Buffer.from(checkpoint.rootHash).equals(emptyRoot())) {
      fail({
        reason: 'root mismatch',
        detail: `checkpoint ${i} signs a non-empty root for size 0`,
        checkpoint: i,
      });
    }
    const previous = checkpoints[i - 1];
    if (previous !== undefined && checkpoint.size < previous.size) {
      fail({
        reason: 'checkpoints out of order',
        detail: `checkpoint ${i} (size ${checkpoint.size}) is smaller than the one before (size ${previous.size})`,
        checkpoint: i,
      });
    }
    checkpoints.push(checkpoint);
    progress(i + 1);
  }
  return checkpoints;
}

interface CheckedConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  readonly hashes: readonly Hash[];
}

/** Every consistency proof must join two checkpoints, and consecutive checkpoints must be joined. */
function checkConsistency(
  bundle: AuditBundle,
  checkpoints: readonly Checkpoint[],
  progress: (done: number) => void,
): CheckedConsistencyProof[] {
  const rootsBySize = new Map(checkpoints.map((c) => [c.size, c.rootHash]));
  const checked = bundle.consistencyProofs.map((proof, i): CheckedConsistencyProof => {
    const where = `consistency proof ${i}`;
    if (!isObject(proof) || !isSize(proof.fromSize) || !isSize(proof.toSize)) {
      return fail({
        reason: 'malformed bundle',
        detail: `${where} lacks its tree sizes`,
        consistencyProof: i,
      });
    }
    const { fromSize, toSize } = proof;
    const hashes = decodeHashes(proof.hashes, where);
    const [oldRoot, newRoot] = [rootsBySize.get(fromSize), rootsBySize.get(toSize)];
    if (oldRoot === undefined || newRoot === undefined) {
      return fail({
        reason: 'no checkpoint for tree size',
        detail: `${where} joins sizes ${fromSize} and ${toSize}, which are not both checkpoint sizes`,
        consistencyProof: i,
      });
    }
    if (!verifyConsistency(fromSize, toSize, hashes, oldRoot, newRoot)) {
      return fail({
        reason: 'consistency proof failed',
        detail: `${where} does not show the checkpoint at size ${toSize} extending the one at size ${fromSize}`,
        consistencyProof: i,
        checkpoint: checkpoints.findIndex((c) => c.size === toSize),
      });
    }
    progress(i + 1);
    return { fromSize, toSize, hashes };
  });
  for (let i = 1; i < checkpoints.length; i++) {
    const [from, to] = [(checkpoints[i - 1] as Checkpoint).size, (checkpoints[i] as Checkpoint).size];
    if (!checked.some((p) => p.fromSize === from && p.toSize === to)) {
      fail({
        reason: 'missing consistency proof',
        detail: `no consistency proof from checkpoint ${i - 1} (size ${from}) to checkpoint ${i} (size ${to})`,
        checkpoint: i,
      });
    }
  }
  return checked;
}

interface CheckedInclusionProof {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: Hash;
  readonly hashes: readonly Hash[];
}

/**
 * Each inclusion proof carries the leaf hash it proves, so it is checked on its own against the
 * signed root; that makes its leaf hash authentic, which later pins tampered entries down.
 */
function checkInclusion(
  bundle: AuditBundle,
  checkpoints: readonly Checkpoint[],
  progress: (done: number) => void,
): CheckedInclusionProof[] {
  const rootsBySize = new Map(checkpoints.map((c) => [c.size, c.rootHash]));
  return bundle.inclusionProofs.map((proof, position) => {
    const where = `inclusion proof ${position}`;
    if (!isObject(proof) || !isSize(proof.index) || !isSize(proof.treeSize)) {
      return fail({
        reason: 'malformed bundle',
        detail: `${where} lacks its leaf index or tree size`,
        inclusionProof: position,
      });
    }
    const { index, treeSize } = proof;
    const [leafHash] = decodeHashes([proof.leafHash], `${where}'s leaf hash`) as [Hash];
    const hashes = decodeHashes(proof.hashes, where);
    const root = rootsBySize.get(treeSize);
    if (root === undefined) {
      return fail({
        reason: 'no checkpoint for tree size',
        detail: `${where} is for tree size ${treeSize}, which no checkpoint has`,
        index,
        inclusionProof: position,
      });
    }
    if (index >= treeSize) {
      return fail({
        reason: 'leaf index out of range',
        detail: `${where} is for leaf ${index} of a tree with ${treeSize} leaves`,
        index,
        inclusionProof: position,
      });
    }
    if (!verifyInclusion(leafHash, index, treeSize, hashes, root)) {
      return fail({
        reason: 'inclusion proof failed',
        detail: `${where} does not lead from leaf ${index} to the root of the checkpoint at size ${treeSize}`,
        index,
        inclusionProof: position,
      });
    }
    if ((position + 1) % PROGRESS_EVERY === 0) progress(position + 1);
    return { index, treeSize, leafHash, hashes };
  });
}

/** Authentic subtree hashes from proofs that verified against signed roots, for locating tampering. */
function evidence(
  consistency: readonly CheckedConsistencyProof[],
  inclusion: readonly CheckedInclusionProof[],
): AuthenticSubtree[] {
  const subtrees: AuthenticSubtree[] = [];
  for (const proof of consistency) {
    consistencyProofRanges(proof.fromSize, proof.toSize).forEach((range, i) => {
      subtrees.push({ range, hash: proof.hashes[i] as Hash });
    });
  }
  for (const proof of inclusion) {
    subtrees.push({ range: [proof.index, proof.index + 1], hash: proof.leafHash });
    inclusionProofRanges(proof.index, proof.treeSize).forEach((range, i) => {
      subtrees.push({ range, hash: proof.hashes[i] as Hash });
    });
  }
  return subtrees;
}

function readEntry(entry: unknown, index: number): BundleEntry {
  if (!isObject(entry) || !('event' in entry) || typeof entry.leafHash !== 'string') {
    return fail({ reason: 'malformed entry', detail: `entry ${index} is not {seq, event, leafHash}`, index });
  }
  if (entry.seq !== index) {
    const hint = typeof entry.seq === 'number' && entry.seq > index ? '; an entry may be missing' : '';
    return fail({
      reason: 'sequence number mismatch',
      detail: `entry ${index} has sequence number ${JSON.stringify(entry.seq)}${hint}`,
      index,
    });
  }
  return entry as unknown as BundleEntry;
}

function hashEntry(entry: BundleEntry, index: number): Hash {
  try {
    return leafHash(entryBytes(index, entry.event));
  } catch (error) {
    return fail({
      reason: 'malformed entry',
      detail: `entry ${index} has no canonical JSON: ${String(error)}`,
      index,
    });
  }
}

/**
 * Recomputes every leaf hash and, as the tree grows, the root at each checkpoint size. Only the
 * right border is kept while streaming; each recorded leaf hash has been checked against its
 * recomputation by the time it is read again (to locate tampering, or to match receipts).
 */
function checkEntries(
  bundle: AuditBundle,
  checkpoints: readonly Checkpoint[],
  authentic: () => readonly AuthenticSubtree[],
  report: (stage: VerifyStage, total: number) => (done: number) => void,
): void {
  const entries: readonly unknown[] = bundle.entries;
  const progress = report('entries', entries.length);
  const range = new CompactRange();
  let next = 0;
  const checkRoots = (size: number): void => {
    for (; next < checkpoints.length && (checkpoints[next] as Checkpoint).size === size; next++) {
      const checkpoint = checkpoints[next] as Checkpoint;
      const root = size === 0 ? emptyRoot() : range.root();
      if (Buffer.from(root).equals(checkpoint.rootHash)) continue;
      const goodPrefix = next > 0 ? (checkpoints[next - 1] as Checkpoint).size : 0;
      const recomputed = MerkleTree.fromLeafHashes(
        (entries.slice(0, size) as BundleEntry[]).map((entry) => fromBase64(entry.leafHash) as Hash),
      );
      const [lo, hi] = locateFirstBadLeaf(goodPrefix, size, recomputed, authentic());
      const exact = hi - lo === 1;
      fail({
        reason: 'root mismatch',
        detail: exact
          ? `the entries do not hash to checkpoint ${next}'s root; entry ${lo} is the first that differs from what was signed`
          : `the entries do not hash to checkpoint ${next}'s root; the first bad entry is in [${lo}, ${hi})`,
        checkpoint: next,
        range: [lo, hi],
        ...(exact ? { index: lo } : {}),
      });
    }
  };
  checkRoots(0);
  for (let index = 0; index < entries.length; index++) {
    const entry = readEntry(entries[index], index);
    const hash = hashEntry(entry, index);
    const encoded = toBase64(hash);
    if (encoded !== entry.leafHash) {
      fail({
        reason: 'leaf hash mismatch',
        detail: `entry ${index} hashes to ${encoded}, but the bundle records ${entry.leafHash}`,
        index,
      });
    }
    range.append(hash);
    checkRoots(index + 1);
    if ((index + 1) % PROGRESS_EVERY === 0) progress(index + 1);
  }
  progress(entries.length);
  const missing = checkpoints[next];
  if (missing !== undefined) {
    fail({
      reason: 'missing entries',
      detail: `checkpoint ${next} covers ${missing.size} entries, the bundle has ${entries.length}`,
      index: entries.length,
      checkpoint: next,
    });
  }
}

export function verifyBundle<R = Receipt>(bundle: AuditBundle, options: VerifyOptions<R>): VerifyReport {
  try {
    return { ok: true, ...runVerification(bundle, options) };
  } catch (error) {
    if (error instanceof Failed) return { ok: false, ...error.failure };
    throw error;
  }
}

function runVerification<R>(bundle: AuditBundle, options: VerifyOptions<R>): Omit<VerifySuccess, 'ok'> {
  const report = (stage: VerifyStage, total: number) => (done: number) =>
    options.onProgress?.({ stage, done, total });
  if (!isObject(bundle) || bundle.format !== BUNDLE_FORMAT) {
    fail({ reason: 'malformed bundle', detail: `not a ${BUNDLE_FORMAT} bundle` });
  }
  for (const field of [
    'publicKeys',
    'entries',
    'checkpoints',
    'inclusionProofs',
    'consistencyProofs',
  ] as const) {
    if (!Array.isArray(bundle[field]))
      fail({ reason: 'malformed bundle', detail: `the bundle has no ${field} list` });
  }
  if (!bundle.checkpoints.every((note) => typeof note === 'string')) {
    fail({ reason: 'malformed bundle', detail: 'checkpoints must be signed-note strings' });
  }
  const origin = options.origin ?? bundle.origin;
  if (typeof origin !== 'string') fail({ reason: 'malformed bundle', detail: 'the bundle names no origin' });

  const verifier = resolveVerifier(bundle, options.pinnedPublicKey);
  const checkpoints = openCheckpoints(
    bundle,
    verifier,
    origin,
    report('checkpoints', bundle.checkpoints.length),
  );
  const consistency = checkConsistency(
    bundle,
    checkpoints,
    report('consistency', bundle.consistencyProofs.length),
  );
  const inclusionProgress = report('inclusion', bundle.inclusionProofs.length);
  const inclusion = checkInclusion(bundle, checkpoints, inclusionProgress);
  inclusionProgress(inclusion.length);
  checkEntries(bundle, checkpoints, () => evidence(consistency, inclusion), report);
  const latest = checkpoints[checkpoints.length - 1];
  const treeSize = latest?.size ?? 0;
  const entries = bundle.entries as readonly BundleEntry[];
  const receipts = matchReceipts(options, entries, treeSize, report);
  return {
    origin,
    keyName: verifier.name,
    treeSize,
    rootHash: toBase64(latest?.rootHash ?? emptyRoot()),
    entries: entries.length,
    uncoveredEntries: entries.length - treeSize,
    checkpoints: checkpoints.length,
    consistencyProofs: consistency.length,
    inclusionProofs: inclusion.length,
    receipts,
  };
}

function matchReceipts<R>(
  options: VerifyOptions<R>,
  entries: readonly BundleEntry[],
  treeSize: number,
  report: (stage: VerifyStage, total: number) => (done: number) => void,
): { receipt: number; index: number }[] {
  const receipts = options.receipts ?? [];
  const matches = (options.receiptMatches ?? defaultReceiptMatches) as ReceiptMatcher<R>;
  const progress = report('receipts', receipts.length);
  const view = (index: number): EntryView => {
    const entry = entries[index] as BundleEntry;
    return { index, seq: entry.seq, event: entry.event, leafHash: entry.leafHash };
  };
  return receipts.map((receipt, position) => {
    // A receipt that says where its entry is gets checked there first, saving a scan of the log.
    const hint =
      isObject(receipt) && isSize(receipt.index) && receipt.index < entries.length ? receipt.index : -1;
    let index = hint >= 0 && matches(view(hint), receipt) ? hint : -1;
    for (let i = 0; index < 0 && i < entries.length; i++) if (matches(view(i), receipt)) index = i;
    if (index < 0) {
      return fail({
        reason: 'receipt not found',
        detail: `no entry matches receipt ${position}`,
        receipt: position,
      });
    }
    if (index >= treeSize) {
      return fail({
        reason: 'receipt not covered by a checkpoint',
        detail: `receipt ${position} matches entry ${index}, beyond the latest checkpoint (size ${treeSize})`,
        index,
        receipt: position,
      });
    }
    progress(position + 1);
    return { receipt: position, index };
  });
}
