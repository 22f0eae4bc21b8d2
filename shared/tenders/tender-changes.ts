// Applying a client's changes (a draft edit or an amendment) to a tender, and checking the result.

import { Conflict, type FieldIssue as FieldError, InvalidInput, RuleBroken } from '../errors/domain-error.ts';
import { ulid } from '../runtime/ids.ts';
import type { RuleIssue } from './tender-rules.ts';
import type { Lot, Tender, TenderChanges } from './tender-schemas.ts';

const toFieldErrors = (issues: readonly RuleIssue[], prefix: string): FieldError[] =>
  issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join('.'), message: i.message }));

/** Rule issues in a request body: 400 naming each field under `prefix` (e.g. `body.changes`). */
export function throwIfIssues(issues: readonly RuleIssue[], prefix: string): void {
  if (issues.length === 0) return;
  const errors = toFieldErrors(issues, prefix);
  throw new InvalidInput('BAD_REQUEST', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** Rule issues in the stored tender (publishing it): 422, the fields named as stored. */
export function throwIfStateIssues(issues: readonly RuleIssue[], detail: string): void {
  if (issues.length === 0) return;
  throw new RuleBroken('UNPROCESSABLE', detail, { errors: toFieldErrors(issues, 'tender') });
}

/** Lots that name a lotId keep it (it must be one of this tender's lots); others get new ids. */
function resolveLots(
  current: readonly Lot[],
  lots: NonNullable<TenderChanges['lots']>,
  prefix: string,
): Lot[] {
  const known = new Set(current.map((l) => l.lotId));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  const resolved = lots.map((lot, i) => {
    if (lot.lotId !== undefined) {
      if (!known.has(lot.lotId)) {
        errors.push({ field: `${prefix}.lots.${i}.lotId`, message: 'is not a lot of this tender' });
      } else if (seen.has(lot.lotId)) {
        errors.push({ field: `${prefix}.lots.${i}.lotId`, message: 'is listed twice' });
      }
      seen.add(lot.lotId);
    }
    return { ...lot, lotId: lot.lotId ?? ulid() };
  });
  if (errors.length > 0) {
    throw new InvalidInput('BAD_REQUEST', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    });
  }
  return resolved;
}

/**
 * Terms a sealed bid was built on: once a tender is published, an amendment may not remove a lot
 * (a bid on it could no longer be withdrawn or opened), switch the envelope procedure (sealed
 * envelopes have the old shape) or the currency (sealed prices are in the old one). The refusal is
 * the same for every published tender, with or without bids, so it tells nothing about bids.
 */
export function refuseSealedTermChanges(current: Tender, changes: TenderChanges, prefix: string): void {
  const errors: FieldError[] = [];
  if (changes.lots) {
    const kept = new Set(changes.lots.map((l) => l.lotId).filter((id) => id !== undefined));
    const removed = current.lots.filter((l) => !kept.has(l.lotId)).map((l) => l.lotId);
    if (removed.length > 0) {
      errors.push({
        field: `${prefix}.lots`,
        message: `would remove lot ${removed.join(', ')}: list every existing lot with its lotId (lots may be added or edited, not removed)`,
      });
    }
  }
  for (const field of ['envelopeProcedure', 'currency'] as const) {
    const value = changes[field];
    if (value !== undefined && value !== current[field]) {
      errors.push({
        field: `${prefix}.${field}`,
        message: `cannot change from ${current[field]} once published`,
      });
    }
  }
  if (errors.length === 0) return;
  throw new Conflict(
    'AMENDMENT_CHANGES_SEALED_TERMS',
    `${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}. Bids may already be sealed on these terms: cancel the tender and publish a new one instead`,
    { errors },
  );
}

/** The tender with the changes applied and the changes as stored (lots with their ids). */
export function applyChanges(
  current: Tender,
  changes: TenderChanges,
  prefix: string,
): { merged: Tender; applied: Record<string, unknown> } {
  const applied: Record<string, unknown> = { ...changes };
  if (changes.lots) applied.lots = resolveLots(current.lots, changes.lots, prefix);
  return { merged: { ...current, ...(applied as Partial<Tender>) }, applied };
}
