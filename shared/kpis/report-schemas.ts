// The KPI report's contract: its query (validated strictly; a bad parameter is a 400 naming it)
// and its answer. One shape for JSON, CSV and XLSX: `rows`, each a flat record of one
// organisation (rolled up through its descendants) × category × method × month with its figures
// and the online target; `total` sums every row. Shares and savings are percentages with two
// decimals; money is integer VND; a figure with nothing to count is null.
import * as z from 'zod';
import { problemCodeParam } from '../errors/issue-codes.ts';
import { ProcedureId } from '../procedures/procedure-schema.ts';
import { Id } from '../schemas/common.ts';
import { Category } from '../tenders/tender-schemas.ts';

export const Month = z
  .string()
  .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-04')
  .meta({ example: '2026-04' });

export const KpiQuery = z
  .strictObject({
    /** The organisation whose subtree is reported; absent: the whole city (every organisation). */
    organisationId: Id.optional(),
    category: Category.optional(),
    method: ProcedureId.optional(),
    /** First and last month (YYYY-MM, in TIME_ZONE), both included. */
    from: Month.optional(),
    to: Month.optional(),
    /**
     * `none`: one set of rows for the organisation's whole subtree. `children`: one set per direct
     * child (each rolled up through its own subtree), plus the organisation's own figures.
     */
    breakdown: z.enum(['none', 'children']).default('none'),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must not be before from (${q.from})`,
        params: { [problemCodeParam]: 'KPI_MONTH_RANGE_INVALID' },
      });
    }
  });
export type KpiQuery = z.infer<typeof KpiQuery>;

export const ExportQuery = KpiQuery.safeExtend({ format: z.enum(['csv', 'xlsx']) });

const Share = z.number().nullable().meta({ description: 'percent, two decimals; null: nothing to count' });
const Vnd = z.number().int();

export const KpiFigures = z.object({
  plannedPackages: z.number().int(),
  plannedValue: Vnd,
  onlinePackages: z.number().int(),
  onlineValue: Vnd,
  onlineShareByCount: Share,
  onlineShareByValue: Share,
  offlineRecorded: z.number().int(),
  tenders: z.number().int(),
  closedTenders: z.number().int(),
  bids: z.number().int(),
  averageBids: z.number().nullable().meta({ description: 'bids per closed tender, two decimals' }),
  singleBidTenders: z.number().int(),
  singleBidShare: Share,
  awardedTenders: z.number().int(),
  awardedEstimate: Vnd,
  awardedValue: Vnd,
  savingsVnd: Vnd.meta({ description: 'awardedEstimate − awardedValue' }),
  savingsPercent: Share,
  petitionedTenders: z.number().int(),
  petitionShare: Share,
  medianDaysToAward: z
    .number()
    .nullable()
    .meta({ description: 'whole days, submission deadline to first award' }),
  /** The packages the online target counts (KPI_ONLINE_TARGET_SCOPE) and those of them online. */
  targetPackages: z.number().int(),
  targetOnlinePackages: z.number().int(),
  targetValue: Vnd,
  targetOnlineValue: Vnd,
  targetShareByCount: Share,
  targetShareByValue: Share,
  /** The target percent (KPI_ONLINE_TARGET_PERCENT) and whether the share by count meets it. */
  targetPercent: z.number(),
  targetMet: z.boolean().nullable().meta({ description: 'null: no package in the target scope' }),
  targetMetByValue: z.boolean().nullable(),
});
export type KpiFigures = z.infer<typeof KpiFigures>;

export const KpiRow = z.object({
  /** The organisation the row rolls up (with its descendants); null: the whole city. */
  organisationId: Id.nullable(),
  name: z.string().nullable(),
  /** False for an organisation's own figures without its descendants (breakdown=children). */
  rolledUp: z.boolean(),
  category: Category,
  method: ProcedureId,
  month: Month,
  ...KpiFigures.shape,
});
export type KpiRow = z.infer<typeof KpiRow>;

export const ScopeRuleSchema = z.object({
  category: z.union([Category, z.literal('*')]),
  method: z.union([ProcedureId, z.literal('*')]),
  size: z.enum(['small', 'any']),
});

export const KpiReport = z.object({
  organisationId: Id.nullable(),
  name: z.string().nullable(),
  /** How many organisations the report reads (the organisation and its descendants). */
  organisations: z.number().int(),
  category: Category.nullable(),
  method: ProcedureId.nullable(),
  from: Month.nullable(),
  to: Month.nullable(),
  breakdown: z.enum(['none', 'children']),
  target: z.object({ percent: z.number(), scope: z.array(ScopeRuleSchema) }),
  /** Sorted by organisation (the organisation itself first), month, category, method. */
  rows: z.array(KpiRow),
  /** Every row summed. */
  total: KpiFigures,
});
export type KpiReport = z.infer<typeof KpiReport>;
