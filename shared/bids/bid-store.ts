// Reads and item builders for the bids table, following bid-records.ts (the layout the opener
// reads). Besides it, all keyed or sealed with the bidder's secret (bidder-secret.ts), so none
// names the contractor:
//   - each version carries its receipts sealed for the bidder alone (`ownerSeal`, `withdrawalSeal`);
//   - idempotency records live in the bidder's partition on the tender;
//   - the contractor's own index of bids across tenders, whose entries are sealed: its size is
//     all an operator learns from it.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import type { TransactItem } from '../db/audited-write.ts';
import { db } from '../db/client.ts';
import { batchGetAll, queryAll } from '../db/read-all.ts';
import { bidVersionEntity, idempotencyEntity, ownBidEntity } from '../entities/bids.ts';
import { bidVersionLifecycle } from '../lifecycle/record-tables.ts';
import { stateUpdate } from '../lifecycle/state-update.ts';
import type { BidReceipt } from '../receipts/receipt.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import type { FinancialEnvelopeRecord } from './bid-records.ts';
import { type BidVersionRecord, bidKeys, type CurrentBidPointer } from './bid-records.ts';
import type { BidVersionView } from './bid-schemas.ts';
import type { BidderSecret } from './bidder-secret.ts';
import { needsConfirmation } from './confirmation-rule.ts';

export const bidTable = () => resources.table('bids');

/** A version as stored: the agreed record plus the receipts, sealed for the bidder. */
export interface StoredBidVersion extends BidVersionRecord {
  /** Two-envelope tenders: the financial envelope, opened only after technical approval. */
  readonly financial?: FinancialEnvelopeRecord;
  /** OwnCopy, sealed with the bidder's secret. */
  readonly ownerSeal: string;
  /** The withdrawal receipt, sealed with the bidder's secret. */
  readonly withdrawalSeal?: string;
  /** The latest confirmation receipt, sealed with the bidder's secret. */
  readonly confirmationSeal?: string;
}

/** What only the bidder reads back of its version. */
export interface OwnCopy {
  readonly receipt: BidReceipt;
  readonly signingKeyId: string;
}

export interface IdempotencyRecord {
  /** Keyed digest of the canonical request: the same key with other content is refused. */
  readonly requestMac: string;
  readonly bidId: string;
  readonly lotId: string;
  readonly version: number;
  /** Epoch seconds; DynamoDB's TTL removes the record some time after. */
  readonly expiresAt: number;
}

/** An entry of the contractor's own index, once opened. */
export interface OwnBidEntry {
  readonly tenderId: string;
  readonly lotId: string;
  readonly bidId: string;
  readonly version: number;
}

/** The tender's partition in the bids table (versions and pointers of every bidder). */
export const tenderPartition = (tenderId: string) => bidKeys.current(tenderId, '', '').pk;

const idempotencyKey = (secret: BidderSecret, tenderId: string, key: string) =>
  idempotencyEntity.key({
    tenderId,
    bidderRef: secret.bidderRef(tenderId),
    keyMac: secret.mac('idempotency-key', key),
  });

const ownIndexKey = (secret: BidderSecret, bidId: string) =>
  ownBidEntity.key({ ownerRef: secret.ownerRef, bidMac: secret.mac('own-bid', bidId) });

const sealScope = (tenderId: string) => `bid:${tenderId}`;
const sealContext = (v: Pick<BidVersionRecord, 'lotId' | 'bidderRef' | 'bidId'>, kind: string) => ({
  kind,
  lotId: v.lotId,
  bidderRef: v.bidderRef,
  bidId: v.bidId,
});

export const sealOwnCopy = (
  secret: BidderSecret,
  v: Pick<BidVersionRecord, 'tenderId' | 'lotId' | 'bidderRef' | 'bidId'>,
  copy: OwnCopy,
) => secret.seal(sealScope(v.tenderId), sealContext(v, 'own-copy'), copy as never);

export const sealWithdrawal = (
  secret: BidderSecret,
  v: Pick<BidVersionRecord, 'tenderId' | 'lotId' | 'bidderRef' | 'bidId'>,
  receipt: BidReceipt,
) => secret.seal(sealScope(v.tenderId), sealContext(v, 'withdrawal'), receipt as never);

