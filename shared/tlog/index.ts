export { CompactRange, rootFromLeafHashes } from './compact-range.ts';
export type { Hash } from './hash.ts';
export { copyHash, emptyRoot, entryBytes, entryLeafHash, HASH_SIZE, leafHash, nodeHash } from './hash.ts';
export { MerkleTree } from './merkle-tree.ts';
export type { LeafRange } from './proof-ranges.ts';
export { consistencyProofRanges, inclusionProofRanges } from './proof-ranges.ts';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify-proofs.ts';
