// The real catalog plus entries exercising what it does not use yet: queue, schedule and stream
// triggers, key grants (decrypt, sign, publicKey, encrypt), bucket prefixes and queue sends.
import * as z from 'zod';
import { functionSpecs } from '../../../functions/catalog.ts';
import type { FunctionSpec } from '../../../functions/function-spec.ts';
import { defineRoute } from '../../../shared/http/route-contract.ts';

const entry = 'test/infra/fixtures/handler.ts';

export const testOnlyEntries = {
  openingTimer: {
    description: 'Test only: opens tenders when their deadline is due',
    entry,
    trigger: { kind: 'queue', queue: 'opening', batchSize: 5, maxConcurrency: 4 },
    timeoutSeconds: 60,
    grants: [
      { table: 'tenders', access: 'readWrite' },
      { table: 'audit', access: 'append' },
      { key: 'tenderKeys', access: 'decrypt' },
      { key: 'log', access: 'sign' },
      { queue: 'opening', access: 'send' },
      { bucket: 'bids', access: 'read', prefix: 'envelopes/' },
    ],
  },
  evaluationWorker: {
    description: 'Test only: evaluation steps, batches above ten messages',
    entry,
    trigger: { kind: 'queue', queue: 'evaluation', batchSize: 20 },
    timeoutSeconds: 30,
    grants: [
      { queue: 'evaluation', access: 'consume' },
      { bucket: 'bids', access: 'readWrite' },
      { key: 'receipts', access: 'publicKey' },
    ],
  },
  auditSequencer: {
    description: 'Test only: integrates audit events into the Merkle log',
    entry,
    trigger: { kind: 'stream', table: 'audit', batchSize: 100 },
    timeoutSeconds: 60,
    grants: [
      { table: 'audit', access: 'read' },
      { bucket: 'log', access: 'write', prefix: 'entries/' },
      { key: 'log', access: 'sign' },
    ],
  },
  deadlineSweep: {
    description: 'Test only: finds tenders whose deadline passed',
    entry,
    trigger: { kind: 'schedule', everyMinutes: 5 },
    grants: [
      { table: 'tenders', access: 'read' },
      { queue: 'evaluation', access: 'send' },
    ],
  },
  bidSealer: {
    description: 'Test only: wraps opening keys and signs receipts',
    entry,
    trigger: {
      kind: 'http',
      routes: [
        defineRoute({
          operationId: 'testSeal',
          method: 'POST',
          path: '/test-only/tenders/{tenderId}/seal',
          summary: 'Test only',
          tags: ['test'],
          auth: ['procuring-entity'],
          response: z.object({}),
        }),
      ],
    },
    grants: [
      { key: 'tenderKeys', access: 'encrypt' },
      { key: 'receipts', access: 'sign' },
    ],
  },
} as const satisfies Record<string, FunctionSpec>;

export const testCatalog: Record<string, FunctionSpec> = { ...functionSpecs, ...testOnlyEntries };
