// Object-level authorization: a contractor reaches only its own bids, by construction (every bid
// route resolves the caller's contractor id first). Before the deadline no one else, not the
// procuring entity either, learns anything about the bids on a tender, not even their number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from '../../shared/runtime/ids.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  dayMs,
  type Entity,
  fromNow,
  procuringEntity,
  publishedTender,
  setStoredDeadline,
} from '../tenders/fixtures.ts';
import { type Bidder, bidder, bidItems, commit, refOf, signFor, submit } from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let alice: Bidder;
let bob: Bidder;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  [alice, bob] = await Promise.all([bidder(cloud), bidder(cloud)]);
});
afterAll(() => cloud?.stop());

const withoutIds = (body: any) => ({ status: body.status, code: body.code, title: body.title });

describe("another contractor's bid", () => {
  it('cannot be seen, withdrawn, replaced, committed from, or learnt of', async () => {
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId;
    const { response, envelope, uploadId } = await submit(cloud, alice, tender, lotId, { total: 5_000_000 });
    expect(response.status).toBe(201);
    const bidId = response.body.bid.bidId as string;
    const path = (id: string) => `/tenders/${tender.tenderId}/lots/${lotId}/bids/${id}`;
    const before = await bidItems(tender.tenderId);

    // Seeing it: the same answer as for a bid that does not exist.
    const seen = await cloud.call('GET', path(bidId), { token: bob.token });
    const nothing = await cloud.call('GET', path(ulid()), { token: bob.token });
    expect(seen.status).toBe(404);
    expect(withoutIds(seen.body)).toEqual(withoutIds(nothing.body));
    expect(seen.body.code).toBe('BID_NOT_FOUND');
    expect((await cloud.call('GET', path(bidId), { token: alice.token })).status).toBe(200);

    // Withdrawing it.
    const withdrawn = await cloud.call('DELETE', path(bidId), { token: bob.token });
    expect(withdrawn.status).toBe(404);
    expect(withoutIds(withdrawn.body)).toEqual(
      withoutIds((await cloud.call('DELETE', path(ulid()), { token: bob.token })).body),
    );

    // Replacing it, with bob's own upload.
    const replaced = await submit(cloud, bob, tender, lotId, { total: 1 }, { replaces: bidId });
    expect(replaced.response.status).toBe(409);
    expect(replaced.response.body.code).toBe('REPLACED_BID_NOT_ACTIVE');

    // Committing alice's uploaded envelope as bob's: the upload id resolves under bob's own key space.
    const stolen = await commit(cloud, bob, tender.tenderId, lotId, {
      uploadId,
      envelopeSha256: envelope.sha256,
      signature: await signFor(bob, tender.tenderId, lotId, envelope.sha256),
    });
    expect(stolen.status).toBe(409);
    expect(stolen.body.code).toBe('ENVELOPE_NOT_UPLOADED');

    // Listing: bob's own bids only.
    const listed = await cloud.call('GET', `/me/bids?tenderId=${tender.tenderId}`, { token: bob.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
    expect((await cloud.call('GET', '/me/bids', { token: bob.token })).body.items).toEqual([]);

    // Nothing of alice's changed.
    expect(await bidItems(tender.tenderId)).toEqual(before);
  });
});

describe('before the deadline', () => {
  it('tells the procuring entity nothing about bids, and the public tender views do not change', async () => {
    const withBids = await publishedTender(cloud, entity);
    const without = await publishedTender(cloud, entity);
    const publicBefore = await cloud.call('GET', `/tenders/${withBids.tenderId}`);
    const listBefore = await cloud.call('GET', `/tenders?buyer=${entity.organisationId}&limit=100`);
    const lotId = withBids.lots[0].lotId;
    expect((await submit(cloud, alice, withBids, lotId, { total: 7 })).response.status).toBe(201);
    expect((await submit(cloud, bob, withBids, withBids.lots[1].lotId, { total: 8 })).response.status).toBe(
      201,
    );

    const sealed = await cloud.call('GET', `/entity/tenders/${withBids.tenderId}/bids`, {
      token: entity.token,
    });
    const empty = await cloud.call('GET', `/entity/tenders/${without.tenderId}/bids`, {
      token: entity.token,
    });
    expect(sealed.status).toBe(403);
    expect(sealed.body.code).toBe('BIDS_SEALED');
    expect({ ...sealed.body, instance: undefined }).toEqual({
      ...empty.body,
      instance: undefined,
      detail: sealed.body.detail,
    });
    expect(Object.keys(sealed.body).sort()).toEqual(Object.keys(empty.body).sort());

    // Another organisation's entity, a contractor, the public: refused before any bid is looked at.
    const stranger = await procuringEntity(cloud);
    expect(
      (await cloud.call('GET', `/entity/tenders/${withBids.tenderId}/bids`, { token: stranger.token }))
        .status,
    ).toBe(403);
    expect(
      (await cloud.call('GET', `/entity/tenders/${withBids.tenderId}/bids`, { token: alice.token })).status,
    ).toBe(403);
    expect((await cloud.call('GET', `/entity/tenders/${withBids.tenderId}/bids`)).status).toBe(401);

    expect(await cloud.call('GET', `/tenders/${withBids.tenderId}`).then((r) => r.body)).toEqual(
      publicBefore.body,
    );
    expect(
      await cloud.call('GET', `/tenders?buyer=${entity.organisationId}&limit=100`).then((r) => r.body),
    ).toEqual(listBefore.body);
  });

  it('after the deadline, shows the owning procuring entity the active bids received, and nothing more', async () => {
    const tender = await publishedTender(cloud, entity, {
      submissionDeadline: fromNow(20 * dayMs),
      questionsDeadline: fromNow(10 * dayMs),
    });
    const lotId = tender.lots[0].lotId;
    const first = await submit(cloud, alice, tender, lotId, { total: 1 });
    const replacement = await submit(
      cloud,
      alice,
      tender,
      lotId,
      { total: 2 },
      { replaces: first.response.body.bid.bidId },
    );
    const bobs = await submit(cloud, bob, tender, lotId, { total: 3 });
    const withdrawn = await cloud.call(
      'DELETE',
      `/tenders/${tender.tenderId}/lots/${lotId}/bids/${bobs.response.body.bid.bidId}`,
      { token: bob.token },
    );
    expect(withdrawn.status).toBe(200);

    await setStoredDeadline(tender.tenderId, 'submissionDeadline', fromNow(-1000));
    const received = await cloud.call('GET', `/entity/tenders/${tender.tenderId}/bids`, {
      token: entity.token,
    });
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body.items).toEqual([
      {
        bidId: replacement.response.body.bid.bidId,
        lotId,
        // Under the pseudonym the bid was stored under; the opening minutes name its contractor.
        bidderRef: await refOf(alice, tender.tenderId),
        version: 2,
        receivedAt: replacement.response.body.receipt.receivedAt,
        envelopeSha256: replacement.envelope.sha256,
        envelopeSize: replacement.envelope.bytes.length,
      },
    ]);
    // Still only one's own through the contractor routes.
    const path = `/tenders/${tender.tenderId}/lots/${lotId}/bids/${replacement.response.body.bid.bidId}`;
    expect((await cloud.call('GET', path, { token: bob.token })).status).toBe(404);
  });
});
