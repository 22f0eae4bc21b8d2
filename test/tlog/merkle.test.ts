import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyProofRanges,
  emptyRoot,
  inclusionProofRanges,
  leafHash,
  MerkleTree,
  nodeHash,
  rootFromInclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../shared/tlog/index.ts';
import { naiveLeaf, naiveMth, naivePath, naiveProof, sha256 } from './naive-merkle.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

const MAX = 300;
const leaves = Array.from({ length: MAX }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
const tree = MerkleTree.fromLeafHashes(leaves);

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const byte = Math.floor(bit / 8) % copy.length;
  copy[byte] = (copy[byte] as number) ^ (1 << (bit % 8));
  return copy;
}

describe('hashing', () => {
  it('uses the RFC 9162 domain separation prefixes', () => {
    const entry = new TextEncoder().encode('hello');
    expect(hex(leafHash(entry))).toBe(hex(sha256(Uint8Array.of(0), entry)));
    expect(hex(leafHash(new Uint8Array(0)))).toBe(hex(naiveLeaf(new Uint8Array(0))));
    const [a, b] = [leafHash(Uint8Array.of(1)), leafHash(Uint8Array.of(2))];
    expect(hex(nodeHash(a, b))).toBe(hex(sha256(Uint8Array.of(1), a, b)));
    expect(hex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

// The eight-leaf tree used by the RFC 6962 reference implementations (certificate-transparency,
// transparency-dev/merkle) as their Merkle test vector.
describe('known-answer vectors', () => {
  const inputs = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ];
  const vectorLeaves = inputs.map((h) => leafHash(fromHex(h)));
  const vectorTree = MerkleTree.fromLeafHashes(vectorLeaves);
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  it('reproduces the published roots for sizes 1 to 8', () => {
    expect(roots.map((_, i) => hex(vectorTree.root(i + 1)))).toEqual(roots);
  });

  it('reproduces the published inclusion proof for leaf 0 of 8 and consistency proof 1 to 8', () => {
    const expected = [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ];
    expect(vectorTree.inclusionProof(0, 8).map(hex)).toEqual(expected);
    expect(vectorTree.consistencyProof(1, 8).map(hex)).toEqual(expected);
  });
});

describe('roots', () => {
  it('matches the recursive MTH for every size from 0 to 300, incrementally and from cache', () => {
    const range = new CompactRange();
    expect(hex(range.root())).toBe(hex(naiveMth([])));
    for (let n = 1; n <= MAX; n++) {
      range.append(leaves[n - 1] as Uint8Array);
      const expected = hex(naiveMth(leaves.slice(0, n)));
      expect(hex(range.root()), `size ${n}`).toBe(expected);
      expect(hex(tree.root(n)), `size ${n}`).toBe(expected);
      expect(hex(rootFromLeafHashes(leaves.slice(0, n)))).toBe(expected);
    }
  });

  it('resumes a compact range from its persisted border', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX - 1 }), fc.integer({ min: 1, max: MAX }), (cut, total) => {
        const end = Math.max(cut, total);
        const first = new CompactRange();
        for (const leaf of leaves.slice(0, cut)) first.append(leaf);
        const resumed = CompactRange.fromBorder(first.size, first.border());
        for (const leaf of leaves.slice(cut, end)) resumed.append(leaf);
        expect(hex(resumed.root())).toBe(hex(naiveMth(leaves.slice(0, end))));
      }),
    );
    expect(() => CompactRange.fromBorder(3, [emptyRoot()])).toThrow(RangeError);
  });

  it('refuses ranges that are not RFC subtrees or reach past the leaves', () => {
    expect(() => tree.rangeHash(1, 3)).toThrow(RangeError);
    expect(() => tree.root(MAX + 1)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
  });
});

