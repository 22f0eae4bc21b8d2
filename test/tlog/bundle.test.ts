import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  AuditBundle,
  BundleEntry,
  VerifyFailure,
  VerifyProgress,
  VerifyReport,
} from '../../shared/tlog/index.ts';
import {
  type BUNDLE_FORMAT,
  bundlePublicKey,
  createBundle,
  entryLeafHash,
  signCheckpoint,
  toBase64,
  verifyBundle,
} from '../../shared/tlog/index.ts';
import {
  auditEvents,
  clone,
  flipBitInString,
  makeBundle,
  ORIGIN,
  rehash,
  signLog,
  testKey,
} from './fixtures.ts';

type Bundle = AuditBundle<Record<string, unknown>>;
type Entry = BundleEntry<Record<string, unknown>>;

const key = testKey();
const pinned = { name: key.name, publicKey: key.publicKey };
const SIZES = [1, 7, 8, 20, 33, 64, 100];
const honest = await makeBundle({ count: 100, checkpointSizes: SIZES, key });
const proven = await makeBundle({ count: 100, checkpointSizes: SIZES, key, inclusion: 'all' });

const verify = (bundle: Bundle, options: Partial<Parameters<typeof verifyBundle>[1]> = {}): VerifyReport =>
  verifyBundle(bundle, { pinnedPublicKey: pinned, ...options });

function failure(report: VerifyReport): Omit<VerifyFailure, 'detail' | 'ok'> {
  if (report.ok) throw new Error('expected verification to fail');
  const { detail, ok, ...rest } = report;
  expect(detail.length).toBeGreaterThan(0);
  return rest;
}

const withEntries = (bundle: Bundle, edit: (entries: Entry[]) => Entry[]): Bundle => ({
  ...bundle,
  entries: edit(clone([...bundle.entries])),
});

function editEvent(entry: Entry): Entry {
  const event = clone(entry.event);
  event.action = flipBitInString(String(event.action));
  return { ...entry, event };
}

describe('an honest bundle', () => {
  it('verifies and reports what it covered', () => {
    const report = verify(proven);
    expect(report).toMatchObject({
      ok: true,
      origin: ORIGIN,
      keyName: key.name,
      treeSize: 100,
      entries: 100,
      uncoveredEntries: 0,
      checkpoints: SIZES.length,
      consistencyProofs: SIZES.length - 1,
      inclusionProofs: 100,
      receipts: [],
    });
  });

  it('survives a JSON round trip and verifies with a bare pinned key', () => {
    const copy = JSON.parse(JSON.stringify(proven)) as Bundle;
    expect(verify(copy).ok).toBe(true);
    const pem = key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(verifyBundle(copy, { pinnedPublicKey: pem })).toMatchObject({ ok: true, keyName: key.name });
  });

  it('verifies for random log sizes and checkpoint sets, including empty and repeated checkpoints', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: 70 })
          .chain((count) =>
            fc.tuple(fc.constant(count), fc.array(fc.integer({ min: 0, max: count }), { maxLength: 6 })),
          ),
        async ([count, sizes]) => {
          const sorted = [...sizes].sort((a, b) => a - b);
          const bundle = await makeBundle({ count, checkpointSizes: sorted, key, inclusion: 'all' });
          const report = verify(bundle);
          expect(report).toMatchObject({ ok: true, treeSize: sorted.at(-1) ?? 0 });
          if (report.ok) expect(report.uncoveredEntries).toBe(count - (sorted.at(-1) ?? 0));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports progress per stage, ending at each total', () => {
    const seen: VerifyProgress[] = [];
    verify(proven, {
      onProgress: (p) => seen.push(p),
      receipts: [{ eventId: proven.entries[3]?.event.eventId as string }],
    });
    const last = (stage: string) => seen.filter((p) => p.stage === stage).at(-1);
    expect(last('checkpoints')).toEqual({ stage: 'checkpoints', done: SIZES.length, total: SIZES.length });
    expect(last('consistency')).toEqual({
      stage: 'consistency',
      done: SIZES.length - 1,
      total: SIZES.length - 1,
    });
    expect(last('entries')).toEqual({ stage: 'entries', done: 100, total: 100 });
    expect(last('inclusion')).toEqual({ stage: 'inclusion', done: 100, total: 100 });
    expect(last('receipts')).toEqual({ stage: 'receipts', done: 1, total: 1 });
  });
});

