// The only writers of an award's and a complaint's status, and of a lot's contract (awardLifecycle,
// complaintLifecycle, contractLifecycle in tables.ts), as steps for one transaction with the
// tender's own step (tender-writes.ts).
import {
  type AwardRecord,
  awardKey,
  type ComplaintRecord,
  type ContractRecord,
  complaintKey,
} from '../awards/award-store.ts';
import { tenderTable } from '../tenders/tender-store.ts';
import type { Step } from './commit.ts';
import { awardLifecycle, complaintLifecycle, contractLifecycle } from './tables.ts';

/** A lot's award: new (`make`), or replacing `existing` after an upheld complaint (`remake`). */
export function awardStep(award: Omit<AwardRecord, 'status'>, existing: AwardRecord | undefined): Step {
  const transition = existing ? 'remake' : 'make';
  const status = awardLifecycle.next(transition, existing?.status, 'award the lot');
  return {
    aggregate: 'award',
    transition,
    spec: awardLifecycle.transitions[transition],
    item: {
      Put: {
        TableName: tenderTable(),
        Item: { ...awardKey(award.tenderId, award.lotId), ...award, status },
        ...(existing
          ? { ConditionExpression: 'awardId = :old', ExpressionAttributeValues: { ':old': existing.awardId } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
  };
}

/** A lot's award with its contract: active → contracted, and the contract recorded in it. */
export function contractSteps(award: AwardRecord, contract: ContractRecord): Step[] {
  contractLifecycle.next('record', award.contract ? 'signed' : undefined);
  const status = awardLifecycle.next('contract', award.status, 'record a contract');
  return [
    {
      aggregate: 'award',
      transition: 'contract',
      spec: awardLifecycle.transitions.contract,
      item: {
        Update: {
          TableName: tenderTable(),
          Key: awardKey(award.tenderId, award.lotId),
          UpdateExpression: 'SET #status = :contracted, #contract = :contract, #version = #version + :one',
          ConditionExpression: 'awardId = :award AND #status = :active',
          ExpressionAttributeNames: { '#status': 'status', '#contract': 'contract', '#version': 'version' },
          ExpressionAttributeValues: {
            ':contracted': status,
            ':contract': contract,
            ':award': award.awardId,
            ':active': award.status,
            ':one': 1,
          },
        },
      },
    },
    // Stored inside the award (its `contract` attribute): the award's Update writes it.
    { aggregate: 'contract', transition: 'record', spec: contractLifecycle.transitions.record },
  ];
}

/** A new complaint, pending its answer. */
export function complaintFiled(complaint: Omit<ComplaintRecord, 'status'>): {
  record: ComplaintRecord;
  step: Step;
} {
  const record: ComplaintRecord = { ...complaint, status: complaintLifecycle.next('file', undefined) };
  return {
    record,
    step: {
      aggregate: 'complaint',
      transition: 'file',
      spec: complaintLifecycle.transitions.file,
      item: {
        Put: {
          TableName: tenderTable(),
          Item: { ...complaintKey(complaint.tenderId, complaint.complaintId), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
  };
}

/** The complaint answered; `extra` is stored with it but not shown (who answered). */
export function complaintAnswered(
  complaint: ComplaintRecord,
  answer: Pick<ComplaintRecord, 'answer' | 'upheld' | 'answeredAt'>,
  extra: Record<string, unknown>,
): { record: ComplaintRecord; step: Step } {
  const record: ComplaintRecord = {
    ...complaint,
    status: complaintLifecycle.next('answer', complaint.status),
    ...answer,
  };
  return {
    record,
    step: {
      aggregate: 'complaint',
      transition: 'answer',
      spec: complaintLifecycle.transitions.answer,
      item: {
        Put: {
          TableName: tenderTable(),
          Item: { ...complaintKey(complaint.tenderId, complaint.complaintId), ...record, ...extra },
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':from': complaint.status },
        },
      },
    },
  };
}
