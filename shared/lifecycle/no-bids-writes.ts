// The no-bids rule's status changes (shared/tenders/no-bids-rule.ts says when they apply), as
// rows of tenderLifecycle (tables.ts): closed → no-bids when the opener finds no bid at all;
// then the procuring entity's choice, no-bids → published (a new deadline) or no-bids →
// unsuccessful. Each builds the next tender; writeTenderTransition writes it with its row's effects.
import { earliestExtendedDeadline, noBidsProblems } from '../tenders/no-bids-rule.ts';
import { tenderRules } from '../tenders/tender-procedure.ts';
import type { DeadlineExtension, Revision, Tender } from '../tenders/tender-schemas.ts';
import { tenderNext } from './tender-writes.ts';

/** The opener found no bid at all at the deadline: the procuring entity decides what follows. */
export const closeWithoutBids = (tender: Tender, at: string): Tender =>
  tenderNext('closeWithoutBids', tender, { closedWithoutBidsAt: tender.submissionDeadline }, at);

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
      tenderRules(tender).values.noBidsExtensionWorkingDays,
    );
  }
  const deadlineExtended: DeadlineExtension = {
    from: tender.submissionDeadline,
    to: input.submissionDeadline,
    reason: `no bid at closing: the procuring entity extended the deadline (Decree 214/2025 Art. 140(4)): ${input.note}`,
  };
  const { closedWithoutBidsAt: _closed, ...rest } = tender;
  const next = tenderNext(
    'extendAfterNoBids',
    rest,
    {
      submissionDeadline: input.submissionDeadline,
      ...(input.questionsDeadline ? { questionsDeadline: input.questionsDeadline } : {}),
      revision: tender.revision + 1,
      // The new deadline is this version's: the opening timer armed for it is the current one.
      deadlineVersion: tender.version + 1,
    },
    now,
  );
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
export const declareUnsuccessfulNoBids = (tender: Tender, reason: string, now: string): Tender =>
  tenderNext(
    'declareUnsuccessfulNoBids',
    tender,
    { unsuccessfulReason: `no bid at closing; declared unsuccessful by the procuring entity: ${reason}` },
    now,
  );
