// The only writers of an award's and a complaint's status, and of a lot's contract (awardLifecycle,
// complaintLifecycle, contractLifecycle in tables.ts), as steps for one transaction with the
// tender's own step (tender-writes.ts).
import type { AwardRecord, ComplaintRecord, ContractRecord } from '../entities/records.ts';
import { awardEntity, complaintEntity } from '../entities/tenders.ts';
import { tenderTable } from '../tenders/tender-store.ts';
import type { Step } from './commit.ts';
import { awardLifecycle, complaintLifecycle, contractLifecycle } from './tables.ts';

/** A lot's award: new (`make`), or replacing `existing` after an upheld complaint (`remake`). */
export function awardStep(
  award: Omit<AwardRecord, 'status'>,
  existing: AwardRecord | undefined,
): { record: AwardRecord; step: Step } {
  const transition = existing ? 'remake' : 'make';
  const record: AwardRecord = {
    ...award,
    status: awardLifecycle.next(transition, existing?.status, 'award the lot'),
  };
  const step: Step = {
    aggregate: 'award',
    transition,
    spec: awardLifecycle.transitions[transition],
    item: {
      Put: {
        TableName: tenderTable(),
        Item: { ...awardEntity.key(award), ...record },
        ...(existing
          ? { ConditionExpression: 'awardId = :old', ExpressionAttributeValues: { ':old': existing.awardId } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
  };
  return { record, step };
}

/** A lot's award with its contract: active → contracted, and the contract recorded in it. */
export function contractSteps(
  award: AwardRecord,
  contract: ContractRecord,
): { record: AwardRecord; steps: Step[] } {
  contractLifecycle.next('record', award.contract ? 'signed' : undefined);
  const status = awardLifecycle.next('contract', award.status, 'record a contract');
  const record: AwardRecord = { ...award, status, contract };
  const steps: Step[] = [
    {
      aggregate: 'award',
      transition: 'contract',
      spec: awardLifecycle.transitions.contract,
      item: {
        Update: {
          TableName: tenderTable(),
          Key: awardEntity.key(award),
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
  return { record, steps };
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
          Item: { ...complaintEntity.key(complaint), ...record },
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
          Item: { ...complaintEntity.key(complaint), ...record, ...extra },
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':from': complaint.status },
        },
      },
    },
  };
}
