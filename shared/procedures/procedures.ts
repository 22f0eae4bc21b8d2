// Every procedure type, declared once: GET /procedures serves these, tenders name one of the
// available ones as their procurementMethod, and the rules read their numbers from them.
import * as z from 'zod';
import { competitiveQuotation } from './competitive-quotation.ts';
import { limitedBidding } from './limited-bidding.ts';
import { onlinePriceOffering } from './online-price-offering.ts';
import { onlineShopping } from './online-shopping.ts';
import { openBidding } from './open-bidding.ts';
import type { AvailableProcedure, ProcedureDeclaration, ProcedureId } from './procedure-schema.ts';

export const procedureDeclarations: readonly ProcedureDeclaration[] = [
  openBidding,
  limitedBidding,
  competitiveQuotation,
  onlinePriceOffering,
  onlineShopping,
];

/** The procedures a tender may name today (tests check this matches the declarations). */
export const ProcurementMethod = z.enum(['open', 'limited', 'competitive-shopping']);
export type ProcurementMethod = z.infer<typeof ProcurementMethod>;

export const availableProcedures: readonly AvailableProcedure[] = procedureDeclarations.filter(
  (p): p is AvailableProcedure => p.available,
);

export function availableProcedure(id: ProcedureId): AvailableProcedure {
  const found = availableProcedures.find((p) => p.id === id);
  if (!found) throw new Error(`procedure ${id} is not available`);
  return found;
}
