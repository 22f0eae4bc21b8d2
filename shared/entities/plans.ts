// Contractor selection plans (KHLCNT) in the tenders table, one partition per plan (PLAN#<planId>),
// beside the tenders created from their packages. Only META carries index keys, in partitions of
// their own (no tender's STATUS#… or BUYER#… partition ever holds a plan): byStatus holds
// published plans, newest publication first; byBuyer every plan of an organisation, drafts included.
import { defineEntity } from './define-entity.ts';

const partition = 'PLAN#{planId}';

export const planEntity = defineEntity({
  table: 'tenders',
  description: 'the current state of a contractor selection plan with its packages (carries the index keys)',
  pk: partition,
  sk: 'META',
  indexes: {
    byStatus: {
      name: 'byStatus',
      pkAttribute: 'gsi1pk',
      skAttribute: 'gsi1sk',
      pk: 'PLAN_STATUS#{status}',
      sk: '{publishedAt}#{planId}',
    },
    byBuyer: {
      name: 'byBuyer',
      pkAttribute: 'gsi2pk',
      skAttribute: 'gsi2sk',
      pk: 'PLAN_BUYER#{buyer}',
      sk: '{planId}',
    },
  },
});

export const planRevisionEntity = defineEntity({
  table: 'tenders',
  description: 'the full snapshot of each published revision of a plan, with what changed',
  pk: partition,
  sk: 'REV#{revision:6}',
});

export const planPackageEntity = defineEntity({
  table: 'tenders',
  description: "a plan package's progress once it has any: the tender created from it, or its offline result",
  pk: partition,
  sk: 'PACKAGE#{packageId}',
});
