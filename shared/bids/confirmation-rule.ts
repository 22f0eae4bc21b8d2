// Which placed bids still answer the tender as it now stands. Decree 214/2025 Art. 28(2)(b):
// after an amendment bidders re-submit; like ProZorro, a placed bid is not dropped but must be
// confirmed (re-signed, functions/bid-commit/confirm.ts) or replaced before the deadline, or it is
// listed in the opening minutes as not confirmed and not opened.
//
// Only an amendment that changes what bidders answer to asks for it: every editable field except
// the timetable. Moving the submission or questions deadline (an extension, the outage rule)
// changes nothing a sealed bid says, so bids placed before it stand.
import type { Tender } from '../tenders/tender-schemas.ts';

const timetableFields: ReadonlySet<string> = new Set(['submissionDeadline', 'questionsDeadline']);

/** True when an amendment changing `changedFields` requires placed bids to be confirmed. */
export const amendmentRequiresConfirmation = (changedFields: readonly string[]): boolean =>
  changedFields.some((field) => !timetableFields.has(field));

export interface AnsweredRevisions {
  /** The tender revision the bid was committed on (absent: committed before this was recorded). */
  readonly tenderRevision?: number | undefined;
  /** The latest revision the bidder confirmed the bid on. */
  readonly confirmedRevision?: number | undefined;
}

/** The latest tender revision this bid version answers (0 when none is recorded). */
export const answeredRevision = (v: AnsweredRevisions): number =>
  Math.max(v.tenderRevision ?? 0, v.confirmedRevision ?? 0);

/** Whether the bid must be confirmed (or replaced) to be opened. */
export const needsConfirmation = (
  tender: Pick<Tender, 'bidsConfirmationRevision'>,
  v: AnsweredRevisions,
): boolean =>
  tender.bidsConfirmationRevision !== undefined && answeredRevision(v) < tender.bidsConfirmationRevision;