describe('inclusion proofs', () => {
  it('equal PATH and verify for every leaf of every tree size from 1 to 300', () => {
    for (let n = 1; n <= MAX; n++) {
      const root = tree.root(n);
      const naive = n <= 64 ? leaves.slice(0, n) : undefined;
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i, n);
        expect(proof.length).toBe(inclusionProofRanges(i, n).length);
        if (naive) expect(proof.map(hex)).toEqual(naivePath(i, naive).map(hex));
        if (!verifyInclusion(leaves[i] as Uint8Array, i, n, proof, root)) {
          throw new Error(`inclusion proof for leaf ${i} of ${n} does not verify`);
        }
      }
    }
  });

  it('equal the naive PATH for random leaves of trees up to 300', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }))),
        ([n, i]) => {
          expect(tree.inclusionProof(i, n).map(hex)).toEqual(naivePath(i, leaves.slice(0, n)).map(hex));
        },
      ),
    );
  });

  it('fail for a wrong index, a wrong tree size, a wrong leaf, a flipped proof bit, or a cut proof', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }))),
        fc.nat(),
        ([n, i], noise) => {
          const proof = tree.inclusionProof(i, n);
          const root = tree.root(n);
          const leaf = leaves[i] as Uint8Array;
          const otherIndex = (i + 1 + (noise % (n - 1))) % n;
          expect(verifyInclusion(leaf, otherIndex, n, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[otherIndex] as Uint8Array, i, n, proof, root)).toBe(false);
          expect(verifyInclusion(flipBit(leaf, noise), i, n, proof, root)).toBe(false);
          // A size only means something next to its own root, as a checkpoint pairs them.
          const wrongSize = 1 + ((n + noise) % MAX);
          if (wrongSize !== n)
            expect(verifyInclusion(leaf, i, wrongSize, proof, tree.root(wrongSize))).toBe(false);
          if (proof.length > 0) {
            const bad = proof.slice();
            const at = noise % proof.length;
            bad[at] = flipBit(bad[at] as Uint8Array, noise);
            expect(verifyInclusion(leaf, i, n, bad, root)).toBe(false);
            expect(verifyInclusion(leaf, i, n, proof.slice(0, -1), root)).toBe(false);
          }
          expect(verifyInclusion(leaf, i, n, [...proof, root], root)).toBe(false);
        },
      ),
    );
  });

  it('reject malformed arguments instead of throwing', () => {
    const leaf = leaves[0] as Uint8Array;
    expect(rootFromInclusionProof(leaf, 1, 1, [])).toBeUndefined();
    expect(rootFromInclusionProof(leaf, -1, 1, [])).toBeUndefined();
    expect(rootFromInclusionProof(leaf, 0, 1.5, [])).toBeUndefined();
    expect(rootFromInclusionProof(leaf.subarray(1), 0, 1, [])).toBeUndefined();
    expect(verifyInclusion(leaf, 0, 2, [new Uint8Array(31)], tree.root(2))).toBe(false);
  });
});

describe('consistency proofs', () => {
  it('verify for every pair m <= n <= 300 and equal SUBPROOF for every pair up to 64', () => {
    for (let n = 0; n <= MAX; n++) {
      const newRoot = tree.root(n);
      for (let m = 0; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(proof.length).toBe(consistencyProofRanges(m, n).length);
        if (n <= 64 && m > 0 && m < n) {
          expect(proof.map(hex)).toEqual(naiveProof(m, leaves.slice(0, n)).map(hex));
        }
        if (!verifyConsistency(m, n, proof, tree.root(m), newRoot)) {
          throw new Error(`consistency proof ${m} -> ${n} does not verify`);
        }
      }
    }
  });

  it('equal the naive SUBPROOF for random pairs up to 300', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: MAX })
          .chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n))),
        ([m, n]) => {
          expect(tree.consistencyProof(m, n).map(hex)).toEqual(naiveProof(m, leaves.slice(0, n)).map(hex));
        },
      ),
    );
  });

  it('fail for wrong sizes, wrong roots, flipped bits, and cut or padded proofs', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: MAX })
          .chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n))),
        fc.nat(),
        ([m, n], noise) => {
          const proof = tree.consistencyProof(m, n);
          const [oldRoot, newRoot] = [tree.root(m), tree.root(n)];
          expect(proof.length).toBeGreaterThan(0);
          const otherM = 1 + ((m + noise) % (n - 1));
          if (otherM !== m)
            expect(verifyConsistency(otherM, n, proof, tree.root(otherM), newRoot)).toBe(false);
          if (n < MAX) expect(verifyConsistency(m, n + 1, proof, oldRoot, tree.root(n + 1))).toBe(false);
          expect(verifyConsistency(m, n, proof, flipBit(oldRoot, noise), newRoot)).toBe(false);
          expect(verifyConsistency(m, n, proof, oldRoot, flipBit(newRoot, noise))).toBe(false);
          const bad = proof.slice();
          const at = noise % proof.length;
          bad[at] = flipBit(bad[at] as Uint8Array, noise);
          expect(verifyConsistency(m, n, bad, oldRoot, newRoot)).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(0, -1), oldRoot, newRoot)).toBe(false);
          expect(verifyConsistency(m, n, [...proof, newRoot], oldRoot, newRoot)).toBe(false);
          expect(verifyConsistency(n, m, proof, newRoot, oldRoot)).toBe(false);
        },
      ),
    );
  });

  it('treat equal sizes and the empty old tree as the RFC leaves them', () => {
    const root = tree.root(10);
    expect(verifyConsistency(10, 10, [], root, root)).toBe(true);
    expect(verifyConsistency(10, 10, [], root, tree.root(9))).toBe(false);
    expect(verifyConsistency(10, 10, [root], root, root)).toBe(false);
    expect(verifyConsistency(0, 10, [], emptyRoot(), root)).toBe(true);
    expect(verifyConsistency(0, 10, [root], emptyRoot(), root)).toBe(false);
    expect(verifyConsistency(0, 10, [], root, root)).toBe(false);
  });
});
