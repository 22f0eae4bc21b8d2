// The opening reveals which audit-log entries were the tender's bids. Before the deadline bid
// events named their tender only through a salted commitment (shared/bids/bid-events.ts); the
// minutes made at the deadline list every bid version (active, replaced and withdrawn) with its
// event ids and salt, so anyone holding them ties each entry to its tender and bidder. Readers of
// the log (functions/oversight) take the revealed list from the stored minutes.
import { bidKeys } from '../bids/bid-records.ts';
import { resources } from '../config/settings.ts';
import { queryPrefixInRanges } from '../db/read-all.ts';
import { bidVersionEntity } from '../entities/bids.ts';
import type { MinutesBidEvents, SignedMinutes } from './minutes-schema.ts';
import { listMinutesRecords, readMinutesObject } from './minutes-store.ts';

// bidderRef is base64url: its first character splits a lot's versions into even ranges.
const BASE64URL_SORTED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
/** Versions per range read in parallel: a version item is about a kilobyte, a query page a megabyte. */
const VERSIONS_PER_RANGE = 500;
const MAX_RANGES_PER_LOT = 16;

/** Where to split the tender's version items for parallel reads, sized by the bids expected. */
export function versionRangeSplits(lotIds: readonly string[], expectedVersions: number): string[] {
  const perLot = Math.ceil(expectedVersions / Math.max(1, lotIds.length) / VERSIONS_PER_RANGE);
  const ranges = Math.min(MAX_RANGES_PER_LOT, Math.max(1, perLot));
  return lotIds.flatMap((lotId) =>
    Array.from({ length: ranges - 1 }, (_, j) => {
      const char = BASE64URL_SORTED[Math.round(((j + 1) * BASE64URL_SORTED.length) / ranges)];
      return `${bidVersionEntity.skPrefix({})}${lotId}#${char}`;
    }),
  );
}

/**
 * Every bid version of the tender, as the minutes list it; read once the tender is closed. With
 * the tender's lots and about how many versions to expect (the current bids), a large tender's
 * versions are read in parallel ranges (10,000 bids are some 15 pages of a query one after another).
 */
export async function loadBidEvents(
  tenderId: string,
  shape: { readonly lotIds: readonly string[]; readonly expectedVersions: number } = {
    lotIds: [],
    expectedVersions: 0,
  },
): Promise<MinutesBidEvents[]> {
  // Only what the minutes list: version items carry sealed identities and receipts.
  const items = await queryPrefixInRanges({
    TableName: resources.table('bids'),
    pk: bidKeys.version(tenderId, '', '', 0).pk,
    prefix: bidVersionEntity.skPrefix({}),
    splits: versionRangeSplits(shape.lotIds, shape.expectedVersions),
    ProjectionExpression:
      'sk, bidId, version, lotId, bidderRef, tenderSalt, auditEventId, confirmationEventIds, withdrawalEventId',
    ConsistentRead: true,
  });
  const found: MinutesBidEvents[] = [];
  for (const item of items) {
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
