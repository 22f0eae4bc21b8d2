// A contractor selection plan (kế hoạch lựa chọn nhà thầu, KHLCNT) as procuring entities send it
// and as the API returns it. A plan lists packages (gói thầu) with their category, method,
// estimate, funding source, planned quarter and contract type, and whether each is bid online (if
// not, the legal exception: online-exceptions.ts). Plans have revisions like tenders: publication
// is revision 1, every later change is a revision with what changed. Strict objects refuse the
// server's fields (ids, status, versions) by name.
import * as z from 'zod';
import { ProcedureId } from '../procedures/procedure-schema.ts';
import { Amount, Id, Instant, Text, Version } from '../schemas/common.ts';
import { Category, UtcInstant } from '../tenders/tender-schemas.ts';
import { OnlineException } from './online-exceptions.ts';

export const PlanStatus = z.enum(['draft', 'published']);

/** A quarter of a year: `2026-Q2` (the plan's "thời gian bắt đầu tổ chức lựa chọn nhà thầu"). */
export const Quarter = z
  .string()
  .regex(/^20\d{2}-Q[1-4]$/, 'must be a quarter such as 2026-Q2')
  .meta({ example: '2026-Q2' });

// Law 22/2023 Art. 64 (contract types): written from the law's list as remembered, not from
// domain.md; check against the consolidated text before quoting it.
export const ContractType = z
  .enum([
    'lump-sum',
    'fixed-unit-price',
    'adjustable-unit-price',
    'time-based',
    'cost-plus-fee',
    'output-based',
    'percentage',
    'mixed',
  ])
  .meta({ description: 'loại hợp đồng: trọn gói, đơn giá cố định, đơn giá điều chỉnh, theo thời gian, …' });

/** Integer VND, more than nothing: plans are in VND. */
export const Estimate = Amount.min(1, 'must be more than 0 VND');

/** A calendar date of a decision: `2026-01-15`. */
export const DecisionDate = z.iso.date({ message: 'must be a date such as 2026-01-15' });

export const PlanDecision = z.strictObject({
  /** Số quyết định phê duyệt KHLCNT. */
  number: Text(100),
  date: DecisionDate,
});

const packageFields = {
  name: Text(500),
  category: Category,
  /** One of the procedure ids of GET /procedures (shared/procedures/). */
  method: ProcedureId,
  estimate: Estimate,
  fundingSource: Text(500),
  plannedQuarter: Quarter,
  contractType: ContractType,
  /** Bid on this system; false only under a declared legal exception. */
  online: z.boolean(),
  offlineException: OnlineException.optional(),
};

/** A package is online, or offline with its exception: never offline without one, never both. */
function onlineOrExcepted(
  p: { online: boolean; offlineException?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (!p.online && p.offlineException === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['offlineException'],
      message: 'a package selected offline names its legal exception',
    });
  }
  if (p.online && p.offlineException !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['offlineException'],
      message: 'only a package selected offline names an exception',
    });
  }
}

export const PackageInput = z.strictObject(packageFields).superRefine(onlineOrExcepted);

/** In an edit or a revision, a package naming an existing packageId keeps that id; one without is new. */
export const PackageEdit = z
  .strictObject({
    ...packageFields,
    packageId: Id.optional().meta({ description: 'an existing package of this plan; omit for a new one' }),
  })
  .superRefine(onlineOrExcepted);

export const Package = z.object({
  packageId: Id,
  ...packageFields,
});

const planFields = {
  title: Text(500),
  fiscalYear: z.number().int('must be a year').min(2000).max(2100),
  decision: PlanDecision.optional(),
};

const Packages = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'a plan has at least one package').max(500);

export const PlanCreate = z.strictObject({ ...planFields, packages: Packages(PackageInput) });

export const PlanChanges = z
  .strictObject({ ...planFields, packages: Packages(PackageEdit) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, {
    message: 'name at least one field to change',
    when: (payload) => payload.issues.length === 0,
  });

export const PlanRevisionRequest = z.strictObject({
  changes: PlanChanges,
  /** Why the plan changed (the revising decision); published with the revision. */
  note: Text(2000),
});

export const Plan = z.object({
  planId: Id,
  title: z.string(),
  fiscalYear: z.number().int(),
  decision: PlanDecision.optional(),
  packages: z.array(Package),
  currency: z.literal('VND'),
  /** The procuring entity's organisation, always the creator's. */
  buyer: Id,
  buyerName: z.string(),
  status: PlanStatus,
  version: Version,
  /** Public revision: 1 at publication, one more per revision; 0 for a draft. */
  revision: z.number().int().nonnegative(),
  /**
   * One more each time a package's progress changes (a tender created from it, an offline
   * result); the version (the ETag) moves only with the plan's own content.
   */
  progressVersion: z.number().int().nonnegative(),
  createdAt: Instant,
  updatedAt: Instant,
  publishedAt: Instant.optional(),
});

/** What one revision changed in the packages. */
export const PackageChanges = z.object({
  added: z.array(Id),
  removed: z.array(Id),
  changed: z.array(z.object({ packageId: Id, fields: z.array(z.string()) })),
});

export const PlanRevisionSummary = z.object({
  revision: z.number().int().positive(),
  kind: z.enum(['publication', 'revision']),
  at: Instant,
  note: z.string().optional(),
  /** The plan's fields this revision changed (`packages` when any package did). */
  changedFields: z.array(z.string()),
  packageChanges: PackageChanges,
});

export const PlanRevision = PlanRevisionSummary.extend({ snapshot: Plan });

/** A package done offline: its result, so the online share counts it honestly. */
export const OfflineResultInput = z.strictObject({
  /** When the contract was awarded (a UTC instant, not in the future). */
  awardedAt: UtcInstant,
  awardedValue: Estimate,
  supplierName: Text(300),
  note: Text(2000).optional(),
});

export const OfflineResult = z.object({
  awardedAt: Instant,
  awardedValue: Amount,
  supplierName: z.string(),
  note: z.string().optional(),
  recordedAt: Instant,
  recordedBy: z.string(),
});

/** What happened to a package: nothing yet (planned), a tender created from it, or done offline. */
export const PackageProgress = z.object({
  state: z.enum(['planned', 'tendering', 'offline']),
  /** The package's current tender (its live one, or the last one if that ended). */
  tenderId: Id.optional(),
  /** Earlier tenders of the package, cancelled or unsuccessful, oldest first. */
  previousTenderIds: z.array(Id).optional(),
  offlineResult: OfflineResult.optional(),
});

export const PackageView = Package.extend({ progress: PackageProgress });

export const PlanView = Plan.extend({ packages: z.array(PackageView) });

export const PlanSummary = Plan.pick({
  planId: true,
  title: true,
  fiscalYear: true,
  buyer: true,
  buyerName: true,
  status: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
}).extend({ packageCount: z.number().int(), totalEstimate: Amount });

export const PackageResult = z.object({ planId: Id, packageId: Id, progress: PackageProgress });

export type Plan = z.infer<typeof Plan>;
export type Package = z.infer<typeof Package>;
export type PlanCreate = z.infer<typeof PlanCreate>;
export type PlanChanges = z.infer<typeof PlanChanges>;
export type PlanRevision = z.infer<typeof PlanRevision>;
export type PlanRevisionSummary = z.infer<typeof PlanRevisionSummary>;
export type PackageChanges = z.infer<typeof PackageChanges>;
export type PackageProgress = z.infer<typeof PackageProgress>;
export type OfflineResult = z.infer<typeof OfflineResult>;
export type PlanView = z.infer<typeof PlanView>;
export type PlanSummary = z.infer<typeof PlanSummary>;
