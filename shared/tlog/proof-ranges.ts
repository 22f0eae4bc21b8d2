// RFC 9162 §2.1.3.1 PATH and §2.1.4.1 SUBPROOF, written as the leaf ranges whose MTH makes up each
// proof element. Generation and tamper localisation share this, so both follow the RFC recursion
// exactly once. Ranges are half-open [start, end) and always start at a multiple of the largest
// power of two not exceeding their width, which is what lets MerkleTree answer them from cache.

export type LeafRange = readonly [start: number, end: number];

/** The largest power of two strictly smaller than n (n >= 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function assertTreeSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a natural number`);
}

/** The ranges hashed into PATH(index, D[0:size]), in proof order (nearest the leaf first). */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertTreeSize('tree size', size);
  assertTreeSize('leaf index', index);
  if (index >= size) throw new RangeError(`leaf index ${index} is outside a tree of size ${size}`);
  const siblings: LeafRange[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const mid = start + splitPoint(end - start);
    if (index < mid) {
      siblings.push([mid, end]);
      end = mid;
    } else {
      siblings.push([start, mid]);
      start = mid;
    }
  }
  return siblings.reverse();
}

/**
 * The ranges hashed into PROOF(m, D[0:n]), in proof order. Empty when m is 0 or m equals n: no
 * proof is needed then, the RFC only defines PROOF for 0 < m < n.
 */
export function consistencyProofRanges(m: number, n: number): LeafRange[] {
  assertTreeSize('old tree size', m);
  assertTreeSize('new tree size', n);
  if (m > n) throw new RangeError(`old tree size ${m} exceeds new tree size ${n}`);
  if (m === 0 || m === n) return [];
  const nodes: LeafRange[] = [];
  let start = 0;
  let end = n;
  // True while the subtree under consideration still has the old root as its left edge, in which
  // case the verifier already knows MTH(D[0:m]) and it is left out of the proof.
  let completeOldTree = true;
  while (m !== end) {
    const mid = start + splitPoint(end - start);
    if (m <= mid) {
      nodes.push([mid, end]);
      end = mid;
    } else {
      nodes.push([start, mid]);
      start = mid;
      completeOldTree = false;
    }
  }
  if (!completeOldTree) nodes.push([start, end]);
  return nodes.reverse();
}