describe('tampering with entries', () => {
  it('a flipped bit in an entry is a leaf hash mismatch at that entry', () => {
    const tampered = withEntries(honest, (entries) => entries.map((e, i) => (i === 17 ? editEvent(e) : e)));
    expect(failure(verify(tampered))).toEqual({ reason: 'leaf hash mismatch', index: 17 });
  });

  it('a flipped bit with its leaf hash rewritten is a root mismatch pinned to that entry by the proofs', () => {
    const edit = (bundle: Bundle) =>
      withEntries(bundle, (entries) => rehash(entries.map((e, i) => (i === 17 ? editEvent(e) : e))));
    // Checkpoint 3 (size 20) is the first whose root covers entry 17.
    expect(failure(verify(edit(proven)))).toEqual({
      reason: 'root mismatch',
      checkpoint: 3,
      index: 17,
      range: [17, 18],
    });
    // Without inclusion proofs the consistency proof 8 -> 20 narrows it to the subtree [16, 20).
    expect(failure(verify(edit(honest)))).toEqual({
      reason: 'root mismatch',
      checkpoint: 3,
      range: [16, 20],
    });
  });

  it('a rewritten entry anywhere is located in a range that holds it, exactly when every leaf is proven', async () => {
    const unproven = await makeBundle({ count: 60, checkpointSizes: [5, 16, 17, 40, 60], key });
    const allProven = await makeBundle({
      count: 60,
      checkpointSizes: [5, 16, 17, 40, 60],
      key,
      inclusion: 'all',
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), (first, second) => {
        const [a, b] = [Math.min(first, second), Math.max(first, second)];
        const edit = (bundle: Bundle) =>
          withEntries(bundle, (entries) =>
            rehash(entries.map((e, i) => (i === a || i === b ? editEvent(e) : e))),
          );
        const exact = failure(verify(edit(allProven)));
        expect(exact).toMatchObject({ reason: 'root mismatch', index: a, range: [a, a + 1] });
        const rough = failure(verify(edit(unproven)));
        expect(rough.reason).toBe('root mismatch');
        const [lo, hi] = rough.range ?? [-1, -1];
        expect(lo).toBeLessThanOrEqual(a);
        expect(hi).toBeGreaterThan(a);
      }),
    );
  });

  it('a wrong sequence number is named at its entry', () => {
    const tampered = withEntries(honest, (entries) =>
      entries.map((e, i) => (i === 42 ? { ...e, seq: 41 } : e)),
    );
    expect(failure(verify(tampered))).toEqual({ reason: 'sequence number mismatch', index: 42 });
  });

  it('a deleted entry is named at its position, however the rest is renumbered', () => {
    const deleted = withEntries(honest, (entries) => entries.filter((_, i) => i !== 17));
    expect(failure(verify(deleted))).toEqual({ reason: 'sequence number mismatch', index: 17 });
    const renumbered = (bundle: Bundle) =>
      withEntries(bundle, (entries) => entries.filter((_, i) => i !== 17).map((e, i) => ({ ...e, seq: i })));
    expect(failure(verify(renumbered(honest)))).toEqual({ reason: 'leaf hash mismatch', index: 17 });
    expect(
      failure(verify({ ...renumbered(proven), entries: rehash([...renumbered(proven).entries]) })),
    ).toEqual({
      reason: 'root mismatch',
      checkpoint: 3,
      index: 17,
      range: [17, 18],
    });
  });

  it('two swapped entries are named at the first of them', () => {
    const swap = <T>(items: T[], a: number, b: number): T[] =>
      items.map((item, i) => (i === a ? items[b] : i === b ? items[a] : item) as T);
    expect(failure(verify(withEntries(honest, (e) => swap(e, 5, 9))))).toEqual({
      reason: 'sequence number mismatch',
      index: 5,
    });
    const swapEvents = (entries: Entry[]) => {
      const events = swap(
        entries.map((e) => e.event),
        5,
        9,
      );
      return entries.map((e, i) => ({ ...e, event: events[i] as Entry['event'] }));
    };
    expect(failure(verify(withEntries(honest, swapEvents)))).toEqual({
      reason: 'leaf hash mismatch',
      index: 5,
    });
    expect(failure(verify(withEntries(proven, (e) => rehash(swapEvents(e)))))).toEqual({
      reason: 'root mismatch',
      checkpoint: 1,
      index: 5,
      range: [5, 6],
    });
  });

  it('entries cut off before the latest checkpoint are missing entries', () => {
    const cut = withEntries(honest, (entries) => entries.slice(0, 90));
    expect(failure(verify(cut))).toEqual({ reason: 'missing entries', index: 90, checkpoint: 6 });
  });

  it('an entry that is not an object is malformed', () => {
    const broken = withEntries(honest, (entries) =>
      entries.map((e, i) => (i === 3 ? (null as unknown as Entry) : e)),
    );
    expect(failure(verify(broken))).toEqual({ reason: 'malformed entry', index: 3 });
  });
});

