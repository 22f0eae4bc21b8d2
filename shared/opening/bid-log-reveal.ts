// The opening reveals which audit-log entries were the tender's bids. Before the deadline bid
// events named their tender only through a salted commitment (shared/bids/bid-events.ts); the
// minutes made at the deadline list every bid version (active, replaced and withdrawn) with its
// event ids and salt, so anyone holding them ties each entry to its tender and bidder. Readers of
// the log (functions/oversight) take the revealed list from the stored minutes.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bidKeys } from '../bids/bid-records.ts';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { bidVersionEntity } from '../entities/bids.ts';
import type { MinutesBidEvents, SignedMinutes } from './minutes-schema.ts';
import { listMinutesRecords, readMinutesObject } from './minutes-store.ts';

/** Every bid version of the tender, as the minutes list it; read once the tender is closed. */
export async function loadBidEvents(tenderId: string): Promise<MinutesBidEvents[]> {
  const pk = bidKeys.version(tenderId, '', '', 0).pk;
  const found: MinutesBidEvents[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    // Only what the minutes list: version items carry sealed identities and receipts.
    const page = await db.send(
      new QueryCommand({
        TableName: resources.table('bids'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bid)',
        ExpressionAttributeValues: { ':pk': pk, ':bid': bidVersionEntity.skPrefix({}) },
        ProjectionExpression:
          'bidId, version, lotId, bidderRef, tenderSalt, auditEventId, confirmationEventIds, withdrawalEventId',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      // A version stored without events (no salt) has nothing in the log to tie.
      if (typeof item.tenderSalt !== 'string') continue;
      found.push({
        bidId: String(item.bidId),
        version: Number(item.version),
        lotId: String(item.lotId),
        bidderRef: String(item.bidderRef),
        salt: item.tenderSalt,
        // In the order they happened: submission, confirmations after amendments, withdrawal.
        eventIds: [
          item.auditEventId,
          ...(Array.isArray(item.confirmationEventIds) ? item.confirmationEventIds : []),
          item.withdrawalEventId,
        ].filter((id): id is string => typeof id === 'string'),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

export interface RevealingMinutes {
  readonly document: SignedMinutes;
  readonly bidEvents: readonly MinutesBidEvents[];
}

/** The stored minutes that reveal the tender's bid events, or undefined before its opening. */
export async function revealingMinutes(tenderId: string): Promise<RevealingMinutes | undefined> {
  const record = (await listMinutesRecords(tenderId)).find((r) => r.phase !== 'financial');
  if (!record) return undefined;
  const stored = await readMinutesObject(record.objectKey);
  if (!stored) throw new Error(`minutes object ${record.objectKey} is missing`);
  return { document: stored.document, bidEvents: stored.document.minutes.bidEvents ?? [] };
}

/** The ids of the tender's revealed bid events (none before the opening). */
export const revealedEventIds = (reveal: RevealingMinutes | undefined): string[] =>
  (reveal?.bidEvents ?? []).flatMap((b) => b.eventIds);
