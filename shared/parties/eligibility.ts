// May this contractor bid right now? Bid submission and award call this at the moment that counts.
import type { Contractor, Eligibility } from './contractor-schemas.ts';

export function eligibilityOf(
  contractor: Pick<Contractor, 'contractorId' | 'status' | 'statusReason' | 'statusUntil'>,
  at: Date,
): Eligibility {
  const checkedAt = at.toISOString();
  const base = { contractorId: contractor.contractorId, status: contractor.status, checkedAt };
  if (contractor.status === 'active') return { ...base, eligible: true };
  if (contractor.statusUntil && Date.parse(contractor.statusUntil) <= at.getTime()) {
    return {
      ...base,
      eligible: true,
      reason: `${contractor.status} period ended at ${contractor.statusUntil}`,
    };
  }
  const until = contractor.statusUntil ? ` until ${contractor.statusUntil}` : '';
  return {
    ...base,
    eligible: false,
    reason: `contractor is ${contractor.status}${until}${contractor.statusReason ? `: ${contractor.statusReason}` : ''}`,
  };
}