describe('tampering with proofs', () => {
  it('a wrong leaf index in an inclusion proof fails that proof, naming the claimed index', () => {
    const proofs = proven.inclusionProofs.map((p, i) => (i === 17 ? { ...p, index: 18 } : p));
    expect(failure(verify({ ...proven, inclusionProofs: proofs }))).toEqual({
      reason: 'inclusion proof failed',
      index: 18,
      inclusionProof: 17,
    });
    const outside = proven.inclusionProofs.map((p, i) => (i === 17 ? { ...p, index: 100 } : p));
    expect(failure(verify({ ...proven, inclusionProofs: outside }))).toEqual({
      reason: 'leaf index out of range',
      index: 100,
      inclusionProof: 17,
    });
  });

  it('a wrong tree size in an inclusion proof fails, or has no checkpoint to check against', () => {
    const otherCheckpoint = proven.inclusionProofs.map((p, i) => (i === 3 ? { ...p, treeSize: 64 } : p));
    expect(failure(verify({ ...proven, inclusionProofs: otherCheckpoint }))).toEqual({
      reason: 'inclusion proof failed',
      index: 3,
      inclusionProof: 3,
    });
    const noCheckpoint = proven.inclusionProofs.map((p, i) => (i === 3 ? { ...p, treeSize: 99 } : p));
    expect(failure(verify({ ...proven, inclusionProofs: noCheckpoint }))).toEqual({
      reason: 'no checkpoint for tree size',
      index: 3,
      inclusionProof: 3,
    });
  });

  it('an inclusion proof for another leaf hash fails, whatever the entries say', () => {
    const other = toBase64(entryLeafHash(0, { forged: true }));
    const proofs = proven.inclusionProofs.map((p, i) => (i === 9 ? { ...p, leafHash: other } : p));
    expect(failure(verify({ ...proven, inclusionProofs: proofs }))).toEqual({
      reason: 'inclusion proof failed',
      index: 9,
      inclusionProof: 9,
    });
  });

  it('a flipped bit in an inclusion proof hash fails that proof', () => {
    const proofs = proven.inclusionProofs.map((p, i) =>
      i === 40 ? { ...p, hashes: p.hashes.map((h, j) => (j === 2 ? flipBitInString(h, 1) : h)) } : p,
    );
    expect(failure(verify({ ...proven, inclusionProofs: proofs }))).toEqual({
      reason: 'inclusion proof failed',
      index: 40,
      inclusionProof: 40,
    });
  });

  it('a broken, missing or misdirected consistency proof is named', () => {
    const broken = honest.consistencyProofs.map((p, i) =>
      i === 2 ? { ...p, hashes: p.hashes.map((h, j) => (j === 0 ? flipBitInString(h, 1) : h)) } : p,
    );
    expect(failure(verify({ ...honest, consistencyProofs: broken }))).toEqual({
      reason: 'consistency proof failed',
      consistencyProof: 2,
      checkpoint: 3,
    });
    expect(failure(verify({ ...honest, consistencyProofs: honest.consistencyProofs.slice(1) }))).toEqual({
      reason: 'missing consistency proof',
      checkpoint: 1,
    });
    const misdirected = honest.consistencyProofs.map((p, i) => (i === 0 ? { ...p, toSize: 9 } : p));
    expect(failure(verify({ ...honest, consistencyProofs: misdirected }))).toEqual({
      reason: 'no checkpoint for tree size',
      consistencyProof: 0,
    });
  });
});

