// A bidder checking its receipts against the log. Bid events are logged under the bidder's
// pseudonym on the tender, not its account, so GET /log/events/{eventId} (which compares the
// caller with the event's actor) cannot know the bidder; the bid functions can, because they
// derive the pseudonym with the `bidders` key. So the bidder asks for its own bid version here
// (functions/bid-queries): the answer is each of the version's events with its log place and
// inclusion proof, and the salt that opens its tenderCommitment, which only the bidder (and,
// after the opening, the minutes) may know. Someone else's bid is simply not found.
import * as z from 'zod';
import { integratedBy, integratedView, integrationStatus } from '../audit-log/integration-status.ts';
import { liveLog } from '../audit-log/log-location.ts';
import { readEntry } from '../audit-log/log-reader.ts';
import { EventIntegration, LoggedEvent } from '../audit-log/schemas.ts';
import { tenderCommitment } from '../tlog/index.ts';
import type { StoredBidVersion } from './bid-store.ts';

export const OwnBidLogEvent = EventIntegration.extend({
  action: z.string(),
  /** The logged event as the log holds it (its leaf hash recomputes from it and seq). */
  event: LoggedEvent.optional(),
});

export const OwnBidLogEvents = z.object({
  bidId: z.string(),
  /** base64url SHA-256 naming the tender in the events (shared/tlog tenderCommitment). */
  tenderCommitment: z.string(),
  /** Opens the commitment with (tenderId, lotId, bidId); published in the opening minutes. */
  tenderSalt: z.string(),
  events: z.array(OwnBidLogEvent),
});

type Out = z.input<typeof OwnBidLogEvent>;

async function oneEvent(eventId: string, action: string, at: string): Promise<Out> {
  const log = liveLog();
  const status = await integrationStatus(eventId, log);
  if (!status) return { eventId, action, status: 'pending', at, integratedBy: integratedBy(at) };
  const entry = await readEntry(log, status.seq);
  return {
    eventId,
    action,
    ...integratedView(status),
    ...(entry ? { event: entry.event as z.input<typeof LoggedEvent> } : {}),
  };
}

/** The version's events (submission or replacement, then withdrawal), in the log or pending. */
export async function ownBidLogEvents(
  version: StoredBidVersion,
  submitAction: string,
): Promise<z.input<typeof OwnBidLogEvents> | undefined> {
  if (!version.tenderSalt) return undefined;
  const events = [oneEvent(version.auditEventId, submitAction, version.receivedAt)];
  // Confirmations after amendments; only the latest one's time is kept, earlier ones show as it.
  for (const eventId of version.confirmationEventIds ?? []) {
    events.push(oneEvent(eventId, 'bid.confirmed', version.confirmedAt ?? version.receivedAt));
  }
  if (version.withdrawalEventId && version.withdrawnAt) {
    events.push(oneEvent(version.withdrawalEventId, 'bid.withdrawn', version.withdrawnAt));
  }
  return {
    bidId: version.bidId,
    tenderCommitment: tenderCommitment({ ...version, salt: version.tenderSalt }),
    tenderSalt: version.tenderSalt,
    events: await Promise.all(events),
  };
}
