// The aggregates' transition tables (and, in record-tables.ts, those of the records beside them): every status (or stage) an aggregate can be in, and every way it
// moves. Pure data: the writers next to this file (tender-writes.ts, evaluation-writes.ts,
// award-writes.ts, opening-writes.ts) refuse any transition not listed here, and `npm run
// diagrams` renders these tables into the README's state diagrams.
import { defineLifecycle } from './define-lifecycle.ts';
import { planLifecycle, planPackageLifecycle } from './plan-tables.ts';
import {
  bidPointerLifecycle,
  bidVersionLifecycle,
  contractorLifecycle,
  documentLifecycle,
  questionLifecycle,
  signingKeyLifecycle,
} from './record-tables.ts';

/** A tender (gói thầu): attribute `status` of its META item. */
export const tenderLifecycle = defineLifecycle({
  name: 'Tender',
  attribute: 'status',
  states: [
    'draft',
    'published',
    'cancelled',
    'closed',
    'no-bids',
    'opened',
    'evaluating',
    'awarded',
    'contracted',
    'unsuccessful',
  ],
  refusal: (doing, current) => `cannot ${doing} a ${current} tender`,
  transitions: {
    create: {
      from: ['[*]'],
      to: 'draft',
      audit: 'tender.created',
      // The plan package it comes from, linked in the same transaction (shared/plans/package-link.ts):
      // the package's progress names the tender, the plan's progress version moves.
      items: ['planPackage?', 'planProgress?'],
    },
    edit: { from: ['draft'], audit: 'tender.updated' },
    publish: {
      from: ['draft'],
      to: 'published',
      guard: 'the publication rules hold',
      audit: 'tender.published',
      items: ['revision', 'openingKey'],
      timers: ['opening'],
    },
    amend: {
      from: ['published'],
      guard: 'before the submission deadline',
      audit: 'tender.amended',
      // The bids.confirmation-required notice, when the amendment changes what bids answer to.
      items: ['revision', 'confirmationNotice?'],
      timers: ['opening'],
    },
    addDocument: {
      from: ['draft', 'published'],
      guard: 'before the submission deadline (published: a new revision)',
      audit: 'document.confirmed',
      items: ['document', 'revision?'],
    },
    cancel: { from: ['draft', 'published'], to: 'cancelled', audit: 'tender.cancelled' },
    close: {
      from: ['published'],
      to: 'closed',
      guard: 'the submission deadline has passed',
      audit: 'tender.closed',
    },
    closeWithoutBids: {
      from: ['closed'],
      to: 'no-bids',
      guard: 'no bid version was ever stored (ND 214 Art. 140(4))',
      audit: 'tender.closed-without-bids',
      notify: 'tender.no-bids',
    },
    extendAfterNoBids: {
      from: ['no-bids'],
      to: 'published',
      guard: "the new deadline is at least the procedure's noBidsExtensionWorkingDays away",
      audit: 'tender.deadline-extended',
      items: ['revision'],
      timers: ['opening'],
      notify: 'tender.deadline-extended',
    },
    declareUnsuccessfulNoBids: {
      from: ['no-bids'],
      to: 'unsuccessful',
      audit: 'tender.declared-unsuccessful',
      notify: 'tender.unsuccessful',
    },
    extendForIncident: {
      from: ['published'],
      guard: "it closes in a declared incident's window (Circular 79/2025 Art. 6)",
      audit: 'tender.deadline-extended',
      items: ['revision', 'outcome', 'progress'],
      timers: ['opening'],
      notify: 'tender.deadline-extended',
    },
    open: {
      from: ['closed'],
      to: 'opened',
      guard: 'a lot has at least minBids valid bids',
      audit: 'tender.opened',
      items: ['opening'],
      timers: ['evaluation'],
      notify: 'tender.opened',
    },
    openUnsuccessful: {
      from: ['closed'],
      to: 'unsuccessful',
      guard: 'no lot has minBids valid bids',
      audit: 'tender.unsuccessful',
      items: ['opening'],
      notify: 'tender.unsuccessful',
    },
    startEvaluation: {
      from: ['opened'],
      to: 'evaluating',
      audit: 'evaluation.started',
      items: ['evaluation'],
    },
    technicalUnsuccessful: {
      from: ['evaluating'],
      to: 'unsuccessful',
      guard: 'no lot has minBids technically compliant bids',
      audit: 'tender.unsuccessful',
      items: ['evaluation'],
    },
    financialUnsuccessful: {
      from: ['evaluating'],
      to: 'unsuccessful',
      guard: 'no lot has minBids valid financial bids',
      audit: 'tender.unsuccessful',
      items: ['evaluation', 'opening'],
      notify: 'tender.unsuccessful',
    },
    awardLot: {
      from: ['evaluating'],
      guard: 'a ranked lot is still without an award',
      audit: 'award.made',
      items: ['award'],
      notify: 'award.made',
    },
    awardLast: {
      from: ['evaluating', 'awarded'],
      to: 'awarded',
      guard: 'every ranked lot has an award',
      audit: 'award.made',
      items: ['award'],
      notify: 'award.made',
    },
    contractLot: {
      from: ['evaluating', 'awarded'],
      guard: 'an award is still without a contract',
      audit: 'contract.recorded',
      items: ['award', 'contract'],
      notify: 'contract.recorded',
    },
    contractLast: {
      from: ['awarded'],
      to: 'contracted',
      guard: 'every award has its contract',
      audit: 'contract.recorded',
      items: ['award', 'contract'],
      notify: 'contract.recorded',
    },
  },
});

