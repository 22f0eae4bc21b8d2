// What a procedure declaration holds, after ProZorro's per-procedure config (peers.md §2.1): every
// number the law gives is a setting with the law's value as the default and a range a stage may
// move it within. The zod schemas here describe GET /procedures too (shared/procedures/README.md).
import * as z from 'zod';

/** Procedures a tender may name once available; `procurementMethod` of a tender is one of these. */
export const ProcedureId = z.enum([
  'open',
  'limited',
  'competitive-shopping',
  'online-price-offering',
  'online-shopping',
]);
export type ProcedureId = z.infer<typeof ProcedureId>;

export const BiddingScope = z
  .enum(['domestic', 'international'])
  .meta({ description: 'domestic or international bidding (đấu thầu trong nước / quốc tế)' });
export type BiddingScope = z.infer<typeof BiddingScope>;

export const SettingUnit = z.enum(['days', 'working-days', 'percent', 'bids', 'vnd']);
export type SettingUnit = z.infer<typeof SettingUnit>;

/** Periods are divided by PERIOD_ACCELERATION on a non-production stage; other numbers are not. */
export const periodUnits: readonly SettingUnit[] = ['days', 'working-days'];

export interface SettingDeclaration {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly unit: SettingUnit;
  /** Whole numbers only (days, bids, VND); percentages may have decimals. */
  readonly integer: boolean;
  /** Where the law says so. */
  readonly basis: string;
  readonly description: string;
  /** False for a number in days that is a term, not a period the system waits on (not accelerated). */
  readonly period?: false;
}

/** Every number a procedure declares; the keys are part of the settings' names (README). */
export const ruleSettingKeys = [
  'minSubmissionDaysDomestic',
  'minSubmissionDaysDomesticSmall',
  'minSubmissionDaysInternational',
  'minSubmissionDaysInternationalSmall',
  'clarificationCutoffWorkingDaysDomestic',
  'clarificationCutoffWorkingDaysInternational',
  'answerCutoffWorkingDays',
  'amendmentMinDays',
  'amendmentMinWorkingDaysSmall',
  'bidSecurityMinPercent',
  'bidSecurityMaxPercent',
  'bidSecurityMinPercentSmall',
  'bidSecurityMaxPercentSmall',
  'bidSecurityValidityExtraDays',
  'minBids',
  'petitionFilingDays',
  'petitionAnswerWorkingDays',
  'petitionEscalationWorkingDays',
  'noBidsExtensionWorkingDays',
  'smallPackageMaxWorks',
  'smallPackageMaxGoods',
  'smallPackageMaxNonConsulting',
] as const;
export type RuleSettingKey = (typeof ruleSettingKeys)[number];

export type Category = 'goods' | 'works' | 'non-consulting' | 'consulting';
export type EnvelopeProcedure = 'one-envelope' | 'two-envelope';

interface DeclarationBase {
  readonly id: ProcedureId;
  readonly name: string;
  /** The Vietnamese name, as the law and the portal's forms say it. */
  readonly nameVi: string;
  readonly basis: string;
}

export interface AvailableProcedure extends DeclarationBase {
  readonly available: true;
  readonly envelopeProcedures: readonly EnvelopeProcedure[];
  readonly biddingScopes: readonly BiddingScope[];
  readonly categories: readonly Category[];
  readonly settings: Readonly<Record<RuleSettingKey, SettingDeclaration>>;
}

/** Declared so that the portal and GET /procedures show it; no tender may name it yet. */
export interface UnavailableProcedure extends DeclarationBase {
  readonly available: false;
  readonly note: string;
}

export type ProcedureDeclaration = AvailableProcedure | UnavailableProcedure;

/** A setting as GET /procedures serves it: the stage's value and what the period lasts there. */
export const EffectiveSetting = z.object({
  value: z.number().meta({ description: "this stage's value (the default unless the stage overrides it)" }),
  default: z.number().meta({ description: "the law's value" }),
  min: z.number(),
  max: z.number().meta({ description: 'a stage may set the value within min..max' }),
  unit: SettingUnit,
  basis: z.string(),
  description: z.string(),
  setting: z.string().meta({ description: 'the environment variable (stage setting) that overrides it' }),
  effectiveMs: z.number().optional().meta({
    description:
      'periods only: how long the period lasts on this stage after acceleration; absent for working days at no acceleration (they follow the holiday calendar)',
  }),
});

export const EffectiveProcedure = z.object({
  id: ProcedureId,
  name: z.string(),
  nameVi: z.string(),
  basis: z.string(),
  available: z.boolean(),
  note: z.string().optional(),
  envelopeProcedures: z.array(z.enum(['one-envelope', 'two-envelope'])).optional(),
  biddingScopes: z.array(BiddingScope).optional(),
  categories: z.array(z.enum(['goods', 'works', 'non-consulting', 'consulting'])).optional(),
  settings: z.record(z.enum(ruleSettingKeys), EffectiveSetting).optional(),
});

export const ProcedureList = z.object({
  acceleration: z.number().int().min(1).meta({
    description: 'PERIOD_ACCELERATION: every period is divided by it on this stage (1 in production)',
  }),
  items: z.array(EffectiveProcedure),
});
export type EffectiveProcedure = z.infer<typeof EffectiveProcedure>;
export type ProcedureList = z.infer<typeof ProcedureList>;
