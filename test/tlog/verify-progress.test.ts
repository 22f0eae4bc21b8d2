// The verifier's progress callback: per stage it only goes forward and ends at the stage's total,
// the stages come in their fixed order, and listening changes nothing about the result (for an
// honest bundle and for a tampered one). The verify page's worker folds the same reports into one
// fraction that only grows and ends at 1.
import { describe, expect, it } from 'vitest';
import { overallProgress } from '../../portal/src/verify/worker/run-verification.ts';
import type { VerifyProgress, VerifyStage } from '../../shared/tlog/index.ts';
import { verifyBundle } from '../../shared/tlog/index.ts';
import { clone, makeBundle, testKey } from './fixtures.ts';

const key = testKey();
const pinned = { name: key.name, publicKey: key.publicKey };
// Enough entries that the entries and inclusion stages report more than once (every 4096 items).
const COUNT = 10_000;
const bundle = await makeBundle({
  count: COUNT,
  checkpointSizes: [1, 2_000, 5_000, 9_000, COUNT],
  key,
  inclusion: Array.from({ length: 5_000 }, (_, i) => ({ index: i * 2 })),
});
const order: readonly VerifyStage[] = [
  'checkpoints',
  'consistency',
  'inclusion',
  'entries',
  'reveal',
  'receipts',
];

function listen(target: typeof bundle, receipts: { eventId: string }[] = []) {
  const seen: VerifyProgress[] = [];
  const report = verifyBundle(target, { pinnedPublicKey: pinned, receipts, onProgress: (p) => seen.push(p) });
  return { report, seen };
}

describe('verifier progress', () => {
  const receipts = [{ eventId: bundle.entries[4321]?.event.eventId as string }];

  it('goes forward within each stage, in stage order, and ends at every total', () => {
    const { seen } = listen(bundle, receipts);
    expect(seen.filter((p) => p.stage === 'entries').length).toBeGreaterThan(2);
    let stageAt = 0;
    const last = new Map<VerifyStage, VerifyProgress>();
    for (const p of seen) {
      const at = order.indexOf(p.stage);
      expect(at).toBeGreaterThanOrEqual(stageAt);
      stageAt = at;
      const before = last.get(p.stage);
      if (before) {
        expect(p.total).toBe(before.total);
        expect(p.done).toBeGreaterThanOrEqual(before.done);
      }
      expect(p.done).toBeLessThanOrEqual(p.total);
      last.set(p.stage, p);
    }
    for (const [stage, total] of [
      ['checkpoints', 5],
      ['consistency', 4],
      ['inclusion', 5_000],
      ['entries', COUNT],
      ['receipts', 1],
    ] as const) {
      expect(last.get(stage), stage).toEqual({ stage, done: total, total });
    }
  });

  it('leaves the result as it is without a listener, honest or tampered', () => {
    const quiet = verifyBundle(bundle, { pinnedPublicKey: pinned, receipts });
    expect(quiet.ok).toBe(true);
    expect(listen(bundle, receipts).report).toEqual(quiet);

    const tampered = clone(bundle);
    const entry = tampered.entries[7_777] as { event: Record<string, unknown> };
    entry.event = { ...entry.event, action: 'tender.forged' };
    const refused = verifyBundle(tampered, { pinnedPublicKey: pinned });
    expect(refused).toMatchObject({ ok: false, reason: 'leaf hash mismatch', index: 7_777 });
    expect(listen(tampered).report).toEqual(refused);
  });

  it('folds into one fraction for the page that only grows and reaches 1', () => {
    const { seen } = listen(bundle, receipts);
    const fold = overallProgress(bundle);
    const fractions = seen.map(fold);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] as number);
    expect(fractions[0]).toBeGreaterThanOrEqual(0);
    expect(fractions.at(-1)).toBe(1);
    // Not a jump from 0 to 1: the entries stage alone passes through intermediate values.
    expect(fractions.some((f) => f > 0.1 && f < 0.9)).toBe(true);
  });
});