/**
 * An opening phase (single envelope; or technical, then financial): attribute `outcome` of its
 * MINUTES#<phase> record, written once with the signed minutes.
 */
export const openingLifecycle = defineLifecycle({
  name: 'Opening phase',
  attribute: 'outcome',
  states: ['opened', 'unsuccessful'],
  refusal: (doing, current) => `cannot ${doing}: the opening phase is already ${current}`,
  transitions: {
    open: {
      from: ['[*]'],
      to: 'opened',
      guard: 'the signed minutes are stored; a lot has minBids valid bids',
      audit: ['tender.opened', 'tender.financial-opened'],
    },
    openUnsuccessful: {
      from: ['[*]'],
      to: 'unsuccessful',
      guard: 'the signed minutes are stored; no lot has minBids valid bids',
      audit: 'tender.unsuccessful',
    },
  },
});

/** A tender's evaluation: attribute `stage` of its EVALUATION item. */
export const evaluationLifecycle = defineLifecycle({
  name: 'Evaluation',
  attribute: 'stage',
  states: ['entries', 'technical-approved', 'financial-opened', 'requested', 'ranked'],
  refusal: (doing, current) => `cannot ${doing} while the evaluation is at ${current}`,
  transitions: {
    start: { from: ['[*]'], to: 'entries', audit: 'evaluation.started' },
    enter: {
      from: ['entries', 'requested', 'ranked'],
      to: 'entries',
      guard: 'one envelope',
      audit: [
        'evaluation.eligibility-entered',
        'evaluation.technical-score-entered',
        'evaluation.adjustment-entered',
      ],
      items: ['entry'],
    },
    review: {
      from: ['entries'],
      to: 'entries',
      guard: 'two envelopes, before the compliant list is approved',
      audit: ['evaluation.eligibility-entered', 'evaluation.technical-score-entered'],
      items: ['entry'],
    },
    adjustPrices: {
      from: ['financial-opened', 'requested', 'ranked'],
      to: 'financial-opened',
      guard: 'two envelopes, once the prices are open',
      audit: 'evaluation.adjustment-entered',
      items: ['entry'],
    },
    approveTechnical: {
      from: ['entries'],
      to: 'technical-approved',
      guard: 'two envelopes; the list is exactly the compliant bids; a lot keeps minBids of them',
      audit: 'evaluation.technical-approved',
      timers: ['openFinancial'],
    },
    approveNone: {
      from: ['entries'],
      to: 'technical-approved',
      guard: 'two envelopes; no lot keeps minBids compliant bids',
      audit: 'tender.unsuccessful',
    },
    openFinancial: {
      from: ['technical-approved'],
      to: 'financial-opened',
      guard: 'the financial minutes are stored',
      audit: 'tender.financial-opened',
      items: ['opening'],
      timers: ['evaluation'],
      notify: 'tender.financial-opened',
    },
    openFinancialNone: {
      from: ['technical-approved'],
      to: 'financial-opened',
      guard: 'the financial minutes are stored; no lot has minBids valid bids',
      audit: 'tender.unsuccessful',
      items: ['opening'],
      notify: 'tender.unsuccessful',
    },
    request: {
      from: ['entries', 'requested', 'ranked'],
      to: 'requested',
      guard: 'one envelope; the entries are complete (the input is stored)',
      audit: 'evaluation.requested',
      timers: ['evaluation'],
    },
    requestTwoEnvelope: {
      from: ['financial-opened', 'requested', 'ranked'],
      to: 'requested',
      guard: 'two envelopes; the entries are complete (the input is stored)',
      audit: 'evaluation.requested',
      timers: ['evaluation'],
    },
    rank: {
      from: ['requested'],
      to: 'ranked',
      guard: 'the request is still the latest',
      audit: 'evaluation.ranked',
    },
  },
});