export const sealConfirmation = (
  secret: BidderSecret,
  v: Pick<BidVersionRecord, 'tenderId' | 'lotId' | 'bidderRef' | 'bidId'>,
  receipt: BidReceipt,
) => secret.seal(sealScope(v.tenderId), sealContext(v, 'confirmation'), receipt as never);

export const openConfirmation = (secret: BidderSecret, v: StoredBidVersion): BidReceipt | undefined =>
  v.confirmationSeal
    ? secret.open<BidReceipt>(sealScope(v.tenderId), sealContext(v, 'confirmation'), v.confirmationSeal)
    : undefined;

/**
 * Records a confirmation on the active version, once per revision and never backwards: the
 * version is still active and not yet confirmed on this revision or a later one.
 */
export function versionConfirmationUpdate(
  version: Pick<BidVersionRecord, 'tenderId' | 'lotId' | 'bidderRef' | 'version'>,
  fields: {
    confirmedRevision: number;
    confirmedAt: string;
    sealedConfirmation: string;
    confirmationSeal: string;
    eventId: string;
  },
): TransactItem {
  return {
    Update: {
      TableName: bidTable(),
      Key: bidKeys.version(version.tenderId, version.lotId, version.bidderRef, version.version),
      UpdateExpression:
        'SET confirmedRevision = :rev, confirmedAt = :at, sealedConfirmation = :sealed, confirmationSeal = :seal, ' +
        'confirmationEventIds = list_append(if_not_exists(confirmationEventIds, :none), :event)',
      ConditionExpression:
        '#status = :active AND (attribute_not_exists(confirmedRevision) OR confirmedRevision < :rev)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':rev': fields.confirmedRevision,
        ':at': fields.confirmedAt,
        ':sealed': fields.sealedConfirmation,
        ':seal': fields.confirmationSeal,
        ':none': [],
        ':event': [fields.eventId],
        ':active': 'active',
      },
    },
  };
}

function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

export async function getCurrentPointer(
  tenderId: string,
  lotId: string,
  bidderRef: string,
): Promise<CurrentBidPointer | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: bidTable(),
      Key: bidKeys.current(tenderId, lotId, bidderRef),
      ConsistentRead: true,
    }),
  );
  return strip<CurrentBidPointer>(result.Item);
}

export async function getIdempotencyRecord(
  secret: BidderSecret,
  tenderId: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: bidTable(),
      Key: idempotencyKey(secret, tenderId, key),
      ConsistentRead: true,
    }),
  );
  return strip<IdempotencyRecord>(result.Item);
}

/** Every version of one bidder's bid on one lot, oldest first. */
export async function ownVersions(
  tenderId: string,
  lotId: string,
  bidderRef: string,
): Promise<StoredBidVersion[]> {
  const items = await queryAll(bidTable(), tenderPartition(tenderId), {
    prefix: bidVersionEntity.skPrefix({ lotId, bidderRef }),
    consistent: true,
  });
  return items.map((item) => strip<StoredBidVersion>(item) as StoredBidVersion);
}

