// The change feed: releases in the order of the audit log, never by a clock. Every release comes
// from an event written in the same transaction as the state it records, and the sequencer gives
// each event a position once (seq, durable in the log table and its bucket). Reading entries in
// seq order up to a size where every lower entry exists therefore meets every release exactly
// once, however the writers' clocks ran: a write that committed late gets a later seq, never a
// place behind a reader (ProZorro's clock-ordered feed skipped those, peers.md §2.6).
//
// The feed reads up to the latest signed checkpoint, not the live head: entries below a
// checkpoint's size all exist, and the checkpoint is public, so a reader learns nothing about how
// many (bid) events arrived since (shared/audit-log/README.md). It trails by at most a checkpoint
// interval.
import { latestCheckpoint, liveLog, readEntries } from '../audit-log/index.ts';
import type { Release } from '../ocds/ocds-schemas.ts';
import { loadOcdsSource } from '../ocds/ocds-store.ts';
import { buildReleases } from '../ocds/releases.ts';
import type { OcdsOptions } from '../ocds/source.ts';
import { getTender, isPublic } from '../tenders/tender-store.ts';
import { releaseIdsOfEvent } from './release-events.ts';

export interface FeedItem {
  readonly seq: number;
  readonly release: Release;
}

export interface FeedPage {
  readonly items: FeedItem[];
  /** The seq of the last entry read: pass it as `after` to continue; absent if none was read. */
  readonly cursor?: number;
  /** Every entry up to the latest checkpoint was read. */
  readonly caughtUp: boolean;
}

export interface FeedOptions extends OcdsOptions {
  /** Entries after this seq (absent: from the start). */
  readonly after?: number;
  readonly limit: number;
  /** Most log entries read for one page, so a page of rare releases still answers quickly. */
  readonly maxEntries?: number;
}

const CHUNK = 200;

export async function readChangeFeed(options: FeedOptions): Promise<FeedPage> {
  const checkpoint = await latestCheckpoint();
  const end = checkpoint?.size ?? 0;
  const maxEntries = options.maxEntries ?? 2000;
  let next = options.after === undefined ? 0 : options.after + 1;
  const first = next;
  const items: FeedItem[] = [];
  // Releases of tenders met on this page, built once each.
  const built = new Map<string, Promise<Release[]>>();
  const releasesOf = (tenderId: string) => {
    let found = built.get(tenderId);
    if (!found) {
      found = (async () => {
        const tender = await getTender(tenderId);
        if (!tender || !isPublic(tender)) return [];
        return buildReleases(await loadOcdsSource(tender), options);
      })();
      built.set(tenderId, found);
    }
    return found;
  };

  while (next < end && items.length < options.limit && next - first < maxEntries) {
    const entries = await readEntries(liveLog(), next, Math.min(end, next + CHUNK, first + maxEntries));
    for (const entry of entries) {
      const ids = releaseIdsOfEvent(entry.event, options.prefix);
      if (ids.length > 0 && entry.event.tenderId) {
        const releases = await releasesOf(entry.event.tenderId);
        // A release can be gone from the record: an award made again replaces the lot's award.
        for (const id of ids) {
          const release = releases.find((r) => r.id === id);
          if (release) items.push({ seq: entry.seq, release });
        }
      }
      next = entry.seq + 1;
      // An entry's releases are never split across pages.
      if (items.length >= options.limit) break;
    }
  }
  return {
    items,
    ...(next > 0 && next > first
      ? { cursor: next - 1 }
      : options.after !== undefined
        ? { cursor: options.after }
        : {}),
    caughtUp: next >= end,
  };
}