/** A lot's award: attribute `status` of its AWARD#<lotId> item. */
export const awardLifecycle = defineLifecycle({
  name: 'Award',
  attribute: 'status',
  states: ['active', 'contracted'],
  refusal: (doing, current) => `cannot ${doing}: the lot's award is ${current}`,
  transitions: {
    make: {
      from: ['[*]'],
      to: 'active',
      guard: 'the bids are ranked; the bid is ranked in the lot (a reason below rank 1)',
      audit: 'award.made',
      items: ['tender'],
      notify: 'award.made',
    },
    remake: {
      from: ['active'],
      to: 'active',
      guard: 'a complaint against the award was upheld',
      audit: 'award.made',
      items: ['tender'],
      notify: 'award.made',
    },
    contract: {
      from: ['active'],
      to: 'contracted',
      guard: 'the standstill is over; no complaint pending or upheld',
      audit: 'contract.recorded',
      items: ['tender', 'contract'],
      notify: 'contract.recorded',
    },
  },
});

/** A complaint about an award: attribute `status` of its COMPLAINT#<id> item. */
export const complaintLifecycle = defineLifecycle({
  name: 'Complaint',
  attribute: 'status',
  states: ['pending', 'answered'],
  refusal: (_doing, current) =>
    current === 'answered' ? 'the complaint was already answered' : `the complaint is ${current}`,
  transitions: {
    file: {
      from: ['[*]'],
      to: 'pending',
      guard: 'during the standstill, by a contractor who bid on the lot',
      audit: 'complaint.filed',
      notify: 'complaint.filed',
    },
    answer: {
      from: ['pending'],
      to: 'answered',
      audit: 'complaint.answered',
      notify: 'complaint.answered',
    },
  },
});

/** A lot's contract: attribute `contract` of the award, present once signed and recorded. */
export const contractLifecycle = defineLifecycle({
  name: 'Contract',
  attribute: 'contract',
  states: ['signed'],
  refusal: () => 'the lot already has its contract',
  transitions: {
    record: {
      from: ['[*]'],
      to: 'signed',
      guard: 'signed after the standstill, not worth more than the award',
      audit: 'contract.recorded',
      items: ['award', 'tender'],
      notify: 'contract.recorded',
    },
  },
});

export const lifecycles = [
  tenderLifecycle,
  openingLifecycle,
  evaluationLifecycle,
  awardLifecycle,
  complaintLifecycle,
  contractLifecycle,
  bidVersionLifecycle,
  bidPointerLifecycle,
  documentLifecycle,
  questionLifecycle,
  contractorLifecycle,
  signingKeyLifecycle,
  planLifecycle,
  planPackageLifecycle,
] as const;

export {
  bidPointerLifecycle,
  bidVersionLifecycle,
  contractorLifecycle,
  documentLifecycle,
  planLifecycle,
  planPackageLifecycle,
  questionLifecycle,
  signingKeyLifecycle,
};
