// The DynamoDB tables, declared once: the CDK data stack and the local runtime both build them
// from this list, and handlers find their physical names through settings.

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableSpec {
  readonly description: string;
  /** Every table uses generic string keys so one item layout can hold several entity kinds. */
  readonly partitionKey: 'pk';
  readonly sortKey: 'sk';
  readonly indexes: readonly IndexSpec[];
  readonly stream?: 'NEW_IMAGE';
  readonly timeToLiveAttribute?: string;
}

const generic = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const tables = {
  tenders: {
    ...generic,
    description: 'Tenders with their revisions, documents and clarifications; procuring entities',
    indexes: [
      // Public listing: one partition per status, sorted by submission deadline.
      { name: 'byStatus', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      // A procuring entity's own tenders, drafts included, newest first.
      { name: 'byBuyer', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    ],
  },
  parties: {
    ...generic,
    description: 'Registered contractors and procuring entities (OCDS parties)',
    indexes: [{ name: 'byOwner', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  },
  bids: {
    ...generic,
    description:
      'Bid submissions under bidder pseudonyms (sealed envelope metadata, never plaintext nor who bid), receipts, idempotency keys',
    indexes: [],
    timeToLiveAttribute: 'expiresAt',
  },
  receiptBatches: {
    ...generic,
    description:
      'Receipt batches being signed: one item per window and slot holding leaf hashes only, gone after a day (docs/capacity.md P1)',
    indexes: [],
    timeToLiveAttribute: 'expiresAt',
  },
  notifications: {
    ...generic,
    description: 'Notification outbox (written with each change), followers, and delivered inboxes',
    indexes: [],
    // The notifier fans each outbox event out to inboxes from the stream.
    stream: 'NEW_IMAGE',
  },
  audit: {
    ...generic,
    description: 'Audit events written in the same transaction as each state change',
    indexes: [
      { name: 'byObject', partitionKey: 'objectKey', sortKey: 'at' },
      { name: 'byActor', partitionKey: 'actorKey', sortKey: 'at' },
      // A tender's whole history for auditors and the opening minutes; sparse (tenderId is optional).
      { name: 'byTender', partitionKey: 'tenderId', sortKey: 'at' },
    ],
    // The sequencer integrates events into the Merkle log off the request path.
    stream: 'NEW_IMAGE',
  },
  kpis: {
    ...generic,
    description:
      'Targets and KPIs: per-organisation monthly aggregates and what each source (tender, plan) contributes to them',
    indexes: [],
    // Written only by the KPI consumer of the audit stream; read by the KPI report.
  },
  log: {
    ...generic,
    description:
      'The Merkle audit log: head, entries, event-to-sequence map, hash tiles, checkpoints (rebuildable from the log bucket)',
    indexes: [
      // Oversight queries by action or by time alone: written only by the sequencer, off the request
      // path, so these index partitions are never hot for state changes.
      { name: 'byAction', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      { name: 'byTime', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    ],
    // No stream: the sequencer writes here, and must not trigger itself.
  },
  flags: {
    ...generic,
    description: 'Red-flag results computed from the OCDS bulk export, one partition per run',
    indexes: [],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof tables;
