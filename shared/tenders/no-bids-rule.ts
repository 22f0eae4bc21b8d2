// The no-bids rule (Decree 214/2025 Art. 140(4)): a tender that closes with no bid is not made
// unsuccessful by the system; the procuring entity chooses to extend the submission deadline by
// at least the procedure's `noBidsExtensionWorkingDays` (5 by default, shared/procedures/) or to
// declare it unsuccessful.
// "No bid" means no bid version was ever stored: once a bid was received the opening must publish
// minutes (and a bid whose price was read out cannot be re-invited against), so fewer bids than
// the minimum stays the opener's `unsuccessful` (shared/opening/open-tender.ts).
//
// Each status change is one function here, so the lifecycle's transition table can take it over:
//   closed   ──closeWithoutBids──────────► no-bids
//   no-bids  ──extendAfterNoBids─────────► published   (new deadline, new revision, timer re-armed)
//   no-bids  ──declareUnsuccessfulNoBids─► unsuccessful
import { Conflict, RuleBroken } from '../errors/domain-error.ts';
import { noBidsEarliestExtension } from '../procedures/procedure-rules.ts';
import { tenderRules } from './tender-procedure.ts';
import type { DeadlineExtension, Revision, Tender } from './tender-schemas.ts';

/** The working days an extension adds at least, under the tender's procedure (ND 214 Art. 140(4)). */
const minExtensionWorkingDays = (tender: Tender) => tenderRules(tender).values.noBidsExtensionWorkingDays;

/** The earliest deadline an extension may set: the working days counted from the decision. */
export const earliestExtendedDeadline = (tender: Tender, nowIso: string) =>
  noBidsEarliestExtension(nowIso, tenderRules(tender));

/** The opener found no bid at all at the deadline: the procuring entity decides what follows. */
export function closeWithoutBids(tender: Tender, at: string): Tender {
  if (tender.status !== 'closed') throw new Error(`closeWithoutBids on a ${tender.status} tender`);
  return {
    ...tender,
    status: 'no-bids',
    closedWithoutBidsAt: tender.submissionDeadline,
    version: tender.version + 1,
    updatedAt: at,
  };
}

export const noBidsProblems = {
  notAwaitingDecision: (tender: Tender) =>
    tender.status === 'opened' ||
    tender.status === 'evaluating' ||
    tender.status === 'awarded' ||
    tender.status === 'contracted' ||
    (tender.status === 'unsuccessful' && tender.closedWithoutBidsAt === undefined)
      ? new Conflict(
          'TENDER_HAD_BIDS',
          `the tender received bids (it is ${tender.status}): the no-bids rule does not apply`,
          { details: { status: tender.status } },
        )
      : new Conflict(
          'NO_BIDS_DECISION_NOT_DUE',
          `the tender is ${tender.status}: only a tender closed with no bid awaits this decision`,
          { details: { status: tender.status } },
        ),
  extensionTooShort: (value: string, limit: string, workingDays: number) =>
    new RuleBroken(
      'NO_BIDS_EXTENSION_TOO_SHORT',
      `the new deadline ${value} is earlier than ${limit}: extend by at least ${workingDays} working days (Decree 214/2025 Art. 140(4))`,
      {
        errors: [{ field: 'body.submissionDeadline', message: `must be ${limit} or later` }],
        details: {
          rule: 'no-bids-min-extension',
          limit: { workingDays, earliest: limit },
          value,
        },
      },
    ),
};

/** no-bids → published with the new deadline, as a revision (an OCDS tenderAmendment). */
export function extendAfterNoBids(
  tender: Tender,
  input: { submissionDeadline: string; questionsDeadline?: string | undefined; note: string },
  now: string,
): { next: Tender; revision: Revision; deadlineExtended: DeadlineExtension } {
  const earliest = earliestExtendedDeadline(tender, now);
  if (Date.parse(input.submissionDeadline) < Date.parse(earliest)) {
    throw noBidsProblems.extensionTooShort(
      input.submissionDeadline,
      earliest,
      minExtensionWorkingDays(tender),
    );
  }
  const deadlineExtended: DeadlineExtension = {
    from: tender.submissionDeadline,
    to: input.submissionDeadline,
    reason: `no bid at closing: the procuring entity extended the deadline (Decree 214/2025 Art. 140(4)): ${input.note}`,
  };
  const version = tender.version + 1;
  const { closedWithoutBidsAt: _closed, ...rest } = tender;
  const next: Tender = {
    ...rest,
    status: 'published',
    submissionDeadline: input.submissionDeadline,
    ...(input.questionsDeadline ? { questionsDeadline: input.questionsDeadline } : {}),
    revision: tender.revision + 1,
    version,
    deadlineVersion: version,
    updatedAt: now,
  };
  const changedFields = ['submissionDeadline', ...(input.questionsDeadline ? ['questionsDeadline'] : [])];
  const revision: Revision = {
    revision: next.revision,
    kind: 'amendment',
    at: now,
    note: input.note,
    changedFields,
    deadlineExtended,
    snapshot: next,
  };
  return { next, revision, deadlineExtended };
}

/** no-bids → unsuccessful, with the procuring entity's reason. */
export function declareUnsuccessfulNoBids(tender: Tender, reason: string, now: string): Tender {
  return {
    ...tender,
    status: 'unsuccessful',
    unsuccessfulReason: `no bid at closing; declared unsuccessful by the procuring entity: ${reason}`,
    version: tender.version + 1,
    updatedAt: now,
  };
}
