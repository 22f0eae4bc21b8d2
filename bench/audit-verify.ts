// Offline verification of a 100,000-entry audit bundle (target: under 3 s), and inclusion proof
// generation from stored leaf hashes (p50/p99 over 1,000 random leaves).
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AuditBundle } from '../shared/tlog/index.ts';
import {
  createBundle,
  ecdsaP256Signer,
  entryLeafHash,
  MerkleTree,
  signCheckpoint,
  verifyBundle,
} from '../shared/tlog/index.ts';
import { percentile, progress, report, round } from './report.ts';

const ENTRIES = Number(process.argv[2] ?? 100_000);
const CHECKPOINT_EVERY = 5_000;
const PROVEN_LEAVES = 1_000;
const RECEIPTS = 20;
const PROOF_SAMPLES = 1_000;
const ORIGIN = 'audit.eproc.example/log';

// A fixed-seed generator keeps runs comparable.
let seed = 0x2545f491;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const actions = ['tender.published', 'bid.submitted', 'bid.opened', 'question.answered', 'award.decided'];
const roles = ['buyer', 'bidder', 'evaluator', 'system'];

function auditEvent(i: number): Record<string, unknown> {
  const tenderId = `T-2025-${String(Math.floor(i / 400)).padStart(5, '0')}`;
  return {
    eventId: `01JABCDEF${i.toString(36).toUpperCase().padStart(17, '0')}`,
    at: new Date(Date.UTC(2025, 0, 1) + i * 7_000).toISOString(),
    actor: {
      sub: `user-${Math.floor(random() * 5000)}`,
      role: pick(roles),
      organisationId: `org-${i % 300}`,
    },
    action: pick(actions),
    object: { type: 'bid', id: `B-${i}` },
    tenderId,
    change: {
      status: pick(['draft', 'submitted', 'withdrawn']),
      lot: i % 7,
      amount: Math.floor(random() * 1e7) / 100,
    },
    changeHash: Buffer.from(entryLeafHash(i, i)).toString('hex'),
  };
}

const ms = (start: number): number => round(performance.now() - start, 1);

progress(`building a ${ENTRIES}-entry bundle`);
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = ecdsaP256Signer(ORIGIN, privateKey);
let start = performance.now();
const events = Array.from({ length: ENTRIES }, (_, i) => auditEvent(i));
const leafHashes = events.map((event, seq) => entryLeafHash(seq, event));
const tree = MerkleTree.fromLeafHashes(leafHashes);
const sizes: number[] = [];
for (let size = CHECKPOINT_EVERY; size < ENTRIES; size += CHECKPOINT_EVERY) sizes.push(size);
sizes.push(ENTRIES);
const checkpoints: string[] = [];
for (const size of sizes)
  checkpoints.push(await signCheckpoint({ origin: ORIGIN, size, rootHash: tree.root(size) }, signer));
const proven = Array.from({ length: PROVEN_LEAVES }, () => ({ index: Math.floor(random() * ENTRIES) }));
const bundle = createBundle({
  origin: ORIGIN,
  publicKeys: [{ name: ORIGIN, publicKey }],
  entries: events.map((event, seq) => ({ seq, event, leafHash: leafHashes[seq] })),
  checkpoints,
  inclusionProofs: proven,
  tree,
});
const buildBundleMs = ms(start);
const json = JSON.stringify(bundle);
progress(
  `bundle: ${(json.length / 1e6).toFixed(1)} MB, ${checkpoints.length} checkpoints, built in ${buildBundleMs} ms`,
);

// Offline verification as an auditor would run it: parse the file, then check everything.
const receipts = Array.from({ length: RECEIPTS }, () => ({ eventId: pick(events).eventId as string }));
globalThis.gc?.();
start = performance.now();
const parsed = JSON.parse(json) as AuditBundle;
const parseMs = ms(start);
start = performance.now();
const result = verifyBundle(parsed, { pinnedPublicKey: { name: ORIGIN, publicKey }, receipts });
const verifyMs = ms(start);
if (!result.ok) throw new Error(`verification failed: ${result.reason} (${result.detail})`);
progress(`parsed in ${parseMs} ms, verified in ${verifyMs} ms`);

// Proof generation from stored leaf hashes: build the cached tree once, then serve proofs.
globalThis.gc?.();
start = performance.now();
const served = MerkleTree.fromLeafHashes(leafHashes);
const treeBuildMs = ms(start);
const timings: number[] = [];
for (let i = 0; i < PROOF_SAMPLES; i++) {
  const leaf = Math.floor(random() * ENTRIES);
  const size = leaf + 1 + Math.floor(random() * (ENTRIES - leaf));
  const t = performance.now();
  served.inclusionProof(leaf, size);
  timings.push((performance.now() - t) * 1000);
}
timings.sort((a, b) => a - b);

report({
  bench: 'audit-verify',
  entries: ENTRIES,
  checkpoints: checkpoints.length,
  inclusionProofs: PROVEN_LEAVES,
  receipts: RECEIPTS,
  bundleMB: round(json.length / 1e6, 1),
  buildBundleMs,
  parseMs,
  verifyMs,
  parseAndVerifyMs: round(parseMs + verifyMs, 1),
  verifyTargetMs: 3000,
  withinTarget: parseMs + verifyMs < 3000,
  proofTreeBuildMs: treeBuildMs,
  proofP50Us: round(percentile(timings, 50), 1),
  proofP99Us: round(percentile(timings, 99), 1),
  proofMaxUs: round(timings[timings.length - 1] ?? Number.NaN, 1),
  node: process.version,
});
