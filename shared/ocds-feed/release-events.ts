// Which release a logged event made. Release ids derive from what they record (shared/ocds/
// identifiers.ts), and the events that make releases carry that in their change: the revision
// number (publication, amendment, a document added after publication, a deadline extension), the
// opening phase of the minutes, the award (the event's object) and the contract id. Events that
// name no tender (bids, before their opening) make no release.
import type { AuditEvent } from '../audit/audit-event.ts';
import { ocidOf, releaseIds } from '../ocds/identifiers.ts';
import type { OpeningPhase } from '../opening/messages.ts';

const phases: readonly string[] = ['single', 'technical', 'financial'] satisfies OpeningPhase[];

export function releaseIdsOfEvent(event: AuditEvent, prefix: string): string[] {
  if (!event.tenderId) return [];
  const ocid = ocidOf(prefix, event.tenderId);
  const change = (typeof event.change === 'object' && event.change !== null ? event.change : {}) as Record<
    string,
    unknown
  >;
  const ids: string[] = [];
  if (typeof change.revision === 'number' && event.action !== 'tender.created') {
    ids.push(releaseIds.revision(ocid, change.revision));
  }
  switch (event.action) {
    case 'tender.cancelled':
      ids.push(releaseIds.cancellation(ocid));
      break;
    case 'tender.declared-unsuccessful':
      ids.push(releaseIds.unsuccessful(ocid));
      break;
    case 'award.made':
      if (event.object.type === 'award') ids.push(releaseIds.award(ocid, event.object.id));
      break;
    case 'contract.recorded':
      if (typeof change.contractId === 'string') ids.push(releaseIds.contract(ocid, change.contractId));
      break;
  }
  // Minutes made public: the opener's events carry the phase and the stored minutes.
  if (typeof change.phase === 'string' && phases.includes(change.phase) && change.minutes !== undefined) {
    ids.push(releaseIds.opening(ocid, change.phase as OpeningPhase));
  }
  return ids;
}
