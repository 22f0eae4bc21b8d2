// The part of OCDS 1.1.5 (release, release package, record package) that we publish, with the bids
// extension (bids.statistics, bids.details, relatedBids) and the lots extension (tender.lots,
// relatedLots). These zod schemas are the route contracts' responses; the official JSON Schemas
// (test/ocds/schemas) are what the tests validate every export against.
import * as z from 'zod';

export const OCDS_VERSION = '1.1';

export const ReleaseTag = z.enum([
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'contract',
  'compiled',
]);

export const Value = z.object({ amount: z.number(), currency: z.string() });
export const Period = z.object({ startDate: z.string().optional(), endDate: z.string().optional() });

export const OrganizationReference = z.object({ id: z.string(), name: z.string() });

export const Identifier = z.object({ id: z.string(), legalName: z.string().optional() });

export const Address = z.object({
  streetAddress: z.string().optional(),
  locality: z.string().optional(),
  region: z.string().optional(),
  countryName: z.string().optional(),
});

export const ContactPoint = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  telephone: z.string().optional(),
});

export const Organization = z.object({
  id: z.string(),
  name: z.string(),
  identifier: Identifier.optional(),
  address: Address.optional(),
  contactPoint: ContactPoint.optional(),
  roles: z.array(z.string()),
});

export const Document = z.object({
  id: z.string(),
  documentType: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  datePublished: z.string().optional(),
  format: z.string().optional(),
  language: z.string().optional(),
  /**
   * Not in the core schema (OCDS has no document hash): hex SHA-256 of the file, the same digest the
   * download route and the audit log carry, so a reader can check what they downloaded.
   */
  sha256: z.string().optional(),
});

export const Amendment = z.object({
  id: z.string(),
  date: z.string(),
  rationale: z.string().optional(),
  description: z.string().optional(),
  amendsReleaseID: z.string().optional(),
  releaseID: z.string(),
});

/** Lots extension: a lot withdrawn by an amendment stays listed as cancelled (merges cannot delete). */
export const Lot = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  status: z.literal('cancelled').optional(),
  value: Value,
});

export const Tender = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(['active', 'cancelled', 'unsuccessful', 'complete']),
  procuringEntity: OrganizationReference,
  value: Value,
  procurementMethod: z.string(),
  procurementMethodDetails: z.string(),
  mainProcurementCategory: z.string(),
  awardCriteria: z.string(),
  awardCriteriaDetails: z.string(),
  submissionMethod: z.array(z.string()),
  submissionMethodDetails: z.string(),
  tenderPeriod: Period,
  enquiryPeriod: Period,
  numberOfTenderers: z.number().int().optional(),
  tenderers: z.array(OrganizationReference).optional(),
  documents: z.array(Document).optional(),
  amendments: z.array(Amendment).optional(),
  lots: z.array(Lot),
});

export const Statistic = z.object({
  id: z.string(),
  measure: z.string(),
  value: z.number(),
  date: z.string().optional(),
  relatedLot: z.string().optional(),
});

export const Bid = z.object({
  id: z.string(),
  date: z.string().optional(),
  status: z.enum(['pending', 'valid', 'disqualified']),
  tenderers: z.array(OrganizationReference),
  value: Value.optional(),
  relatedLots: z.array(z.string()),
});

export const Bids = z.object({ statistics: z.array(Statistic), details: z.array(Bid) });

export const Award = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  status: z.enum(['active']),
  date: z.string(),
  value: Value,
  suppliers: z.array(OrganizationReference),
  relatedLots: z.array(z.string()),
  relatedBids: z.array(z.string()),
});

export const Contract = z.object({
  id: z.string(),
  awardID: z.string(),
  title: z.string(),
  status: z.enum(['active']),
  value: Value,
  dateSigned: z.string(),
  relatedBids: z.array(z.string()),
});

export const Budget = z.object({
  id: z.string(),
  description: z.string(),
  amount: Value,
});

export const Milestone = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  description: z.string().optional(),
  dueDate: z.string().optional(),
});

/** Tenders made from a contractor selection plan's package (shared/ocds/planning-section.ts). */
export const Planning = z.object({
  rationale: z.string(),
  budget: Budget,
  documents: z.array(Document),
  milestones: z.array(Milestone),
});

export const Release = z.object({
  ocid: z.string(),
  id: z.string(),
  date: z.string(),
  tag: z.array(ReleaseTag),
  initiationType: z.literal('tender'),
  language: z.string(),
  parties: z.array(Organization),
  buyer: OrganizationReference,
  planning: Planning.optional(),
  tender: Tender,
  bids: Bids.optional(),
  awards: z.array(Award).optional(),
  contracts: z.array(Contract).optional(),
});

export const Publisher = z.object({ name: z.string() });

const packageFields = {
  uri: z.string(),
  version: z.literal(OCDS_VERSION),
  extensions: z.array(z.string()),
  publishedDate: z.string(),
  publisher: Publisher,
};

export const ReleasePackage = z.object({
  ...packageFields,
  releases: z.array(Release),
  /** Pagination as the OCDS pagination extension has it: the next page's full URL. */
  links: z.object({ next: z.string() }).optional(),
  /** The same next page as this API's other lists name it. */
  nextCursor: z.string().optional(),
});

export const LinkedRelease = z.object({ url: z.string(), date: z.string(), tag: z.array(ReleaseTag) });

export const OcdsRecord = z.object({
  ocid: z.string(),
  releases: z.array(LinkedRelease),
  compiledRelease: Release,
});

export const RecordPackage = z.object({
  ...packageFields,
  packages: z.array(z.string()),
  records: z.array(OcdsRecord),
});

export type ReleaseTag = z.infer<typeof ReleaseTag>;
export type Organization = z.infer<typeof Organization>;
export type OrganizationReference = z.infer<typeof OrganizationReference>;
export type OcdsDocument = z.infer<typeof Document>;
export type Amendment = z.infer<typeof Amendment>;
export type OcdsLot = z.infer<typeof Lot>;
export type OcdsTender = z.infer<typeof Tender>;
export type Statistic = z.infer<typeof Statistic>;
export type OcdsBid = z.infer<typeof Bid>;
export type Bids = z.infer<typeof Bids>;
export type OcdsAward = z.infer<typeof Award>;
export type OcdsContract = z.infer<typeof Contract>;
export type Release = z.infer<typeof Release>;
export type OcdsPlanning = z.infer<typeof Planning>;
export type ReleasePackage = z.infer<typeof ReleasePackage>;
export type RecordPackage = z.infer<typeof RecordPackage>;
export type OcdsRecord = z.infer<typeof OcdsRecord>;
