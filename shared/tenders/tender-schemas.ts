// A tender (gói thầu) as clients send it and as the API returns it. Clients send only the
// editable fields: status, ids, versions, timestamps and the buyer are the server's, and strict
// objects refuse them by name.
import * as z from 'zod';
import { EvaluationMethod } from '../evaluation/schema.ts';
import { BiddingScope } from '../procedures/procedure-schema.ts';
import { ProcurementMethod } from '../procedures/procedures.ts';
import { Amount, Currency, Id, Instant, Text, Version } from '../schemas/common.ts';
import { tenderIssues } from './tender-rules.ts';

// After publication: closed at the deadline (opening under way), opened (minutes public),
// evaluating, awarded (standstill), contracted; or unsuccessful (fewer valid bids than minBids);
// no-bids: closed with no bid at all, until the procuring entity extends the deadline or declares
// it unsuccessful (Decree 214/2025 Art. 140(4); shared/tenders/no-bids-rule.ts).
export const TenderStatus = z.enum([
  'draft',
  'published',
  'cancelled',
  'closed',
  'no-bids',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
  'unsuccessful',
]);
/** Statuses the public may see; a tender is public only once it has been published. */
export const publicStatuses = [
  'published',
  'cancelled',
  'closed',
  'no-bids',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
  'unsuccessful',
] as const;
export const PublicStatus = z.enum(publicStatuses);
export const Category = z.enum(['goods', 'works', 'non-consulting', 'consulting']);
/** The tender's procedure: one of the available procedures of GET /procedures (shared/procedures/). */
export { BiddingScope, ProcurementMethod };
export const EnvelopeProcedure = z.enum(['one-envelope', 'two-envelope']);

/** Any UTC instant in, one canonical form stored, so that deadlines sort as strings. */
export const UtcInstant = Instant.transform((s) => new Date(s).toISOString());

const Percent = z.number().int('must be a whole percent').min(0).max(100);

export const EvaluationSettings = z.strictObject({
  method: EvaluationMethod,
  /** Combined method only; technicalWeight + priceWeight = 100. */
  technicalWeight: Percent.optional(),
  priceWeight: Percent.optional(),
  /** Pass mark on a 100-point technical scale; combined and technical-score methods only. */
  minTechnicalScore: Percent.optional(),
});

export const LotInput = z.strictObject({
  title: Text(300),
  description: Text(5000).optional(),
  estimatedValue: Amount,
  bidSecurityAmount: Amount,
});

/** In an edit, a lot naming an existing lotId keeps that id; a lot without one is new. */
export const LotEdit = LotInput.extend({
  lotId: Id.optional().meta({ description: 'an existing lot of this tender; omit for a new lot' }),
});

export const Lot = z.object({
  lotId: Id,
  title: z.string(),
  description: z.string().optional(),
  estimatedValue: Amount,
  bidSecurityAmount: Amount,
});

const editableFields = {
  title: Text(500),
  description: Text(20_000),
  category: Category,
  procurementMethod: ProcurementMethod,
  envelopeProcedure: EnvelopeProcedure,
  biddingScope: BiddingScope,
  currency: Currency,
  bidValidityDays: z.number().int('must be whole days').min(1).max(3650),
  evaluation: EvaluationSettings,
  minBids: z.number().int().min(1).max(9),
  submissionDeadline: UtcInstant,
  questionsDeadline: UtcInstant,
};

/** The fields a procuring entity may set; the order of this list is the order of checks. */
export const editableFieldNames = [...Object.keys(editableFields), 'lots'] as const;

const withRules = <T extends Parameters<typeof tenderIssues>[0]>(value: T, ctx: z.RefinementCtx) => {
  for (const issue of tenderIssues(value)) ctx.addIssue({ code: 'custom', ...issue });
};

/** Both or neither: a tender made from a plan package names the plan and the package. */
const planBoth = (
  v: { planId?: string | undefined; packageId?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if ((v.planId === undefined) !== (v.packageId === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [v.planId === undefined ? 'planId' : 'packageId'],
      message: 'a tender from a plan package names both planId and packageId',
    });
  }
};

export const TenderCreate = z
  .strictObject({
    ...editableFields,
    currency: Currency.default('VND'),
    biddingScope: BiddingScope.default('domestic'),
    minBids: editableFields.minBids.default(1),
    lots: z.array(LotInput).min(1, 'a tender has at least one lot').max(200),
    /** The contractor selection plan and package this tender comes from (GET /plans/{planId}). */
    planId: Id.optional(),
    packageId: Id.optional(),
  })
  .superRefine(withRules)
  .superRefine(planBoth);

