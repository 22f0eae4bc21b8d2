// The audit events the bid functions write before the opening. They must not let anyone reading
// the log, the audit table or the log bucket before the deadline tell which tender they belong to
// (and so how many bids a tender has): no tenderId, no lotId, nothing tender-specific in clear.
// The tender is named only through a commitment (shared/tlog tenderCommitment) salted per bid
// version; the salt is stored with the version and published, with the event ids, in the opening
// minutes (`bidEvents`), which is when auditors tie each entry to its tender and bidder.
// What stays in clear is not tender-specific: the bid id (a ULID), the bidder's pseudonym on the
// tender (one bidder's events on one tender share it, which names no tender), hashes and sizes.
import { type AuditEvent, auditEvent } from '../audit/audit-event.ts';
import { tenderCommitment } from '../tlog/index.ts';
import { bidderActor } from './bidder-actor.ts';

export type BidAction = 'bid.submitted' | 'bid.replaced' | 'bid.withdrawn' | 'bid.confirmed';

export interface BidEventInput {
  readonly action: BidAction;
  readonly tenderId: string;
  readonly lotId: string;
  readonly bidderRef: string;
  readonly bidId: string;
  /** The version's tenderSalt. */
  readonly salt: string;
  /** What auditors read: identifiers, hashes and sizes only, never the tender or lot. */
  readonly change: Record<string, unknown>;
  readonly at: string;
}

export function bidEvent(input: BidEventInput): AuditEvent {
  const { tenderId, lotId, bidId, salt } = input;
  return auditEvent(
    {
      // Under the bidder's pseudonym: the opening minutes say whose it is, not the log before.
      actor: bidderActor(input.bidderRef),
      action: input.action,
      object: { type: 'bid', id: bidId },
      tenderCommitment: tenderCommitment({ tenderId, lotId, bidId, salt }),
      change: input.change,
    },
    input.at,
  );
}
