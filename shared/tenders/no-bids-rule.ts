// The no-bids rule (Decree 214/2025 Art. 140(4)): a tender that closes with no bid is not made
// unsuccessful by the system; the procuring entity chooses to extend the submission deadline by
// at least the procedure's `noBidsExtensionWorkingDays` (5 by default, shared/procedures/) or to
// declare it unsuccessful.
// "No bid" means no bid version was ever stored: once a bid was received the opening must publish
// minutes (and a bid whose price was read out cannot be re-invited against), so fewer bids than
// the minimum stays the opener's `unsuccessful` (shared/opening/open-tender.ts).
//
// The status changes are rows of the tender's transition table (shared/lifecycle/tables.ts), built
// by shared/lifecycle/no-bids-writes.ts:
//   closed   ──closeWithoutBids──────────► no-bids
//   no-bids  ──extendAfterNoBids─────────► published   (new deadline, new revision, timer re-armed)
//   no-bids  ──declareUnsuccessfulNoBids─► unsuccessful
import { Conflict, RuleBroken } from '../errors/domain-error.ts';
import { noBidsEarliestExtension } from '../procedures/procedure-rules.ts';
import { tenderRules } from './tender-procedure.ts';
import type { Tender } from './tender-schemas.ts';

/** The earliest deadline an extension may set: the working days counted from the decision. */
export const earliestExtendedDeadline = (tender: Tender, nowIso: string) =>
  noBidsEarliestExtension(nowIso, tenderRules(tender));

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
