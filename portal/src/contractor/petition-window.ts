// When petitions against a lot's results may be filed: from the award's posting until the
// procedure's petitionFilingDays have passed. GET /procedures gives the number (shown to the
// reader) and the stage's acceleration; the end is the award's standstillEndsAt, which the API
// computed with that same rule (shared/procedures petitionFilingEndsAt) when the award was made,
// with the numbers the tender was published under, and by which it refuses a late petition.
import type { ProcedureList } from '../workspace/api';

export interface PetitionWindow {
  readonly opensAt: string;
  readonly closesAt: string;
  /** The procedure's petitionFilingDays, as this stage applies it. */
  readonly days: number | undefined;
}

export function petitionWindow(
  award: { awardedAt: string; standstillEndsAt: string },
  method: string,
  procedures: ProcedureList | undefined,
): PetitionWindow {
  const procedure = procedures?.items.find((p) => p.id === method);
  return {
    opensAt: award.awardedAt,
    closesAt: award.standstillEndsAt,
    days: procedure?.settings?.petitionFilingDays?.value,
  };
}

/** An award exists once the window has opened; it stays open until its end. */
export const isOpen = (window: PetitionWindow, nowMs: number) => nowMs < Date.parse(window.closesAt);
