// Identifiers in our OCDS data. Release ids are derived from what they record, so rebuilding the
// releases of a tender gives the same ids every time (a release, once published, keeps its id).
import type { OpeningPhase } from '../opening/messages.ts';

export const ocidOf = (prefix: string, tenderId: string) => `${prefix}-${tenderId}`;

export const releaseIds = {
  revision: (ocid: string, revision: number) => `${ocid}-rev-${revision}`,
  cancellation: (ocid: string) => `${ocid}-cancellation`,
  /** A tender that closed with no bid, declared unsuccessful by its procuring entity (no minutes). */
  unsuccessful: (ocid: string) => `${ocid}-unsuccessful`,
  opening: (ocid: string, phase: OpeningPhase) => `${ocid}-opening-${phase}`,
  award: (ocid: string, awardId: string) => `${ocid}-award-${awardId}`,
  contract: (ocid: string, contractId: string) => `${ocid}-contract-${contractId}`,
  compiled: (ocid: string, date: string) => `${ocid}-compiled-${date}`,
};

/** Party ids name the register they come from: an organisation and a contractor never collide. */
export const partyIds = {
  organisation: (organisationId: string) => `org-${organisationId}`,
  contractor: (contractorId: string) => `contractor-${contractorId}`,
};