export const TenderChanges = z
  .strictObject({
    ...editableFields,
    lots: z.array(LotEdit).min(1, 'a tender has at least one lot').max(200),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, {
    message: 'name at least one field to change',
    // Unknown fields are already the error to report; "no field" would only add noise.
    when: (payload) => payload.issues.length === 0,
  });

export const AmendmentRequest = z.strictObject({
  changes: TenderChanges,
  /** Why the documents changed; published with the revision. */
  note: Text(2000),
});

export const CancelRequest = z.strictObject({ reason: Text(2000) });

/** The procuring entity's choice for a tender closed with no bid (shared/tenders/no-bids-rule.ts). */
export const NoBidsDecision = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('extend'),
    /** At least 5 working days after the decision (Decree 214/2025 Art. 140(4)). */
    submissionDeadline: UtcInstant,
    questionsDeadline: UtcInstant.optional(),
    /** Published with the revision. */
    note: Text(2000),
  }),
  z.strictObject({ decision: z.literal('unsuccessful'), reason: Text(2000) }),
]);

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const DocumentRef = z.object({
  documentId: Id,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().positive(),
  sha256: Sha256Hex,
  addedAt: Instant,
  /** The revision that published the document; absent while the tender is a draft. */
  revision: z.number().int().positive().optional(),
});

/** The tender's opening key (ECDH P-256): contractors seal their bids to it. Set at publication. */
export const OpeningPublicKey = z.object({
  keyId: z.string(),
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
});

export const Tender = z.object({
  tenderId: Id,
  title: z.string(),
  description: z.string(),
  category: Category,
  procurementMethod: ProcurementMethod,
  envelopeProcedure: EnvelopeProcedure,
  /** Tenders stored before the field existed are domestic. */
  biddingScope: BiddingScope.default('domestic'),
  lots: z.array(Lot),
  currency: Currency,
  bidValidityDays: z.number().int(),
  evaluation: EvaluationSettings,
  minBids: z.number().int(),
  submissionDeadline: Instant,
  questionsDeadline: Instant,
  /** The procuring entity's organisation id (OCDS buyer), always the creator's organisation. */
  buyer: z.string(),
  buyerName: z.string(),
  status: TenderStatus,
  /** Concurrency version: every change adds one; sent back as the ETag. */
  version: Version,
  /** Public revision: 1 at publication, one more per amendment; 0 for a draft. */
  revision: z.number().int().nonnegative(),
  documents: z.array(DocumentRef),
  openingPublicKey: OpeningPublicKey.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  publishedAt: Instant.optional(),
  cancelledAt: Instant.optional(),
  cancellationReason: z.string().optional(),
  /** The version at which submissionDeadline was last set; its opening timer carries it. */
  deadlineVersion: z.number().int().positive().optional(),
  openedAt: Instant.optional(),
  unsuccessfulReason: z.string().optional(),
  /**
   * Set by an amendment that changes what bidders answer to (shared/bids/confirmation-rule.ts):
   * a bid placed on an earlier revision is opened only once its bidder confirmed it on this
   * revision or a later one (or replaced it); otherwise the minutes list it as not confirmed.
   */
  bidsConfirmationRevision: z.number().int().positive().optional(),
  /** When the tender closed with no bid (status no-bids): the deadline it closed at. */
  closedWithoutBidsAt: Instant.optional(),
  /** The contractor selection plan and package it was created from (shared/plans/package-link.ts). */
  planId: Id.optional(),
  packageId: Id.optional(),
});

export const TenderSummary = Tender.pick({
  tenderId: true,
  title: true,
  category: true,
  procurementMethod: true,
  status: true,
  buyer: true,
  buyerName: true,
  currency: true,
  submissionDeadline: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
}).extend({ lotCount: z.number().int() });

export const DeadlineExtension = z.object({
  from: Instant,
  to: Instant,
  reason: z.string(),
  /** The procedure rule that moved it (amendment-period), its limit and unit; absent on older revisions. */
  rule: z.string().optional(),
  limit: z.number().optional(),
  unit: z.enum(['days', 'working-days']).optional(),
});

export const RevisionKind = z.enum(['publication', 'amendment', 'document']);

export const RevisionSummary = z.object({
  revision: z.number().int().positive(),
  kind: RevisionKind,
  at: Instant,
  note: z.string().optional(),
  changedFields: z.array(z.string()),
  deadlineExtended: DeadlineExtension.optional(),
  /** The system incident whose outage rule (Circular 79/2025 Art. 6) made this revision. */
  incidentId: Id.optional(),
});

export const Revision = RevisionSummary.extend({ snapshot: Tender });

export const AmendmentResult = z.object({
  tender: Tender,
  revision: RevisionSummary,
  deadlineExtended: DeadlineExtension.optional(),
});

export const NoBidsDecisionResult = z.object({
  tender: Tender,
  revision: RevisionSummary.optional(),
  deadlineExtended: DeadlineExtension.optional(),
});

export type NoBidsDecision = z.infer<typeof NoBidsDecision>;
export type Tender = z.infer<typeof Tender>;
export type Lot = z.infer<typeof Lot>;
export type TenderCreate = z.infer<typeof TenderCreate>;
export type TenderChanges = z.infer<typeof TenderChanges>;
export type TenderSummary = z.infer<typeof TenderSummary>;
export type DocumentRef = z.infer<typeof DocumentRef>;
export type DeadlineExtension = z.infer<typeof DeadlineExtension>;
export type RevisionSummary = z.infer<typeof RevisionSummary>;
export type Revision = z.infer<typeof Revision>;
