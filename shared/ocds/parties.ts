// OCDS parties: the buyer from the organisation register, bidders from the contractor register
// (public facts only: name, enterprise code, province, never contacts).
import type { Organisation } from '../organisations/organisation-schemas.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { partyIds } from './identifiers.ts';
import type { Organization, OrganizationReference } from './ocds-schemas.ts';
import type { ContractorFacts } from './source.ts';

const countryName = (code: string | undefined) => (code === undefined || code === 'VN' ? 'Việt Nam' : code);

export function buyerReference(tender: Pick<Tender, 'buyer' | 'buyerName'>): OrganizationReference {
  return { id: partyIds.organisation(tender.buyer), name: tender.buyerName };
}

/** The procuring entity (bên mời thầu) is both the OCDS buyer and the procuring entity. */
export function buyerParty(
  tender: Pick<Tender, 'buyer' | 'buyerName'>,
  organisation: Organisation | undefined,
): Organization {
  const party: Organization = { ...buyerReference(tender), roles: ['buyer', 'procuringEntity'] };
  if (!organisation) return party;
  const a = organisation.address;
  return {
    ...party,
    // The code (e.g. mã ĐVQHNS) has no org-id.guide scheme we could name, so none is claimed.
    identifier: { id: organisation.code, legalName: organisation.name },
    address: {
      streetAddress: a.ward ? `${a.street}, ${a.ward}` : a.street,
      ...(a.district ? { locality: a.district } : {}),
      region: a.province,
      countryName: countryName(a.country),
    },
    contactPoint: {
      name: organisation.contact.name,
      email: organisation.contact.email,
      ...(organisation.contact.phone ? { telephone: organisation.contact.phone } : {}),
    },
  };
}

export function contractorReference(contractorId: string, name: string): OrganizationReference {
  return { id: partyIds.contractor(contractorId), name };
}

export function contractorParty(
  contractorId: string,
  name: string,
  facts: ContractorFacts | undefined,
  roles: readonly string[],
): Organization {
  return {
    ...contractorReference(contractorId, name),
    // The enterprise code (mã số doanh nghiệp) is public in the national business register.
    ...(facts?.enterpriseCode ? { identifier: { id: facts.enterpriseCode, legalName: facts.name } } : {}),
    ...(facts?.province
      ? { address: { region: facts.province, countryName: countryName(facts.country) } }
      : {}),
    roles: [...roles],
  };
}
