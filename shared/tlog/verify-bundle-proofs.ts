// Stages: consistency proofs between checkpoints and inclusion proofs, each checked against signed
// roots alone; the hashes in proofs that pass are authentic and later help locate tampering.
import type { AuditBundle } from './bundle.ts';
import type { Checkpoint } from './checkpoint.ts';
import type { Hash } from './hash.ts';
import type { AuthenticSubtree } from './locate-bad-leaf.ts';
import { consistencyProofRanges, inclusionProofRanges } from './proof-ranges.ts';
import { verifyConsistency, verifyInclusion } from './verify-proofs.ts';
import { decodeHashes, fail, isObject, isSize, PROGRESS_EVERY } from './verify-report.ts';

export interface CheckedConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  readonly hashes: readonly Hash[];
}

/** Every consistency proof must join two checkpoints, and consecutive checkpoints must be joined. */
export function checkConsistency(
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

export interface CheckedInclusionProof {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: Hash;
  readonly hashes: readonly Hash[];
}

/**
 * Each inclusion proof carries the leaf hash it proves, so it is checked on its own against the
 * signed root; that makes its leaf hash authentic, which later pins tampered entries down.
 */
export function checkInclusion(
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
export function evidence(
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
