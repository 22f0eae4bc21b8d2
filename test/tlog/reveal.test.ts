// The verifier's reveal stage on its own (no emulators): bid entries that name their tender only
// through a tenderCommitment are tied to it by signed opening minutes; a wrong salt, bid, bidder
// or commitment is refused at its entry, an event left out of scope is named, and minutes with a
// version removed fail their signature.
import { createHash, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical/canonical-json.ts';
import { createBundle, newTenderSalt, tenderCommitment, verifyBundle } from '../../shared/tlog/index.ts';
import { ORIGIN, signLog, testKey } from './fixtures.ts';

const key = testKey();
const tenderId = '01JTENDER0000000000000000A';
const bid = (i: number) => ({
  bidId: `01JBID${String(i).padStart(20, '0')}`,
  lotId: `LOT-${i % 2}`,
  bidderRef: `ref${i}`,
  version: 1,
  salt: newTenderSalt(),
});
const bids = [bid(0), bid(1), bid(2)];

function events() {
  const other = (i: number) => ({
    eventId: `01JOTHER${String(i).padStart(18, '0')}`,
    at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    actor: { sub: `user-${i}`, role: 'procuring-entity' },
    action: 'tender.published',
    object: { type: 'tender', id: `T-${i}` },
    tenderId: `T-${i}`,
    change: null,
    changeHash: '0'.repeat(64),
  });
  const bidEvent = (b: (typeof bids)[number], i: number) => ({
    eventId: `01JEVENT${String(i).padStart(18, '0')}`,
    at: new Date(Date.UTC(2026, 0, 2) + i * 1000).toISOString(),
    actor: { sub: `bidder:${b.bidderRef}`, role: 'contractor' },
    action: 'bid.submitted',
    object: { type: 'bid', id: b.bidId },
    tenderCommitment: tenderCommitment({ tenderId, ...b }),
    change: { bidderRef: b.bidderRef, bidId: b.bidId, version: 1 },
    changeHash: '0'.repeat(64),
  });
  return [other(0), bidEvent(bids[0]!, 0), other(1), bidEvent(bids[1]!, 1), bidEvent(bids[2]!, 2), other(2)];
}

function signedMinutes(list: typeof bids, eventIds: string[][]) {
  const minutes = {
    format: 'eproc-opening-minutes-v1',
    tenderId,
    phase: 'single',
    bidEvents: list.map((b, i) => ({ ...b, eventIds: eventIds[i] })),
  };
  const statement = {
    statement: 'eproc-opening-minutes-v1',
    tenderId,
    phase: 'single',
    minutesSha256: createHash('sha256').update(canonicalJson(minutes)).digest('hex'),
  };
  const value = sign('sha256', Buffer.from(canonicalJson(statement)), {
    key: key.privateKey,
    dsaEncoding: 'der',
  });
  return {
    minutes,
    signature: { algorithm: 'ECDSA_SHA_256', encoding: 'DER', statement, value: value.toString('base64') },
  };
}

async function bundle() {
  const logged = events();
  const { tree, checkpoints } = await signLog(logged, [logged.length], key);
  const ids = [[logged[1]!.eventId], [logged[3]!.eventId], [logged[4]!.eventId]];
  return createBundle({
    origin: ORIGIN,
    publicKeys: [{ name: key.name, publicKey: key.publicKey }],
    entries: logged.map((event, seq) => ({ seq, event })),
    checkpoints,
    inclusionProofs: [1, 3, 4].map((index) => ({ index })),
    tree,
    reveal: { tenderId, minutes: signedMinutes(bids, ids) },
  }) as any;
}

const verify = (b: unknown) => verifyBundle(b as never, { pinnedPublicKey: key.publicKey });

describe('revealed bid events', () => {
  it('tie to their tender through the signed minutes', async () => {
    expect(verify(await bundle())).toMatchObject({
      ok: true,
      revealed: { tenderId, events: 3, bidVersions: 3 },
    });
  });

  it('refuse a wrong salt, bid or bidder at the entry', async () => {
    const salt = await bundle();
    salt.reveal.minutes.minutes.bidEvents[1].salt = newTenderSalt();
    expect(verify(salt)).toMatchObject({ ok: false, reason: 'revealed event mismatch', index: 3 });
    const bidder = await bundle();
    bidder.reveal.minutes.minutes.bidEvents[2].bidderRef = 'someone-else';
    expect(verify(bidder)).toMatchObject({ ok: false, reason: 'revealed event mismatch', index: 4 });
    const lot = await bundle();
    lot.reveal.minutes.minutes.bidEvents[0].lotId = 'LOT-9';
    expect(verify(lot)).toMatchObject({ ok: false, reason: 'revealed event mismatch', index: 1 });
  });

  it('refuse an event missing from the log or left out of scope, and minutes that lost a version', async () => {
    const missing = await bundle();
    missing.reveal.minutes.minutes.bidEvents[0].eventIds = ['01JNOSUCHEVENT000000000000'];
    expect(verify(missing)).toMatchObject({ ok: false, reason: 'revealed event missing' });
    const unscoped = await bundle();
    unscoped.inclusionProofs = unscoped.inclusionProofs.filter((p: { index: number }) => p.index !== 4);
    expect(verify(unscoped)).toMatchObject({ ok: false, reason: 'revealed event not in scope', index: 4 });
    const shorter = await bundle();
    shorter.reveal.minutes.minutes.bidEvents.pop();
    expect(verify(shorter)).toMatchObject({ ok: false, reason: 'minutes signature invalid' });
    const otherTender = await bundle();
    otherTender.reveal.tenderId = 'T-0';
    expect(verify(otherTender)).toMatchObject({ ok: false, reason: 'revealed event mismatch' });
  });

  it('commit to the tender with every field length-prefixed', () => {
    const salt = newTenderSalt();
    const a = tenderCommitment({ tenderId: 'ab', lotId: 'c', bidId: 'x', salt });
    expect(tenderCommitment({ tenderId: 'a', lotId: 'bc', bidId: 'x', salt })).not.toBe(a);
    expect(tenderCommitment({ tenderId: 'ab', lotId: 'c', bidId: 'x', salt })).toBe(a);
    expect(() => tenderCommitment({ tenderId: 'ab', lotId: 'c', bidId: 'x', salt: 'short' })).toThrow();
  });
});