describe('tampering with checkpoints', () => {
  const replaceCheckpoint = async (index: number, signer = testKey(key.name).signer): Promise<Bundle> => {
    const { tree, checkpoints } = await signLog(auditEvents(100), SIZES, key);
    const forged = await signCheckpoint(
      { origin: ORIGIN, size: SIZES[index] as number, rootHash: tree.root(SIZES[index]) },
      signer,
    );
    return { ...honest, checkpoints: checkpoints.map((c, i) => (i === index ? forged : c)) };
  };

  it('a checkpoint signed by another key under the same name is a key id mismatch', async () => {
    expect(failure(verify(await replaceCheckpoint(4)))).toEqual({ reason: 'key id mismatch', checkpoint: 4 });
  });

  it('a checkpoint signed by a key with another name is an unknown key name', async () => {
    const stranger = testKey('mallory.example/log');
    expect(failure(verify(await replaceCheckpoint(2, stranger.signer)))).toEqual({
      reason: 'unknown key name',
      checkpoint: 2,
    });
  });

  it('a checkpoint whose signature claims the pinned key id but was made by another key is a bad signature', async () => {
    const impostor = { ...testKey().signer, name: key.name, keyId: key.signer.keyId };
    expect(failure(verify(await replaceCheckpoint(0, impostor)))).toEqual({
      reason: 'bad signature',
      checkpoint: 0,
    });
  });

  it('a wrong tree size written into a signed checkpoint breaks its signature', () => {
    const checkpoints = honest.checkpoints.map((c, i) => (i === 5 ? c.replace(/\n64\n/, '\n63\n') : c));
    expect(checkpoints[5]).not.toBe(honest.checkpoints[5]);
    expect(failure(verify({ ...honest, checkpoints }))).toEqual({ reason: 'bad signature', checkpoint: 5 });
  });

  it('a rewritten history signed with the real key cannot be joined to the earlier checkpoint', async () => {
    // The log signed checkpoints up to size 8, then rewrote entry 4 and signed on from the fork.
    const events = auditEvents(100);
    const original = await signLog(events, SIZES.slice(0, 3), key);
    const rewritten = events.map((event, i) => (i === 4 ? { ...event, action: 'bid.withdrawn' } : event));
    const fork = await signLog(rewritten, SIZES, key);
    const bundle = createBundle({
      origin: ORIGIN,
      publicKeys: [pinned],
      entries: rewritten.map((event, seq) => ({ seq, event })),
      checkpoints: [...original.checkpoints, ...fork.checkpoints.slice(3)],
      tree: fork.tree,
    });
    const consistencyProofs = bundle.consistencyProofs.map((proof, i) =>
      i < 2
        ? { ...proof, hashes: original.tree.consistencyProof(proof.fromSize, proof.toSize).map(toBase64) }
        : proof,
    );
    expect(failure(verify({ ...bundle, consistencyProofs }))).toEqual({
      reason: 'consistency proof failed',
      consistencyProof: 2,
      checkpoint: 3,
    });
  });

  it('a signed checkpoint of size 0 with a non-empty root is a root mismatch', async () => {
    const lie = await signCheckpoint(
      { origin: ORIGIN, size: 0, rootHash: entryLeafHash(0, 'x') },
      key.signer,
    );
    const bundle = await makeBundle({ count: 10, checkpointSizes: [0, 10], key });
    expect(failure(verify({ ...bundle, checkpoints: [lie, bundle.checkpoints[1] as string] }))).toEqual({
      reason: 'root mismatch',
      checkpoint: 0,
    });
  });

  it('checkpoints out of order, for another origin, or malformed are named', async () => {
    const [a, b] = [honest.checkpoints[1] as string, honest.checkpoints[2] as string];
    const swapped = honest.checkpoints.map((c, i) => (i === 1 ? b : i === 2 ? a : c));
    expect(failure(verify({ ...honest, checkpoints: swapped }))).toEqual({
      reason: 'checkpoints out of order',
      checkpoint: 2,
    });
    expect(failure(verify(honest, { origin: 'other.example/log' }))).toEqual({
      reason: 'origin mismatch',
      checkpoint: 0,
    });
    const malformed = honest.checkpoints.map((c, i) => (i === 1 ? c.replace('\n\n', '\n') : c));
    expect(failure(verify({ ...honest, checkpoints: malformed }))).toEqual({
      reason: 'malformed checkpoint',
      checkpoint: 1,
    });
  });
});

describe('keys', () => {
  it('a bundle listing another key under the pinned name is refused', () => {
    const other = testKey(key.name);
    const bundle = { ...honest, publicKeys: [bundlePublicKey(other.name, other.publicKey)] };
    expect(failure(verify(bundle))).toEqual({ reason: 'bundle key differs from pinned key' });
  });

  it('a bare pinned key that the bundle does not list is refused', () => {
    expect(failure(verifyBundle(honest, { pinnedPublicKey: testKey().publicKey }))).toEqual({
      reason: 'pinned key not in bundle',
    });
  });

  it('a whole bundle re-signed by another key fails on the first checkpoint', async () => {
    const mallory = testKey(key.name);
    const bundle = await makeBundle({ count: 100, checkpointSizes: SIZES, key: mallory });
    expect(failure(verifyBundle(bundle, { pinnedPublicKey: pinned }))).toEqual({
      reason: 'bundle key differs from pinned key',
    });
    expect(failure(verifyBundle({ ...bundle, publicKeys: [] }, { pinnedPublicKey: pinned }))).toEqual({
      reason: 'key id mismatch',
      checkpoint: 0,
    });
  });

  it('something that is not a bundle is malformed', () => {
    expect(failure(verify({ ...honest, format: 'other' as typeof BUNDLE_FORMAT }))).toEqual({
      reason: 'malformed bundle',
    });
    expect(failure(verify({ ...honest, entries: undefined as unknown as Entry[] }))).toEqual({
      reason: 'malformed bundle',
    });
  });
});

