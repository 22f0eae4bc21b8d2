// Who may act on a tender: a procuring entity, for its own organisation's tenders only.
import type { Principal } from '../auth/principal.ts';
import { Conflict, Forbidden, NotFound } from '../errors/domain-error.ts';
import { requireVersion as requireCurrentVersion } from '../errors/require-version.ts';
import type { Tender } from './tender-schemas.ts';
import { getTender } from './tender-store.ts';

export function organisationOf(principal: Principal): string {
  if (!principal.organisationId) {
    throw new Forbidden(
      'FORBIDDEN',
      'this account acts for no organisation (custom:organisation_id is missing)',
    );
  }
  return principal.organisationId;
}

export async function ownTender(tenderId: string, principal: Principal): Promise<Tender> {
  const organisationId = organisationOf(principal);
  const tender = await getTender(tenderId);
  if (!tender) throw new NotFound('NOT_FOUND', `no tender ${tenderId}`);
  if (tender.buyer !== organisationId)
    throw new Forbidden('FORBIDDEN', 'this tender belongs to another procuring entity');
  return tender;
}

export function requireVersion(tender: Tender, ifMatch: number | undefined): void {
  requireCurrentVersion(tender, ifMatch, 'the tender');
}

export function requireStatus(tender: Tender, allowed: readonly Tender['status'][], doing: string): void {
  if (!allowed.includes(tender.status)) {
    throw new Conflict('CONFLICT', `cannot ${doing} a ${tender.status} tender`, {
      details: { status: tender.status },
    });
  }
}

/** Published tenders change only before the deadline; after it, the bids decide. */
export function requireBeforeDeadline(tender: Tender, nowMs: number, doing: string): void {
  if (tender.status === 'published' && Date.parse(tender.submissionDeadline) <= nowMs) {
    throw new Conflict(
      'CONFLICT',
      `cannot ${doing}: the submission deadline ${tender.submissionDeadline} has passed`,
    );
  }
}