export function versionPut(version: StoredBidVersion): TransactItem {
  return {
    Put: {
      TableName: bidTable(),
      Item: {
        ...bidKeys.version(version.tenderId, version.lotId, version.bidderRef, version.version),
        ...version,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Points the bidder's lot at `next`, if and only if the pointer is still what was read
 * (`previous`, or absent): two requests racing on one lot cannot both win.
 */
export function pointerPut(next: CurrentBidPointer, previous: CurrentBidPointer | undefined): TransactItem {
  return {
    Put: {
      TableName: bidTable(),
      Item: { ...bidKeys.current(next.tenderId, next.lotId, next.bidderRef), ...next },
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

/** Moves an active version along `transition` (bid version lifecycle), with the fields that record why. */
export function versionStatusUpdate(
  version: Pick<BidVersionRecord, 'tenderId' | 'lotId' | 'bidderRef' | 'version'>,
  transition: 'supersede' | 'withdraw',
  fields: Record<string, unknown>,
): TransactItem {
  return {
    Update: {
      TableName: bidTable(),
      Key: bidKeys.version(version.tenderId, version.lotId, version.bidderRef, version.version),
      ...stateUpdate(bidVersionLifecycle, transition, 'active', fields),
    },
  };
}

export function idempotencyPut(
  secret: BidderSecret,
  tenderId: string,
  key: string,
  record: IdempotencyRecord,
): TransactItem {
  return {
    Put: {
      TableName: bidTable(),
      Item: { ...idempotencyKey(secret, tenderId, key), ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The contractor's own index entry for a new version (read by GET /me/bids). */
export function ownIndexPut(secret: BidderSecret, entry: OwnBidEntry): TransactItem {
  return {
    Put: {
      TableName: bidTable(),
      Item: {
        ...ownIndexKey(secret, entry.bidId),
        entry: secret.seal('own-index', { ownerRef: secret.ownerRef }, { ...entry }),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Every entry of the contractor's own index, opened (a contractor's bids number in hundreds). */
export async function ownIndex(secret: BidderSecret): Promise<OwnBidEntry[]> {
  const items = await queryAll(bidTable(), ownBidEntity.pk({ ownerRef: secret.ownerRef }));
  return items.map((item) =>
    secret.open<OwnBidEntry>('own-index', { ownerRef: secret.ownerRef }, String(item.entry)),
  );
}

export async function getVersion(
  tenderId: string,
  lotId: string,
  bidderRef: string,
  version: number,
): Promise<StoredBidVersion | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: bidTable(),
      Key: bidKeys.version(tenderId, lotId, bidderRef, version),
      ConsistentRead: true,
    }),
  );
  return strip<StoredBidVersion>(result.Item);
}

/** The versions the entries name, in the entries' order (those not found are left out). */
export async function getVersions(
  secret: BidderSecret,
  entries: readonly OwnBidEntry[],
): Promise<StoredBidVersion[]> {
  const keyOf = (e: OwnBidEntry) =>
    bidKeys.version(e.tenderId, e.lotId, secret.bidderRef(e.tenderId), e.version);
  const found = await batchGetAll(bidTable(), entries.map(keyOf), { consistent: true });
  const byKey = new Map(found.map((item) => [`${item.pk}|${item.sk}`, strip<StoredBidVersion>(item)]));
  return entries.flatMap((e) => {
    const key = keyOf(e);
    const version = byKey.get(`${key.pk}|${key.sk}`);
    return version ? [version] : [];
  });
}

/**
 * What the bidder sees of its own bid: no storage location, nothing the opener alone needs. With
 * the tender, an active version says whether it must be confirmed (confirmation-rule.ts).
 */
export function toBidView(
  secret: BidderSecret,
  version: StoredBidVersion,
  tender?: Pick<Tender, 'revision' | 'bidsConfirmationRevision'>,
): BidVersionView {
  const own = secret.open<OwnCopy>(
    sealScope(version.tenderId),
    sealContext(version, 'own-copy'),
    version.ownerSeal,
  );
  const withdrawalReceipt = version.withdrawalSeal
    ? secret.open<BidReceipt>(
        sealScope(version.tenderId),
        sealContext(version, 'withdrawal'),
        version.withdrawalSeal,
      )
    : undefined;
  const confirmationReceipt = openConfirmation(secret, version);
  const confirmation = {
    required: tender !== undefined && version.status === 'active' && needsConfirmation(tender, version),
    ...(version.tenderRevision !== undefined ? { placedOnRevision: version.tenderRevision } : {}),
    ...(version.confirmedRevision !== undefined
      ? { confirmedRevision: version.confirmedRevision, confirmedAt: version.confirmedAt }
      : {}),
    ...(tender?.bidsConfirmationRevision !== undefined
      ? { requiredSinceRevision: tender.bidsConfirmationRevision, currentRevision: tender.revision }
      : {}),
  };
  return {
    bidId: version.bidId,
    tenderId: version.tenderId,
    lotId: version.lotId,
    contractorId: secret.contractorId,
    version: version.version,
    status: version.status,
    envelopeSha256: version.envelopeSha256,
    envelopeSize: version.envelopeSize,
    signingKeyId: own.signingKeyId,
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
    receipt: own.receipt,
    ...(withdrawalReceipt ? { withdrawalReceipt } : {}),
    confirmation,
    ...(confirmationReceipt ? { confirmationReceipt } : {}),
  };
}
