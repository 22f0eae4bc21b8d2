// Reads what a tender's releases are built from. Read-only: tenders table (revisions, minutes
// pointers, awards), parties table (buyer, bidders' public facts), the log bucket's minutes.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { listAwards } from '../awards/award-store.ts';
import { db } from '../db/client.ts';
import { revisionEntity, tenderEntity } from '../entities/tenders.ts';
import { listMinutesRecords, readMinutesObject } from '../opening/minutes-store.ts';
import { getOrganisation } from '../organisations/organisation-store.ts';
import { getContractor } from '../parties/contractor-store.ts';
import { loadPlanRevisions } from '../plans/plan-store.ts';
import { mapLimit } from '../platform/concurrency.ts';
import type { Key, QueryPage } from '../platform/paged-query.ts';
import { storedObjectMissing } from '../storage/missing-object.ts';
import { publicStatuses, type Revision, type Tender } from '../tenders/tender-schemas.ts';
import { isPublic, tenderPk, tenderTable, toTender } from '../tenders/tender-store.ts';
import type { ContractorFacts, OcdsSource, PublicMinutes } from './source.ts';

/** Every published revision with its full snapshot, oldest first (sort keys are zero-padded). */
export async function loadRevisions(tenderId: string): Promise<Revision[]> {
  const revisions: Revision[] = [];
  let startKey: Key | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tenderTable(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
        ExpressionAttributeValues: { ':pk': tenderPk(tenderId), ':rev': revisionEntity.skPrefix({}) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const { pk: _pk, sk: _sk, tenderId: _t, ...revision } of page.Items ?? []) {
      revisions.push(revision as Revision);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return revisions;
}

/** Minutes whose pointer is committed (the opening's public moment), with the signed document. */
export async function loadPublicMinutes(tenderId: string): Promise<PublicMinutes[]> {
  const records = await listMinutesRecords(tenderId);
  return Promise.all(
    records.map(async (record) => {
      const stored = await readMinutesObject(record.objectKey);
      if (!stored) throw storedObjectMissing('opening minutes', record.objectKey);
      return {
        phase: record.phase,
        publishedAt: record.publishedAt,
        sha256: stored.sha256,
        minutes: stored.document.minutes,
      };
    }),
  );
}

async function loadContractors(ids: readonly string[]): Promise<Map<string, ContractorFacts>> {
  const facts = await mapLimit([...new Set(ids)], 8, async (contractorId) => {
    const c = await getContractor(contractorId);
    if (!c) return undefined;
    return {
      contractorId,
      name: c.name,
      enterpriseCode: c.enterpriseCode,
      province: c.address.province,
      country: c.address.country,
    } satisfies ContractorFacts;
  });
  return new Map(facts.flatMap((f) => (f ? [[f.contractorId, f] as const] : [])));
}

export async function loadOcdsSource(tender: Tender): Promise<OcdsSource> {
  const [revisions, minutes, awards, buyer, planRevisions] = await Promise.all([
    loadRevisions(tender.tenderId),
    loadPublicMinutes(tender.tenderId),
    listAwards(tender.tenderId),
    getOrganisation(tender.buyer),
    tender.planId ? loadPlanRevisions(tender.planId) : Promise.resolve(undefined),
  ]);
  const contractorIds = [
    ...minutes.flatMap((m) =>
      [...m.minutes.bids, ...m.minutes.invalidBids].flatMap((b) => (b.contractorId ? [b.contractorId] : [])),
    ),
    ...awards.map((a) => a.contractorId),
  ];
  const plan =
    planRevisions && tender.packageId ? { packageId: tender.packageId, revisions: planRevisions } : undefined;
  return {
    tender,
    revisions,
    minutes,
    awards,
    buyer,
    contractors: await loadContractors(contractorIds),
    ...(plan ? { plan } : {}),
  };
}

/**
 * One page of published tenders from the byStatus index: partition `part` of publicStatuses,
 * latest deadline first. With `since`, only tenders changed since then (every release's date is
 * at most the tender's updatedAt); a published tender's releases all precede its deadline, so its
 * partition is also cut at the deadline.
 */
export async function queryPublishedTenders(
  part: number,
  limit: number,
  startKey: Key | undefined,
  since: string | undefined,
): Promise<QueryPage<Tender>> {
  const status = publicStatuses[part] as string;
  const cutAtDeadline = since !== undefined && status === 'published';
  const page = await db.send(
    new QueryCommand({
      TableName: tenderTable(),
      IndexName: 'byStatus',
      KeyConditionExpression: `gsi1pk = :pk${cutAtDeadline ? ' AND gsi1sk >= :since' : ''}`,
      ...(since
        ? {
            FilterExpression: 'updatedAt >= :since',
            ExpressionAttributeValues: {
              ':pk': tenderEntity.indexPk('byStatus', { status }),
              ':since': since,
            },
          }
        : { ExpressionAttributeValues: { ':pk': tenderEntity.indexPk('byStatus', { status }) } }),
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: (page.Items ?? []).map(toTender).filter(isPublic),
    lastKey: page.LastEvaluatedKey,
  };
}

export const statusPartitions = publicStatuses.length;
