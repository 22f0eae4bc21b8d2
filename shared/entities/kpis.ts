// The kpis table: stream-fed aggregates for the targets and KPIs (shared/kpis/). One item per
// organisation and month holds a cell per category × method × size class, so that a report reads
// one small item per organisation-month (never a tender); beside them, one item per source (a
// tender, a plan) says what it adds to those cells now, so a redelivered or repeated event
// changes nothing and a changed source moves its figures by the difference only.
import { defineEntity } from './define-entity.ts';

export const kpiMonthEntity = defineEntity({
  table: 'kpis',
  description: "an organisation's figures for one month, one cell per category × method × size class",
  pk: 'KPI#ORG#{organisationId}',
  sk: 'MONTH#{month}',
});

export const kpiContributionEntity = defineEntity({
  table: 'kpis',
  description: 'what one source (a tender or a plan) currently adds to the monthly aggregates',
  pk: 'KPI#SOURCE#{source}',
  sk: 'CONTRIBUTION',
});

export const kpiMonthsEntity = defineEntity({
  table: 'kpis',
  description:
    'the months that have any aggregate (a string set), so a report gets its month items by key, in batches',
  pk: 'KPI#MONTHS',
  sk: 'REGISTRY',
});
