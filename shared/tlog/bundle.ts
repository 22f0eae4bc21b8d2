// The audit bundle: everything an auditor needs to check a log offline, as plain JSON. Hashes are
// standard base64, like the root hash line of a checkpoint.
import { inCanonicalOrder } from '../canonical/canonical-json.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import { parseCheckpoint } from './checkpoint.ts';
import type { PublicKeyInput } from './ecdsa-p256.ts';
import { ecdsaP256KeyId, spkiPem } from './ecdsa-p256.ts';
import type { Hash } from './hash.ts';
import { entryLeafHash } from './hash.ts';
import { MerkleTree } from './merkle-tree.ts';
import { parseNote } from './signed-note.ts';

export const BUNDLE_FORMAT = 'eproc-audit-bundle/v1';

export interface BundleEntry<E = unknown> {
  /** The leaf index, starting at 0; it is hashed into the entry (see entryBytes). */
  readonly seq: number;
  readonly event: E;
  /** base64 leaf hash as the log stored it; the verifier recomputes and compares it. */
  readonly leafHash: string;
}

export interface BundlePublicKey {
  readonly name: string;
  /** The note key id as 8 hex digits, for people matching keys by eye. */
  readonly keyId: string;
  readonly algorithm: 'ecdsa-p256-sha256';
  /** SPKI public key, PEM. */
  readonly publicKey: string;
}

export interface BundleInclusionProof {
  readonly index: number;
  readonly treeSize: number;
  /** The leaf hash being proven, so the proof checks out against its checkpoint on its own. */
  readonly leafHash: string;
  readonly hashes: readonly string[];
}

export interface BundleConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  readonly hashes: readonly string[];
}

/**
 * An opened tender's bundle: the signed opening minutes (shared/opening, eproc-opening-minutes-v1,
 * signed by the log key) whose `bidEvents` tie bid entries, which named their tender only through
 * a tenderCommitment, to the tender. The verifier checks every tie and the minutes' signature.
 */
export interface BundleReveal {
  readonly tenderId: string;
  readonly minutes: unknown;
}

export interface AuditBundle<E = unknown> {
  readonly format: typeof BUNDLE_FORMAT;
  readonly origin: string;
  readonly publicKeys: readonly BundlePublicKey[];
  readonly entries: readonly BundleEntry<E>[];
  /** C2SP signed-note checkpoints in non-decreasing tree size order. */
  readonly checkpoints: readonly string[];
  readonly inclusionProofs: readonly BundleInclusionProof[];
  /** One per consecutive pair of checkpoints, from the earlier size to the later. */
  readonly consistencyProofs: readonly BundleConsistencyProof[];
  readonly reveal?: BundleReveal;
}

export interface CreateBundleInput<E> {
  readonly origin: string;
  readonly publicKeys: readonly { readonly name: string; readonly publicKey: PublicKeyInput }[];
  /** In sequence order from 0; leafHash is what the log stored, computed here when absent. */
  readonly entries: readonly { readonly seq: number; readonly event: E; readonly leafHash?: Hash }[];
  readonly checkpoints: readonly string[];
  /** Leaves to prove; treeSize defaults to the last checkpoint's size and must be a checkpoint size. */
  readonly inclusionProofs?: readonly { readonly index: number; readonly treeSize?: number }[];
  /** A tree already holding these entries' leaf hashes, to skip rebuilding it. */
  readonly tree?: MerkleTree;
  readonly reveal?: BundleReveal;
}

export function bundlePublicKey(name: string, publicKey: PublicKeyInput): BundlePublicKey {
  return {
    name,
    keyId: ecdsaP256KeyId(name, publicKey).toString(16).padStart(8, '0'),
    algorithm: 'ecdsa-p256-sha256',
    publicKey: spkiPem(publicKey),
  };
}

/**
 * Assembles a bundle from the log's entries and its signed checkpoints. The checkpoints are only
 * parsed here, not verified: the bundle records what the log said, and checking it is the
 * verifier's job.
 */
export function createBundle<E>(input: CreateBundleInput<E>): AuditBundle<E> {
  const entries = input.entries.map((entry, index): BundleEntry<E> => {
    if (entry.seq !== index) throw new RangeError(`entry ${index} has sequence number ${entry.seq}`);
    const leafHash = entry.leafHash ?? entryLeafHash(entry.seq, entry.event);
    // Keys in canonical order: JSON.stringify then writes the event as the hashed bytes, which the
    // verifier of a bundle file recognises and hashes as they stand (raw-entry.ts).
    return { seq: entry.seq, event: inCanonicalOrder(entry.event), leafHash: toBase64(leafHash) };
  });
  const tree =
    input.tree ?? MerkleTree.fromLeafHashes(entries.map((entry) => fromBase64(entry.leafHash) as Hash));
  if (tree.size < entries.length)
    throw new RangeError('the given tree holds fewer leaves than there are entries');

  const sizes = input.checkpoints.map((note) => parseCheckpoint(parseNote(note).text).size);
  sizes.forEach((size, i) => {
    if (size > entries.length)
      throw new RangeError(`checkpoint ${i} covers ${size} entries, only ${entries.length} given`);
    if (i > 0 && size < (sizes[i - 1] as number))
      throw new RangeError('checkpoints must be in tree size order');
  });
  const consistencyProofs = sizes.slice(1).map((toSize, i) => {
    const fromSize = sizes[i] as number;
    return { fromSize, toSize, hashes: tree.consistencyProof(fromSize, toSize).map(toBase64) };
  });

  const lastSize = sizes[sizes.length - 1];
  const inclusionProofs = (input.inclusionProofs ?? []).map(({ index, treeSize = lastSize }) => {
    if (treeSize === undefined || !sizes.includes(treeSize)) {
      throw new RangeError(`no checkpoint has tree size ${treeSize} to prove leaf ${index} against`);
    }
    return {
      index,
      treeSize,
      leafHash: toBase64(tree.leafHash(index)),
      hashes: tree.inclusionProof(index, treeSize).map(toBase64),
    };
  });

  return {
    format: BUNDLE_FORMAT,
    origin: input.origin,
    publicKeys: input.publicKeys.map(({ name, publicKey }) => bundlePublicKey(name, publicKey)),
    entries,
    checkpoints: [...input.checkpoints],
    inclusionProofs,
    consistencyProofs,
    ...(input.reveal ? { reveal: input.reveal } : {}),
  };
}
