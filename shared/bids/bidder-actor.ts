// Bid events name their actor by the bidder's pseudonym on the tender, not by the account that
// sent them: the log is read by auditors (and kept by operators) before the deadline, when who
// bid is as secret as what. The opening minutes list each pseudonym with its contractor.
import type { Actor } from '../audit/audit-event.ts';

export const bidderActor = (bidderRef: string): Actor => ({ sub: `bidder:${bidderRef}`, role: 'contractor' });
