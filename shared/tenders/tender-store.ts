// The tenders table layout. One partition per tender:
//   META             the current state (carries the index keys)
//   REV#000001 ...   the full snapshot of each published revision
//   Q#<questionId>   clarification questions
//   DOC#<documentId> bidding documents
// Only META carries index keys: byStatus (gsi1) holds tenders that were published, one partition
// per status sorted by deadline; byBuyer (gsi2) holds every tender of an organisation.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEventInput } from '../audit/audit-event.ts';
import { resources } from '../config/settings.ts';
import { type TransactItem, writeWithAudit } from '../db/audited-write.ts';
import { db } from '../db/client.ts';
import { conditionFailure, onConditionFailure } from '../db/write-conflicts.ts';
import { revisionEntity, tenderEntity } from '../entities/tenders.ts';
import { PreconditionFailed } from '../errors/domain-error.ts';
import type { Revision, RevisionSummary, Tender, TenderSummary } from './tender-schemas.ts';
import { foldForSearch } from './title-search.ts';

export const tenderTable = () => resources.table('tenders');

export const tenderPk = (tenderId: string) => tenderEntity.pk({ tenderId });
export const metaKey = (tenderId: string) => tenderEntity.key({ tenderId });
export const revisionSk = (revision: number) => revisionEntity.sk({ revision });
export const revisionKey = (tenderId: string, revision: number) => revisionEntity.key({ tenderId, revision });

/** Public once published: a draft cancelled before publication stays private. */
export const isPublic = (t: Pick<Tender, 'publishedAt'>) => t.publishedAt !== undefined;

export const statusIndexSk = (deadline: string, tenderId: string) =>
  tenderEntity.indexSk('byStatus', { submissionDeadline: deadline, tenderId });

function indexAttributes(t: Tender): Record<string, string> {
  return {
    ...tenderEntity.indexKey('byBuyer', t),
    ...(isPublic(t) ? tenderEntity.indexKey('byStatus', t) : {}),
  };
}

export const metaItem = (t: Tender) => ({
  ...metaKey(t.tenderId),
  ...indexAttributes(t),
  ...t,
  // The public list's title search (title-search.ts): stored folded, never shown.
  titleSearch: foldForSearch(t.title),
});

export function toTender(item: Record<string, unknown>): Tender {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    titleSearch: _t,
    ...tender
  } = item;
  return tender as Tender;
}

export function toSummary(t: Tender): TenderSummary {
  return {
    tenderId: t.tenderId,
    title: t.title,
    category: t.category,
    procurementMethod: t.procurementMethod,
    status: t.status,
    buyer: t.buyer,
    buyerName: t.buyerName,
    currency: t.currency,
    submissionDeadline: t.submissionDeadline,
    revision: t.revision,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    ...(t.publishedAt ? { publishedAt: t.publishedAt } : {}),
    lotCount: t.lots.length,
  };
}

export async function getTender(tenderId: string): Promise<Tender | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: tenderTable(), Key: metaKey(tenderId), ConsistentRead: true }),
  );
  return result.Item ? toTender(result.Item) : undefined;
}

export function revisionPut(tenderId: string, revision: Revision): TransactItem {
  return {
    Put: {
      TableName: tenderTable(),
      Item: { ...revisionKey(tenderId, revision.revision), tenderId, ...revision },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Writes the tender's new state if it is still at `expectedVersion` ('new': does not exist yet),
 * with any further items and the audit event, all or nothing. Throws ConditionFailed (index 0:
 * someone else changed the tender).
 */
export async function writeTender(
  next: Tender,
  expectedVersion: number | 'new',
  event: AuditEventInput,
  extra: readonly TransactItem[] = [],
): Promise<void> {
  const meta: TransactItem = {
    Put: {
      TableName: tenderTable(),
      Item: metaItem(next),
      ...(expectedVersion === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
  await writeWithAudit([meta, ...extra], { ...event, tenderId: next.tenderId }, next.updatedAt);
}

/** writeTender for a client holding an ETag: a lost race is a 412 with the current ETag. */
export async function saveTender(
  next: Tender,
  expectedVersion: number | 'new',
  event: AuditEventInput,
  extra: readonly TransactItem[] = [],
): Promise<void> {
  try {
    await writeTender(next, expectedVersion, event, extra);
  } catch (error) {
    // The meta item's version condition: 412 with the ETag to read (needs the current version).
    const current =
      expectedVersion !== 'new' && conditionFailure(error)?.index === 0
        ? await getTender(next.tenderId)
        : undefined;
    onConditionFailure(error, ({ index }) =>
      index === 0 && expectedVersion !== 'new'
        ? new PreconditionFailed(
            'PRECONDITION_FAILED',
            'the tender was changed by someone else: read it again',
            current?.version,
          )
        : undefined,
    );
  }
}

export const revisionSummary = ({ snapshot: _s, ...summary }: Revision): RevisionSummary => summary;

export async function listRevisions(tenderId: string): Promise<RevisionSummary[]> {
  const revisions: RevisionSummary[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tenderTable(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
        ExpressionAttributeValues: { ':pk': tenderPk(tenderId), ':rev': revisionEntity.skPrefix({}) },
        // The snapshots stay behind: the list says what changed, the revision route shows it.
        ProjectionExpression: '#r, #k, #at, #n, #c, #d, #i',
        ExpressionAttributeNames: {
          '#r': 'revision',
          '#k': 'kind',
          '#at': 'at',
          '#n': 'note',
          '#c': 'changedFields',
          '#d': 'deadlineExtended',
          '#i': 'incidentId',
        },
        ExclusiveStartKey: startKey,
      }),
    );
    revisions.push(...((page.Items ?? []) as RevisionSummary[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return revisions;
}

export async function getRevision(tenderId: string, revision: number): Promise<Revision | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: tenderTable(), Key: revisionKey(tenderId, revision) }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, tenderId: _t, ...rest } = result.Item;
  return rest as Revision;
}