describe('createBundle', () => {
  it('refuses inputs it cannot turn into a verifiable bundle', async () => {
    const events = auditEvents(10);
    const { checkpoints } = await signLog(events, [4, 10], key);
    const base = {
      origin: ORIGIN,
      publicKeys: [pinned],
      entries: events.map((event, seq) => ({ seq, event })),
      checkpoints,
    };
    expect(() => createBundle(base)).not.toThrow();
    expect(() =>
      createBundle({ ...base, entries: base.entries.map((e) => ({ ...e, seq: e.seq + 1 })) }),
    ).toThrow(/sequence/);
    expect(() => createBundle({ ...base, checkpoints: [...checkpoints].reverse() })).toThrow(/order/);
    expect(() => createBundle({ ...base, entries: base.entries.slice(0, 9) })).toThrow(/covers 10/);
    expect(() => createBundle({ ...base, inclusionProofs: [{ index: 1, treeSize: 5 }] })).toThrow(
      /tree size 5/,
    );
  });

  it('proves against the latest checkpoint by default and records the proven leaf hash', async () => {
    const bundle = await makeBundle({
      count: 10,
      checkpointSizes: [4, 10],
      key,
      inclusion: [{ index: 2 }, { index: 1, treeSize: 4 }],
    });
    expect(bundle.inclusionProofs.map(({ index, treeSize }) => [index, treeSize])).toEqual([
      [2, 10],
      [1, 4],
    ]);
    expect(bundle.inclusionProofs[0]?.leafHash).toBe(bundle.entries[2]?.leafHash);
    expect(bundle.consistencyProofs.map(({ fromSize, toSize }) => [fromSize, toSize])).toEqual([[4, 10]]);
  });
});

describe('receipts', () => {
  const event = (i: number) => honest.entries[i]?.event as Record<string, unknown>;

  it('are matched by event id, by entry hash in base64 or hex, with or without an index hint', () => {
    const hash = entryLeafHash(30, event(30));
    const report = verify(honest, {
      receipts: [
        { eventId: event(12).eventId as string },
        { entryHash: toBase64(hash) },
        { entryHash: Buffer.from(hash).toString('hex').toUpperCase() },
        { eventId: event(77).eventId as string, index: 77 },
        { eventId: event(78).eventId as string, index: 3 },
      ],
    });
    expect(report.ok && report.receipts).toEqual([
      { receipt: 0, index: 12 },
      { receipt: 1, index: 30 },
      { receipt: 2, index: 30 },
      { receipt: 3, index: 77 },
      { receipt: 4, index: 78 },
    ]);
  });

  it('fail when no entry matches, when identifiers disagree, or when nothing identifies the entry', () => {
    expect(failure(verify(honest, { receipts: [{ eventId: 'nope' }] }))).toEqual({
      reason: 'receipt not found',
      receipt: 0,
    });
    const mixed = { eventId: event(12).eventId as string, entryHash: toBase64(entryLeafHash(13, event(13))) };
    expect(failure(verify(honest, { receipts: [{ eventId: event(1).eventId as string }, mixed] }))).toEqual({
      reason: 'receipt not found',
      receipt: 1,
    });
    expect(failure(verify(honest, { receipts: [{}] }))).toEqual({ reason: 'receipt not found', receipt: 0 });
  });

  it('fail for an entry that no checkpoint covers yet', async () => {
    const bundle = await makeBundle({ count: 100, checkpointSizes: [10, 50], key });
    expect(verify(bundle)).toMatchObject({ ok: true, uncoveredEntries: 50 });
    const receipt = { eventId: bundle.entries[60]?.event.eventId as string };
    expect(failure(verify(bundle, { receipts: [receipt] }))).toEqual({
      reason: 'receipt not covered by a checkpoint',
      index: 60,
      receipt: 0,
    });
  });

  it('use a custom matcher when given', () => {
    const report = verifyBundle(honest, {
      pinnedPublicKey: pinned,
      receipts: [{ tender: 'T-1', action: 'bid.submitted' }],
      receiptMatches: (entry, receipt) => {
        const e = entry.event as Record<string, unknown>;
        return e.tenderId === receipt.tender && e.action === receipt.action;
      },
    });
    expect(report.ok && report.receipts).toEqual([{ receipt: 0, index: 51 }]);
  });
});
