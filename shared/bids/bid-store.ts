// Reads and item builders for the bids table, following bid-records.ts (the layout the opener
// reads). Besides it: each version item keeps its receipts, and idempotency records live in
// their own partition per contractor (IDEMPOTENCY#<contractorId>), away from the tender's.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import type { TransactItem } from '../db/audited-write.ts';
import { db } from '../db/client.ts';
import type { FinancialEnvelopeRecord } from '../opening/two-envelope.ts';
import type { BidReceipt } from '../receipts/receipt.ts';
import { type BidVersionRecord, bidKeys, type CurrentBidPointer } from './bid-records.ts';
import type { BidVersionView } from './bid-schemas.ts';

export const bidTable = () => resources.table('bids');

/** A version as stored: the agreed record plus the receipts issued for it. */
export interface StoredBidVersion extends BidVersionRecord {
  /** Two-envelope tenders: the financial envelope, opened only after technical approval. */
  readonly financial?: FinancialEnvelopeRecord;
  readonly receipt: BidReceipt;
  readonly withdrawalReceipt?: BidReceipt;
}

export interface IdempotencyRecord {
  readonly contractorId: string;
  readonly key: string;
  /** SHA-256 of the canonical request: the same key with other content is refused. */
  readonly requestHash: string;
  readonly bidId: string;
  readonly receipt: BidReceipt;
  /** Epoch seconds; DynamoDB's TTL removes the record some time after. */
  readonly expiresAt: number;
}

const padded = (version: number) => String(version).padStart(4, '0');

/** The tender's partition in the bids table (versions and pointers of every contractor). */
export const tenderPartition = (tenderId: string) => bidKeys.current(tenderId, '', '').pk;

/** gsi1 (byTender index) on version items: a contractor's own bids, by tender, lot and version. */
export const contractorIndexSk = (tenderId: string, lotId: string, version: number) =>
  `${tenderId}#${lotId}#${padded(version)}`;

export const idempotencyKey = (contractorId: string, key: string) => ({
  pk: `IDEMPOTENCY#${contractorId}`,
  sk: `KEY#${key}`,
});

function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as T;
}

export async function getCurrentPointer(
  tenderId: string,
  lotId: string,
  contractorId: string,
): Promise<CurrentBidPointer | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: bidTable(),
      Key: bidKeys.current(tenderId, lotId, contractorId),
      ConsistentRead: true,
    }),
  );
  return strip<CurrentBidPointer>(result.Item);
}

export async function getIdempotencyRecord(
  contractorId: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: bidTable(), Key: idempotencyKey(contractorId, key), ConsistentRead: true }),
  );
  return strip<IdempotencyRecord>(result.Item);
}

/** Every version of one contractor's bid on one lot, oldest first. */
export async function ownVersions(
  tenderId: string,
  lotId: string,
  contractorId: string,
): Promise<StoredBidVersion[]> {
  const versions: StoredBidVersion[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: bidTable(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': tenderPartition(tenderId),
          ':prefix': `BID#${lotId}#${contractorId}#`,
        },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    versions.push(...(page.Items ?? []).map((item) => strip<StoredBidVersion>(item) as StoredBidVersion));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return versions;
}

export function versionPut(version: StoredBidVersion): TransactItem {
  return {
    Put: {
      TableName: bidTable(),
      Item: {
        ...bidKeys.version(version.tenderId, version.lotId, version.contractorId, version.version),
        ...bidKeys.byContractor(version.contractorId),
        gsi1sk: contractorIndexSk(version.tenderId, version.lotId, version.version),
        ...version,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Points the contractor's lot at `next`, if and only if the pointer is still what was read
 * (`previous`, or absent): two requests racing on one lot cannot both win.
 */
export function pointerPut(next: CurrentBidPointer, previous: CurrentBidPointer | undefined): TransactItem {
  return {
    Put: {
      TableName: bidTable(),
      Item: { ...bidKeys.current(next.tenderId, next.lotId, next.contractorId), ...next },
      ...(previous
        ? {
            ConditionExpression: 'bidId = :bid AND version = :version AND #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':bid': previous.bidId,
              ':version': previous.version,
              ':status': previous.status,
            },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/** Moves an active version to `status`, with the fields that record why. */
export function versionStatusUpdate(
  version: Pick<BidVersionRecord, 'tenderId' | 'lotId' | 'contractorId' | 'version'>,
  status: 'superseded' | 'withdrawn',
  fields: Record<string, unknown>,
): TransactItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':next': status, ':active': 'active' };
  const sets = ['#status = :next'];
  for (const [name, value] of Object.entries(fields)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  return {
    Update: {
      TableName: bidTable(),
      Key: bidKeys.version(version.tenderId, version.lotId, version.contractorId, version.version),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export function idempotencyPut(record: IdempotencyRecord): TransactItem {
  return {
    Put: {
      TableName: bidTable(),
      Item: { ...idempotencyKey(record.contractorId, record.key), ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getVersion(
  tenderId: string,
  lotId: string,
  contractorId: string,
  version: number,
): Promise<StoredBidVersion | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: bidTable(),
      Key: bidKeys.version(tenderId, lotId, contractorId, version),
      ConsistentRead: true,
    }),
  );
  return strip<StoredBidVersion>(result.Item);
}

/** What the bidder sees of its own bid: no storage location, nothing the opener alone needs. */
export function toBidView(version: StoredBidVersion): BidVersionView {
  return {
    bidId: version.bidId,
    tenderId: version.tenderId,
    lotId: version.lotId,
    contractorId: version.contractorId,
    version: version.version,
    status: version.status,
    envelopeSha256: version.envelopeSha256,
    envelopeSize: version.envelopeSize,
    signingKeyId: version.signingKeyId,
    receivedAt: version.receivedAt,
    ...(version.financial
      ? {
          financial: {
            envelopeSha256: version.financial.envelopeSha256,
            envelopeSize: version.financial.envelopeSize,
          },
        }
      : {}),
    ...(version.withdrawnAt ? { withdrawnAt: version.withdrawnAt } : {}),
    ...(version.supersededBy ? { supersededBy: version.supersededBy } : {}),
    receipt: version.receipt,
    ...(version.withdrawalReceipt ? { withdrawalReceipt: version.withdrawalReceipt } : {}),
  };
}
