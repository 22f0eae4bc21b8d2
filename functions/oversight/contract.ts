import * as z from 'zod';
import {
  Bundle,
  BundleQuery,
  Checkpoint,
  CheckpointParams,
  ConsistencyProof,
  ConsistencyQuery,
  EntryParams,
  EntryQuery,
  EntryWithProof,
  EventIdParams,
  EventIntegration,
  EventQueryParams,
  LoggedEvent,
  PublicKey,
} from '../../shared/audit-log/schemas.ts';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';
import { StatusHistoryEntry } from './status-history.ts';

const tags = ['oversight'];

export const oversightRoutes = {
  queryAuditEvents: defineRoute({
    operationId: 'queryAuditEvents',
    method: 'GET',
    path: '/audit/events',
    summary: 'Audit events by tender, object, actor, action and time range [from, to), oldest first',
    tags,
    auth: ['auditor'],
    query: EventQueryParams,
    response: Page(LoggedEvent),
  }),
  exportAuditBundle: defineRoute({
    operationId: 'exportAuditBundle',
    method: 'GET',
    path: '/audit/bundle',
    summary:
      'An offline-verifiable audit bundle (eproc-audit-bundle/v1) for a tender or a time range, anchored at a checkpoint',
    tags,
    auth: ['auditor'],
    query: BundleQuery,
    response: Bundle,
  }),
  getLogEntry: defineRoute({
    operationId: 'getLogEntry',
    method: 'GET',
    path: '/log/entries/{seq}',
    summary: 'A log entry with its inclusion proof against a checkpoint (default: the latest)',
    tags,
    auth: ['auditor'],
    params: EntryParams,
    query: EntryQuery,
    response: EntryWithProof,
  }),
  getConsistencyProof: defineRoute({
    operationId: 'getConsistencyProof',
    method: 'GET',
    path: '/log/consistency',
    // Hashes only, so public: anyone holding two checkpoints can check that the log only grew.
    summary: 'RFC 9162 consistency proof between two tree sizes',
    tags,
    auth: 'public',
    query: ConsistencyQuery,
    response: ConsistencyProof,
  }),
  latestCheckpoint: defineRoute({
    operationId: 'latestCheckpoint',
    method: 'GET',
    path: '/log/checkpoint',
    summary: 'The latest signed checkpoint (C2SP tlog-checkpoint note)',
    tags,
    auth: 'public',
    response: Checkpoint,
  }),
  getCheckpoint: defineRoute({
    operationId: 'getCheckpoint',
    method: 'GET',
    path: '/log/checkpoints/{treeSize}',
    summary: 'The signed checkpoint of a given tree size',
    tags,
    auth: 'public',
    params: CheckpointParams,
    response: Checkpoint,
  }),
  listCheckpoints: defineRoute({
    operationId: 'listCheckpoints',
    method: 'GET',
    path: '/log/checkpoints',
    summary: 'Every signed checkpoint, newest first, a page at a time',
    tags,
    auth: 'public',
    query: PageQuery,
    response: Page(Checkpoint),
  }),
  contractorStatusHistory: defineRoute({
    operationId: 'contractorStatusHistory',
    method: 'GET',
    path: '/contractors/{contractorId}/status-history',
    summary:
      "A contractor's status changes (suspended, debarred, lifted), newest first, from its audit events",
    tags,
    auth: ['auditor', 'admin'],
    params: z.strictObject({ contractorId: Id }),
    query: PageQuery,
    response: Page(StatusHistoryEntry),
  }),
  logPublicKey: defineRoute({
    operationId: 'logPublicKey',
    method: 'GET',
    path: '/log/public-key',
    summary: "The log's checkpoint signing key (ECDSA P-256 SPKI PEM) and its note key id",
    tags,
    auth: 'public',
    response: PublicKey,
  }),
  eventIntegration: defineRoute({
    operationId: 'eventIntegration',
    method: 'GET',
    path: '/log/events/{eventId}',
    summary:
      "Whether an audit event (a receipt's eventId) is in the log: seq, leaf hash, and inclusion proof against the latest checkpoint",
    tags,
    // Auditors and admins see any event; everyone else only events they acted in.
    auth: ['auditor', 'admin', 'contractor', 'procuring-entity'],
    params: EventIdParams,
    response: EventIntegration,
  }),
};

export type OversightRoutes = typeof oversightRoutes;
