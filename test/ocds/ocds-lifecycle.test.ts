// OCDS over a tender's whole life through the HTTP API: sealed bids opened at the deadline by the
// opener, ranked by the evaluation pipeline, awarded, contracted. Every package is validated
// against the official schemas with the bids extension.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client.ts';
import { awardEntity } from '../../shared/entities/tenders.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { openTenderWith, rank, tenderMatch, verdict } from '../awards/pipeline-support.ts';
import { startOwnCloud, storedMeta } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { validateRecordPackage, validateReleasePackage } from './validator.ts';

let cloud: TestCloud;
let entity: Entity;

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

async function releasesOf(tenderId: string) {
  const response = await cloud.call('GET', `/ocds/tenders/${tenderId}/releases`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const v = validateReleasePackage(response.body);
  expect(v.valid, v.errors).toBe(true);
  return response.body.releases as any[];
}

/** Ends a standstill: the clock moves past its end, as the passing of its working days would. */
async function endStandstill(tenderId: string, lotId: string) {
  const award = await db.send(
    new GetCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: awardEntity.key({ tenderId, lotId }),
      ConsistentRead: true,
    }),
  );
  await cloud.clock.set(new Date(Date.parse(award.Item?.standstillEndsAt) + 1000).toISOString());
}

describe('an opened, awarded and contracted tender', () => {
  it('publishes bids once the minutes are public, then the award and the contract', {
    timeout: 120_000,
  }, async () => {
    const t = await openTenderWith(cloud, entity, { evaluation: { method: 'lowest-price' } }, [
      { key: 'A', price: 900_000_000, discount: { kind: 'amount', amount: 10_000_000 } },
      { key: 'B', price: 950_000_000 },
      { key: 'C', price: 990_000_000 },
    ]);
    const ocid = `ocds-eproc01-${t.tenderId}`;
    const bidIds = Object.fromEntries(Object.entries(t.bids).map(([k, b]) => [k, b.bidId])) as Record<
      string,
      string
    >;
    const contractorOf = (key: string) => `contractor-${t.bids[key]?.bidder.contractorId}`;

    // Opened: the minutes are public, so are the bidders and their bids.
    const opened = await releasesOf(t.tenderId);
    expect(opened.map((r) => [r.id, r.tag])).toEqual([
      [`${ocid}-rev-1`, ['tender']],
      [`${ocid}-opening-single`, ['tenderUpdate']],
    ]);
    expect(JSON.stringify(opened[0])).not.toContain(t.bids.A?.bidder.contractorId);
    const opening = opened[1];
    expect(opening.tender.status).toBe('active');
    expect(opening.tender.numberOfTenderers).toBe(3);
    expect(opening.parties.map((p: any) => [p.id, p.roles])).toEqual([
      [`org-${entity.organisationId}`, ['buyer', 'procuringEntity']],
      ...['A', 'B', 'C'].map((k) => [contractorOf(k), ['tenderer']]),
    ]);
    const byId = new Map(opening.bids.details.map((d: any) => [d.id, d]));
    expect(byId.get(bidIds.A)).toMatchObject({
      status: 'pending',
      tenderers: [{ id: contractorOf('A'), name: 'Công ty A' }],
      value: { amount: 900_000_000, currency: 'VND' },
      relatedLots: [t.lotId],
    });
    expect(byId.get(bidIds.C)).toMatchObject({ value: { amount: 990_000_000, currency: 'VND' } });
    const stats = Object.fromEntries(opening.bids.statistics.map((s: any) => [s.id, s.value]));
    expect(stats).toMatchObject({ bids: 3, validBids: 3, disqualifiedBids: 0, bidders: 3 });
    // The minutes document carries the digest the minutes route reports for the stored object.
    const minutes = await cloud.call('GET', `/tenders/${t.tenderId}/minutes`);
    expect(opening.tender.documents).toContainEqual(
      expect.objectContaining({
        id: 'minutes-single',
        url: `${cloud.url}/tenders/${t.tenderId}/minutes`,
        sha256: minutes.body.items[0].sha256,
        datePublished: opening.date,
      }),
    );

    // Ranked and awarded to A at its price after discount.
    for (const key of ['A', 'B', 'C'])
      await verdict(cloud, entity.token, t.tenderId, bidIds[key] as string, 'legal-status', true);
    await rank(cloud, entity.token, t.tenderId);
    const awarded = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { bidId: bidIds.A },
    });
    expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
    const withAward = await releasesOf(t.tenderId);
    const awardRelease = withAward.at(-1);
    expect(awardRelease).toMatchObject({
      id: `${ocid}-award-${awarded.body.awardId}`,
      tag: ['award'],
      date: awarded.body.awardedAt,
    });
    expect(awardRelease.awards).toEqual([
      expect.objectContaining({
        id: awarded.body.awardId,
        status: 'active',
        value: { amount: 890_000_000, currency: 'VND' },
        suppliers: [{ id: contractorOf('A'), name: 'Công ty A' }],
        relatedLots: [t.lotId],
        relatedBids: [bidIds.A],
      }),
    ]);
    expect(awardRelease.parties.find((p: any) => p.id === contractorOf('A')).roles).toEqual([
      'tenderer',
      'supplier',
    ]);
    expect(awardRelease.bids.details.find((d: any) => d.id === bidIds.A).status).toBe('valid');
    expect(awardRelease.tender.status).toBe('active');

    // Contracted after the standstill: the tender is complete.
    await endStandstill(t.tenderId, t.lotId);
    const signedAt = clock.iso();
    const contract = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { value: 885_000_000, signedAt },
    });
    expect(contract.status, JSON.stringify(contract.body)).toBe(201);
    expect((await storedMeta(t.tenderId)).status).toBe('contracted');

    const record = await cloud.call('GET', `/ocds/tenders/${t.tenderId}/record`);
    expect(record.status).toBe(200);
    const v = validateRecordPackage(record.body);
    expect(v.valid, v.errors).toBe(true);
    const [entry] = record.body.records;
    expect(entry.releases.map((r: any) => r.tag[0])).toEqual(['tender', 'tenderUpdate', 'award', 'contract']);
    const compiled = entry.compiledRelease;
    expect(compiled.tender.status).toBe('complete');
    expect(compiled.contracts).toEqual([
      {
        id: contract.body.contract.contractId,
        awardID: awarded.body.awardId,
        title: expect.stringContaining('Hợp đồng'),
        status: 'active',
        value: { amount: 885_000_000, currency: 'VND' },
        dateSigned: signedAt,
        relatedBids: [bidIds.A],
      },
    ]);
    expect(compiled.awards).toHaveLength(1);
    expect(compiled.bids.details).toHaveLength(3);
    expect(compiled.parties).toHaveLength(4);
  });
});
