// The tenders table's items, one partition per tender (TENDER#<tenderId>). Only META carries index
// keys: byStatus (gsi1) holds tenders that were published, one partition per status sorted by
// deadline; byBuyer (gsi2) holds every tender of an organisation.
import { defineEntity } from './define-entity.ts';

const partition = 'TENDER#{tenderId}';

export const tenderEntity = defineEntity({
  table: 'tenders',
  description: 'the current state of a tender (carries the index keys)',
  pk: partition,
  sk: 'META',
  indexes: {
    byStatus: {
      name: 'byStatus',
      pkAttribute: 'gsi1pk',
      skAttribute: 'gsi1sk',
      pk: 'STATUS#{status}',
      sk: '{submissionDeadline}#{tenderId}',
    },
    byBuyer: {
      name: 'byBuyer',
      pkAttribute: 'gsi2pk',
      skAttribute: 'gsi2sk',
      pk: 'BUYER#{buyer}',
      sk: '{tenderId}',
    },
  },
});

export const revisionEntity = defineEntity({
  table: 'tenders',
  description: 'the full snapshot of each published revision',
  pk: partition,
  sk: 'REV#{revision:6}',
});

export const questionEntity = defineEntity({
  table: 'tenders',
  description: 'a clarification question',
  pk: partition,
  sk: 'Q#{questionId}',
});

export const documentEntity = defineEntity({
  table: 'tenders',
  description: 'a bidding document',
  pk: partition,
  sk: 'DOC#{documentId}',
});

export const openingKeyEntity = defineEntity({
  table: 'tenders',
  description: "the tender's opening key (public half and the KMS-wrapped private half)",
  pk: partition,
  sk: 'OPENING_KEY',
});

export const minutesEntity = defineEntity({
  table: 'tenders',
  description: "an opening phase's record: where its signed minutes are, and its outcome",
  pk: partition,
  sk: 'MINUTES#{phase}',
});

export const evaluationEntity = defineEntity({
  table: 'tenders',
  description: 'the stage the evaluation is at',
  pk: partition,
  sk: 'EVALUATION',
});

export const eligibilityEntity = defineEntity({
  table: 'tenders',
  description: 'an eligibility verdict (pass/fail with reason)',
  pk: partition,
  sk: 'ELIG#{bidId}#{criterion}',
});

export const technicalScoreEntity = defineEntity({
  table: 'tenders',
  description: "one evaluator's technical score on one criterion",
  pk: partition,
  sk: 'TECH#{bidId}#{evaluatorId}#{criterion}',
});

export const adjustmentEntity = defineEntity({
  table: 'tenders',
  description: 'an evaluated-price adjustment (life-cycle cost, deviation)',
  pk: partition,
  sk: 'ADJ#{bidId}#{label}',
});

export const awardEntity = defineEntity({
  table: 'tenders',
  description: "the lot's award (one at a time), with its standstill and contract",
  pk: partition,
  sk: 'AWARD#{lotId}',
});

export const complaintEntity = defineEntity({
  table: 'tenders',
  description: "a bidder's complaint during the standstill and the entity's answer",
  pk: partition,
  sk: 'COMPLAINT#{complaintId}',
});
