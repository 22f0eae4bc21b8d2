// The numbers Decree 214/2025 gives open and limited bidding (and, until its own numbers are
// verified, competitive quotation), each with the range a stage may move it within. The ranges
// never go below what the law requires of a procuring entity: a stage may be stricter, not laxer.
// Sources: shared/domain.md and reference/peers.md (third-party transcriptions: hence settings).
import type { RuleSettingKey, SettingDeclaration } from './procedure-schema.ts';

const days = (value: number, max: number, basis: string, description: string): SettingDeclaration => ({
  default: value,
  min: value,
  max,
  unit: 'days',
  integer: true,
  basis,
  description,
});
const workingDays = (
  value: number,
  range: { min: number; max: number },
  basis: string,
  description: string,
): SettingDeclaration => ({
  default: value,
  ...range,
  unit: 'working-days',
  integer: true,
  basis,
  description,
});
const percent = (
  value: number,
  range: { min: number; max: number },
  description: string,
): SettingDeclaration => ({
  default: value,
  ...range,
  unit: 'percent',
  integer: false,
  basis: 'Law on Bidding 22/2023 Art. 14; ND 214/2025 Art. 20',
  description,
});
const vnd = (value: number, description: string): SettingDeclaration => ({
  default: value,
  min: 0,
  max: value,
  unit: 'vnd',
  integer: true,
  basis: 'ND 214/2025 Art. 28(2) (small packages)',
  description,
});

const submission = 'ND 214/2025 Art. 28(2)(a)';
const amendment = 'ND 214/2025 Art. 28(2)(b)';
const clarification = 'ND 214/2025; TT 79/2025';
const petition = 'ND 214/2025 Art. 138';

export const lawNumbers: Readonly<Record<RuleSettingKey, SettingDeclaration>> = {
  minSubmissionDaysDomestic: days(18, 120, submission, 'publication to closing, domestic bidding'),
  minSubmissionDaysDomesticSmall: days(9, 120, submission, 'publication to closing, domestic, small package'),
  minSubmissionDaysInternational: days(35, 120, submission, 'publication to closing, international bidding'),
  minSubmissionDaysInternationalSmall: days(
    18,
    120,
    submission,
    'publication to closing, international, small package',
  ),
  clarificationCutoffWorkingDaysDomestic: workingDays(
    3,
    { min: 3, max: 15 },
    clarification,
    'questions close at least this long before closing (questionsDeadline), domestic',
  ),
  clarificationCutoffWorkingDaysInternational: workingDays(
    5,
    { min: 5, max: 15 },
    clarification,
    'questions close at least this long before closing (questionsDeadline), international',
  ),
  answerCutoffWorkingDays: workingDays(
    2,
    { min: 2, max: 10 },
    clarification,
    'answers are posted no later than this before closing (later: amend, which extends closing)',
  ),
  amendmentMinDays: days(
    10,
    60,
    amendment,
    'an amendment leaves at least this before closing, else closing moves to this after it',
  ),
  amendmentMinWorkingDaysSmall: workingDays(
    3,
    { min: 3, max: 15 },
    amendment,
    'the same for a small package, in working days',
  ),
  bidSecurityMinPercent: percent(1.5, { min: 1.5, max: 3 }, 'least bid security, % of the lot value'),
  bidSecurityMaxPercent: percent(3, { min: 1.5, max: 3 }, 'most bid security, % of the lot value'),
  bidSecurityMinPercentSmall: percent(1, { min: 1, max: 1.5 }, 'least bid security, small package'),
  bidSecurityMaxPercentSmall: percent(1.5, { min: 1, max: 1.5 }, 'most bid security, small package'),
  // A term written into the guarantee, not a period the system waits on: never accelerated.
  bidSecurityValidityExtraDays: {
    ...days(30, 90, 'Law on Bidding 22/2023 Art. 14', 'bid security is valid for the bid validity plus this'),
    period: false,
  },
  minBids: {
    default: 1,
    min: 1,
    max: 9,
    unit: 'bids',
    integer: true,
    basis: 'ProZorro minBidsNumber (1-9, per lot); the tender may ask more',
    description: 'fewest valid bids in a lot for it to go on; a tender may set more (minBids)',
  },
  petitionFilingDays: days(10, 30, petition, 'bidders may petition the results within this of their posting'),
  petitionAnswerWorkingDays: workingDays(
    7,
    { min: 1, max: 7 },
    petition,
    'the procuring entity answers a petition within this',
  ),
  petitionEscalationWorkingDays: workingDays(
    5,
    { min: 5, max: 15 },
    petition,
    'a petitioner may escalate to the council within this of the answer',
  ),
  noBidsExtensionWorkingDays: workingDays(
    5,
    { min: 5, max: 30 },
    'ND 214/2025 Art. 140(4)',
    'with no bid at closing, closing is extended by at least this (or the tender is declared unsuccessful)',
  ),
  smallPackageMaxWorks: vnd(20_000_000_000, 'works (or mixed) packages up to this are small'),
  smallPackageMaxGoods: vnd(10_000_000_000, 'goods packages up to this are small'),
  smallPackageMaxNonConsulting: vnd(10_000_000_000, 'non-consulting packages up to this are small'),
};
