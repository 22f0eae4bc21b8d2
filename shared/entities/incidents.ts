// System incidents (the outage rule, shared/incidents/) live in the tenders table, beside the
// tenders they extend (one function's grant).
import { defineEntity } from './define-entity.ts';

export const incidentEntity = defineEntity({
  table: 'tenders',
  description:
    'the incident with its progress counters (the public list: one small partition, newest first by ULID)',
  pk: 'INCIDENTS',
  sk: 'INCIDENT#{incidentId}',
});

export const incidentWindowEntity = defineEntity({
  table: 'tenders',
  description: 'guard: one incident per window (declared twice = once)',
  pk: 'INCIDENT-WINDOW',
  sk: '{startedAt}#{fixedAt}',
});

export const incidentIdempotencyEntity = defineEntity({
  table: 'tenders',
  description: 'guard: a retried declaration finds its incident by its Idempotency-Key',
  pk: 'INCIDENT-KEY',
  sk: '{key}',
});

export const incidentOutcomeEntity = defineEntity({
  table: 'tenders',
  description: 'the outcome for one affected tender (written once: the per-tender idempotency marker)',
  pk: 'INCIDENT#{incidentId}',
  sk: 'TENDER#{tenderId}',
});
